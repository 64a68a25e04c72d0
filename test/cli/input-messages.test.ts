/**
 * What the CLI says about its input besides the report: detection warnings on stderr (in the chosen
 * language, also with --quiet), unusable configured columns (exit 2, named), and leads created after the
 * report date (the summary line counts the leads in the report and says how many were left out).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/run';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-warn-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { isTTY: false, write: (s: string) => err.push(s) },
    env: {},
    cwd: dir,
  });
  return { code, out: out.join(''), err: err.join('') };
}

test('a dropped stage column is printed to stderr, in Russian with --lang ru, and with --quiet', async () => {
  const csv = join(dir, 'warn.csv');
  writeFileSync(csv, 'Created at,Qualified at,Won at\n2024-01-01,soon,2024-01-09\n2024-01-02,call back,\n2024-01-03,2024-01-04,\n');
  const en = await runCli([csv, '--as-of', '2024-01-31', '--out', join(dir, 'warn.xlsx'), '--quiet']);
  expect(en.code).toBe(0);
  expect(en.err).toContain('funnel-report: Column "Qualified at" looks like a stage date column, but only 1 of 3 sampled values are dates');
  const ru = await runCli([csv, '--as-of', '2024-01-31', '--out', join(dir, 'warn.xlsx'), '--lang', 'ru']);
  expect(ru.err).toContain('Столбец «Qualified at» похож на столбец с датами этапа');
});

test('a configured column missing from the file: exit 2, naming it and the headers that exist', async () => {
  const csv = join(dir, 'cfg.csv');
  writeFileSync(csv, 'Created at,Demo at\n2024-01-01,2024-01-02\n');
  const cfg = join(dir, 'funnel.json');
  writeFileSync(cfg, JSON.stringify({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Demo', column: 'Demo date' }] }));
  const r = await runCli([csv, '--config', cfg, '--as-of', '2024-01-31', '--out', join(dir, 'cfg.xlsx'), '--quiet']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('no column "Demo date" (stage "Demo")');
  expect(r.err).toContain('"Created at", "Demo at"');
});

test('leads created after the report date: the summary counts the report\'s leads and says the rest', async () => {
  const csv = join(dir, 'late.csv');
  // 3 leads up to the report date (weeks of 2026-11-09 and 2026-11-16), 2 after it.
  writeFileSync(csv, 'Created at,Won at\n2026-11-10,\n2026-11-16,2026-11-18\n2026-11-22,\n2026-11-23,\n2026-12-01,\n');
  const en = await runCli([csv, '--as-of', '2026-11-22', '--out', join(dir, 'late.xlsx')]);
  expect(en.code).toBe(0);
  expect(en.out).toContain('late.csv · as of 2026-11-22 · 3 leads · 0 data issues\n2 leads created after 2026-11-22 are not in this report\n');
  expect(en.out).toMatch(/2026-11-16 – 2026-11-22 +2 +1/);
  expect(en.out).toMatch(/2026-11-09 – 2026-11-15 +1 +0/);
  const ru = await runCli([csv, '--as-of', '2026-11-22', '--out', join(dir, 'late.xlsx'), '--lang', 'ru']);
  expect(ru.out).toContain('лидов: 3');
  expect(ru.out).toContain('Лидов, созданных после 2026-11-22: 2; в этот отчёт они не вошли');
});

test('with --filter the summary line counts the leads the table counts', async () => {
  const csv = join(dir, 'slice.csv');
  // 3 Ads leads and 2 SEO leads in the week of 2026-11-16.
  writeFileSync(csv, 'Created at,Channel,Won at\n2026-11-16,Ads,\n2026-11-17,Ads,2026-11-18\n2026-11-18,SEO,\n2026-11-19,Ads,\n2026-11-20,SEO,\n');
  const r = await runCli([csv, '--as-of', '2026-11-22', '--filter', 'channel=Ads', '--out', join(dir, 'slice.xlsx')]);
  expect(r.code).toBe(0);
  expect(r.out).toContain('slice.csv · as of 2026-11-22 · 3 leads ·');
  expect(r.out).toMatch(/2026-11-16 – 2026-11-22 +3 +1/);
});
