/**
 * Calendar periods (week / month / quarter) on wall-clock milliseconds, as integer indexes so a
 * million leads are bucketed with arithmetic only.
 */
import type { Grain, WallMs } from './types';
import { DAY_MS } from './time/wall-time';

/** Civil date of a day number (days since 1970-01-01), Howard Hinnant's algorithm. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9; // 1..12
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export interface PeriodScheme {
  grain: Grain;
  /** Index of the period containing a wall-clock time. Consecutive periods have consecutive indexes. */
  indexOf(ms: WallMs): number;
  /** First millisecond of period `index`. */
  startOf(index: number): WallMs;
}

/** 1970-01-01 was a Thursday (day-of-week 4, Sunday = 0). */
const EPOCH_DOW = 4;

export function periodScheme(grain: Grain, weekStartsOn = 1): PeriodScheme {
  if (grain === 'week') {
    // Week index w covers days [w*7 - shift, w*7 - shift + 7), where shift aligns day 0 to weekStartsOn.
    const shift = (EPOCH_DOW - weekStartsOn + 7) % 7;
    return {
      grain,
      indexOf: (ms) => Math.floor((Math.floor(ms / DAY_MS) + shift) / 7),
      startOf: (index) => (index * 7 - shift) * DAY_MS,
    };
  }
  const monthsPer = grain === 'month' ? 1 : 3;
  return {
    grain,
    indexOf: (ms) => {
      const { year, month } = civilFromDays(Math.floor(ms / DAY_MS));
      return Math.floor((year * 12 + month - 1) / monthsPer);
    },
    startOf: (index) => {
      const monthIndex = index * monthsPer;
      return Date.UTC(Math.floor(monthIndex / 12), monthIndex % 12, 1);
    },
  };
}
