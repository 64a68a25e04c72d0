/**
 * The built CLI, spawned the way a user runs it (bin/funnel-report.js → build/cli/funnel-report.js).
 * All spawning tests live in this one file so only one build runs at a time.
 */
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JsonReport } from '../../src/cli/json-output';
import { run } from '../../src/cli/run';
import { SAMPLE_CONFIG, sampleLeadRows } from '../../src/core/sample-data';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/funnel-report.js');
const AS_OF = '2026-11-22';
let dir: string;

function cli(args: string[], env: Record<string, string> = {}, cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-cli-'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const oneLine = (s: string) => s.trim().split('\n').length === 1;

describe('unusable input: exit 2 with a one-line message', () => {
  test('missing file', () => {
    const r = cli(['nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`funnel-report: input file not found: ${join(dir, 'nope.csv')}\n`);
    expect(r.stdout).toBe('');
  });

  test('missing file, in Russian', () => {
    expect(cli(['nope.csv', '--lang', 'ru']).stderr).toMatch(/^funnel-report: входной файл не найден: /);
    expect(cli(['nope.csv'], { LANG: 'ru_RU.UTF-8' }).stderr).toMatch(/входной файл не найден/);
  });

  test('invalid config names the keys', () => {
    const csv = file('a.csv', 'Created at,Won at\n2026-11-02 10:00,\n');
    const cfg = file('bad.json', JSON.stringify({ columns: { createdAt: 'Created at', budget: 'Amount' }, stages: [{ name: 'Won', column: 'Won at' }], grain: 'daily' }));
    const r = cli([csv, '--config', cfg]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('columns.budget');
    expect(r.stderr).toContain('grain');
  });

  test('config that is not JSON', () => {
    const csv = file('b.csv', 'Created at\n2026-11-02\n');
    const r = cli([csv, '--config', file('broken.json', '{ columns: ')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain('broken.json');
  });

  test('no creation-date column', () => {
    const r = cli([file('c.csv', 'foo,bar\n1,2\n')]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });

  test('unreadable XLSX and bad options', () => {
    const fake = cli([file('fake.xlsx', 'not a zip')]);
    expect(fake.code).toBe(2);
    expect(oneLine(fake.stderr)).toBe(true);
    expect(fake.stderr).toContain('cannot read');
    expect(cli(['--grain', 'day']).code).toBe(2);
    expect(cli(['--bogus']).stderr).toBe('funnel-report: unknown option --bogus (see --help)\n');
  });

  test('--help exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npx funnel-report/);
  });
});

describe('demo and real runs', () => {
  let demo: JsonReport;
  const rows = sampleLeadRows({ today: AS_OF });

  beforeAll(() => {
    const r = cli(['--as-of', AS_OF, '--out', 'demo/demo.xlsx', '--json', 'demo/demo.json']);
    // Without --spend the Channels report is skipped with its one line (issue 9).
    expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
    expect(r.code).toBe(0);
    demo = JSON.parse(readFileSync(join(dir, 'demo/demo.json'), 'utf8'));
  });

  test('demo writes the three tabs and the SLA tab (the demo has sample SLA rules) and prints a summary with the absolute path', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'demo/demo.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cohorts', 'Conversions', 'Channels', 'SLA', 'Data issues']);
    expect(wb.getWorksheet('Cohorts')!.getCell('A1').value).toBe(`Weekly cohorts · as of ${AS_OF} · filters: all`);
    // the channel that looks like a formula stays text
    const cells: ExcelJS.Cell[] = [];
    wb.getWorksheet('Conversions')!.eachRow((row) => row.eachCell((c) => String(c.value).startsWith('=IMPORTXML') && cells.push(c)));
    expect(cells).toHaveLength(1);
    expect(cells[0].type).toBe(ExcelJS.ValueType.String);
    const r = cli(['--as-of', AS_OF, '--out', 'demo/again.xlsx']);
    expect(r.stdout).toContain('2026-11-16 – 2026-11-22');
    expect(r.stdout).toContain('Lead→Won');
    expect(r.stdout.trim().split('\n').pop()).toBe(`Report: ${join(dir, 'demo/again.xlsx')}`);
  });

  test('demo numbers match a count made directly from the sample rows', () => {
    const body = rows.slice(1);
    const stamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
    const valid = body.filter((r) => stamp.test(String(r[1])));
    expect(demo.asOf).toBe(AS_OF);
    expect(demo.stages).toEqual(['Lead', 'Contacted', 'Qualified', 'Proposal', 'Won']);
    expect(demo.total.leads).toBe(valid.length);
    const week = demo.cohorts.find((c) => c.start === '2026-11-09')!;
    expect(week.end).toBe('2026-11-15');
    const inWeek = valid.filter((r) => String(r[1]) >= '2026-11-09' && String(r[1]) < '2026-11-16');
    expect(week.leads).toBe(inWeek.length);
    // Won is the last stage: reached = a parseable Won timestamp, nothing implied
    expect(demo.total.reached.Won).toBe(valid.filter((r) => stamp.test(String(r[10]))).length);
    // Proposal reached = a Proposal or Won timestamp (skipped stages count as passed)
    expect(demo.total.reached.Proposal).toBe(valid.filter((r) => stamp.test(String(r[9])) || stamp.test(String(r[10]))).length);
    expect(demo.cohorts[0].start < demo.cohorts[demo.cohorts.length - 1].start).toBe(true);
    expect(demo.dataIssues.some((i) => i.value === 'sometime in May' && i.severity === 'error')).toBe(true);
  });

  test('the same rows as a semicolon CSV with a BOM give the same cohorts', () => {
    const csv = rows.map((r) => r.map((v) => (/[;"\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(';')).join('\r\n');
    const input = file('leads.csv', '\ufeff' + csv + '\r\n');
    const cfg = file('funnel.json', JSON.stringify({ columns: SAMPLE_CONFIG.columns, stages: SAMPLE_CONFIG.stages }));
    const r = cli([input, '--config', cfg, '--as-of', AS_OF, '--json', 'csv.json', '--out', 'csv.xlsx', '--quiet']);
    // Without --spend the Channels report is skipped with its one line (issue 9).
    expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
    expect(r.code).toBe(0);
    const j: JsonReport = JSON.parse(readFileSync(join(dir, 'csv.json'), 'utf8'));
    expect(j.cohorts).toEqual(demo.cohorts);
    expect(j.source).toMatchObject({ name: 'leads.csv', sheet: 'leads' });
    // The demo's issues of its sample spend (sheet "Spend") are not in a run without --spend.
    expect(j.dataIssues.map((i) => [i.row, i.column])).toEqual(demo.dataIssues.filter((i) => i.sheet !== 'Spend').map((i) => [i.row, i.column]));
  });

  test('the same rows as an XLSX with real date cells give the same cohorts in any process time zone', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лиды');
    for (const r of rows) {
      ws.addRow(
        r.map((v, i) => {
          const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(String(v));
          // exceljs stores a Date's UTC fields as the wall clock shown in Excel
          return i >= 1 && m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])) : v;
        }),
      );
    }
    ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm';
    await wb.xlsx.writeFile(join(dir, 'leads.xlsx'));
    const cfg = file('funnel2.json', JSON.stringify({ columns: SAMPLE_CONFIG.columns, stages: SAMPLE_CONFIG.stages, timeZone: 'Europe/Moscow' }));
    for (const tz of ['America/Los_Angeles', 'Asia/Tokyo']) {
      const r = cli(['leads.xlsx', '--sheet', 'Лиды', '--config', cfg, '--as-of', AS_OF, '--json', `x-${tz.replace('/', '_')}.json`, '--out', 'x.xlsx', '--quiet'], { TZ: tz });
      // Without --spend the Channels report is skipped with its one line (issue 9).
      expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
      const j: JsonReport = JSON.parse(readFileSync(join(dir, `x-${tz.replace('/', '_')}.json`), 'utf8'));
      expect(j.cohorts.map((c) => [c.start, c.leads, c.reached])).toEqual(demo.cohorts.map((c) => [c.start, c.leads, c.reached]));
      expect(j.source.sheet).toBe('Лиды');
    }
  });

  test('npm start equivalent: no arguments writes out/demo-report.xlsx under the working directory, Russian with --lang ru', async () => {
    const cwd = mkdtempSync(join(dir, 'start-'));
    const r = cli(['--lang', 'ru'], {}, cwd);
    expect(r.code).toBe(0);
    const out = join(cwd, 'out/demo-report.xlsx');
    expect(existsSync(out)).toBe(true);
    expect(r.stdout).toContain(`Отчёт: ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Когорты', 'Конверсии', 'Каналы', 'SLA', 'Ошибки данных']);
  });
});

describe('real data', () => {
  test('Maven CRM pipeline with a config: counts match the dataset README (8,800 − 500 without engage date; 4,238 won + 2,473 lost closed)', () => {
    const csv = join(ROOT, '../shared/datasets/maven-crm-sales-opportunities/sales_pipeline.csv');
    if (!existsSync(csv)) throw new Error(`dataset missing: ${csv} (shared/datasets must sit beside the repo)`);
    const cfg = file('maven.json', JSON.stringify({
      columns: { createdAt: 'engage_date', id: 'opportunity_id', manager: 'sales_agent', product: 'product', amount: 'close_value' },
      stages: [{ name: 'Closed', column: 'close_date' }],
      grain: 'month',
    }));
    const r = cli([csv, '--config', cfg, '--as-of', '2017-12-31', '--json', 'maven-out.json', '--out', 'maven.xlsx', '--quiet']);
    expect(r.code).toBe(0);
    const j: JsonReport = JSON.parse(readFileSync(join(dir, 'maven-out.json'), 'utf8'));
    expect(j.total.leads).toBe(8300);
    expect(j.total.reached.Closed).toBe(6711);
    expect(j.cohorts[0].start).toBe('2016-10-01');
    expect(j.cohorts.find((c) => c.start === '2017-03-01')?.leads).toBe(792); // README: engaged in Mar-17
  });
});

describe('run() in-process', () => {
  test('an unexpected failure exits 1 and says it is a bug', async () => {
    const err: string[] = [];
    const code = await run(['--as-of', AS_OF, '--out', join(dir, 'inproc.xlsx'), '--quiet'], {
      stdout: {
        write: () => {
          throw new Error('boom');
        },
      },
      stderr: { isTTY: false, write: (s: string) => err.push(s) },
      env: {},
      cwd: dir,
    });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/unexpected error[\s\S]*boom/);
  });
});

describe('detection warnings', () => {
  test('a stage-like column that is mostly text is named in the JSON data issues, and notes follow --lang', async () => {
    const csv = file('warn.csv', 'Created at,Qualified at,Won at\n2024-01-01,soon,2024-01-09\n2024-01-02,call back,\n2024-01-03,2024-01-04,\n');
    const out: string[] = [];
    const json = join(dir, 'warn.json');
    const code = await run([csv, '--as-of', '2024-01-31', '--out', join(dir, 'warn.xlsx'), '--json', json, '--lang', 'ru'], {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { isTTY: false, write: () => undefined },
      env: {},
      cwd: dir,
    });
    expect(code).toBe(0);
    expect(out.join('')).toContain('Этапы из столбцов с датами');
    const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
    expect(report.dataIssues.map((i) => [i.row, i.column, i.severity])).toEqual([[1, 'Qualified at', 'warning']]);
    expect(report.stages).toEqual(['Lead', 'Won']);
  });
});

describe('--filter', () => {
  const io = (out: string[], err: string[]) => ({
    stdout: { write: (s: string) => out.push(s) },
    stderr: { isTTY: false, write: (s: string) => err.push(s) },
    env: {},
    cwd: dir,
  });

  test('cohorts of one channel only: leads equal the demo rows of that channel', async () => {
    const json = join(dir, 'filtered.json');
    const code = await run(['--as-of', AS_OF, '--filter', 'channel=Referral', '--out', join(dir, 'filtered.xlsx'), '--json', json, '--quiet'], io([], []));
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as JsonReport;
    const rows = sampleLeadRows({ today: AS_OF });
    const created = rows[0].indexOf('Created at');
    const channel = rows[0].indexOf('Channel');
    // Referral rows with a creation date that parses (the demo's broken creation date is not a Referral lead).
    const expected = rows.slice(1).filter((r) => r[channel] === 'Referral' && /^\d{4}-\d{2}-\d{2}/.test(String(r[created]))).length;
    expect(report.filters).toEqual({ channel: 'Referral' });
    expect(report.cohorts.reduce((n, c) => n + c.leads, 0)).toBe(expected);
  });

  test('a filter that matches nothing warns and names the values that exist', async () => {
    const err: string[] = [];
    const code = await run(['--as-of', AS_OF, '--filter', 'channel=TV', '--out', join(dir, 'none.xlsx'), '--quiet'], io([], err));
    expect(code).toBe(0);
    expect(err.join('')).toMatch(/no leads match channel = "TV"[\s\S]*"Referral"/);
  });
});
