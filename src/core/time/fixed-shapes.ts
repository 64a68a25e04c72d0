/**
 * The exact date shapes that are read at fixed positions, without a scan: `YYYY-MM-DD` and `DD.MM.YYYY`,
 * each alone or followed by ` HH:MM` or ` HH:MM:SS` (ISO also with `T`). Most date columns hold nothing
 * else, so this is the hot path. One table for the two readers of these shapes, the string parser's fast
 * path (parse-text.ts) and the UTF-8 byte reader (parse-bytes.ts), so they accept exactly the same values
 * and give the same wall-clock ms.
 */
import type { WallMs } from '../types';
import { HOUR_MS, MINUTE_MS, daysFromCivil, daysInMonth } from './civil';
import { NOT_FIXED } from './sentinels';
import { DAY_MS } from './wall-time';

export interface FixedDateShape {
  /** Where the two date separators stand, and their character code. */
  readonly firstSepAt: number;
  readonly secondSepAt: number;
  readonly sep: number;
  /** Where the four-digit year, the two-digit month and the two-digit day start. */
  readonly yearAt: number;
  readonly monthAt: number;
  readonly dayAt: number;
  /** ISO dates also accept `T` between the date and the time. */
  readonly iso: boolean;
}

/** Tried in this order; the first whose separators match decides (there is no falling through to the next). */
export const FIXED_DATE_SHAPES: readonly FixedDateShape[] = [
  { firstSepAt: 4, secondSepAt: 7, sep: 45 /* - */, yearAt: 0, monthAt: 5, dayAt: 8, iso: true },
  { firstSepAt: 2, secondSepAt: 5, sep: 46 /* . */, yearAt: 6, monthAt: 3, dayAt: 0, iso: false },
];

/** Lengths of the three forms: date, date and `HH:MM`, date and `HH:MM:SS`. */
export const FIXED_DATE_LENGTH = 10;
export const FIXED_MINUTE_LENGTH = 16;
export const FIXED_SECOND_LENGTH = 19;
/** The time part: a separator (space, or `T` for ISO), then `HH:MM[:SS]`. */
export const FIXED_TIME_SEP_AT = 10;
export const FIXED_HOUR_AT = 11;
export const FIXED_MINUTE_COLON_AT = 13;
export const FIXED_MINUTE_AT = 14;
export const FIXED_SECOND_COLON_AT = 16;
export const FIXED_SECOND_AT = 17;

export function isFixedDateLength(n: number): boolean {
  return n === FIXED_DATE_LENGTH || n === FIXED_MINUTE_LENGTH || n === FIXED_SECOND_LENGTH;
}

/** True when `c` may separate the date from the time in `shape`. */
export function isFixedTimeSep(shape: FixedDateShape, c: number): boolean {
  return c === 32 || (shape.iso && c === 84);
}

/**
 * First day (days since 1970) of each month of 1900–2155, filled on first use: date columns interleave
 * months (a lead's creation and its stages), so a one-month cache missed on most cells.
 */
const TABLE_FIRST_YEAR = 1900;
const TABLE_MONTHS = 256 * 12;
const monthStartTable = new Float64Array(TABLE_MONTHS).fill(NaN);

/** Wall ms of the start of the day, or NOT_FIXED when it is no calendar day (a digit pair read as -1 included). */
export function fixedDayMs(y: number, mo: number, d: number): WallMs {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NOT_FIXED;
  const slot = (y - TABLE_FIRST_YEAR) * 12 + mo - 1;
  if (slot < 0 || slot >= TABLE_MONTHS) return (daysFromCivil(y, mo, 1) + d - 1) * DAY_MS;
  let start = monthStartTable[slot];
  if (start !== start) start = monthStartTable[slot] = daysFromCivil(y, mo, 1);
  return (start + d - 1) * DAY_MS;
}

/** `dayMs` plus the time of day, or NOT_FIXED when it is no time of day (a digit pair read as -1 included). */
export function fixedTimeMs(dayMs: WallMs, h: number, mi: number, sec: number): WallMs {
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NOT_FIXED;
  return dayMs + h * HOUR_MS + mi * MINUTE_MS + sec * 1000;
}
