/**
 * Feedback tab refresh (issue 10): a keyed tab of N leads on the SpreadsheetApp fakes, sorted by people
 * and with a third of the verdicts typed, refreshed with the leads changed (one gone, 1% new). Prints,
 * per N: the service calls of the refresh (they must not grow with N), the wall time of the refresh on
 * the fakes, the time of the pure merge plan, and a naive reference in the same run: read the tab into
 * one object per row, look up each row's fresh values by key, rebuild the whole grid (people's cells
 * included) for one write. The naive grid and the merged tab must be identical: exit 1 if not.
 *
 *   node build/bench/feedback-refresh.js [count ...] [--runs N] [--json]
 */
import { feedbackSpec } from '../src/core/feedback/spec';
import { DEFAULT_REASONS } from '../src/core/feedback/config';
import { keyText, planKeyedMerge } from '../src/core/keyed-merge';
import { statusText } from '../src/core/keyed-messages';
import type { KeyedRow } from '../src/core/keyed-spec';
import type { CellValue } from '../src/core/types';
import { SheetsKeyedTabWriter, readColumnIds } from '../src/sheets/keyed-writer';
import { FakeEnv, FakeSpreadsheetApp, type FakeSheet } from '../test/fakes/spreadsheet';

const SPEC = feedbackSpec('Feedback', DEFAULT_REASONS);
const VERDICTS = ['Accepted', 'Rejected — not qualified', 'Active', 'Stalled', 'Won'];

function freshRows(n: number, from: number, seed: number): KeyedRow[] {
  const rows: KeyedRow[] = [];
  for (let i = from; i < from + n; i++) {
    rows.push({ key: `L${i}`, values: { created: `2026-0${(i % 9) + 1}-1${i % 10}`, channel: ['Ads', 'SEO', 'Referral'][i % 3], manager: `Rep ${i % 17}`, stage: ['Qualified', 'Proposal', 'Won'][(i + seed) % 3], sinceHandoff: (i * 7 + seed) % 90, sinceChange: (i * 3 + seed) % 40, outcome: (i + seed) % 5 === 0 ? 'Won' : '' } });
  }
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The naive reference: whole rows as objects by key, every cell rewritten. */
function naive(values: readonly (readonly CellValue[])[], rows: readonly KeyedRow[]): CellValue[][] {
  const header = values[0].map((h) => String(h));
  const col = new Map<string, number>();
  for (const c of [SPEC.key, ...SPEC.owned, SPEC.status, ...SPEC.human]) col.set(c.id, header.indexOf(c.label.en));
  const fresh = new Map<string, KeyedRow>();
  for (const r of rows) fresh.set(r.key, r);
  const objects = values.slice(1).map((line) => {
    const o: Record<string, CellValue> = {};
    for (const [id, j] of col) o[id] = line[j];
    return o;
  });
  const seen = new Set<string>();
  const out: CellValue[][] = [values[0].slice()];
  const put = (o: Record<string, CellValue>): void => {
    const line = new Array<CellValue>(header.length).fill('');
    for (const [id, j] of col) line[j] = o[id] ?? '';
    out.push(line);
  };
  for (const o of objects) {
    const key = keyText(o[SPEC.key.id]);
    seen.add(key);
    const f = fresh.get(key);
    if (f) for (const c of SPEC.owned) o[c.id] = f.values[c.id] ?? '';
    o[SPEC.status.id] = f ? '' : statusText(['orphaned'], 'en');
    put(o);
  }
  for (const r of rows) if (!seen.has(r.key)) put({ [SPEC.key.id]: r.key, ...r.values, [SPEC.status.id]: '' });
  return out;
}

export interface FeedbackFigure {
  rows: number;
  calls: number;
  refreshMs: number;
  planMs: number;
  naiveMs: number;
  identical: boolean;
}

function once(n: number): { figure: FeedbackFigure; sheet: FakeSheet } {
  const app = new FakeSpreadsheetApp(new FakeEnv());
  const writer = new SheetsKeyedTabWriter(app.spreadsheet, 'en', app);
  writer.mergeKeyedTab(SPEC, freshRows(n, 0, 0));
  const sheet = app.spreadsheet.sheet('Feedback');
  const verdictCol = sheet.peekValues()[0].indexOf('Sales verdict') + 1;
  for (let r = 2; r <= n + 1; r += 3) sheet.writeRaw(r, verdictCol, VERDICTS[r % VERDICTS.length]);
  sheet.sort(sheet.peekValues()[0].indexOf('Days since hand-off') + 1, false);
  const next = freshRows(n, 1, 1).concat(freshRows(Math.ceil(n / 100), n + 1, 1));
  const before = sheet.peekValues();

  let t = performance.now();
  const plan = planKeyedMerge(SPEC, { values: before, columnIds: readColumnIds(sheet, new Set()) }, next, 'en');
  const planMs = performance.now() - t;
  t = performance.now();
  const expected = naive(before, next);
  const naiveMs = performance.now() - t;

  app.calls.reset();
  t = performance.now();
  writer.mergeKeyedTab(SPEC, next);
  const refreshMs = performance.now() - t;
  const calls = app.calls.total;
  const after = sheet.peekValues();
  const identical = after.length === expected.length && after.every((line, r) => line.every((v, j) => (v ?? '') === (expected[r][j] ?? '')));
  void plan;
  return { figure: { rows: n, calls, refreshMs, planMs, naiveMs, identical }, sheet };
}

function main(): void {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  const json = args.includes('--json');
  const counts = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--runs').map(Number);
  const figures: FeedbackFigure[] = [];
  for (const n of counts.length ? counts : [1000, 100000]) {
    const all = Array.from({ length: runs }, () => once(n).figure);
    figures.push({
      rows: n,
      calls: all[0].calls,
      refreshMs: median(all.map((f) => f.refreshMs)),
      planMs: median(all.map((f) => f.planMs)),
      naiveMs: median(all.map((f) => f.naiveMs)),
      identical: all.every((f) => f.identical),
    });
  }
  if (json) console.log(JSON.stringify(figures));
  else for (const f of figures) console.log(`${f.rows} rows: ${f.calls} calls, refresh ${f.refreshMs.toFixed(0)} ms, plan ${f.planMs.toFixed(0)} ms, naive ${f.naiveMs.toFixed(0)} ms, identical ${f.identical}`);
  if (figures.some((f) => !f.identical)) process.exit(1);
}

main();
