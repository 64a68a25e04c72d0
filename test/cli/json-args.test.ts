import { langFromArgs, localToday, parseArgs } from '../../src/cli/args';
import { stringifyReport, toJsonReport } from '../../src/cli/json-output';
import { cliMessages, localeFromEnv } from '../../src/cli/messages';
import { ProgressBar } from '../../src/cli/progress';
import { ISSUES, sampleReport } from '../report/fixture';

describe('JSON output', () => {
  const json = toJsonReport(sampleReport(ISSUES));

  test('top level', () => {
    expect(json.asOf).toBe('2026-09-26');
    expect(json.stages).toEqual(['Lead', 'Target', 'Qualified', 'Proposal', 'Won']);
    expect(json.grain).toBe('week');
    expect(json.cohorts.map((c) => c.start)).toEqual(['2026-08-29', '2026-09-05', '2026-09-12', '2026-09-19']); // oldest first
  });

  test('a cohort keys every per-stage figure by stage name', () => {
    const c = json.cohorts[2];
    expect(c).toMatchObject({ start: '2026-09-12', end: '2026-09-18', leads: 558 });
    expect(c.reached).toEqual({ Lead: 558, Target: 236, Qualified: 126, Proposal: 53, Won: 23 });
    expect(Object.keys(c.stepRate)).toEqual(['Target', 'Qualified', 'Proposal', 'Won']);
    expect(c.stepRate.Target).toBeCloseTo(236 / 558, 12);
    expect(c.stepRate.Won).toBeCloseTo(23 / 53, 12);
    expect(c.overallRate.Won).toBeCloseTo(23 / 558, 12);
    expect(c.flag).toEqual({ Target: null, Qualified: null, Proposal: null, Won: 'up' });
    expect(c.immature.Won).toBe(false);
    expect(c.change.Won).toBe(0.22);
    expect(c.previous).toEqual({ start: '2026-09-05', asOf: '2026-09-19', leads: 400, reached: { Lead: 400, Target: 170, Qualified: 80, Proposal: 35, Won: 12 } });
    expect(json.cohorts[3].immature).toEqual({ Target: false, Qualified: false, Proposal: true, Won: true });
    expect(json.cohorts[3].stepRate.Won).toBeNull(); // 0/0
  });

  test('conversions by dimension and data issues', () => {
    expect(Object.keys(json.conversions.dimensions)).toEqual(['channel', 'manager']);
    expect(json.conversions.dimensions.channel!.column).toBe('Source');
    expect(json.conversions.dimensions.channel!.rows[0].reached).toEqual({ Lead: 100, Target: 60, Qualified: 30, Proposal: 10, Won: 5 });
    expect(json.dataIssues[0]).toEqual({ row: 123, column: 'Created at', value: 'soon', problem: 'Unreadable date', problemRu: 'Не удалось прочитать дату', severity: 'error', sheet: 'Leads', code: 'created.notDate', params: { reason: 'notADate' } });
  });

  test('serialises to valid JSON (non-finite numbers become null)', () => {
    const r = sampleReport();
    r.cohortReport.maturityDays[1] = Infinity;
    const back = JSON.parse(stringifyReport(r));
    expect(back.maturityDays.Target).toBeNull();
    expect(back.cohorts).toHaveLength(4);
  });
});

describe('arguments', () => {
  const m = cliMessages('en');
  test('all options, both spellings', () => {
    const r = parseArgs(['leads.csv', '--sheet', 'Лиды', '--config=f.json', '--as-of', '2026-11-22', '--grain', 'month', '--out', 'r.xlsx', '--json', 'r.json', '--lang', 'ru', '--quiet'], m);
    expect(r).toEqual({
      ok: true,
      options: { input: 'leads.csv', sheet: 'Лиды', config: 'f.json', asOf: '2026-11-22', grain: 'month', out: 'r.xlsx', json: 'r.json', lang: 'ru', quiet: true, help: false },
    });
    expect(parseArgs([], m)).toEqual({ ok: true, options: { quiet: false, help: false } });
    expect(parseArgs(['--help'], m)).toMatchObject({ ok: true, options: { help: true } });
  });

  test('--filter: repeatable, dimension=value, value may contain "=" and spaces', () => {
    const r = parseArgs(['--filter', 'channel=Google Ads', '--filter=Manager=a=b'], m);
    expect(r).toEqual({ ok: true, options: { quiet: false, help: false, filters: { channel: 'Google Ads', manager: 'a=b' } } });
    expect(parseArgs(['--filter', 'colour=red'], m)).toMatchObject({ ok: false, error: expect.stringContaining('channel|manager|product|region=VALUE') });
    expect(parseArgs(['--filter', 'channel='], m)).toMatchObject({ ok: false, error: expect.stringContaining('--filter') });
    expect(parseArgs(['--filter', 'channel'], m)).toMatchObject({ ok: false, error: expect.stringContaining('--filter') });
  });

  test('errors name the option', () => {
    expect(parseArgs(['--as-of', '2026-02-30'], m)).toEqual({ ok: false, error: '--as-of: "2026-02-30" is not valid (expected YYYY-MM-DD)' });
    expect(parseArgs(['--grain', 'day'], m)).toMatchObject({ ok: false, error: expect.stringContaining('--grain') });
    expect(parseArgs(['--out'], m)).toEqual({ ok: false, error: 'option --out needs a value' });
    expect(parseArgs(['--out', '--quiet'], m)).toEqual({ ok: false, error: 'option --out needs a value' });
    expect(parseArgs(['--frobnicate'], m)).toEqual({ ok: false, error: 'unknown option --frobnicate (see --help)' });
    expect(parseArgs(['a.csv', 'b.csv'], m)).toMatchObject({ ok: false, error: expect.stringContaining('"b.csv"') });
  });

  test('language: --lang, else LANG', () => {
    expect(langFromArgs(['x', '--lang=ru'])).toBe('ru');
    expect(langFromArgs(['--lang', 'en'])).toBe('en');
    expect(langFromArgs(['x'])).toBeUndefined();
    expect(localeFromEnv({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(localeFromEnv({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LC_ALL: 'ru_RU', LANG: 'en_US' })).toBe('ru');
    expect(localeFromEnv({})).toBe('en');
  });

  test('local today', () => {
    expect(localToday(new Date(2026, 10, 22, 23, 59))).toBe('2026-11-22');
    expect(localToday(new Date(2026, 0, 1, 0, 0))).toBe('2026-01-01');
  });
});

describe('progress bar', () => {
  function stream(isTTY: boolean) {
    const out: string[] = [];
    return { out, s: { isTTY, columns: 80, write: (x: string) => out.push(x) } };
  }

  test('silent when not a TTY or disabled', () => {
    const a = stream(false);
    new ProgressBar(a.s, { enabled: true, eager: true }).phase('read', 0.5);
    const b = stream(true);
    new ProgressBar(b.s, { enabled: false, eager: true }).phase('read', 0.5);
    expect(a.out).toEqual([]);
    expect(b.out).toEqual([]);
  });

  test('on a TTY: waits a second unless the input is large, then draws phase and percentage, and clears', () => {
    let t = 0;
    const a = stream(true);
    const bar = new ProgressBar(a.s, { enabled: true, eager: false, now: () => t });
    bar.phase('read', 0.2);
    expect(a.out).toEqual([]);
    t = 1500;
    bar.phase('parse', 0.41);
    expect(a.out).toHaveLength(1);
    expect(a.out[0]).toMatch(/^\rparse {4}\[█{10}░{14}\] {2}41%$/);
    bar.done();
    expect(a.out[1]).toMatch(/^\r +\r$/);
    const b = stream(true);
    new ProgressBar(b.s, { enabled: true, eager: true, now: () => 0 }).phase('write', 1);
    expect(b.out[0]).toContain('100%');
  });
});
