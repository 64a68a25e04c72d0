/**
 * "What lateness costs": per rule, the conversion to the next stage after `to` and to the final stage
 * of leads handled on time vs late, with the difference, its 95% interval
 * (Newcombe's hybrid score interval from two Wilson intervals) and the number of leads, per cohort
 * month of `from` and over all mature months. A difference is flagged only when the cell is mature (the
 * youngest lead of the month is older than the usual time to the target stage, maturity.ts), both
 * sides are big enough for the test (stats.bigEnoughForTest) and the two-proportion test survives the
 * Benjamini–Hochberg correction over every tested cell of the table.
 *
 * "Handled" = reached the rule's `to` stage with a real time: on time, or after the deadline. Open
 * breaches and leads lost after the deadline without reaching `to` are left out: they have not reached
 * `to`, so they could hardly reach a later stage, and counting them as "late" would manufacture a
 * difference out of the definition instead of measuring one.
 */
import { benjaminiHochberg, bigEnoughForTest, twoProportionPValue, wilsonInterval } from '../stats';
import { DAY_MS } from '../time/wall-time';
import { periodScheme } from '../periods';
import { toIsoDay } from '../time/wall-time';
import type { LeadFacts } from '../facts';
import { STATUS, type RuleEvaluation } from './breaches';
import { periodSlots } from './period-slots';

export interface CostCell {
  /** Cohort month start `YYYY-MM-01`, or 'all' for every mature month together. */
  month: string;
  onTime: { leads: number; converted: number; rate: number | null };
  late: { leads: number; converted: number; rate: number | null };
  /** On-time rate − late rate. */
  difference: number | null;
  /** 95% interval of the difference. */
  low: number | null;
  high: number | null;
  mature: boolean;
  /** Tested (mature and big enough on both sides). */
  tested: boolean;
  pValue: number | null;
  qValue: number | null;
  flagged: boolean;
}

export interface CostTarget {
  /** Funnel step index and name of the target stage. */
  step: number;
  stage: string;
  kind: 'next' | 'final';
  cells: CostCell[];
}

export interface RuleCost {
  rule: string;
  targets: CostTarget[];
}

export interface CostOptions {
  facts: LeadFacts;
  maturityDays: (number | null)[];
  stageNames: string[];
  significanceLevel: number;
  minConversions: number;
}

/** Newcombe (1998) method 10: the difference p1 − p2 with an interval from the two Wilson intervals. */
export function differenceInterval(x1: number, n1: number, x2: number, n2: number): { diff: number; low: number; high: number } | null {
  const a = wilsonInterval(x1, n1);
  const b = wilsonInterval(x2, n2);
  if (!a || !b) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  return {
    diff,
    low: diff - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: diff + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

export function latenessCost(rules: { name: string; to: number; ev: RuleEvaluation }[], opts: CostOptions): RuleCost[] {
  const last = opts.stageNames.length - 1;
  const months = periodScheme('month');
  const out: RuleCost[] = [];
  const tested: CostCell[] = [];
  const pValues: number[] = [];
  for (const { name, to, ev } of rules) {
    const targets: CostTarget[] = [];
    const steps: [number, 'next' | 'final'][] = [];
    if (to + 1 < last) steps.push([to + 1, 'next']);
    if (to < last) steps.push([last, 'final']);
    const perTarget = monthTotals(ev, steps.map(([step]) => step), opts.facts.top, months);
    steps.forEach(([step, kind], t) => {
      const byMonth = perTarget[t];
      const thresholdDays = opts.maturityDays[step];
      const cells: CostCell[] = [];
      const all = [0, 0, 0, 0];
      for (const m of [...byMonth.keys()].sort((x, y) => x - y)) {
        const r = byMonth.get(m)!;
        // Mature when the month's youngest lead is older than the usual time to the target stage.
        const mature = thresholdDays !== null && thresholdDays !== undefined && opts.facts.asOfMs - r[4] >= thresholdDays * DAY_MS;
        cells.push(cell(toIsoDay(months.startOf(m)), r, mature, opts.minConversions));
        if (mature) for (let k = 0; k < 4; k++) all[k] += r[k];
      }
      cells.push(cell('all', all, all[0] + all[2] > 0, opts.minConversions));
      for (const c of cells) {
        if (c.tested && c.pValue !== null) {
          tested.push(c);
          pValues.push(c.pValue);
        }
      }
      targets.push({ step, stage: opts.stageNames[step], kind, cells });
    });
    out.push({ rule: name, targets });
  }
  const q = benjaminiHochberg(pValues);
  tested.forEach((c, i) => {
    c.qValue = q[i];
    c.flagged = q[i] <= opts.significanceLevel;
  });
  return out;
}

/**
 * One pass over the leads of a rule: per target and cohort month of `from`, [on-time leads, on-time
 * converted, late leads, late converted, youngest `from` (wall)]. Flat typed-array counters per month
 * slot (period-slots.ts): a million leads cost a few milliseconds.
 */
function monthTotals(ev: RuleEvaluation, targets: number[], top: ArrayLike<number>, months: ReturnType<typeof periodScheme>): Map<number, number[]>[] {
  const T = targets.length;
  const status = ev.status;
  const response = ev.response;
  const fromWall = ev.fromWall;
  const slots = periodSlots(months);
  let counts = new Float64Array(64 * T * 4);
  let youngest = new Float64Array(64).fill(-Infinity);
  for (let i = 0; i < status.length; i++) {
    const s = status[i];
    let late: number;
    if (s === STATUS.onTime) late = 0;
    else if (s === STATUS.closedLate && response[i] === response[i]) late = 2;
    else continue;
    const wall = fromWall[i];
    const slot = slots.slotOf(wall);
    if (slot === youngest.length) {
      const c = new Float64Array(counts.length * 2);
      c.set(counts);
      counts = c;
      const y = new Float64Array(youngest.length * 2).fill(-Infinity);
      y.set(youngest);
      youngest = y;
    }
    if (wall > youngest[slot]) youngest[slot] = wall;
    const reached = top[i];
    let at = slot * T * 4 + late;
    for (let t = 0; t < T; t++, at += 4) {
      counts[at]++;
      if (reached >= targets[t]) counts[at + 1]++;
    }
  }
  return targets.map((_, t) => {
    const byMonth = new Map<number, number[]>();
    slots.periods.forEach((m, k) => {
      const at = (k * T + t) * 4;
      byMonth.set(m, [counts[at], counts[at + 1], counts[at + 2], counts[at + 3], youngest[k]]);
    });
    return byMonth;
  });
}

function cell(month: string, r: number[], mature: boolean, minConversions: number): CostCell {
  const [n1, x1, n2, x2] = r;
  const d = differenceInterval(x1, n1, x2, n2);
  const big = bigEnoughForTest(x1, n1, x2, n2, minConversions);
  const p = mature && big ? twoProportionPValue(x1, n1, x2, n2) : null;
  return {
    month,
    onTime: { leads: n1, converted: x1, rate: n1 === 0 ? null : x1 / n1 },
    late: { leads: n2, converted: x2, rate: n2 === 0 ? null : x2 / n2 },
    difference: d ? d.diff : null,
    low: d ? d.low : null,
    high: d ? d.high : null,
    mature,
    tested: p !== null,
    pValue: p,
    qValue: null,
    flagged: false,
  };
}
