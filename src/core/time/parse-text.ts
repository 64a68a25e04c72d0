/**
 * Date text → wall-clock ms. Runs once per cell of every date column, so it is char-code based (no
 * regex, no substring allocation): `parseFixedText` for the common fixed shapes, `parseText` for
 * everything else, including the reason when the text is not a date.
 */
import { HOUR_MS, daysFromCivil, daysInMonth } from './civil';
import { ERR_BAD_TIME, ERR_IMPOSSIBLE_DATE, ERR_NOT_A_DATE, ERR_NUMBER_AS_TEXT, ERR_TWO_DIGIT_YEAR } from './date-errors';
import {
  FIXED_DATE_LENGTH,
  FIXED_DATE_SHAPES,
  FIXED_HOUR_AT,
  FIXED_MINUTE_AT,
  FIXED_MINUTE_COLON_AT,
  FIXED_SECOND_AT,
  FIXED_SECOND_COLON_AT,
  FIXED_SECOND_LENGTH,
  FIXED_TIME_SEP_AT,
  fixedDayMs,
  fixedTimeMs,
  isFixedDateLength,
  isFixedTimeSep,
} from './fixed-shapes';
import { SERIAL_EPOCH_MS, TEXT_SERIAL_MAX, TEXT_SERIAL_MIN } from './serial';
import { INVALID_DATE, NOT_FIXED } from './sentinels';
import { DAY_MS } from './wall-time';

/** Lower-cased cell texts that mean "no date" (amoCRM writes `не закрыта` into open deals' close date). */
const BLANK_PLACEHOLDERS: ReadonlySet<string> = new Set([
  '-',
  '--',
  '—',
  '–',
  'не закрыта',
  'не закрыто',
  'not closed',
  'n/a',
  'null',
  'none',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x202f || c === 0x2009 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * What the last `parseText` call found besides its return value: the error code when it returned
 * INVALID_DATE, and whether the value was an instant (an explicit offset or `Z`) rather than wall time.
 * Module state, since everything here is single-threaded and a result object per cell would cost.
 */
export const lastTextParse = { error: ERR_NOT_A_DATE, isInstant: false };
// Scratch cursor for readDigits.
let cursor = 0;

/** Reads 1…maxLen digits at `cursor`; returns the value (or -1 when there is no digit) and advances `cursor`. */
function readDigits(s: string, end: number, maxLen: number): number {
  let p = cursor;
  let v = 0;
  const stop = Math.min(end, p + maxLen);
  while (p < stop) {
    const c = s.charCodeAt(p);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    p++;
  }
  if (p === cursor) return -1;
  cursor = p;
  return v;
}

function fail(code: number): number {
  lastTextParse.error = code;
  return INVALID_DATE;
}

/** True when s[a, b) is a plain decimal number such as `45000`, `45000.5` or `1,5`. */
function looksNumeric(s: string, a: number, b: number): boolean {
  let seps = 0;
  for (let p = a; p < b; p++) {
    const c = s.charCodeAt(p);
    if (c === 46 || c === 44) seps++;
    else if (!isDigit(c)) return false;
  }
  return seps <= 1;
}

/** Two digits at i as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The fixed shapes (fixed-shapes.ts) read at fixed positions. Anything else, including every invalid
 * value, goes to `parseText`, which gives the same result for these shapes but also says what is wrong.
 */
export function parseFixedText(s: string): number {
  const n = s.length;
  if (!isFixedDateLength(n)) return NOT_FIXED;
  for (let i = 0; i < FIXED_DATE_SHAPES.length; i++) {
    const shape = FIXED_DATE_SHAPES[i];
    if (s.charCodeAt(shape.firstSepAt) !== shape.sep || s.charCodeAt(shape.secondSepAt) !== shape.sep) continue;
    const y1 = twoDigits(s, shape.yearAt);
    const y2 = twoDigits(s, shape.yearAt + 2);
    if (y1 < 0 || y2 < 0) return NOT_FIXED;
    const dayMs = fixedDayMs(y1 * 100 + y2, twoDigits(s, shape.monthAt), twoDigits(s, shape.dayAt));
    if (dayMs === NOT_FIXED || n === FIXED_DATE_LENGTH) return dayMs;
    if (!isFixedTimeSep(shape, s.charCodeAt(FIXED_TIME_SEP_AT)) || s.charCodeAt(FIXED_MINUTE_COLON_AT) !== 58) return NOT_FIXED;
    let sec = 0;
    if (n === FIXED_SECOND_LENGTH) {
      if (s.charCodeAt(FIXED_SECOND_COLON_AT) !== 58) return NOT_FIXED;
      sec = twoDigits(s, FIXED_SECOND_AT);
    }
    return fixedTimeMs(dayMs, twoDigits(s, FIXED_HOUR_AT), twoDigits(s, FIXED_MINUTE_AT), sec);
  }
  return NOT_FIXED;
}

/**
 * s[a, b) as a serial day number written as text: five digits, optionally a `.` or `,` and the fraction
 * of the day. Wall ms rounded to the second, or INVALID_DATE (number as text) outside the text range.
 */
function parseTextSerial(s: string, a: number, b: number): number {
  let whole = 0;
  let p = a;
  while (p < b && isDigit(s.charCodeAt(p))) whole = whole * 10 + (s.charCodeAt(p++) - 48);
  let fraction = 0;
  if (p < b) {
    const c = s.charCodeAt(p++);
    if ((c !== 46 && c !== 44) || p === b) return fail(ERR_NUMBER_AS_TEXT);
    let scale = 0.1;
    for (; p < b; p++) {
      const d = s.charCodeAt(p);
      if (!isDigit(d)) return fail(ERR_NUMBER_AS_TEXT);
      fraction += (d - 48) * scale;
      scale /= 10;
    }
  }
  if (whole < TEXT_SERIAL_MIN || whole > TEXT_SERIAL_MAX) return fail(ERR_NUMBER_AS_TEXT);
  return SERIAL_EPOCH_MS + whole * DAY_MS + Math.round(fraction * 86_400) * 1000;
}

function failFormat(s: string, a: number, b: number): number {
  return fail(looksNumeric(s, a, b) ? ERR_NUMBER_AS_TEXT : ERR_NOT_A_DATE);
}

/**
 * Parses a date string. Returns wall ms (or, when `lastTextParse.isInstant` is set, epoch ms of an ISO string
 * with an explicit offset), NaN for blank/placeholder, INVALID_DATE with `lastTextParse.error` set otherwise.
 */
export function parseText(s: string, mdy: boolean): number {
  lastTextParse.isInstant = false;
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  if (a === b) return NaN;
  if (!isDigit(s.charCodeAt(a))) {
    return BLANK_PLACEHOLDERS.has(s.slice(a, b).toLowerCase()) ? NaN : fail(ERR_NOT_A_DATE);
  }

  cursor = a;
  const first = readDigits(s, b, 8);
  const len1 = cursor - a;
  const sep = cursor === b ? 0 : s.charCodeAt(cursor);
  if (len1 === 5 && (sep === 0 || sep === 46 || sep === 44)) return parseTextSerial(s, a, b);
  if (cursor === b) return fail(ERR_NUMBER_AS_TEXT);
  let dayMs: number;
  if (len1 === 4 && (sep === 45 || sep === 47 || sep === 46)) dayMs = readYearFirst(s, a, b, first, sep);
  else if (len1 <= 2 && (sep === 46 || sep === 47 || sep === 45)) dayMs = readDayFirst(s, a, b, first, sep, mdy);
  else return failFormat(s, a, b);
  if (dayMs === INVALID_DATE || cursor === b) return dayMs;
  return readTimeOfDay(s, b, dayMs, sep === 45 && len1 === 4);
}

/** Start of the day y-mo-d in wall ms, or INVALID_DATE (no such day in the calendar). */
function calendarDay(y: number, mo: number, d: number): number {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fail(ERR_IMPOSSIBLE_DATE);
  return daysFromCivil(y, mo, d) * DAY_MS;
}

/** The rest of a year-first date after its year `y` and separator at `cursor`: 2024-03-15 (ISO: two-digit month and day), 2024/3/15, 2024.03.15. */
function readYearFirst(s: string, a: number, b: number, y: number, sep: number): number {
  const iso = sep === 45;
  cursor++;
  let p = cursor;
  const mo = readDigits(s, b, 2);
  if (mo < 0 || (iso && cursor - p !== 2) || cursor >= b || s.charCodeAt(cursor) !== sep) return failFormat(s, a, b);
  cursor++;
  p = cursor;
  const d = readDigits(s, b, 2);
  if (d < 0 || (iso && cursor - p !== 2)) return fail(ERR_NOT_A_DATE);
  return calendarDay(y, mo, d);
}

/** The rest of a day- or month-first date after its first number: 15.03.2024 always; 15/03/2024 and 15-03-2024 per the configured order. */
function readDayFirst(s: string, a: number, b: number, first: number, sep: number, mdy: boolean): number {
  cursor++;
  const second = readDigits(s, b, 2);
  if (second < 0 || cursor >= b || s.charCodeAt(cursor) !== sep) return failFormat(s, a, b);
  cursor++;
  const p = cursor;
  const y = readDigits(s, b, 5);
  const yLen = cursor - p;
  if (yLen === 2) return fail(ERR_TWO_DIGIT_YEAR);
  if (yLen !== 4) return fail(ERR_NOT_A_DATE);
  return sep !== 46 && mdy ? calendarDay(y, first, second) : calendarDay(y, second, first);
}

/** The time after the date at `cursor`: "T" (ISO only), a space or ", ", then H:MM[:SS[.fff]], AM/PM, and (ISO only) an offset. */
function readTimeOfDay(s: string, b: number, dayMs: number, iso: boolean): number {
  let c = s.charCodeAt(cursor);
  if (iso && (c === 84 || c === 116)) {
    cursor++;
  } else if (c === 44 || isSpace(c)) {
    cursor++;
    while (cursor < b && isSpace(s.charCodeAt(cursor))) cursor++;
  } else {
    return fail(ERR_NOT_A_DATE);
  }
  let h = readDigits(s, b, 2);
  if (h < 0 || cursor >= b || s.charCodeAt(cursor) !== 58) return fail(ERR_NOT_A_DATE);
  cursor++;
  let p = cursor;
  const mi = readDigits(s, b, 2);
  if (cursor - p !== 2) return fail(ERR_NOT_A_DATE);
  let sec = 0;
  let ms = 0;
  if (cursor < b && s.charCodeAt(cursor) === 58) {
    cursor++;
    p = cursor;
    sec = readDigits(s, b, 2);
    if (cursor - p !== 2) return fail(ERR_NOT_A_DATE);
    c = cursor < b ? s.charCodeAt(cursor) : 0;
    if (c === 46 || c === 44) {
      // Fraction of a second: keep milliseconds, ignore finer digits.
      cursor++;
      p = cursor;
      let scale = 100;
      while (cursor < b && isDigit((c = s.charCodeAt(cursor)))) {
        ms += (c - 48) * scale;
        scale /= 10;
        cursor++;
      }
      ms = Math.floor(ms);
      if (cursor === p || cursor - p > 9) return fail(ERR_NOT_A_DATE);
    }
  }
  // Optional AM/PM, then (ISO only) an offset.
  let q = cursor;
  while (q < b && isSpace(s.charCodeAt(q))) q++;
  if (q < b) {
    c = s.charCodeAt(q) | 32;
    if ((c === 97 || c === 112) && q + 1 < b && (s.charCodeAt(q + 1) | 32) === 109) {
      if (h < 1 || h > 12) return fail(ERR_BAD_TIME);
      h = (h % 12) + (c === 112 ? 12 : 0);
      cursor = q + 2;
      q = cursor;
      while (q < b && isSpace(s.charCodeAt(q))) q++;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return fail(ERR_BAD_TIME);
  const wall = dayMs + h * HOUR_MS + mi * 60_000 + sec * 1000 + ms;
  if (q === b) return wall;
  return iso ? readOffset(s, q, b, wall) : fail(ERR_NOT_A_DATE);
}

/** An offset (`Z`, `+03:00`, `-0700`) at `q` after an ISO date and time: the instant in epoch ms, or INVALID_DATE. */
function readOffset(s: string, q: number, b: number, wall: number): number {
  const c = s.charCodeAt(q);
  if ((c === 90 || c === 122) && q + 1 === b) {
    lastTextParse.isInstant = true;
    return wall;
  }
  if (c !== 43 && c !== 45 && c !== 0x2212) return fail(ERR_NOT_A_DATE);
  const sign = c === 43 ? 1 : -1;
  cursor = q + 1;
  let p = cursor;
  const oh = readDigits(s, b, 2);
  if (cursor - p !== 2) return fail(ERR_NOT_A_DATE);
  let om = 0;
  if (cursor < b) {
    if (s.charCodeAt(cursor) === 58) cursor++;
    p = cursor;
    om = readDigits(s, b, 2);
    if (cursor - p !== 2 || cursor !== b) return fail(ERR_NOT_A_DATE);
  }
  if (oh > 18 || om > 59) return fail(ERR_NOT_A_DATE);
  lastTextParse.isInstant = true;
  return wall - sign * (oh * HOUR_MS + om * 60_000);
}
