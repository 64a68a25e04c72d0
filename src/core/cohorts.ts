/**
 * The weekly (monthly, quarterly) cohort report: leads grouped by the period they were created in,
 * with how many reached each later step by the report date. Definitions: DESIGN.md, "Definitions".
 */
import type { FunnelConfig } from './config';
import { isImplied, sharedFacts, type LeadFacts } from './facts';
import type { ChangeFlag, CohortReport, CohortRow, Tone } from './model';
import { periodScheme } from './periods';
import { highestDated, highestReached, isImpliedPass, sliceFilter } from './reach';
import { maturityDays } from './maturity';
import { standouts, type RateVsRest } from './standout';
import { benjaminiHochberg, bigEnoughForTest, ratio, twoProportionPValue } from './stats';
import type { Grain, IngestResult, SliceKey, WallMs } from './types';
import { DAY_MS, endOfDay, parseIsoDay, toIsoDay } from './time/wall-time';

export interface CohortOptions {
  /** Report date `YYYY-MM-DD`: timestamps after the end of this day are ignored. */
  asOf: string;
  grain?: Grain;
  filters?: Partial<Record<SliceKey, string>>;
  /** The run's per-lead facts (facts.ts); when absent (or made for another date) reach is computed per lead here. */
  facts?: LeadFacts;
  /** The run's maturity thresholds (maturity.ts, over every lead); computed here when absent. */
  maturityDays?: (number | null)[];
}

export function asOfBound(asOf: string): WallMs {
  const day = parseIsoDay(asOf);
  if (day === null) throw new RangeError(`asOf must be a YYYY-MM-DD date, got "${asOf}"`);
  return endOfDay(day);
}

/**
 * Step and overall rates. `stageUnknown` lost leads (a current-stage export says only "lost") are leads
 * in every overall rate but not in the first step's base: they are not drop-offs at the first step.
 */
function rates(leads: number, reached: number[], stageUnknown = 0): { stepRate: (number | null)[]; overallRate: (number | null)[] } {
  return {
    stepRate: reached.map((r, k) => (k === 0 ? null : ratio(r, k === 1 ? reached[0] - stageUnknown : reached[k - 1]))),
    overallRate: reached.map((r) => ratio(r, leads)),
  };
}

export function computeCohorts(data: IngestResult, config: FunnelConfig, options: CohortOptions): CohortReport {
  const leads = data.leads;
  const grain = options.grain ?? config.grain;
  const scheme = periodScheme(grain, config.weekStartsOn);
  const asOfMs = asOfBound(options.asOf);
  const steps = leads.stageTimes.length + 1;
  const keep = sliceFilter(leads, options.filters);
  const strict = config.strictOrder;

  // Pass 1: the span of periods among leads created by the report date.
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created > asOfMs || (keep && !keep(i))) continue;
    const p = scheme.indexOf(created);
    if (p < first) first = p;
    if (p > last) last = p;
  }
  const maturity = options.maturityDays ?? maturityDays(leads, asOfMs, config.maturityPercentile);
  const emptyTotal = { leads: 0, lostStageUnknown: 0, reached: new Array<number>(steps).fill(0), implied: new Array<number>(steps).fill(0), undated: new Array<number>(steps).fill(0) };
  if (first === Infinity) {
    return report([], maturity, { ...emptyTotal, ...rates(0, emptyTotal.reached) }, 0, new MatureTotals(steps).result());
  }

  const periods = last - first + 1;
  const starts: WallMs[] = [];
  for (let q = 0; q <= periods; q++) starts.push(scheme.startOf(first + q));
  // The previous cohort is compared at the age this cohort has now: period q is observed as of
  // start(q) + (asOf - start(q+1)), and only its leads created by then count.
  const compareAsOf = new Float64Array(periods);
  for (let q = 0; q < periods; q++) compareAsOf[q] = starts[q] + (asOfMs - starts[q + 1]);

  const facts = sharedFacts(leads, asOfMs, strict, options.facts);
  const reached = new Int32Array(periods * steps);
  const implied = new Int32Array(periods * steps);
  const undated = new Int32Array(periods * steps);
  // Same-age counts of passes with a known time, and of passes whose time is unknown (never age-matched).
  const prevReached = new Int32Array(periods * steps);
  const prevUndated = new Int32Array(periods * steps);
  const stageUnknown = new Int32Array(periods);

  // Pass 2: one scan; each lead adds to its cohort's counts and to its cohort's "same age" counts.
  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created > asOfMs || (keep && !keep(i))) continue;
    const q = scheme.indexOf(created) - first;
    const base = q * steps;
    const top = facts ? facts.top[i] : highestReached(leads, i, asOfMs, strict);
    for (let k = 0; k <= top; k++) reached[base + k]++;
    if (top === 0 && leads.furthestUnknown[i] === 1 && leads.lostAt[i] <= asOfMs) stageUnknown[q]++;
    if (top > 0) {
      for (let k = 1; k <= top; k++) if (facts ? isImplied(facts, i, k) : isImpliedPass(leads, i, k, asOfMs)) implied[base + k]++;
      for (let k = (facts ? facts.dated[i] : highestDated(leads, i, asOfMs, top)) + 1; k <= top; k++) undated[base + k]++;
    }
    // Reach at the earlier, per-cohort instant of the same-age comparison is not a run fact: computed here.
    const compareAt = compareAsOf[q];
    if (q < periods - 1 && created <= compareAt) {
      // Reach never grows backwards in time: a lead at step 0 by the report date was there earlier too.
      const topThen = top === 0 ? 0 : highestReached(leads, i, compareAt, strict);
      const datedThen = topThen > 0 ? highestDated(leads, i, compareAt, topThen) : 0;
      for (let k = 0; k <= datedThen; k++) prevReached[base + k]++;
      for (let k = datedThen + 1; k <= topThen; k++) prevUndated[base + k]++;
    }
  }

  const rows: CohortRow[] = [];
  const tested: { row: number; k: number; p: number; up: boolean }[] = [];
  const mature = new MatureTotals(steps);
  const total = { leads: 0, lostStageUnknown: 0, reached: new Array<number>(steps).fill(0), implied: new Array<number>(steps).fill(0), undated: new Array<number>(steps).fill(0) };
  for (let q = 0; q < periods; q++) {
    const base = q * steps;
    const rowReached = Array.from(reached.subarray(base, base + steps));
    const rowImplied = Array.from(implied.subarray(base, base + steps));
    const rowUndated = Array.from(undated.subarray(base, base + steps));
    const n = rowReached[0];
    const periodEnd = starts[q + 1] - 1;
    const ageDays = Math.floor((asOfMs - periodEnd) / DAY_MS);
    // A step whose usual time cannot be estimated (no real timestamps) is immature: nothing says it is done.
    const immature = maturity.map((days, k) => k > 0 && (days === null || ageDays < days));
    const previous = q === 0 ? null : {
      start: toIsoDay(starts[q - 1]),
      asOf: toIsoDay(compareAsOf[q - 1]),
      leads: prevReached[(q - 1) * steps],
      reached: Array.from(prevReached.subarray((q - 1) * steps, q * steps)),
    };
    const { stepRate, overallRate } = rates(n, rowReached, stageUnknown[q]);
    const change: (number | null)[] = [];
    const pValue: (number | null)[] = [];
    const flag: ChangeFlag[] = new Array<ChangeFlag>(steps).fill(null);
    const qValue: (number | null)[] = new Array<number | null>(steps).fill(null);
    for (let k = 0; k < steps; k++) {
      // Passes at an unknown time cannot be placed at an age: such a step is not compared at all.
      const undatedHere = k > 0 && (rowUndated[k] > 0 || prevUndated[(q - 1) * steps + k] > 0);
      if (!previous || undatedHere) {
        change.push(null);
        pValue.push(null);
        continue;
      }
      // Step 0 compares lead volume; later steps compare overall conversion to that step.
      const prevRate = k === 0 ? previous.leads : ratio(previous.reached[k], previous.leads);
      const curRate = k === 0 ? n : overallRate[k];
      change.push(curRate === null || prevRate === null || prevRate === 0 ? null : curRate / prevRate - 1);
      const p = k === 0 ? null : twoProportionPValue(rowReached[k], n, previous.reached[k], previous.leads);
      pValue.push(p);
      // Every cell that could be flagged joins the family the false-discovery rate is controlled over.
      const eligible = p !== null && !immature[k]
        && n >= config.minCohortSize && previous.leads >= config.minCohortSize
        && bigEnoughForTest(rowReached[k], n, previous.reached[k], previous.leads, config.minConversions);
      if (eligible) tested.push({ row: q, k, p, up: (curRate ?? 0) > (prevRate ?? 0) });
    }
    rows.push({
      start: toIsoDay(starts[q]),
      end: toIsoDay(periodEnd),
      leads: n,
      reached: rowReached,
      implied: rowImplied,
      undated: rowUndated,
      stepRate,
      overallRate,
      previous,
      change,
      pValue,
      qValue,
      flag,
      immature,
      ageDays,
      lostStageUnknown: stageUnknown[q],
      stepTone: new Array<Tone>(steps).fill(null),
      overallTone: null,
    });
    mature.add(rowReached, immature, stageUnknown[q]);
    total.leads += n;
    total.lostStageUnknown += stageUnknown[q];
    for (let k = 0; k < steps; k++) {
      total.reached[k] += rowReached[k];
      total.implied[k] += rowImplied[k];
      total.undated[k] += rowUndated[k];
    }
  }
  // Benjamini–Hochberg over every tested cell of the report: a flag is a discovery at the FDR level.
  const adjusted = benjaminiHochberg(tested.map((t) => t.p));
  tested.forEach((t, i) => {
    const row = rows[t.row];
    row.qValue[t.k] = adjusted[i];
    if (adjusted[i] <= config.significanceLevel) row.flag[t.k] = t.up ? 'up' : 'down';
  });
  addTones(rows, steps, config);
  return report(rows, maturity, { ...total, ...rates(total.leads, total.reached, total.lostStageUnknown) }, tested.length, mature.result());

  function report(
    cohorts: CohortRow[],
    maturityDays: (number | null)[],
    totals: CohortReport['total'],
    testedCells: number,
    matureTotal: CohortReport['matureTotal'],
  ): CohortReport {
    return {
      asOf: options.asOf,
      grain,
      weekStartsOn: config.weekStartsOn,
      timeZone: config.timeZone,
      stages: data.stageNames,
      filters: { ...(options.filters ?? {}) },
      cohorts,
      maturityDays,
      testedCells,
      total: totals,
      matureTotal,
    };
  }
}

/** Sums per step over the cohorts mature for that step (see CohortReport.matureTotal). */
class MatureTotals {
  private readonly leads: number[];
  private readonly reached: number[];
  private readonly previous: number[];

  constructor(steps: number) {
    this.leads = new Array<number>(steps).fill(0);
    this.reached = new Array<number>(steps).fill(0);
    this.previous = new Array<number>(steps).fill(0);
  }

  /** `stageUnknown`: lost leads at an unknown stage, left out of the first step's base (see `rates`). */
  add(reached: number[], immature: boolean[], stageUnknown: number): void {
    for (let k = 0; k < reached.length; k++) {
      if (immature[k]) continue;
      this.leads[k] += reached[0];
      this.reached[k] += reached[k];
      if (k > 0) this.previous[k] += k === 1 ? reached[0] - stageUnknown : reached[k - 1];
    }
  }

  result(): CohortReport['matureTotal'] {
    return {
      leads: [...this.leads],
      reached: [...this.reached],
      stepRate: this.reached.map((r, k) => (k === 0 ? null : ratio(r, this.previous[k]))),
      overallRate: this.reached.map((r, k) => ratio(r, this.leads[k])),
    };
  }
}

/**
 * Colours: each mature cohort's step rate (and overall rate to the last step) against the same rate over
 * the other cohorts mature for that step, false-discovery rate controlled over every cell coloured.
 */
function addTones(rows: CohortRow[], steps: number, config: FunnelConfig): void {
  const cells: RateVsRest[] = [];
  const where: { row: CohortRow; k: number }[] = [];
  const last = steps - 1;
  // k = 1..last: step rate k (its base as `rates` has it: step 1 leaves out lost leads at an unknown
  // stage); k = steps: the overall rate to the last step (with one stage and no such leads the same
  // rate as step 1: then tested once).
  const sameAsStep1 = last === 1 && rows.every((r) => r.lostStageUnknown === 0);
  for (let k = 1; k <= (sameAsStep1 ? last : steps); k++) {
    const step = k <= last ? k : last;
    const mature = rows.filter((r) => !r.immature[step]);
    const num = (r: CohortRow) => r.reached[step];
    const den = (r: CohortRow) => (k > last ? r.leads : k === 1 ? r.leads - r.lostStageUnknown : r.reached[k - 1]);
    const groupX = mature.reduce((a, r) => a + num(r), 0);
    const groupN = mature.reduce((a, r) => a + den(r), 0);
    for (const r of mature) {
      cells.push({ x: num(r), n: den(r), groupX, groupN });
      where.push({ row: r, k });
    }
  }
  standouts(cells, config).forEach((result, i) => {
    const { row, k } = where[i];
    if (k <= last) row.stepTone[k] = result.tone;
    if (k > last || sameAsStep1) row.overallTone = result.tone;
  });
}
