/**
 * The working intervals of a range of days as one time-ordered list of instants (epoch ms), with the
 * working ms before each interval and an index by UTC hour. It is what makes a working calendar cheap
 * per lead: the zone is consulted once per day when the table is built (so a day on which clocks
 * change has its true length), and afterwards "where is instant t" is an hour-index read plus a step
 * or two forward, with no instant → wall-clock conversion and no allocation.
 */
import { wallToInstant } from '../time/zone';
import { DAY_MS } from '../time/wall-time';

const HOUR_MS = 3_600_000;
/**
 * Days kept off each end of the table before an instant counts as covered: an offset is within ±14 h
 * (±15 h with summer time), so an instant at least two UTC days inside the table has its local day,
 * the days before it and the next one in the table.
 */
const EDGE_DAYS = 2;

export interface IntervalTable {
  /** First covered instant and the one after the last (whole UTC hours). */
  coveredFrom: number;
  coveredTo: number;
  /** Interval j is [starts[j], ends[j]); a last sentinel interval at +∞ stops every scan. */
  starts: Float64Array;
  ends: Float64Array;
  /** Working ms of intervals 0 … j − 1 (the sentinel's entry is the table's total). */
  cumBefore: Float64Array;
  /** Per covered UTC hour: the first interval that ends after the hour starts. */
  hourFirst: Int32Array;
  firstHour: number;
}

/**
 * Builds the table for local days [fromDay, toDay) (days since 1970-01-01 in the zone). `isWorking`
 * says whether a day works; `hours` are its [start, end) minutes after midnight, in order.
 */
export function buildIntervalTable(fromDay: number, toDay: number, hours: [number, number][], timeZone: string, isWorking: (day: number) => boolean): IntervalTable {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = fromDay; day < toDay; day++) {
    if (!isWorking(day)) continue;
    for (const [from, to] of hours) {
      let a = wallToInstant(day * DAY_MS + from * 60_000, timeZone);
      const b = wallToInstant(day * DAY_MS + to * 60_000, timeZone);
      // Never overlap the previous interval: a zone whose clocks go back over midnight could make the
      // end of one day's "24:00" fall after the next day's "00:00"; time is counted once.
      if (ends.length > 0 && a < ends[ends.length - 1]) a = ends[ends.length - 1];
      if (b > a) {
        starts.push(a);
        ends.push(b);
      }
    }
  }
  const m = starts.length;
  const s = new Float64Array(m + 1);
  const e = new Float64Array(m + 1);
  const cum = new Float64Array(m + 1);
  for (let j = 0; j < m; j++) {
    s[j] = starts[j];
    e[j] = ends[j];
    cum[j + 1] = cum[j] + (ends[j] - starts[j]);
  }
  s[m] = Infinity;
  e[m] = Infinity;
  const firstHour = (fromDay + EDGE_DAYS) * 24;
  const hourCount = Math.max(0, (toDay - fromDay - 2 * EDGE_DAYS) * 24);
  const hourFirst = new Int32Array(hourCount);
  let j = 0;
  for (let h = 0; h < hourCount; h++) {
    const hourStart = (firstHour + h) * HOUR_MS;
    while (e[j] <= hourStart) j++;
    hourFirst[h] = j;
  }
  return { coveredFrom: firstHour * HOUR_MS, coveredTo: (firstHour + hourCount) * HOUR_MS, starts: s, ends: e, cumBefore: cum, hourFirst, firstHour };
}

/** True when instant t can be looked up in the table. */
export function covers(table: IntervalTable, t: number): boolean {
  return t >= table.coveredFrom && t < table.coveredTo;
}

/** The first interval that ends after instant t (t must be covered); the sentinel when none does. */
export function intervalAt(table: IntervalTable, t: number): number {
  const ends = table.ends;
  let j = table.hourFirst[Math.floor(t / HOUR_MS) - table.firstHour];
  while (ends[j] <= t) j++;
  return j;
}

/** Working ms from the table's start to instant t, given j = intervalAt(table, t). */
export function workedBefore(table: IntervalTable, t: number, j: number): number {
  const s = table.starts[j];
  return t > s ? table.cumBefore[j] + (t - s) : table.cumBefore[j];
}
