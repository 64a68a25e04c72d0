/**
 * SLA breaches at an instant (DESIGN "SLA rule"). Per lead and rule, at the instant `now`:
 *
 * - onTime: `to` reached (a real time by now) at or before the deadline;
 * - closedLate: `to` reached after the deadline (by `lateMs`), or the lead was lost after the deadline
 *   without reaching `to` (the deadline was missed; nothing is left to do, so it is not open);
 * - open: the deadline has passed, `to` is not reached and the lead is not lost;
 * - pending: the deadline is still ahead (not counted in "% on time" yet);
 * - notApplicable: `from` not reached; a pass time unknown (an implied or current-stage pass of `from`
 *   or `to`); lost before the deadline without reaching `to`; `to` dated before `from` (a data issue).
 *
 * The deadline is `from` + limit in the rule's working calendar (rule, else global, else calendar time),
 * and overdue/late times are measured in that same time. Only times on or before `now` are seen.
 */
import type { FunnelConfig } from '../config';
import type { IngestResult, WallMs } from '../types';
import { compileCalendar, type WorkingCalendar } from './calendar';
import { calendarSpec, type SlaRuleConfig } from './config';
import { parseDuration } from './duration';
import { realInstants, stepIndex, stepTimes } from './steps';

export const STATUS = { notApplicable: 0, pending: 1, onTime: 2, closedLate: 3, open: 4 } as const;
export type StatusCode = (typeof STATUS)[keyof typeof STATUS];

/** Why a lead is not applicable to a rule. */
export const NA_REASON = { none: 0, fromNotReached: 1, unknownTime: 2, lostBeforeDeadline: 3, negativeGap: 4 } as const;

/** A rule ready to evaluate. */
export interface CompiledRule {
  rule: SlaRuleConfig;
  from: number;
  to: number;
  limitMs: number;
  calendar: WorkingCalendar | null;
}

export function compileRules(config: FunnelConfig): CompiledRule[] {
  const sla = config.sla;
  if (!sla) return [];
  const global = sla.calendar ? compileCalendar(calendarSpec(sla.calendar, config.timeZone)) : null;
  const out: CompiledRule[] = [];
  for (const rule of sla.rules) {
    const from = stepIndex(rule.from, config);
    const to = stepIndex(rule.to, config);
    const limitMs = parseDuration(rule.limit);
    if (from < 0 || to < 0 || limitMs === null) continue; // parseSlaConfig rejected these already
    const calendar = rule.calendar ? compileCalendar(calendarSpec({ ...(sla.calendar ?? {}), ...rule.calendar }, config.timeZone)) : global;
    out.push({ rule, from, to, limitMs, calendar });
  }
  return out;
}

/** Per-lead outcome of one rule (typed arrays: a million leads × a few rules stay cheap). */
export interface RuleEvaluation {
  status: Uint8Array;
  reason: Uint8Array;
  /** Instant of `from` (NaN when not applicable for want of it). */
  fromAt: Float64Array;
  /** Wall-clock time of `from` in the report's zone (the lead table's own column, not a copy). */
  fromWall: Float64Array;
  /** Deadline instant (NaN when `from` is not usable). */
  due: Float64Array;
  /** Response time from → to in the rule's time (NaN when `to` not reached). */
  response: Float64Array;
  /** onTime/closedLate: late by (≤ 0 on time; NaN for a lost lead). open: overdue by, at now. */
  late: Float64Array;
}

/**
 * Evaluates one rule over every lead created by `now`. `toInstant` turns the table's wall times (in
 * the report's zone) into instants. `later[k]` answers "has step k or a later stage any time by now"
 * (an implied pass of k), computed from the table.
 */
export function evaluateRule(data: IngestResult, rule: CompiledRule, now: number, toInstant: (w: WallMs) => number, cache?: Map<number, Float64Array>): RuleEvaluation {
  const leads = data.leads;
  const n = leads.count;
  const instants = (k: number): Float64Array => {
    let v = cache?.get(k);
    if (!v) {
      v = realInstants(stepTimes(leads, k), toInstant, now);
      cache?.set(k, v);
    }
    return v;
  };
  const fromT = instants(rule.from);
  const toT = instants(rule.to);
  const created = instants(0);
  const status = new Uint8Array(n);
  const reason = new Uint8Array(n);
  const due = new Float64Array(n).fill(NaN);
  const response = new Float64Array(n).fill(NaN);
  const late = new Float64Array(n).fill(NaN);
  const stages = leads.stageTimes;
  // Real instants of every stage after `from` (shared through the cache with the other rules), for
  // "passed at an unknown time": a later stage by now, or UNKNOWN_TIME at the step itself.
  const later: Float64Array[] = [];
  for (let k = rule.from + 1; k <= stages.length; k++) later.push(instants(k));
  const lostAt = leads.lostAt;
  const cal = rule.calendar;
  const measure = cal ? (a: number, b: number) => cal.between(a, b) : (a: number, b: number) => b - a;
  // Wall bound of `now` for the "any later stage by now" test on the raw table (wall ms).
  for (let i = 0; i < n; i++) {
    if (created[i] !== created[i]) continue; // created after now: not in the report yet
    const f = fromT[i];
    if (f !== f) {
      // From not reached, or passed at an unknown time (a later stage has a time by now, or UNKNOWN).
      reason[i] = passedLater(stages, later, rule.from, rule.from, i) ? NA_REASON.unknownTime : NA_REASON.fromNotReached;
      continue;
    }
    const d = cal ? cal.add(f, rule.limitMs) : f + rule.limitMs;
    due[i] = d;
    const t = toT[i];
    if (t === t) {
      if (t < f) {
        reason[i] = NA_REASON.negativeGap;
        continue;
      }
      const r = measure(f, t);
      response[i] = r;
      late[i] = r - rule.limitMs;
      status[i] = t <= d ? STATUS.onTime : STATUS.closedLate;
      continue;
    }
    if (passedLater(stages, later, rule.from, rule.to, i)) {
      reason[i] = NA_REASON.unknownTime;
      continue;
    }
    const lost = lostAt[i];
    if (lost === -Infinity) {
      reason[i] = NA_REASON.unknownTime;
      continue;
    }
    const lostI = lost === lost ? toInstant(lost) : NaN;
    if (lostI <= now) {
      if (lostI <= d) reason[i] = NA_REASON.lostBeforeDeadline;
      else status[i] = STATUS.closedLate;
      continue;
    }
    if (now > d) {
      status[i] = STATUS.open;
      late[i] = measure(d, now);
    } else {
      status[i] = STATUS.pending;
    }
  }
  return { status, reason, fromAt: fromT, fromWall: stepTimes(leads, rule.from), due, response, late };
}

/**
 * True when lead i passed step k without a real time by now: UNKNOWN_TIME at k or later, or a real
 * time by now at a later stage. `later[j]` holds the real instants by now of step base + 1 + j.
 */
function passedLater(stages: Float64Array[], later: Float64Array[], base: number, k: number, i: number): boolean {
  for (let s = Math.max(k, 1); s <= stages.length; s++) if (stages[s - 1][i] === -Infinity) return true;
  for (let s = k + 1; s <= stages.length; s++) if (later[s - base - 1][i] === later[s - base - 1][i]) return true;
  return false;
}
