/** `--column ROLE="Header"` maps columns without a config file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../src/cli/args';
import type { JsonReport } from '../../src/cli/json-output';
import { cliMessages } from '../../src/cli/messages';
import { runCli } from './run-helper';

// Headers no detection rule knows.
const CSV = ['Arrived,Source X,Demo date,Paid on,Owner',
  '2026-11-02,Ads,2026-11-03,,Ann',
  '2026-11-03,Ads,,2026-11-10,Bob',
  '2026-11-04,SEO,,,Ann',
  '2026-11-05,SEO,2026-11-06,2026-11-09,Ann'].join('\n') + '\n';
const MAP = ['--column', 'createdAt=Arrived', '--column', 'channel="Source X"', '--column', 'stage:Demo=Demo date', '--column', 'stage:Won=Paid on'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-col-'));
  writeFileSync(join(dir, 'leads.csv'), CSV);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as JsonReport;

test('without --column the file is unusable; with it the report counts every lead', async () => {
  expect((await runCli(['leads.csv', '--out', 'a.xlsx'], dir)).code).toBe(2);
  const r = await runCli(['leads.csv', ...MAP, '--as-of', '2026-11-22', '--out', 'a.xlsx', '--json', 'a.json', '--quiet'], dir);
  // Without --spend the Channels report is skipped with its one line (issue 9).
  expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
  expect(r.code).toBe(0);
  const j = json('a.json');
  expect(j.stages).toEqual(['Lead', 'Demo', 'Won']);
  // all four in the week of Mon 2026-11-02; Demo reached by leads 1 and 4, and by lead 2 through its payment
  expect(j.cohorts.map((c) => [c.start, c.leads, c.reached])).toEqual([['2026-11-02', 4, { Lead: 4, Demo: 3, Won: 2 }]]);
  expect(j.cohorts[0].implied.Demo).toBe(1);
  expect(j.conversions.dimensions.channel!.column).toBe('Source X');
  expect(j.conversions.dimensions.channel!.rows.map((x) => [x.value, x.leads])).toEqual([['Ads', 2], ['SEO', 2]]);
});

test('a header that does not exist: exit 2 naming it and the headers that do', async () => {
  const r = await runCli(['leads.csv', ...MAP, '--column', 'manager=Manager'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('manager="Manager"');
  expect(r.stderr).toContain('"Arrived", "Source X", "Demo date", "Paid on", "Owner"');
  const ru = await runCli(['leads.csv', '--column', 'createdAt=Создан', '--lang', 'ru'], dir);
  expect(ru.code).toBe(2);
  expect(ru.stderr).toContain('такого столбца нет');
});

test('on top of a config file: the option wins for its field, the rest of the config stays', async () => {
  writeFileSync(join(dir, 'funnel.json'), JSON.stringify({
    columns: { createdAt: 'Arrived', channel: 'Owner' },
    stages: [{ name: 'Demo', column: 'Demo date' }],
    grain: 'month',
  }));
  const r = await runCli(['leads.csv', '--config', 'funnel.json', '--column', 'channel=Source X', '--as-of', '2026-11-22', '--out', 'b.xlsx', '--json', 'b.json', '--quiet'], dir);
  expect(r.code).toBe(0);
  const j = json('b.json');
  expect(j.grain).toBe('month');
  expect(j.stages).toEqual(['Lead', 'Demo']);
  expect(j.conversions.dimensions.channel!.column).toBe('Source X');
});

test('option syntax', () => {
  const m = cliMessages('en');
  expect(parseArgs(['x.csv', '--column', 'createdat="Created"', '--column=stage: Demo = Demo date', '--column', "lostReason='Why'"], m)).toEqual({
    ok: true,
    options: {
      input: 'x.csv', quiet: false, help: false,
      columns: [{ role: 'createdAt', header: 'Created' }, { stage: 'Demo', header: 'Demo date' }, { role: 'lostReason', header: 'Why' }],
    },
  });
  for (const bad of ['budget=Amount', 'createdAt=', '=Created', 'Created']) {
    const r = parseArgs(['--column', bad], m);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('createdAt, id, channel');
  }
});
