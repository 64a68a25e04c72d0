/**
 * Speed: the time between two real pass times (DESIGN "Times": median first, mean and 90th percentile
 * beside it, from real timestamps only), for every pair of consecutive stages, each configured
 * `speedPairs` pair and lead → last stage (the sales cycle); over every lead, by cohort and by slice;
 * in calendar time and, when `sla.calendar` is configured, in working time. A lead counts for a pair
 * when both of its times are real and on or before the end of the report day; a negative gap is left
 * out (it is a data issue at its row: negativeGapIssues).
 */
import { asOfBound } from '../cohorts';
import type { FunnelConfig } from '../config';
import { dataIssue, msg } from '../messages';
import { periodScheme } from '../periods';
import { percentileInPlace } from '../stats';
import { formatWallDateTime } from '../time/format';
import { toIsoDay } from '../time/wall-time';
import type { DataIssue, Grain, IngestResult, SliceKey } from '../types';
import { SLICE_KEYS } from '../types';
import { compileCalendar, type WorkingCalendar } from './calendar';
import { CREATED, calendarSpec } from './config';
import { DAY_MS, HOUR_MS } from './duration';
import { realInstants, stepIndex, stepTimes, toInstantFn } from './steps';

export interface SpeedStats {
  /** Leads with both real times (negative gaps left out). */
  count: number;
  medianDays: number | null;
  meanDays: number | null;
  p90Days: number | null;
  /** Working time in hours (null without a calendar or without leads). */
  workingMedianHours: number | null;
  workingMeanHours: number | null;
  workingP90Hours: number | null;
}

export type SpeedPairKind = 'step' | 'configured' | 'salesCycle';

export interface SpeedPair {
  from: string;
  to: string;
  kind: SpeedPairKind;
  total: SpeedStats;
  /** Cohorts (by creation, the run's grain) with at least one lead, oldest first. */
  cohorts: { start: string; stats: SpeedStats }[];
  /** Per slice value, largest count first. */
  slices: { dimension: SliceKey; value: string; stats: SpeedStats }[];
}

export interface SpeedReport {
  /** True when working time is shown (a global calendar is configured). */
  workingTime: boolean;
  pairs: SpeedPair[];
}

interface PairSpec {
  from: number;
  to: number;
  kind: SpeedPairKind;
}

/** Consecutive pairs, configured pairs, then lead → last stage; each (from, to) once, in that order. */
export function speedPairSpecs(config: FunnelConfig): PairSpec[] {
  const out: PairSpec[] = [];
  const seen = new Set<string>();
  const push = (from: number, to: number, kind: SpeedPairKind): void => {
    if (from < 0 || to <= from || seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    out.push({ from, to, kind });
  };
  for (let k = 1; k <= config.stages.length; k++) push(k - 1, k, 'step');
  for (const p of config.speedPairs ?? []) push(stepIndex(p.from, config), stepIndex(p.to, config), 'configured');
  const last = config.stages.length;
  // Lead → won is also the last consecutive pair with one stage; it is still named the sales cycle.
  const cycle = out.find((p) => p.from === 0 && p.to === last);
  if (cycle) cycle.kind = 'salesCycle';
  else push(0, last, 'salesCycle');
  return out;
}

function stats(gaps: Float64Array, working: Float64Array | null): SpeedStats {
  const n = gaps.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += gaps[i];
  const med = percentileInPlace(gaps, 0.5);
  const p90 = percentileInPlace(gaps, 0.9);
  let w: [number | null, number | null, number | null] = [null, null, null];
  if (working && n > 0) {
    let ws = 0;
    for (let i = 0; i < n; i++) ws += working[i];
    const wm = percentileInPlace(working, 0.5);
    const w90 = percentileInPlace(working, 0.9);
    w = [wm === null ? null : wm / HOUR_MS, ws / n / HOUR_MS, w90 === null ? null : w90 / HOUR_MS];
  }
  return {
    count: n,
    medianDays: med === null ? null : med / DAY_MS,
    meanDays: n === 0 ? null : sum / n / DAY_MS,
    p90Days: p90 === null ? null : p90 / DAY_MS,
    workingMedianHours: w[0],
    workingMeanHours: w[1],
    workingP90Hours: w[2],
  };
}

/**
 * Stats per group over the leads that have a gap: `idx[j]` is the lead of `vals[j]` (and `valsW[j]`),
 * `group[lead]` its group in 0 … groups − 1 or −1 for none; `group` null = one group of every lead.
 * `vals` and `valsW` are left as they are (each group is copied before its percentiles reorder it).
 */
function groupedStats(group: Int32Array | null, groups: number, idx: Int32Array, vals: Float64Array, valsW: Float64Array | null): SpeedStats[] {
  if (group === null) return [stats(vals.slice(), valsW ? valsW.slice() : null)];
  const n = vals.length;
  const counts = new Int32Array(groups + 1);
  for (let j = 0; j < n; j++) {
    const g = group[idx[j]];
    if (g >= 0) counts[g + 1]++;
  }
  for (let g = 0; g < groups; g++) counts[g + 1] += counts[g];
  const offsets = counts.slice();
  const flat = new Float64Array(counts[groups]);
  const flatW = valsW ? new Float64Array(counts[groups]) : null;
  for (let j = 0; j < n; j++) {
    const g = group[idx[j]];
    if (g < 0) continue;
    const at = offsets[g]++;
    flat[at] = vals[j];
    if (flatW !== null && valsW !== null) flatW[at] = valsW[j];
  }
  const out: SpeedStats[] = [];
  for (let g = 0; g < groups; g++) out.push(stats(flat.subarray(counts[g], counts[g + 1]), flatW ? flatW.subarray(counts[g], counts[g + 1]) : null));
  return out;
}

/** The global working calendar of the settings, compiled, or null. */
export function globalCalendar(config: FunnelConfig): WorkingCalendar | null {
  return config.sla?.calendar ? compileCalendar(calendarSpec(config.sla.calendar, config.timeZone)) : null;
}

export interface SpeedOptions {
  asOf: string;
  grain: Grain;
}

function stepName(k: number, data: IngestResult): string {
  return k === 0 ? CREATED : data.stageNames[k];
}

export function computeSpeed(data: IngestResult, config: FunnelConfig, options: SpeedOptions): SpeedReport {
  const leads = data.leads;
  const toInstant = toInstantFn(config.timeZone);
  const bound = toInstant(asOfBound(options.asOf));
  const calendar = globalCalendar(config);
  const instants = new Map<number, Float64Array>();
  const instantsOf = (k: number): Float64Array => {
    let v = instants.get(k);
    if (!v) instants.set(k, (v = realInstants(stepTimes(leads, k), toInstant, bound)));
    return v;
  };
  // Cohort index per lead (created by the report date), for the cohort breakdown.
  const scheme = periodScheme(options.grain, config.weekStartsOn);
  const wallBound = asOfBound(options.asOf);
  let minP = Infinity;
  let maxP = -Infinity;
  const period = new Int32Array(leads.count);
  for (let i = 0; i < leads.count; i++) {
    const c = leads.createdAt[i];
    if (c > wallBound) {
      period[i] = -1;
      continue;
    }
    const p = scheme.indexOf(c);
    period[i] = p;
    if (p < minP) minP = p;
    if (p > maxP) maxP = p;
  }
  const cohortGroup = new Int32Array(leads.count);
  for (let i = 0; i < leads.count; i++) cohortGroup[i] = period[i] < 0 ? -1 : period[i] - minP;
  const cohortCount = maxP >= minP ? maxP - minP + 1 : 0;

  const pairs: SpeedPair[] = [];
  // Reused by every pair: lead indices, gaps and working-time gaps, filled from the front.
  const idx = new Int32Array(leads.count);
  const gap = new Float64Array(leads.count);
  const working = calendar ? new Float64Array(leads.count) : null;
  for (const spec of speedPairSpecs(config)) {
    const a = instantsOf(spec.from);
    const b = instantsOf(spec.to);
    // The leads with a real, non-negative gap, once per pair: every breakdown below walks only these.
    let n = 0;
    for (let i = 0; i < leads.count; i++) {
      const d = b[i] - a[i];
      if (!(d >= 0) || period[i] < 0) continue;
      idx[n] = i;
      gap[n] = d;
      if (working && calendar) working[n] = calendar.between(a[i], b[i]);
      n++;
    }
    const ids = idx.subarray(0, n);
    const vals = gap.subarray(0, n);
    const valsW = working ? working.subarray(0, n) : null;
    const total = groupedStats(null, 1, ids, vals, valsW)[0];
    const cohortStats = groupedStats(cohortGroup, cohortCount, ids, vals, valsW);
    const cohorts = cohortStats
      .map((stats, g) => ({ start: toIsoDay(scheme.startOf(g + minP)), stats }))
      .filter((c) => c.stats.count > 0);
    const slices: SpeedPair['slices'] = [];
    for (const dimension of SLICE_KEYS) {
      const col = leads.slices[dimension];
      if (!col) continue;
      const st = groupedStats(col.codes, col.values.length, ids, vals, valsW);
      st.forEach((s, v) => {
        if (s.count > 0) slices.push({ dimension, value: col.values[v], stats: s });
      });
    }
    slices.sort((x, y) => (x.dimension === y.dimension ? y.stats.count - x.stats.count : SLICE_KEYS.indexOf(x.dimension) - SLICE_KEYS.indexOf(y.dimension)));
    pairs.push({ from: stepName(spec.from, data), to: stepName(spec.to, data), kind: spec.kind, total, cohorts, slices });
  }
  return { workingTime: calendar !== null, pairs };
}

/**
 * A stage dated before an earlier stage of a speed pair or SLA rule: one data issue per lead and pair
 * at the later stage's column. Pairs from "created" are left out: ingestion already reports a stage
 * dated before creation (stage.beforeCreated). A date-only value on the same day is not negative
 * (the same tolerance as ingestion).
 */
export function negativeGapIssues(data: IngestResult, config: FunnelConfig, sheet: string): DataIssue[] {
  const pairs = new Map<string, [number, number]>();
  for (const p of speedPairSpecs(config)) pairs.set(`${p.from}>${p.to}`, [p.from, p.to]);
  for (const r of config.sla?.rules ?? []) {
    const f = stepIndex(r.from, config);
    const t = stepIndex(r.to, config);
    if (f >= 0 && t > f) pairs.set(`${f}>${t}`, [f, t]);
  }
  const issues: DataIssue[] = [];
  const leads = data.leads;
  for (const [from, to] of pairs.values()) {
    if (from === 0) continue;
    const a = stepTimes(leads, from);
    const b = stepTimes(leads, to);
    const column = config.stages[to - 1].column ?? config.currentStage?.column ?? '';
    for (let i = 0; i < leads.count; i++) {
      const x = a[i];
      const y = b[i];
      if (!(y < x) || y === -Infinity || x !== x) continue;
      if (y % DAY_MS === 0 && Math.floor(y / DAY_MS) === Math.floor(x / DAY_MS)) continue;
      issues.push(
        dataIssue(
          { sheet, row: leads.rowNumbers[i], column, value: formatWallDateTime(y), severity: 'warning' },
          msg('speed.negativeGap', { from: data.stageNames[from], to: data.stageNames[to], fromTime: formatWallDateTime(x) }),
        ),
      );
    }
  }
  issues.sort((p, q) => p.row - q.row);
  return issues;
}
