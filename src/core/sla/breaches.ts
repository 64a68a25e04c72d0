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
import { passSummary, passedUnseen, realInstant, stepIndex, stepTimes, type PassSummary } from './steps';

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
  /** Wall-clock time of `from` in the report's zone (the lead table's own column, not a copy). */
  fromWall: Float64Array;
  /** Deadline instant (NaN when `from` is not usable). */
  due: Float64Array;
  /** Response time from → to in the rule's time (NaN when `to` not reached). */
  response: Float64Array;
}

/**
 * Evaluates one rule over every lead created by `now`. `toInstant` turns the table's wall times (in
 * the report's zone) into instants. `pass` (passSummary at `now`, shared by the rules of a run) answers
 * "was a step passed at an unknown time"; it is computed here when not given.
 *
 * Instants are converted as the loop needs them rather than kept per step: a column of a million
 * instants is 8 MB of garbage per step and run, and collecting it cost more than converting again.
 */
export function evaluateRule(data: IngestResult, rule: CompiledRule, now: number, toInstant: (w: WallMs) => number, pass?: PassSummary): RuleEvaluation {
  const leads = data.leads;
  const n = leads.count;
  const passed = pass ?? passSummary(leads, toInstant, now);
  const createdWall = leads.createdAt;
  const fromWall = stepTimes(leads, rule.from);
  const toWall = stepTimes(leads, rule.to);
  const status = new Uint8Array(n);
  const reason = new Uint8Array(n);
  const due = new Float64Array(n).fill(NaN);
  const response = new Float64Array(n).fill(NaN);
  const lostAt = leads.lostAt;
  const cal = rule.calendar;
  const limit = rule.limitMs;
  for (let i = 0; i < n; i++) {
    const c = realInstant(createdWall[i], toInstant, now);
    if (c !== c) continue; // created after now: not in the report yet
    const f = rule.from === 0 ? c : realInstant(fromWall[i], toInstant, now);
    if (f !== f) {
      // From not reached, or passed at an unknown time (a later stage has a time by now, or UNKNOWN).
      reason[i] = passedUnseen(passed, rule.from, i) ? NA_REASON.unknownTime : NA_REASON.fromNotReached;
      continue;
    }
    const d = cal ? cal.add(f, limit) : f + limit;
    due[i] = d;
    const t = realInstant(toWall[i], toInstant, now);
    if (t === t) {
      if (t < f) {
        reason[i] = NA_REASON.negativeGap;
        continue;
      }
      response[i] = cal ? cal.between(f, t) : t - f;
      status[i] = t <= d ? STATUS.onTime : STATUS.closedLate;
      continue;
    }
    if (passedUnseen(passed, rule.to, i)) {
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
    status[i] = now > d ? STATUS.open : STATUS.pending;
  }
  return { status, reason, fromWall, due, response };
}

/** How long an open breach is overdue at `now`, in the rule's time (working time with a calendar). */
export function overdueAt(rule: CompiledRule, due: number, now: number): number {
  return rule.calendar ? rule.calendar.between(due, now) : now - due;
}
