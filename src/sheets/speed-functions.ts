/**
 * The logic of the custom functions FUNNEL_VELOCITY and FUNNEL_SLA (issue 8). Like FUNNEL_CONVERSION
 * (custom-functions.ts), each call detects the columns of the range it was given, ingests it once and
 * computes one number; the environment (zone, clock, saved settings) is injected.
 */
import { asOfBound } from '../core/cohorts';
import { compileCalendar } from '../core/sla/calendar';
import { evaluateRule, STATUS } from '../core/sla/breaches';
import { calendarSpec } from '../core/sla/config';
import { DAY_MS, DURATION_FORMS, parseDuration } from '../core/sla/duration';
import { judgementInstant } from '../core/sla/sla';
import { realInstants, stepTimes, toInstantFn } from '../core/sla/steps';
import { percentileInPlace } from '../core/stats';
import { argError, asOfArg, tableArg, textArg } from './args';
import { NO_RATE, prepare, resolveStep, type CustomFunctionEnv } from './custom-functions';

type Statistic = 'median' | 'mean' | 'p90';

const STATISTICS: Record<string, Statistic> = {
  median: 'median',
  mean: 'mean',
  average: 'mean',
  p90: 'p90',
  медиана: 'median',
  среднее: 'mean',
};

function statisticArg(fn: string, value: unknown): Statistic {
  if (value === undefined || value === null || value === '') return 'median';
  const s = typeof value === 'string' ? STATISTICS[value.trim().toLowerCase()] : undefined;
  if (s) return s;
  throw argError(fn, `statistic "${String(value)}" must be "median", "mean" or "p90"`, `statistic "${String(value)}": укажите "median", "mean" или "p90"`);
}

/** "created" is the first step too (the SLA settings' word), besides "Lead" and the creation column. */
function step(fn: string, argName: string, text: string, config: Parameters<typeof resolveStep>[3], stageNames: string[]): number {
  return text.trim().toLowerCase() === 'created' ? 0 : resolveStep(fn, argName, text, config, stageNames);
}

function ordered(fn: string, from: number, to: number, fromText: string, toText: string, stageNames: string[]): void {
  if (to > from) return;
  const order = stageNames.join(' → ');
  throw argError(
    fn,
    `to_stage "${toText}" must come after from_stage "${fromText}" in the funnel (${order})`,
    `этап to_stage "${toText}" должен идти после from_stage "${fromText}" (${order})`,
  );
}

/**
 * FUNNEL_VELOCITY: the median (default), mean or 90th percentile time in days from `from` to `to` over
 * leads that have both real timestamps (never implied ones) on or before the end of `as_of`. A lead
 * whose `to` is dated before its `from` is left out. "—" when no lead has both.
 */
export function funnelVelocity(leads: unknown, fromStage: unknown, toStage: unknown, statistic: unknown, asOf: unknown, env: CustomFunctionEnv): number | string {
  const fn = 'FUNNEL_VELOCITY';
  const rows = tableArg(fn, 'leads', leads);
  const fromText = textArg(fn, 'from_stage', fromStage);
  const toText = textArg(fn, 'to_stage', toStage);
  const stat = statisticArg(fn, statistic);
  const timeZone = env.timeZone();
  const day = asOfArg(fn, asOf, timeZone, env.now());
  const { config, data } = prepare(fn, rows, timeZone, env);
  const from = step(fn, 'from_stage', fromText, config, data.stageNames);
  const to = step(fn, 'to_stage', toText, config, data.stageNames);
  ordered(fn, from, to, fromText, toText, data.stageNames);
  const toInstant = toInstantFn(config.timeZone);
  const bound = toInstant(asOfBound(day));
  const a = realInstants(stepTimes(data.leads, from), toInstant, bound);
  const b = realInstants(stepTimes(data.leads, to), toInstant, bound);
  const gaps: number[] = [];
  for (let i = 0; i < data.leads.count; i++) {
    const d = b[i] - a[i];
    if (d >= 0) gaps.push(d / DAY_MS);
  }
  if (gaps.length === 0) return NO_RATE;
  if (stat === 'mean') return gaps.reduce((x, y) => x + y, 0) / gaps.length;
  return percentileInPlace(Float64Array.from(gaps), stat === 'median' ? 0.5 : 0.9) ?? NO_RATE;
}

/**
 * FUNNEL_SLA: of the leads judged for "from → to within limit" at the end of `as_of` (or now, when
 * earlier), the share handled on time: on time / (on time + closed late + still open). Calendar time;
 * working time only when the environment hands over settings with an `sla.calendar` (`baseConfig`,
 * which the Apps Script environment does not provide today). "—" when no lead is judged yet.
 */
export function funnelSla(leads: unknown, fromStage: unknown, toStage: unknown, limit: unknown, asOf: unknown, env: CustomFunctionEnv): number | string {
  const fn = 'FUNNEL_SLA';
  const rows = tableArg(fn, 'leads', leads);
  const fromText = textArg(fn, 'from_stage', fromStage);
  const toText = textArg(fn, 'to_stage', toStage);
  const limitMs = parseDuration(typeof limit === 'string' ? limit : '');
  if (limitMs === null) {
    throw argError(fn, `limit "${String(limit)}" is not a duration; use ${DURATION_FORMS}`, `срок "${String(limit)}" не распознан; укажите ${DURATION_FORMS}`);
  }
  const timeZone = env.timeZone();
  const day = asOfArg(fn, asOf, timeZone, env.now());
  const { config, data } = prepare(fn, rows, timeZone, env);
  const from = step(fn, 'from_stage', fromText, config, data.stageNames);
  const to = step(fn, 'to_stage', toText, config, data.stageNames);
  ordered(fn, from, to, fromText, toText, data.stageNames);
  const saved = env.baseConfig?.()?.sla?.calendar;
  const calendar = saved ? compileCalendar(calendarSpec(saved, config.timeZone)) : null;
  const now = judgementInstant(day, env.now(), config.timeZone);
  const rule = { rule: { name: fn, from: fromText, to: toText, limit: String(limit) }, from, to, limitMs, calendar };
  const ev = evaluateRule(data, rule, now, toInstantFn(config.timeZone));
  let judged = 0;
  let onTime = 0;
  for (let i = 0; i < ev.status.length; i++) {
    const s = ev.status[i];
    if (s === STATUS.onTime || s === STATUS.closedLate || s === STATUS.open) judged++;
    if (s === STATUS.onTime) onTime++;
  }
  return judged === 0 ? NO_RATE : onTime / judged;
}
