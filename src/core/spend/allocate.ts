/**
 * Spreading spend over report periods: a row's amount is spread evenly over the days of its period
 * (a month reported by weeks gives each week its days' share; a leap February has 29 days), and a
 * one-day row goes to that day's period. Days after the report date are left out (not spent yet).
 */
import type { PeriodScheme } from '../periods';
import { DAY_MS } from '../time/wall-time';

/**
 * Calls `add(periodIndex, share)` for each period the days [start, min(end, lastDay)] fall in; the
 * shares are amount × days in the period / days of the row. Returns the amount left out after lastDay.
 */
export function allocateRow(
  start: number,
  end: number,
  amount: number,
  lastDay: number,
  scheme: PeriodScheme,
  add: (period: number, share: number) => void,
): number {
  const days = end - start + 1;
  const stop = Math.min(end, lastDay);
  let day = start;
  while (day <= stop) {
    const p = scheme.indexOf(day * DAY_MS);
    const nextStart = Math.round(scheme.startOf(p + 1) / DAY_MS);
    const to = Math.min(stop, nextStart - 1);
    add(p, (amount * (to - day + 1)) / days);
    day = to + 1;
  }
  return stop >= start ? (amount * (end - stop)) / days : amount;
}

/** Amount of a row falling on days [from, to] (inclusive), by the same even spread. */
export function amountInDays(start: number, end: number, amount: number, from: number, to: number): number {
  const a = Math.max(start, from);
  const b = Math.min(end, to);
  return b < a ? 0 : (amount * (b - a + 1)) / (end - start + 1);
}
