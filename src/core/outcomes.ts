/**
 * What became of the leads: deals won (with their revenue and average size, when an amount column
 * exists) and deals lost (with their most common reasons), per cohort and per slice value, as of the
 * report date. The cohort and conversion tables count passes; this counts money and losses beside them.
 */
import type { FunnelConfig } from './config';
import { asOfBound } from './cohorts';
import { sharedFacts, type LeadFacts } from './facts';
import { periodScheme } from './periods';
import { highestReached, sliceFilter } from './reach';
import { ratio } from './stats';
import { SLICE_KEYS, type Grain, type IngestResult, type SliceKey } from './types';
import { toIsoDay } from './time/wall-time';

/** Reasons listed per row; the rest are summed into `otherReasons`. */
export const TOP_REASONS = 3;

export interface OutcomeRow {
  /** Leads that reached the last step by the report date. */
  won: number;
  /** Sum of the amount over won leads that have one; null when none has. */
  revenue: number | null;
  /** Won leads with an amount (the denominator of the average deal). */
  wonWithAmount: number;
  /** revenue / wonWithAmount; null when no won lead has an amount. */
  averageDeal: number | null;
  /** Leads lost by the report date that were not won. */
  lost: number;
  /** Of `lost`: the ones whose furthest stage is unknown (a current-stage export only says "lost"). */
  lostStageUnknown: number;
  /** The most common lost reasons, most frequent first; '' is "no reason given". */
  topReasons: { reason: string; count: number }[];
  /** Lost leads whose reason is not among `topReasons`. */
  otherReasons: number;
}

export interface CohortOutcome extends OutcomeRow {
  /** First day of the cohort period, `YYYY-MM-DD` (joins the cohort table's rows). */
  start: string;
}

export interface SliceOutcome extends OutcomeRow {
  value: string;
}

export interface OutcomeReport {
  /** True when the input has an amount column: revenue and average deal are meaningful. */
  hasAmount: boolean;
  /** True when the input says which leads were lost (a lost date/status column). */
  hasLost: boolean;
  /** One row per cohort period that has leads, oldest first. */
  cohorts: CohortOutcome[];
  total: OutcomeRow;
  /** Per slice dimension and value, over every lead created by the report date (no filter). */
  slices: { dimension: SliceKey; rows: SliceOutcome[] }[];
}

export interface OutcomeOptions {
  asOf: string;
  grain?: Grain;
  filters?: Partial<Record<SliceKey, string>>;
  /** The run's per-lead facts (facts.ts); when absent (or made for another date) reach is computed per lead here. */
  facts?: LeadFacts;
}

/** Counts per group while scanning; reasons are tallied by string. */
class OutcomeTally {
  won = 0;
  revenue = 0;
  wonWithAmount = 0;
  lost = 0;
  lostStageUnknown = 0;
  readonly reasons = new Map<string, number>();

  toRow(): OutcomeRow {
    const ranked = [...this.reasons.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const topReasons = ranked.slice(0, TOP_REASONS).map(([reason, count]) => ({ reason, count }));
    const listed = topReasons.reduce((sum, r) => sum + r.count, 0);
    return {
      won: this.won,
      revenue: this.wonWithAmount > 0 ? this.revenue : null,
      wonWithAmount: this.wonWithAmount,
      averageDeal: this.wonWithAmount > 0 ? ratio(this.revenue, this.wonWithAmount) : null,
      lost: this.lost,
      lostStageUnknown: this.lostStageUnknown,
      topReasons,
      otherReasons: this.lost - listed,
    };
  }
}

/** Adds one won (or else lost) lead to a tally. */
function tally(t: OutcomeTally, won: boolean, amount: number, stageUnknown: boolean, reason: string): void {
  if (won) {
    t.won++;
    if (amount === amount) {
      t.revenue += amount;
      t.wonWithAmount++;
    }
    return;
  }
  t.lost++;
  if (stageUnknown) t.lostStageUnknown++;
  t.reasons.set(reason, (t.reasons.get(reason) ?? 0) + 1);
}

export function computeOutcomes(data: IngestResult, config: FunnelConfig, options: OutcomeOptions): OutcomeReport {
  const leads = data.leads;
  const asOfMs = asOfBound(options.asOf);
  const lastStep = leads.stageTimes.length;
  const scheme = periodScheme(options.grain ?? config.grain, config.weekStartsOn);
  const keep = sliceFilter(leads, options.filters);
  const byPeriod = new Map<number, OutcomeTally>();
  const total = new OutcomeTally();
  const dimensions = SLICE_KEYS.filter((k) => leads.slices[k] !== undefined);
  const bySlice = dimensions.map((k) => (leads.slices[k]?.values ?? []).map(() => new OutcomeTally()));
  const sliceCodes = dimensions.map((k) => (leads.slices[k] as NonNullable<(typeof leads.slices)[SliceKey]>).codes);
  let hasAmount = false;
  let hasLost = false;
  const facts = sharedFacts(leads, asOfMs, config.strictOrder, options.facts);

  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created > asOfMs) continue;
    const amount = leads.amount[i];
    if (amount === amount) hasAmount = true;
    const lostAt = leads.lostAt[i];
    if (lostAt === lostAt) hasLost = true;
    const won = lastStep > 0 && (facts ? facts.top[i] : highestReached(leads, i, asOfMs, config.strictOrder)) === lastStep;
    // UNKNOWN_TIME (-Infinity) is "lost at an unknown time": on or before any report date.
    const lost = !won && lostAt <= asOfMs;
    if (!won && !lost) continue;
    const stageUnknown = lost && leads.furthestUnknown[i] === 1;
    const reason = lost ? (leads.lostReason[i] ?? '') : '';
    for (let d = 0; d < sliceCodes.length; d++) tally(bySlice[d][sliceCodes[d][i]], won, amount, stageUnknown, reason);
    if (keep && !keep(i)) continue;
    const p = scheme.indexOf(created);
    let period = byPeriod.get(p);
    if (!period) byPeriod.set(p, (period = new OutcomeTally()));
    tally(period, won, amount, stageUnknown, reason);
    tally(total, won, amount, stageUnknown, reason);
  }

  const cohorts = [...byPeriod.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([p, t]): CohortOutcome => ({ start: toIsoDay(scheme.startOf(p)), ...t.toRow() }));
  const slices = dimensions.map((dimension, d) => ({
    dimension,
    rows: (leads.slices[dimension]?.values ?? []).map((value, code): SliceOutcome => ({ value, ...bySlice[d][code].toRow() })),
  }));
  return { hasAmount, hasLost, cohorts, total: total.toRow(), slices };
}
