/**
 * Working-time arithmetic on instants (epoch ms) for a working calendar: working week days, working
 * hours (possibly split, e.g. 09:00–13:00 and 14:00–18:00), an IANA zone, holidays and moved working
 * days (Russia makes some Saturdays working days).
 *
 * Every day's working intervals are turned into real instants in the calendar's zone once, when the
 * table of intervals is built (working-intervals.ts), so a day on which clocks change has its true
 * length. Working time a→b is worked(b) − worked(a) (working ms since the table's start), and "add a
 * limit" finds the first interval whose running total reaches worked(a) + limit. Additivity, "never
 * more than calendar time" and "add then measure back gives the limit" hold by construction; the
 * table grows on demand (a few years cost milliseconds). Per call there is no zone conversion and no
 * allocation: a million leads × a few rules stay cheap.
 */
import { DAY_MS, parseIsoDay } from '../time/wall-time';
import { buildIntervalTable, covers, intervalAt, workedBefore, type IntervalTable } from './working-intervals';

/** A validated calendar (sla/config.ts fills the defaults). */
export interface WorkingCalendarSpec {
  /** Working week days, 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Working hours of a working day, [start, end) as minutes after midnight, sorted, not overlapping. */
  hours: [number, number][];
  timeZone: string;
  /** ISO days that are not working days whatever the week day. */
  holidays: string[];
  /** ISO days that are working days whatever the week day (moved working days); they win over holidays. */
  workingDays: string[];
}

export interface WorkingCalendar {
  spec: WorkingCalendarSpec;
  /** Working ms from instant a to instant b (negative when b < a). */
  between(a: number, b: number): number;
  /** The first instant at or after `a` by which `ms` (≥ 0) working ms have passed since `a`. */
  add(a: number, ms: number): number;
}

/** 1970-01-01 was a Thursday. */
const EPOCH_DOW = 4;
/** Days added on either side when the table grows. */
const GROW_DAYS = 400;
/** A calendar with no working time at all cannot meet any deadline: give up after this many days. */
const MAX_SPAN_DAYS = 366 * 200;
/** Intervals scanned one by one before a binary search (most deadlines are a few intervals away). */
const LINEAR_STEPS = 8;

export function compileCalendar(spec: WorkingCalendarSpec): WorkingCalendar {
  const weekDays = new Set(spec.days);
  const dayNumbers = (list: string[]): Set<number> =>
    new Set(list.map((d) => parseIsoDay(d)).filter((v): v is number => v !== null).map((v) => Math.floor(v / DAY_MS)));
  const holidays = dayNumbers(spec.holidays);
  const moved = dayNumbers(spec.workingDays);
  const isWorking = (day: number): boolean => moved.has(day) || (weekDays.has((((day + EPOCH_DOW) % 7) + 7) % 7) && !holidays.has(day));

  // Local days [fromDay, toDay) in the table.
  let fromDay = 0;
  let toDay = 0;
  let table: IntervalTable | null = null;

  /** Makes the table cover the instants lo … hi (both finite) and returns it. */
  function cover(lo: number, hi: number): IntervalTable {
    if (table !== null && covers(table, lo) && covers(table, hi)) return table;
    const lowDay = Math.floor(lo / DAY_MS) - GROW_DAYS;
    const highDay = Math.floor(hi / DAY_MS) + GROW_DAYS;
    fromDay = table === null ? lowDay : Math.min(fromDay, lowDay);
    toDay = table === null ? highDay : Math.max(toDay, highDay);
    table = buildIntervalTable(fromDay, toDay, spec.hours, spec.timeZone, isWorking);
    return table;
  }

  function between(a: number, b: number): number {
    if (a !== a || b !== b) return NaN;
    const t = cover(Math.min(a, b), Math.max(a, b));
    return workedBefore(t, b, intervalAt(t, b)) - workedBefore(t, a, intervalAt(t, a));
  }

  function add(a: number, ms: number): number {
    if (!(ms > 0)) return a;
    if (a !== a) return NaN;
    let t = cover(a, a + 7 * DAY_MS);
    let at = intervalAt(t, a);
    let target = workedBefore(t, a, at) + ms;
    // Grow forward until the table's total reaches the target.
    while (t.cumBefore[t.cumBefore.length - 1] < target) {
      if (toDay - fromDay > MAX_SPAN_DAYS) return Infinity;
      t = cover(a, (toDay + GROW_DAYS) * DAY_MS);
      at = intervalAt(t, a);
      target = workedBefore(t, a, at) + ms;
    }
    // The first interval k whose end total cumBefore[k + 1] reaches the target: a short scan, then a
    // binary search (long limits span many intervals).
    const cum = t.cumBefore;
    let lo = at;
    let hi = cum.length - 2;
    for (let step = 0; step < LINEAR_STEPS && lo < hi && cum[lo + 1] < target; step++) lo++;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    return t.starts[lo] + (target - cum[lo]);
  }

  return { spec, between, add };
}

/** "09:00" → 540; "24:00" → 1440 (an interval may end at midnight); null for anything else. */
export function parseClock(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (mi > 59 || h > 24 || (h === 24 && mi > 0)) return null;
  return h * 60 + mi;
}
