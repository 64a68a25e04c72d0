/**
 * Stage-to-stage conversion per slice value (channel, manager, product, region) for the leads
 * created in a date range, counted as of the report date: where is the bottleneck, and for whom.
 *
 * Immature leads are treated as on the Cohorts tab: step k counts only the leads old enough for it
 * (created at least the usual time to reach k, maturityDays[k], before the end of the report date), so
 * a slice with many recent leads does not look worse for it. Step k's "reached" and rates are over those
 * leads: overall = reached k / leads counted for k, step = reached k / how many of them reached k − 1.
 * A step whose usual time cannot be estimated counts every lead and is not judged (no marks).
 * A lost lead whose furthest stage is unknown (a current-stage export says only "lost") counts as a lead
 * in every overall rate but in no step rate: it is not a drop-off at the first step.
 * Each slice value's rates are tested against all other leads (the rest of the same population), with
 * the same minimum sizes and one false-discovery-rate control over every cell of the tab.
 */
import type { FunnelConfig } from './config';
import { asOfBound } from './cohorts';
import { sharedFacts, type LeadFacts } from './facts';
import { maturityDays } from './maturity';
import type { ConversionReport, SliceConversionRow, SliceConversionTable } from './model';
import { highestReached, sliceFilter } from './reach';
import { standouts, type RateVsRest } from './standout';
import { ratio } from './stats';
import { SLICE_KEYS, type IngestResult, type SliceKey } from './types';
import { DAY_MS, parseIsoDay, toIsoDay } from './time/wall-time';

export interface ConversionOptions {
  asOf: string;
  /** First creation day included, `YYYY-MM-DD`; default: the earliest lead. */
  from?: string;
  /** Last creation day included, `YYYY-MM-DD`; default and upper bound: the report date. */
  to?: string;
  /** The same slice filters as the Cohorts tab (the rest of each test is the rest of the filtered leads). */
  filters?: Partial<Record<SliceKey, string>>;
  /** Maturity thresholds when already computed (the Cohorts tab's); computed over every lead otherwise. */
  maturityDays?: (number | null)[];
  /** The run's per-lead facts (facts.ts); when absent (or made for another date) reach is computed per lead here. */
  facts?: LeadFacts;
}

/**
 * Which steps a lead is counted for depends only on where its creation time falls among the steps'
 * last counted times, so leads fall into at most steps + 1 "age classes"; with its highest step that
 * makes one key per lead, and each slice only increments a histogram of keys (one add per lead).
 */
class AgeClasses {
  /** Per step: rank of its last counted time among the distinct ones (ascending). */
  private readonly rank: number[];
  private readonly bounds: number[];

  constructor(latest: number[]) {
    this.bounds = [...new Set(latest)].sort((a, b) => a - b);
    this.rank = latest.map((t) => this.bounds.indexOf(t));
  }

  get count(): number {
    return this.bounds.length + 1;
  }

  /** Class of a creation time: how many last-counted times are before it. */
  classOf(created: number): number {
    let c = 0;
    while (c < this.bounds.length && this.bounds[c] < created) c++;
    return c;
  }

  counted(k: number, cls: number): boolean {
    return this.rank[k] >= cls;
  }

  /**
   * A slice row from its histogram of keys (class × (steps + 1) + highest step); the extra slot
   * `steps` holds lost leads whose furthest stage is unknown.
   */
  row(value: string, hist: Int32Array, offset: number, steps: number): SliceConversionRow {
    const counted = new Array<number>(steps).fill(0);
    const reached = new Array<number>(steps).fill(0);
    const stepBase = new Array<number>(steps).fill(0);
    for (let cls = 0; cls < this.count; cls++) {
      for (let top = 0; top <= steps; top++) {
        const n = hist[offset + cls * (steps + 1) + top];
        if (n === 0) continue;
        const stageUnknown = top === steps;
        for (let k = 0; k < steps; k++) {
          if (!this.counted(k, cls)) continue;
          counted[k] += n;
          if (stageUnknown) {
            if (k === 0) reached[0] += n;
            continue;
          }
          if (top >= k) reached[k] += n;
          if (k > 0 && top >= k - 1) stepBase[k] += n;
        }
      }
    }
    return {
      value,
      leads: counted[0],
      counted,
      reached,
      stepBase,
      stepRate: reached.map((r, k) => (k === 0 ? null : ratio(r, stepBase[k]))),
      overallRate: reached.map((r, k) => ratio(r, counted[k])),
      stepTone: reached.map(() => null),
      overallTone: null,
    };
  }
}

export function computeSliceConversions(data: IngestResult, config: FunnelConfig, options: ConversionOptions): ConversionReport {
  const leads = data.leads;
  const asOfMs = asOfBound(options.asOf);
  const fromMs = options.from !== undefined ? parseIsoDay(options.from) : -Infinity;
  const toDay = options.to !== undefined ? parseIsoDay(options.to) : null;
  if (fromMs === null) throw new RangeError(`from must be a YYYY-MM-DD date, got "${options.from}"`);
  if (options.to !== undefined && toDay === null) throw new RangeError(`to must be a YYYY-MM-DD date, got "${options.to}"`);
  const toMs = Math.min(asOfMs, toDay === null ? Infinity : asOfBound(options.to as string));
  const steps = leads.stageTimes.length + 1;
  const keep = sliceFilter(leads, options.filters);
  const maturity = options.maturityDays ?? maturityDays(leads, asOfMs, config.maturityPercentile);
  const judged = maturity.map((d, k) => k > 0 && d !== null);
  // Latest creation time counted for step k: old enough to have had the usual time to reach it.
  const latest = maturity.map((d, k) => (k === 0 || d === null ? toMs : Math.min(toMs, asOfMs - d * DAY_MS)));

  // One scan computes every lead's key (age class × steps + highest step) once; each slice then only tallies.
  const classes = new AgeClasses(latest);
  const facts = sharedFacts(leads, asOfMs, config.strictOrder, options.facts);
  const keys = classes.count * (steps + 1);
  const key = new Int32Array(leads.count).fill(-1);
  const totalHist = new Int32Array(keys);
  let earliest = Infinity;
  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created < fromMs || created > toMs || (keep && !keep(i))) continue;
    const top = facts ? facts.top[i] : highestReached(leads, i, asOfMs, config.strictOrder);
    const stageUnknown = top === 0 && leads.furthestUnknown[i] === 1 && leads.lostAt[i] <= asOfMs;
    key[i] = classes.classOf(created) * (steps + 1) + (stageUnknown ? steps : top);
    totalHist[key[i]]++;
    if (created < earliest) earliest = created;
  }

  const tables: SliceConversionTable[] = [];
  for (const dimension of SLICE_KEYS) {
    const column = leads.slices[dimension];
    if (!column) continue;
    const hist = new Int32Array(column.values.length * keys);
    for (let i = 0; i < leads.count; i++) {
      if (key[i] >= 0) hist[column.codes[i] * keys + key[i]]++;
    }
    const rows: SliceConversionRow[] = [];
    column.values.forEach((value, code) => {
      const row = classes.row(value, hist, code * keys, steps);
      if (row.leads > 0) rows.push(row);
    });
    rows.sort((a, b) => b.leads - a.leads || a.value.localeCompare(b.value));
    tables.push({ dimension, column: config.columns[dimension] ?? dimension, rows });
  }
  const totalRow = classes.row('', totalHist, 0, steps);
  markStandouts(tables, totalRow, judged, config);

  return {
    asOf: options.asOf,
    from: options.from ?? (earliest === Infinity ? options.asOf : toIsoDay(earliest)),
    to: toIsoDay(toMs),
    stages: data.stageNames,
    filters: { ...(options.filters ?? {}) },
    countedTo: latest.map((t, k) => (k > 0 && !judged[k] ? null : toIsoDay(t))),
    total: totalRow,
    tables,
  };
}

/** Every judged step rate and overall rate of every slice value against all other leads; one BH family. */
function markStandouts(tables: SliceConversionTable[], total: SliceConversionRow, judged: boolean[], config: FunnelConfig): void {
  const last = total.reached.length - 1;
  const cells: RateVsRest[] = [];
  const where: { row: SliceConversionRow; k: number }[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      for (let k = 1; k <= last; k++) {
        if (!judged[k]) continue;
        cells.push({ x: row.reached[k], n: row.stepBase[k], groupX: total.reached[k], groupN: total.stepBase[k] });
        where.push({ row, k });
      }
      // With one stage the overall rate is step 1's rate: tested once.
      if (judged[last] && last > 1) {
        cells.push({ x: row.reached[last], n: row.counted[last], groupX: total.reached[last], groupN: total.counted[last] });
        where.push({ row, k: last + 1 });
      }
    }
  }
  standouts(cells, config).forEach((result, i) => {
    const { row, k } = where[i];
    if (k <= last) row.stepTone[k] = result.tone;
    if (k > last || last === 1) row.overallTone = result.tone;
  });
}
