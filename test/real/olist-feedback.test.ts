/**
 * Real data: the Olist funnel with closed-loop feedback. The 842 closed deals are the leads handed to
 * sales (the only stage is Won, so it is the default hand-off stage); sr_id is the salesperson;
 * business_segment and lead_behaviour_profile are slices (product, region). A feedback history is
 * generated per deal from its id (deterministic), written as the previous Feedback tab, and run through
 * the CLI (`--feedback FILE`) and through the Sheets refresh on the fakes. Every count of the Review
 * checked here is computed in this file from the raw CSVs and the generated history, not by the engine.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runHeadlessRefresh } from '../../src/sheets/app';
import { SettingsStore } from '../../src/sheets/settings-store';
import { VERDICTS } from '../../src/core/feedback/spec';
import { createFakeServices } from '../fakes/services';
import { runCli } from '../cli/run-helper';
import { readCsvRows } from '../helpers/datasets';

const mqls = readCsvRows('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv');
const deals = readCsvRows('olist-marketing-funnel', 'olist_closed_deals_dataset.csv');
const col = (header: string[], name: string): number => header.indexOf(name);
const D = (name: string): number => col(deals[0], name);
const dealById = new Map(deals.slice(1).map((d) => [d[D('mql_id')], d]));

const LEADS = [
  ['mql_id', 'first_contact_date', 'origin', 'won_date', 'sr_id', 'business_segment', 'lead_behaviour_profile'],
  ...mqls.slice(1).map((m) => {
    const id = m[col(mqls[0], 'mql_id')];
    const d = dealById.get(id);
    return [id, m[col(mqls[0], 'first_contact_date')], m[col(mqls[0], 'origin')], d?.[D('won_date')] ?? '', d?.[D('sr_id')] ?? '', d?.[D('business_segment')] ?? '', d?.[D('lead_behaviour_profile')] ?? ''];
  }),
];

const CONFIG = {
  columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin', manager: 'sr_id', product: 'business_segment', region: 'lead_behaviour_profile' },
  stages: [{ name: 'Won', column: 'won_date' }],
  timeZone: 'America/Sao_Paulo',
  feedback: { staleDays: 30, noFeedbackDays: 14 },
};
const AS_OF = '2019-01-01';
const REASONS = ['Price', 'Timing', 'Competitor', 'False expectations about the service', 'A service we do not offer'];

interface Typed {
  verdict: string;
  reason: string;
  attempts: number | '';
  firstAttempt: string;
  /** Days from the won day to the first attempt. */
  offset: number;
}

/** The generated feedback of one deal, from its id's hex digits. */
function typedFor(id: string, wonDate: string): Typed {
  const h = parseInt(id.slice(0, 8), 16);
  const v = h % 12;
  const verdict = v < VERDICTS.length ? VERDICTS[v].label.en : '';
  const rejected = verdict.startsWith('Rejected');
  const attempts = (h >>> 8) % 6;
  const offset = (h >>> 12) % 5;
  const day = new Date(Date.UTC(+wonDate.slice(0, 4), +wonDate.slice(5, 7) - 1, +wonDate.slice(8, 10) + offset));
  return { verdict, reason: rejected ? REASONS[(h >>> 4) % REASONS.length] : '', attempts: attempts === 0 ? '' : attempts, firstAttempt: verdict === '' ? '' : day.toISOString().slice(0, 10), offset };
}

const HISTORY = deals.slice(1).map((d) => ({ id: d[D('mql_id')], won: d[D('won_date')], sr: d[D('sr_id')], segment: d[D('business_segment')], ...typedFor(d[D('mql_id')], d[D('won_date')]) }));
const originOf = new Map(LEADS.slice(1).map((r) => [r[0], r[2]]));
const FEEDBACK_HEADER = ['Lead ID', 'Sales verdict', 'Reason', 'Comment', 'Contact attempts', 'First contact attempt'];
const FEEDBACK_ROWS = [FEEDBACK_HEADER, ...HISTORY.map((h) => [h.id, h.verdict, h.reason, `note for ${h.id.slice(0, 6)}`, h.attempts, h.firstAttempt])];

/** The Review's counts, computed here from the history. */
function expected() {
  const bySr = new Map<string, { handed: number; feedback: number; accepted: number; rejected: number; byReason: Record<string, number> }>();
  const byOrigin = new Map<string, { verdicts: number; notQualified: number }>();
  let withFeedback = 0;
  let nurturing = 0;
  const offsets: number[] = [];
  const attempts: number[] = [];
  const months = new Map<string, number>();
  for (const h of HISTORY) {
    const s = bySr.get(h.sr) ?? { handed: 0, feedback: 0, accepted: 0, rejected: 0, byReason: {} };
    bySr.set(h.sr, s);
    s.handed++;
    const o = byOrigin.get(originOf.get(h.id)!) ?? { verdicts: 0, notQualified: 0 };
    byOrigin.set(originOf.get(h.id)!, o);
    months.set(h.won.slice(0, 7), (months.get(h.won.slice(0, 7)) ?? 0) + 1);
    // Attempts count whether or not a verdict was given.
    if (h.attempts !== '') attempts.push(h.attempts);
    if (h.verdict === '') continue;
    withFeedback++;
    s.feedback++;
    o.verdicts++;
    if (h.verdict === 'Accepted') s.accepted++;
    if (h.verdict.startsWith('Rejected')) {
      s.rejected++;
      s.byReason[h.reason] = (s.byReason[h.reason] ?? 0) + 1;
    }
    if (h.verdict === 'Rejected — not qualified') o.notQualified++;
    if (h.verdict === 'Back to nurturing') nurturing++;
    offsets.push(h.offset);
  }
  return { bySr, byOrigin, withFeedback, nurturing, offsets, attempts, months };
}

const E = expected();

interface ReviewJson {
  total: { handedOver: number; withFeedback: number; won: number; stalled: number };
  managers: { manager: string; handedOver: number; withFeedback: number; accepted: number; rejected: number; rejectedByReason: Record<string, number> }[];
  quality: { dimension: string; rows: { value: string; withFeedback: number; notQualified: number }[] }[];
  daysToFirstAttempt: { n: number; mean: number };
  attempts: { n: number; mean: number };
  nurturing: { sentBack: number; wonAfter: number };
  months: { month: string; handedOver: number }[];
  discuss: { lead: string; why: string }[];
}

function checkReview(review: ReviewJson): void {
  expect(review.total.handedOver).toBe(842);
  expect(review.total.withFeedback).toBe(E.withFeedback);
  expect(review.total.won).toBe(842);
  expect(review.total.stalled).toBe(0);
  expect(review.managers.length).toBe(E.bySr.size);
  for (const m of review.managers) {
    const e = E.bySr.get(m.manager)!;
    expect({ sr: m.manager, handed: m.handedOver, feedback: m.withFeedback, accepted: m.accepted, rejected: m.rejected, byReason: m.rejectedByReason }).toEqual({
      sr: m.manager,
      handed: e.handed,
      feedback: e.feedback,
      accepted: e.accepted,
      rejected: e.rejected,
      byReason: e.byReason,
    });
  }
  const channel = review.quality.find((q) => q.dimension === 'channel')!;
  for (const r of channel.rows) expect({ origin: r.value, verdicts: r.withFeedback, nq: r.notQualified }).toEqual({ origin: r.value, verdicts: E.byOrigin.get(r.value)!.verdicts, nq: E.byOrigin.get(r.value)!.notQualified });
  expect(review.quality.map((q) => q.dimension)).toEqual(['channel', 'product', 'region']);
  expect(review.daysToFirstAttempt.n).toBe(E.offsets.length);
  expect(review.daysToFirstAttempt.mean).toBeCloseTo(E.offsets.reduce((a, b) => a + b, 0) / E.offsets.length, 9);
  expect(review.attempts.n).toBe(E.attempts.length);
  expect(review.attempts.mean).toBeCloseTo(E.attempts.reduce((a, b) => a + b, 0) / E.attempts.length, 9);
  // Every Olist lead handed over is a closed (won) deal: all sent back to nurturing are won.
  expect(review.nurturing).toEqual({ sentBack: E.nurturing, wonAfter: E.nurturing });
  expect(review.months.map((m) => [m.month, m.handedOver])).toEqual([...E.months.entries()].sort());
  // Without a verdict and won long before 2019: all are overdue; the list shows the first 200.
  expect(review.discuss.length).toBe(Math.min(200, 842 - E.withFeedback));
  expect(review.discuss.every((d) => d.why === 'noFeedback')).toBe(true);
}

test('the generated history is varied enough to test something', () => {
  expect(E.withFeedback).toBeGreaterThan(500);
  expect(E.withFeedback).toBeLessThan(842);
  expect(E.nurturing).toBeGreaterThan(30);
  expect([...E.byOrigin.values()].some((o) => o.notQualified > 5)).toBe(true);
});

test('CLI: --feedback with a CSV history writes the merged Feedback tab and a Review matching the independent counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'olist-fb-'));
  const csv = (rows: (string | number)[][]): string => rows.map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\n');
  writeFileSync(join(dir, 'leads.csv'), csv(LEADS));
  writeFileSync(join(dir, 'feedback.csv'), csv(FEEDBACK_ROWS));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(CONFIG));
  const r = await runCli(['leads.csv', '--config', 'config.json', '--feedback', 'feedback.csv', '--as-of', AS_OF, '--out', 'report.xlsx', '--json', 'report.json', '--quiet'], dir);
  expect(r.stderr).toBe('funnel-report: Channels: skipped, no Spend file\n'); // no --spend: only the Channels skip line
  expect(r.code).toBe(0);
  const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { review: ReviewJson };
  checkReview(json.review);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'report.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toContain('Review');
  const ws = wb.getWorksheet('Feedback')!;
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  const at = (label: string): number => header.indexOf(label) + 1;
  expect(ws.rowCount).toBe(843);
  // Every people's cell of every lead, as typed in the history.
  for (let r = 2; r <= 843; r++) {
    const row = ws.getRow(r);
    const id = String(row.getCell(at('Lead ID')).value);
    const h = HISTORY.find((x) => x.id === id)!;
    expect([id, row.getCell(at('Sales verdict')).value ?? '', row.getCell(at('Reason')).value ?? '', row.getCell(at('First contact attempt')).value ?? '']).toEqual([id, h.verdict, h.reason, h.firstAttempt]);
    expect(String(row.getCell(at('Contact attempts')).value ?? '')).toBe(String(h.attempts));
    expect(row.getCell(at('Won / lost')).value).toBe('Won');
  }
}, 120_000);

test('Sheets refresh on the fakes: the Feedback tab keeps every typed cell and the Review tab shows the independent counts', () => {
  const w = createFakeServices({ timeZone: 'America/Sao_Paulo' });
  w.app.spreadsheet.addSheet('Leads', LEADS);
  w.app.spreadsheet.addSheet('Feedback', FEEDBACK_ROWS);
  const saved = new SettingsStore(w.properties.document).saveConfig(CONFIG);
  expect(saved.ok).toBe(true);
  const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => new Date('2019-01-01T15:00:00Z') });
  expect(out.kind).toBe('done');
  const fb = w.app.spreadsheet.sheet('Feedback');
  const values = fb.peekValues();
  const header = values[0];
  const c = (label: string): number => header.indexOf(label);
  expect(values.length).toBe(843);
  for (const line of values.slice(1)) {
    const h = HISTORY.find((x) => x.id === line[c('Lead ID')])!;
    expect([line[c('Sales verdict')], line[c('Reason')], line[c('Contact attempts')], line[c('First contact attempt')]]).toEqual([h.verdict, h.reason, h.attempts, h.firstAttempt]);
    expect(line[c('Comment')]).toBe(`note for ${h.id.slice(0, 6)}`);
    expect(line[c('Won / lost')]).toBe('Won');
  }
  const review = w.app.spreadsheet.sheet('Review').peekValues();
  const total = review.find((l) => l[0] === 'Total')!;
  expect(total.slice(1, 3)).toEqual([842, E.withFeedback]);
  for (const [sr, e] of E.bySr) {
    const line = review.find((l) => l[0] === sr)!;
    expect([line[1], line[2], line[4], line[6]]).toEqual([e.handed, e.feedback, e.accepted, e.rejected]);
  }
}, 120_000);
