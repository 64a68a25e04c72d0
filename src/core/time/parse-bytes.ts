/**
 * The fixed date shapes (fixed-shapes.ts) read straight from UTF-8 bytes, for readers that never build
 * the cell string, plus a five-digit serial day number such as `45366` (2024-03-15) within the
 * text-serial range. It accepts exactly what the string parser's fixed-position fast path accepts and
 * gives the same wall-clock ms; anything else returns NOT_FIXED and the caller decodes the cell and hands
 * it to `DateParser.parse`, so every other value (and every error message) comes from the one string parser.
 */
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
import { NOT_FIXED } from './sentinels';
import { DAY_MS } from './wall-time';

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

/** Wall ms of b[start, start + len), or NOT_FIXED. */
export function parseFixedDateBytes(b: Uint8Array, start: number, len: number): number {
  if (len === 5) return serialBytes(b, start);
  if (!isFixedDateLength(len)) return NOT_FIXED;
  for (let i = 0; i < FIXED_DATE_SHAPES.length; i++) {
    const shape = FIXED_DATE_SHAPES[i];
    if (b[start + shape.firstSepAt] !== shape.sep || b[start + shape.secondSepAt] !== shape.sep) continue;
    const y1 = two(b, start + shape.yearAt);
    const y2 = two(b, start + shape.yearAt + 2);
    if (y1 < 0 || y2 < 0) return NOT_FIXED;
    const dayMs = fixedDayMs(y1 * 100 + y2, two(b, start + shape.monthAt), two(b, start + shape.dayAt));
    if (dayMs === NOT_FIXED || len === FIXED_DATE_LENGTH) return dayMs;
    if (!isFixedTimeSep(shape, b[start + FIXED_TIME_SEP_AT]) || b[start + FIXED_MINUTE_COLON_AT] !== 58) return NOT_FIXED;
    let sec = 0;
    if (len === FIXED_SECOND_LENGTH) {
      if (b[start + FIXED_SECOND_COLON_AT] !== 58) return NOT_FIXED;
      sec = two(b, start + FIXED_SECOND_AT);
    }
    return fixedTimeMs(dayMs, two(b, start + FIXED_HOUR_AT), two(b, start + FIXED_MINUTE_AT), sec);
  }
  return NOT_FIXED;
}
