/**
 * Time zones: the accepted spellings of a zone, and instants ↔ wall-clock ms in it. Instants are
 * converted through an offset cache keyed by the hour (Intl is far too slow per cell).
 */
import type { WallMs } from '../types';
import { HOUR_MS, daysFromCivil } from './civil';
import { DAY_MS } from './wall-time';

export type InstantToWall = (epochMs: number) => WallMs;

const converters = new Map<string, InstantToWall>();
/** Hours cached in a flat array per zone: 2^18 hours ≈ 30 years around the first instant seen (1 MB). */
const HOUR_WINDOW = 1 << 18;
/** Offsets are whole seconds within ±18 h, so these two Int32 values never collide with one. */
const UNSEEN = -0x80000000;
const VARIES = -0x7fffffff;

function isUtcZone(zone: string): boolean {
  const z = zone.toUpperCase();
  return z === 'UTC' || z === 'ETC/UTC' || z === 'GMT' || z === 'ETC/GMT' || z === 'Z';
}

/**
 * A fixed UTC offset written as Sheets writes a custom zone (`GMT-07:00`, `GMT+05:30`), or as
 * `UTC+3`, `+03:00`, `-0700`. Spreadsheet.getSpreadsheetTimeZone() can return such a value
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()
 * returns "the time zone for the spreadsheet", and File → Settings offers GMT offsets), but
 * `Intl.DateTimeFormat` accepts only IANA names and throws "Invalid time zone specified" for it.
 */
const FIXED_OFFSET_RE = /^(?:GMT|UTC)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$/i;

/** Offset in ms of a fixed-offset zone (`GMT-07:00` → −7 h), or null for any other text. */
export function fixedOffsetMs(zone: string): number | null {
  const m = FIXED_OFFSET_RE.exec(zone.trim());
  if (!m) return null;
  const h = Number(m[2]);
  const mi = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 14 || mi > 59 || (h === 14 && mi > 0)) return null;
  return (m[1] === '+' ? 1 : -1) * (h * HOUR_MS + mi * 60_000);
}

function fixedOffsetName(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs) / 60_000;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `GMT${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The one spelling of a zone that every date function here accepts: an IANA name as given (when
 * `Intl` knows it), `UTC` for a zero offset, and `GMT±HH:MM` for any other fixed offset (`GMT-07:00`,
 * `UTC+3`, `+05:30`). Null for anything else (an unknown name, an offset beyond ±14 h).
 */
export function normaliseTimeZone(zone: string): string | null {
  const z = zone.trim();
  if (z === '') return null;
  if (isUtcZone(z)) return 'UTC';
  const offset = fixedOffsetMs(z);
  if (offset !== null) return offset === 0 ? 'UTC' : fixedOffsetName(offset);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: z });
    return z;
  } catch {
    return null;
  }
}

function makeConverter(timeZone: string): InstantToWall {
  if (isUtcZone(timeZone)) return (t) => t;
  const fixed = fixedOffsetMs(timeZone);
  if (fixed !== null) return (t) => t + fixed;
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  /** Offset (wall − instant) at a whole-second instant. */
  const offsetAt = (t: number): number => {
    let y = 0;
    let mo = 1;
    let d = 1;
    let h = 0;
    let mi = 0;
    let sec = 0;
    for (const part of fmt.formatToParts(t)) {
      const v = Number(part.value);
      switch (part.type) {
        case 'year':
          y = v;
          break;
        case 'month':
          mo = v;
          break;
        case 'day':
          d = v;
          break;
        case 'hour':
          h = v === 24 ? 0 : v;
          break;
        case 'minute':
          mi = v;
          break;
        case 'second':
          sec = v;
          break;
        default:
          break;
      }
    }
    return daysFromCivil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * 60_000 + sec * 1000 - t;
  };
  // Offset per UTC hour in a flat window of hours around the first instant seen (a typed-array read is
  // several times cheaper than a Map lookup), with a Map for hours outside it.
  const offsetOfHour = (hour: number): number => {
    const start = hour * HOUR_MS;
    const a = offsetAt(start);
    return a === offsetAt(start + HOUR_MS - 1000) ? a : VARIES;
  };
  let windowStart = NaN;
  let hourOffsets: Int32Array | null = null;
  const outside = new Map<number, number>();
  return (t) => {
    const hour = Math.floor(t / HOUR_MS);
    if (hourOffsets === null) {
      windowStart = hour - HOUR_WINDOW / 2;
      hourOffsets = new Int32Array(HOUR_WINDOW).fill(UNSEEN);
    }
    const slot = hour - windowStart;
    let off: number;
    if (slot >= 0 && slot < HOUR_WINDOW) {
      off = hourOffsets[slot];
      if (off === UNSEEN) off = hourOffsets[slot] = offsetOfHour(hour);
    } else {
      const cached = outside.get(hour);
      if (cached === undefined) {
        off = offsetOfHour(hour);
        if (outside.size >= 100_000) outside.clear();
        outside.set(hour, off);
      } else {
        off = cached;
      }
    }
    if (off === VARIES) {
      // The offset changes within this hour (zones such as Lord Howe switch on the half hour).
      const whole = Math.floor(t / 1000) * 1000;
      return whole + offsetAt(whole) + (t - whole);
    }
    return t + off;
  };
}

/** Converter from epoch ms to wall ms in `timeZone`, shared per zone (the hour cache warms once). */
export function instantToWallConverter(timeZone: string): InstantToWall {
  let conv = converters.get(timeZone);
  if (!conv) {
    conv = makeConverter(timeZone);
    if (converters.size > 50) converters.clear();
    converters.set(timeZone, conv);
  }
  return conv;
}

/** Wall-clock time (local time encoded as UTC, see WallMs) of an instant in `timeZone`. */
export function instantToWall(instantMs: number, timeZone: string): WallMs {
  return instantToWallConverter(timeZone)(instantMs);
}

/**
 * The instant (epoch ms) at which clocks in `timeZone` show `wall`. When the local time occurs twice
 * (clocks turned back) the first occurrence; when it does not exist (clocks turned forward, e.g.
 * midnight in America/Santiago) the instant just after the gap, so the local day is still the right one.
 */
export function wallToInstant(wall: WallMs, timeZone: string): number {
  const toWall = instantToWallConverter(timeZone);
  // Offsets a day either side bracket any transition near `wall` (offsets are within ±14 h).
  const offBefore = toWall(wall - DAY_MS) - (wall - DAY_MS);
  const offAfter = toWall(wall + DAY_MS) - (wall + DAY_MS);
  const early = wall - Math.max(offBefore, offAfter);
  const late = wall - Math.min(offBefore, offAfter);
  return toWall(early) === wall ? early : late;
}
