/**
 * Working-time arithmetic on instants (epoch ms) for a working calendar: working week days, working
 * hours (possibly split, e.g. 09:00–13:00 and 14:00–18:00), an IANA zone, holidays and moved working
 * days (Russia makes some Saturdays working days).
 *
 * Every day's working intervals are turned into real instants in the calendar's zone (so a day on
 * which clocks change has its true length), and a running total of working ms per day start is kept:
 * working time a→b is cum(b) − cum(a), and "add a limit" finds the first instant whose cum reaches
 * cum(a) + limit. Additivity, "never more than calendar time" and "add then measure back gives the
 * limit" hold by construction; the days table grows on demand (a few years cost milliseconds).
 */
import { instantToWallConverter, wallToInstant } from '../time/zone';
import { DAY_MS, parseIsoDay } from '../time/wall-time';

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

export function compileCalendar(spec: WorkingCalendarSpec): WorkingCalendar {
  const toWall = instantToWallConverter(spec.timeZone);
  const K = spec.hours.length;
  const weekDays = new Set(spec.days);
  const dayNumbers = (list: string[]): Set<number> =>
    new Set(list.map((d) => parseIsoDay(d)).filter((v): v is number => v !== null).map((v) => Math.floor(v / DAY_MS)));
  const holidays = dayNumbers(spec.holidays);
  const moved = dayNumbers(spec.workingDays);
  const isWorking = (day: number): boolean => moved.has(day) || (weekDays.has((((day + EPOCH_DOW) % 7) + 7) % 7) && !holidays.has(day));

  // Table over days [first, first + count): interval instants (NaN for none) and working ms before each day.
  let first = 0;
  let count = 0;
  let starts = new Float64Array(0);
  let ends = new Float64Array(0);
  let cumAtDay = new Float64Array(1);

  function build(from: number, to: number): void {
    const n = to - from;
    const s = new Float64Array(n * K).fill(NaN);
    const e = new Float64Array(n * K).fill(NaN);
    const cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const day = from + i;
      let total = 0;
      if (isWorking(day)) {
        for (let k = 0; k < K; k++) {
          const a = wallToInstant(day * DAY_MS + spec.hours[k][0] * 60_000, spec.timeZone);
          const b = wallToInstant(day * DAY_MS + spec.hours[k][1] * 60_000, spec.timeZone);
          if (b > a) {
            s[i * K + k] = a;
            e[i * K + k] = b;
            total += b - a;
          }
        }
      }
      cum[i + 1] = cum[i] + total;
    }
    first = from;
    count = n;
    starts = s;
    ends = e;
    cumAtDay = cum;
  }

  /** Makes the table cover days lo … hi (inclusive). */
  function cover(lo: number, hi: number): void {
    if (count > 0 && lo >= first && hi < first + count) return;
    const from = count === 0 ? lo - GROW_DAYS : Math.min(first, lo - GROW_DAYS);
    const to = count === 0 ? hi + GROW_DAYS : Math.max(first + count, hi + GROW_DAYS);
    build(from, to);
  }

  const dayOf = (t: number): number => Math.floor(toWall(t) / DAY_MS);

  /** Working ms from the table's first day start to t (the day of t must be covered). */
  function cumAt(t: number, day: number): number {
    const i = day - first;
    let c = cumAtDay[i];
    for (let k = 0; k < K; k++) {
      const a = starts[i * K + k];
      if (a !== a || t <= a) break;
      const b = ends[i * K + k];
      c += (t < b ? t : b) - a;
    }
    return c;
  }

  function between(a: number, b: number): number {
    const da = dayOf(a);
    const db = dayOf(b);
    cover(Math.min(da, db), Math.max(da, db));
    return cumAt(b, db) - cumAt(a, da);
  }

  function add(a: number, ms: number): number {
    if (!(ms > 0)) return a;
    let da = dayOf(a);
    cover(da, da + 7);
    let target = cumAt(a, da) + ms;
    // Grow forward until a day end reaches the target.
    while (cumAtDay[count] < target) {
      if (count > MAX_SPAN_DAYS) return Infinity;
      const before = cumAtDay[da - first];
      const offset = target - before;
      cover(da, first + count + GROW_DAYS);
      target = cumAtDay[da - first] + offset;
    }
    // First day index i (≥ da) whose end total reaches the target: most deadlines fall within a few
    // days, so a short linear scan first, then a binary search over cumAtDay.
    let lo = da - first;
    let hi = count - 1;
    for (let step = 0; step < 8 && lo < hi && cumAtDay[lo + 1] < target; step++) lo++;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumAtDay[mid + 1] >= target) hi = mid;
      else lo = mid + 1;
    }
    let rest = target - cumAtDay[lo];
    for (let k = 0; k < K; k++) {
      const s = starts[lo * K + k];
      if (s !== s) continue;
      const len = ends[lo * K + k] - s;
      if (rest <= len) return s + rest;
      rest -= len;
    }
    da = lo; // unreachable in practice: the day's intervals add up to its total
    return ends[da * K + K - 1];
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
