/**
 * The Review: what both teams read at the meeting, from the handed-over leads (handed.ts) and what
 * sales typed (human.ts). Pure; the Review tab and `--json` show this model.
 *
 * Definitions (README "Review"):
 * - feedback given: the lead has a verdict from the list; accepted: the verdict is one of
 *   `acceptedVerdicts`; rates are of the leads handed over (feedback, accepted) — 0/0 is null;
 * - stalled: not won or lost in Leads, verdict not a rejection, Lost or Back to nurturing, and the last
 *   stage change older than `staleDays` (or the verdict Stalled);
 * - to discuss first: handed over more than `noFeedbackDays` ago with no verdict (oldest first), then
 *   the stalled ones (longest without a change first);
 * - wrongly qualified: verdict "Rejected — not qualified", as a share of the leads with a verdict;
 * - sales to former leads: leads ever sent back to nurturing (the verdict "Back to nurturing" now, or
 *   the Feedback tab's sticky "Sent back to nurturing (first seen)" mark) that are won in Leads.
 */
import { toIsoDay } from '../time/wall-time';
import type { WallMs } from '../types';
import type { FeedbackConfig } from './config';
import { daysBetween, type HandedLead } from './handed';
import type { HumanFeedback } from './human';
import { REJECTED, VERDICTS, verdictOf, type VerdictId } from './spec';

export interface ManagerRow {
  manager: string;
  handedOver: number;
  withFeedback: number;
  feedbackRate: number | null;
  accepted: number;
  acceptedRate: number | null;
  rejected: number;
  /** Rejections by reason (blank reason = ''). */
  rejectedByReason: Record<string, number>;
  stalled: number;
  won: number;
}

export interface DiscussRow {
  lead: string;
  manager: string;
  channel: string;
  why: 'noFeedback' | 'stalled';
  /** Days since hand-off (noFeedback) or since the last stage change (stalled). */
  days: number;
}

export interface QualityRow {
  value: string;
  handedOver: number;
  withFeedback: number;
  notQualified: number;
  share: number | null;
}

export interface Distribution {
  n: number;
  median: number | null;
  mean: number | null;
  p90: number | null;
}

export interface MonthRow {
  month: string;
  handedOver: number;
  withFeedback: number;
  accepted: number;
  rejected: number;
  won: number;
  wonAfterNurturing: number;
}

export interface ReviewModel {
  asOf: string;
  handoffStage: string;
  staleDays: number;
  noFeedbackDays: number;
  total: ManagerRow;
  managers: ManagerRow[];
  discuss: DiscussRow[];
  /** Wrongly qualified per channel, and per other marketing slice (product, region) when present. */
  quality: { dimension: 'channel' | 'product' | 'region'; rows: QualityRow[] }[];
  daysToFirstAttempt: Distribution;
  attempts: Distribution;
  /** Attempts asked: how many leads needed 1, 2, 3, 4, 5+ attempts (index 0 = 1). */
  attemptsHistogram: number[];
  nurturing: { sentBack: number; wonAfter: number };
  months: MonthRow[];
  verdictCounts: Record<VerdictId, number>;
  /** Leads handed over that have no row on the Feedback tab yet (they are appended on this refresh). */
  newLeads: number;
}

export function distribution(values: number[]): Distribution {
  if (values.length === 0) return { n: 0, median: null, mean: null, p90: null };
  const v = [...values].sort((a, b) => a - b);
  const q = (p: number): number => {
    const x = (v.length - 1) * p;
    const lo = Math.floor(x);
    return v[lo] + (v[Math.min(lo + 1, v.length - 1)] - v[lo]) * (x - lo);
  };
  return { n: v.length, median: q(0.5), mean: v.reduce((a, b) => a + b, 0) / v.length, p90: q(0.9) };
}

function rate(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

function emptyManager(manager: string): ManagerRow {
  return { manager, handedOver: 0, withFeedback: 0, feedbackRate: null, accepted: 0, acceptedRate: null, rejected: 0, rejectedByReason: {}, stalled: 0, won: 0 };
}

/** The accepted verdicts of the config as ids (labels in either language are accepted). */
export function acceptedSet(cfg: Pick<FeedbackConfig, 'acceptedVerdicts'>): Set<VerdictId> {
  return new Set(cfg.acceptedVerdicts.map(verdictOf).filter((v): v is VerdictId => v !== null));
}

const MAX_DISCUSS = 200;

export function computeReview(
  handed: readonly HandedLead[],
  human: ReadonlyMap<string, HumanFeedback>,
  cfg: FeedbackConfig,
  asOfMs: WallMs,
  asOf: string,
  handoffStage: string,
): ReviewModel {
  const accepted = acceptedSet(cfg);
  const total = emptyManager('');
  const managers = new Map<string, ManagerRow>();
  const quality = new Map<string, Map<string, QualityRow>>();
  const months = new Map<string, MonthRow>();
  const noFeedback: DiscussRow[] = [];
  const stalledRows: DiscussRow[] = [];
  const toFirst: number[] = [];
  const attempts: number[] = [];
  const histogram = [0, 0, 0, 0, 0];
  const verdictCounts = Object.fromEntries(VERDICTS.map((v) => [v.id, 0])) as Record<VerdictId, number>;
  let sentBack = 0;
  let wonAfter = 0;
  let newLeads = 0;

  for (const h of handed) {
    const fb = human.get(h.id);
    if (!fb) newLeads++;
    const verdict = fb?.verdict ?? null;
    const m = managers.get(h.manager) ?? emptyManager(h.manager);
    managers.set(h.manager, m);
    const sinceHandoff = daysBetween(h.handoffAt, asOfMs);
    const sinceChange = daysBetween(h.lastChange, asOfMs)!;
    const closed = verdict !== null && (REJECTED.has(verdict) || verdict === 'lost' || verdict === 'nurturing' || verdict === 'won');
    const stalled = !h.won && !h.lost && !closed && (verdict === 'stalled' || sinceChange > cfg.staleDays);
    for (const row of [total, m]) {
      row.handedOver++;
      if (verdict !== null) row.withFeedback++;
      if (verdict !== null && accepted.has(verdict)) row.accepted++;
      if (verdict !== null && REJECTED.has(verdict)) {
        row.rejected++;
        const reason = fb!.reason;
        row.rejectedByReason[reason] = (row.rejectedByReason[reason] ?? 0) + 1;
      }
      if (stalled) row.stalled++;
      if (h.won) row.won++;
    }
    if (verdict !== null) verdictCounts[verdict]++;
    if (verdict === null && sinceHandoff !== null && sinceHandoff > cfg.noFeedbackDays) {
      noFeedback.push({ lead: h.id, manager: h.manager, channel: h.channel, why: 'noFeedback', days: sinceHandoff });
    } else if (stalled) {
      stalledRows.push({ lead: h.id, manager: h.manager, channel: h.channel, why: 'stalled', days: sinceChange });
    }
    for (const dim of ['channel', 'product', 'region'] as const) {
      const value = h[dim];
      const byValue = quality.get(dim) ?? new Map<string, QualityRow>();
      quality.set(dim, byValue);
      const q = byValue.get(value) ?? { value, handedOver: 0, withFeedback: 0, notQualified: 0, share: null };
      byValue.set(value, q);
      q.handedOver++;
      if (verdict !== null) q.withFeedback++;
      if (verdict === 'notQualified') q.notQualified++;
    }
    if (fb?.firstAttempt !== null && fb?.firstAttempt !== undefined && h.handoffAt !== null) {
      const handoffDay = h.handoffAt - (h.handoffAt % 86_400_000);
      toFirst.push(Math.round((fb.firstAttempt - handoffDay) / 86_400_000));
    }
    if (fb?.attempts !== null && fb?.attempts !== undefined && fb.attempts > 0) {
      attempts.push(fb.attempts);
      histogram[Math.min(fb.attempts, 5) - 1]++;
    }
    // Ever sent back (the sticky mark or the verdict now): a lead won after it was moved on from "Back to nurturing" still counts.
    const nurtured = fb?.everNurturing === true;
    if (nurtured) sentBack++;
    if (nurtured && h.won) wonAfter++;
    const month = toIsoDay(h.handoffAt ?? h.created).slice(0, 7);
    const mo = months.get(month) ?? { month, handedOver: 0, withFeedback: 0, accepted: 0, rejected: 0, won: 0, wonAfterNurturing: 0 };
    months.set(month, mo);
    mo.handedOver++;
    if (verdict !== null) mo.withFeedback++;
    if (verdict !== null && accepted.has(verdict)) mo.accepted++;
    if (verdict !== null && REJECTED.has(verdict)) mo.rejected++;
    if (h.won) mo.won++;
    if (nurtured && h.won) mo.wonAfterNurturing++;
  }
  const finish = (r: ManagerRow): ManagerRow => ({ ...r, feedbackRate: rate(r.withFeedback, r.handedOver), acceptedRate: rate(r.accepted, r.handedOver) });
  noFeedback.sort((a, b) => b.days - a.days || a.lead.localeCompare(b.lead));
  stalledRows.sort((a, b) => b.days - a.days || a.lead.localeCompare(b.lead));
  return {
    asOf,
    handoffStage,
    staleDays: cfg.staleDays,
    noFeedbackDays: cfg.noFeedbackDays,
    total: finish(total),
    managers: [...managers.values()].map(finish).sort((a, b) => b.handedOver - a.handedOver || a.manager.localeCompare(b.manager)),
    discuss: [...noFeedback, ...stalledRows].slice(0, MAX_DISCUSS),
    quality: (['channel', 'product', 'region'] as const)
      .filter((d) => quality.has(d) && [...quality.get(d)!.keys()].some((k) => k !== ''))
      .map((dimension) => ({
        dimension,
        rows: [...quality.get(dimension)!.values()]
          .map((q) => ({ ...q, share: rate(q.notQualified, q.withFeedback) }))
          .sort((a, b) => b.handedOver - a.handedOver || a.value.localeCompare(b.value)),
      })),
    daysToFirstAttempt: distribution(toFirst),
    attempts: distribution(attempts),
    attemptsHistogram: histogram,
    nurturing: { sentBack, wonAfter },
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    verdictCounts,
    newLeads,
  };
}
