/**
 * The CLI's `--now` and the `--json` blocks `speed` and `sla` (through the report definitions' json()),
 * on examples/leads.csv with examples/funnel.json (three SLA rules on a split working day).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-helper';

const ROOT = resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-sla-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SlaJson {
  at: string;
  rules: { name: string; counts: Record<string, number>; summary: { judged: number; onTime: number; open: number } }[];
  openBreachCount: number;
  openBreaches: { rule: string; due: string; overdueMinutes: number }[];
}

async function run(now: string | null, name: string): Promise<{ sla: SlaJson; speed: { pairs: { from: string; to: string; kind: string }[] } }> {
  const args = [join(ROOT, 'examples/leads.csv'), '--config', join(ROOT, 'examples/funnel.json'), '--spend', join(ROOT, 'examples/spend.csv'), '--as-of', '2026-11-22', '--out', `${name}.xlsx`, '--json', `${name}.json`, '--quiet'];
  const r = await runCli(now === null ? args : [...args, '--now', now], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
}

test('--now sets the instant; open breaches are oldest first and grow as the instant moves on', async () => {
  const early = await run('2026-11-20T12:00:00+03:00', 'early');
  const late = await run('2026-11-21T12:00:00+03:00', 'late');
  expect(early.sla.at).toBe('2026-11-20T09:00:00.000Z');
  expect(late.sla.at).toBe('2026-11-21T09:00:00.000Z');
  expect(early.sla.rules.map((r) => r.name)).toEqual(['First contact', 'Qualification', 'Proposal']);
  for (const j of [early, late]) {
    const dues = j.sla.openBreaches.map((b) => Date.parse(b.due));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(j.sla.openBreachCount).toBe(j.sla.rules.reduce((sum, r) => sum + r.counts.open, 0));
    for (const b of j.sla.openBreaches) expect(Date.parse(b.due)).toBeLessThan(Date.parse(j.sla.at));
  }
  // A breach open on Friday noon is still open (or closed late) a day later: never back on time.
  for (const r of early.sla.rules) {
    const after = late.sla.rules.find((x) => x.name === r.name)!;
    expect(after.summary.onTime).toBeLessThanOrEqual(r.summary.onTime + (after.summary.judged - r.summary.judged));
    expect(after.summary.judged).toBeGreaterThanOrEqual(r.summary.judged);
  }
});

test('without --now a past report date is judged at the end of that day', async () => {
  const j = await run(null, 'past');
  // End of 2026-11-22 in Europe/Moscow (UTC+3).
  expect(j.sla.at).toBe('2026-11-22T20:59:59.999Z');
  expect(j.speed.pairs.map((p) => `${p.from}>${p.to}:${p.kind}`)).toEqual([
    'created>Contacted:step',
    'Contacted>Qualified:step',
    'Qualified>Proposal:step',
    'Proposal>Won:step',
    'Contacted>Proposal:configured',
    'created>Won:salesCycle',
  ]);
});

test('--now without a zone is refused with the accepted form', async () => {
  const r = await runCli([join(ROOT, 'examples/leads.csv'), '--now', '2026-11-20 12:00'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('2026-11-30T13:00:00Z');
});
