/**
 * Real data: the Olist funnel, first contact → won (the sales cycle) per SDR (`sdr_id`) and per origin,
 * checked against an independent computation here (plain Date arithmetic and a sort-based R-7
 * percentile), and the deal won before its first contact reported as a data issue at its row and left
 * out of the speed. The zone is UTC so that wall-clock differences are elapsed time (the dataset's
 * times carry no zone; see its README).
 */
import { parseConfig } from '../../src/core/config';
import { prepareRun } from '../../src/core/engine';
import { computeSpeed, type SpeedStats } from '../../src/core/sla/speed';
import { readCsvRows } from '../helpers/datasets';

const mqls = readCsvRows('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv');
const deals = readCsvRows('olist-marketing-funnel', 'olist_closed_deals_dataset.csv');
const col = (header: string[], name: string) => header.indexOf(name);
const dealBy = new Map(deals.slice(1).map((d) => [d[col(deals[0], 'mql_id')], d]));

const rows = [
  ['mql_id', 'first_contact_date', 'origin', 'sdr_id', 'won_date'],
  ...mqls.slice(1).map((m) => {
    const id = m[col(mqls[0], 'mql_id')];
    const d = dealBy.get(id);
    return [id, m[col(mqls[0], 'first_contact_date')], m[col(mqls[0], 'origin')], d ? d[col(deals[0], 'sdr_id')] : '', d ? d[col(deals[0], 'won_date')] : ''];
  }),
];

const parsed = parseConfig({
  columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin', manager: 'sdr_id' },
  stages: [{ name: 'Won', column: 'won_date' }],
  timeZone: 'UTC',
});
if (!parsed.ok) throw new Error(parsed.errors.join('; '));

/** R-7 percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  return lo + 1 < sorted.length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (rank - lo) : sorted[lo];
}

/** Days from first contact (midnight) to the win, per group, computed straight from the CSV text. */
function expected(groupOf: (row: string[]) => string): Map<string, { count: number; median: number; mean: number; p90: number }> {
  const gaps = new Map<string, number[]>();
  for (const r of rows.slice(1)) {
    if (r[4] === '') continue;
    const days = (Date.parse(`${r[4].replace(' ', 'T')}Z`) - Date.parse(`${r[1]}T00:00:00Z`)) / 86_400_000;
    if (days < 0) continue;
    const g = groupOf(r);
    gaps.set(g, [...(gaps.get(g) ?? []), days]);
  }
  const out = new Map<string, { count: number; median: number; mean: number; p90: number }>();
  for (const [g, list] of gaps) {
    const sorted = [...list].sort((a, b) => a - b);
    out.set(g, { count: sorted.length, median: percentile(sorted, 0.5), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, p90: percentile(sorted, 0.9) });
  }
  return out;
}

const prepared = prepareRun(rows, { config: parsed.config, sheet: 'olist', sourceName: 'olist', asOf: '2019-01-01', now: new Date('2019-01-01T12:00:00Z') });
if (!prepared.ok) throw new Error(prepared.error);
const run = prepared.run;
const speed = computeSpeed(run.data, run.config, { asOf: run.asOf, grain: 'month' });
const cycle = speed.pairs.find((p) => p.kind === 'salesCycle')!;

function check(actual: SpeedStats, e: { count: number; median: number; mean: number; p90: number }): void {
  expect(actual.count).toBe(e.count);
  expect(actual.medianDays).toBeCloseTo(e.median, 9);
  expect(actual.meanDays).toBeCloseTo(e.mean, 9);
  expect(actual.p90Days).toBeCloseTo(e.p90, 9);
}

test('the sales cycle over every lead: 841 deals (842 less the one won before first contact)', () => {
  const all = expected(() => 'all').get('all')!;
  expect(all.count).toBe(841);
  check(cycle.total, all);
});

test.each([
  ['manager', 3, 32],
  ['channel', 2, 11],
] as const)('per %s (column %d of the sheet): every group matches the independent computation', (dimension, column, groups) => {
  const e = expected((r) => r[column]);
  const got = cycle.slices.filter((s) => s.dimension === dimension);
  expect(got.length).toBe(e.size);
  expect(e.size).toBe(groups);
  for (const s of got) check(s.stats, e.get(s.value)!);
});

test('the deal won before its first contact is a data issue at its row, and out of the speed', () => {
  const id = 'b91cf8812365f50ff4bda4bcd6206b05';
  const rowNumber = rows.findIndex((r) => r[0] === id) + 1;
  const issues = run.dataIssues.filter((i) => i.row === rowNumber);
  expect(issues.map((i) => [i.code, i.column])).toEqual([['stage.beforeCreated', 'won_date']]);
});
