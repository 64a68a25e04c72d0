/**
 * The common exact date shapes read straight from UTF-8 bytes, for readers that never build the cell
 * string: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (or `T`), `DD.MM.YYYY[ HH:MM[:SS]]`, and a five-digit
 * serial day number such as `45366` (2024-03-15) within the text-serial range. It accepts exactly
 * what the string parser's fixed-position fast path accepts and gives the same wall-clock ms; anything
 * else returns NOT_FIXED and the caller decodes the cell and hands it to `DateParser.parse`, so every
 * other value (and every error message) comes from the one string parser.
 */
import { SERIAL_EPOCH_MS, TEXT_SERIAL_MAX, TEXT_SERIAL_MIN, daysFromCivil } from './dates';
import { DAY_MS } from './wall-time';

/** Returned when the bytes are not one of the fixed shapes (not an error: parse the text instead). */
export const NOT_FIXED = Number.NEGATIVE_INFINITY;

const HOUR_MS = 3_600_000;
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[m];
}

function two(b: Uint8Array, i: number): number {
  const x = b[i] - 48;
  const y = b[i + 1] - 48;
  return x >= 0 && x <= 9 && y >= 0 && y <= 9 ? x * 10 + y : -1;
}

/** Five digits within TEXT_SERIAL_MIN … TEXT_SERIAL_MAX as wall ms (what the string parser gives), else NOT_FIXED. */
function serialBytes(b: Uint8Array, s: number): number {
  let v = 0;
  for (let p = s; p < s + 5; p++) {
    const d = b[p] - 48;
    if (d < 0 || d > 9) return NOT_FIXED;
    v = v * 10 + d;
  }
  return v >= TEXT_SERIAL_MIN && v <= TEXT_SERIAL_MAX ? SERIAL_EPOCH_MS + v * DAY_MS : NOT_FIXED;
}

let cachedMonth = -1;
let cachedMonthStart = 0;

/** Wall ms of b[start, start + len), or NOT_FIXED. */
export function parseFixedDateBytes(b: Uint8Array, start: number, len: number): number {
  if (len === 5) return serialBytes(b, start);
  if (len !== 10 && len !== 16 && len !== 19) return NOT_FIXED;
  const s = start;
  let y: number;
  let mo: number;
  let d: number;
  let iso = false;
  if (b[s + 4] === 45 && b[s + 7] === 45) {
    const y1 = two(b, s);
    const y2 = two(b, s + 2);
    if (y1 < 0 || y2 < 0) return NOT_FIXED;
    y = y1 * 100 + y2;
    mo = two(b, s + 5);
    d = two(b, s + 8);
    iso = true;
  } else if (b[s + 2] === 46 && b[s + 5] === 46) {
    const y1 = two(b, s + 6);
    const y2 = two(b, s + 8);
    if (y1 < 0 || y2 < 0) return NOT_FIXED;
    y = y1 * 100 + y2;
    mo = two(b, s + 3);
    d = two(b, s);
  } else {
    return NOT_FIXED;
  }
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NOT_FIXED;
  const ym = y * 16 + mo;
  if (ym !== cachedMonth) {
    cachedMonth = ym;
    cachedMonthStart = daysFromCivil(y, mo, 1);
  }
  const dayMs = (cachedMonthStart + d - 1) * DAY_MS;
  if (len === 10) return dayMs;
  const sep = b[s + 10];
  if (!(sep === 32 || (iso && sep === 84)) || b[s + 13] !== 58) return NOT_FIXED;
  const h = two(b, s + 11);
  const mi = two(b, s + 14);
  let sec = 0;
  if (len === 19) {
    if (b[s + 16] !== 58) return NOT_FIXED;
    sec = two(b, s + 17);
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NOT_FIXED;
  return dayMs + h * HOUR_MS + mi * 60_000 + sec * 1000;
}
