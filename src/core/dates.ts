/**
 * Date cells → wall-clock milliseconds (see WallMs). Runs once per cell of every date column, so the
 * string path is char-code based (no regex, no substring allocation) and instants are converted to
 * the report's time zone through an offset cache keyed by the hour (Intl is far too slow per cell).
 */
import type { CellValue, DateOrder, WallMs } from './types';
import { DAY_MS } from './wall-time';

/** Returned by `DateParser.parse` for a value that is not a date (see `lastError`). */
export const INVALID_DATE = Number.POSITIVE_INFINITY;

export type DateParseResult = { ms: WallMs } | { blank: true } | { error: string; errorRu: string };

export interface DateParserOptions {
  /** IANA zone; instants (Date objects, ISO strings with an offset) are shown as wall time there. */
  timeZone: string;
  /** How `03/04/2024` and `03-04-2024` are read. Dotted dates are always day.month.year. */
  dateOrder: DateOrder;
}

export interface DateParser {
  /** Wall-clock ms; NaN for a blank cell or a "no date" placeholder; INVALID_DATE otherwise. */
  parse(v: CellValue): number;
  /** Why the latest `parse` call returned INVALID_DATE. */
  lastError(): { error: string; errorRu: string };
  /** The same as `parse`, as an object (convenient outside hot loops). */
  parseResult(v: CellValue): DateParseResult;
  /** An instant (epoch ms) as wall-clock ms in the parser's time zone. */
  instantToWall(epochMs: number): WallMs;
}

const ERR_NOT_A_DATE = 0;
const ERR_IMPOSSIBLE_DATE = 1;
const ERR_BAD_TIME = 2;
const ERR_TWO_DIGIT_YEAR = 3;
const ERR_NUMBER_AS_TEXT = 4;
const ERR_SERIAL_RANGE = 5;
const ERR_BOOLEAN = 6;
const ERR_INVALID_DATE_OBJECT = 7;

const ERRORS: readonly { error: string; errorRu: string }[] = [
  {
    error: 'not a date (expected e.g. 2024-03-15, 2024-03-15 14:30 or 15.03.2024 14:30)',
    errorRu: 'не дата (ожидается, например, 2024-03-15, 2024-03-15 14:30 или 15.03.2024 14:30)',
  },
  { error: 'no such day in the calendar', errorRu: 'такого дня нет в календаре' },
  { error: 'impossible time of day', errorRu: 'такого времени суток не бывает' },
  {
    error: 'two-digit year: write the year in full (2024, not 24)',
    errorRu: 'год из двух цифр: укажите год полностью (2024, а не 24)',
  },
  {
    error: 'a number written as text, not a date (serial day numbers are read from 25569 = 1970-01-01 to 73050 = 2099-12-31)',
    errorRu: 'число, записанное текстом, а не дата (порядковые номера дней читаются от 25569 = 1970-01-01 до 73050 = 2099-12-31)',
  },
  {
    error: 'a number outside the range of spreadsheet dates (1 … 2958465)',
    errorRu: 'число вне диапазона дат таблицы (1 … 2958465)',
  },
  { error: 'TRUE/FALSE, not a date', errorRu: 'логическое значение (ИСТИНА/ЛОЖЬ), а не дата' },
  { error: 'invalid date', errorRu: 'недействительная дата' },
];

/** Lower-cased cell texts that mean "no date" (amoCRM writes `не закрыта` into open deals' close date). */
const BLANK_PLACEHOLDERS: ReadonlySet<string> = new Set([
  '-', '--', '—', '–', 'не закрыта', 'не закрыто', 'not closed', 'n/a', 'null', 'none',
]);

/** Spreadsheet serial day 0 = 1899-12-30 (Google Sheets; Excel agrees from 1900-03-01 on). */
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MAX_SERIAL = 2958466; // exclusive: 9999-12-31 is 2958465
/**
 * Serial day numbers written as text (CSV exports of spreadsheets): read only from 1970-01-01 (25569) to
 * 2099-12-31 (73050), so a stray count or amount in a date column stays "a number, not a date".
 */
export const TEXT_SERIAL_MIN = 25569;
export const TEXT_SERIAL_MAX = 73050;
const HOUR_MS = 3_600_000;

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[m];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x202f || c === 0x2009 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Results of the last parseText call besides its return value (single-threaded, so module state is safe).
let textError = 0;
let textIsInstant = false;
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
  textError = code;
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

const NOT_HANDLED = Number.NEGATIVE_INFINITY;
let cachedMonth = -1;
let cachedMonthStart = 0;

/**
 * The common exact shapes `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (or `T`) and `DD.MM.YYYY[ HH:MM[:SS]]`
 * read at fixed positions. Anything else, including every invalid value, goes to `parseText`, which
 * gives the same result for these shapes but also says what is wrong.
 */
function parseFixed(s: string): number {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 19) return NOT_HANDLED;
  let y: number;
  let mo: number;
  let d: number;
  let iso = false;
  if (s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y1 = twoDigits(s, 0);
    const y2 = twoDigits(s, 2);
    if (y1 < 0 || y2 < 0) return NOT_HANDLED;
    y = y1 * 100 + y2;
    mo = twoDigits(s, 5);
    d = twoDigits(s, 8);
    iso = true;
  } else if (s.charCodeAt(2) === 46 && s.charCodeAt(5) === 46) {
    const y1 = twoDigits(s, 6);
    const y2 = twoDigits(s, 8);
    if (y1 < 0 || y2 < 0) return NOT_HANDLED;
    y = y1 * 100 + y2;
    mo = twoDigits(s, 3);
    d = twoDigits(s, 0);
  } else {
    return NOT_HANDLED;
  }
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NOT_HANDLED;
  const ym = y * 16 + mo;
  if (ym !== cachedMonth) {
    cachedMonth = ym;
    cachedMonthStart = daysFromCivil(y, mo, 1);
  }
  const dayMs = (cachedMonthStart + d - 1) * DAY_MS;
  if (n === 10) return dayMs;
  const sep = s.charCodeAt(10);
  if (!(sep === 32 || (iso && sep === 84)) || s.charCodeAt(13) !== 58) return NOT_HANDLED;
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  let sec = 0;
  if (n === 19) {
    if (s.charCodeAt(16) !== 58) return NOT_HANDLED;
    sec = twoDigits(s, 17);
  }
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NOT_HANDLED;
  return dayMs + h * HOUR_MS + mi * 60_000 + sec * 1000;
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
 * Parses a date string. Returns wall ms (or, when `textIsInstant` is set, epoch ms of an ISO string
 * with an explicit offset), NaN for blank/placeholder, INVALID_DATE with `textError` set otherwise.
 */
function parseText(s: string, mdy: boolean): number {
  textIsInstant = false;
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
  let y: number;
  let mo: number;
  let d: number;
  let iso = false;
  if (len1 === 4 && (sep === 45 || sep === 47 || sep === 46)) {
    // Year first: 2024-03-15 (ISO: two-digit month and day), 2024/3/15, 2024.03.15.
    iso = sep === 45;
    y = first;
    cursor++;
    let p = cursor;
    mo = readDigits(s, b, 2);
    if (mo < 0 || (iso && cursor - p !== 2) || cursor >= b || s.charCodeAt(cursor) !== sep) return failFormat(s, a, b);
    cursor++;
    p = cursor;
    d = readDigits(s, b, 2);
    if (d < 0 || (iso && cursor - p !== 2)) return fail(ERR_NOT_A_DATE);
  } else if (len1 <= 2 && (sep === 46 || sep === 47 || sep === 45)) {
    // Day/month first: 15.03.2024 always; 15/03/2024 and 15-03-2024 per the configured order.
    cursor++;
    const second = readDigits(s, b, 2);
    if (second < 0 || cursor >= b || s.charCodeAt(cursor) !== sep) return failFormat(s, a, b);
    cursor++;
    const p = cursor;
    y = readDigits(s, b, 5);
    const yLen = cursor - p;
    if (yLen === 2) return fail(ERR_TWO_DIGIT_YEAR);
    if (yLen !== 4) return fail(ERR_NOT_A_DATE);
    if (sep !== 46 && mdy) {
      mo = first;
      d = second;
    } else {
      d = first;
      mo = second;
    }
  } else {
    return failFormat(s, a, b);
  }
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return fail(ERR_IMPOSSIBLE_DATE);
  const dayMs = daysFromCivil(y, mo, d) * DAY_MS;
  if (cursor === b) return dayMs;

  // Time part: "T" (ISO only), a space or ", " after the date.
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
  if (!iso) return fail(ERR_NOT_A_DATE);
  c = s.charCodeAt(q);
  if ((c === 90 || c === 122) && q + 1 === b) {
    textIsInstant = true;
    return wall;
  }
  if (c !== 43 && c !== 45 && c !== 0x2212) return fail(ERR_NOT_A_DATE);
  const sign = c === 43 ? 1 : -1;
  cursor = q + 1;
  p = cursor;
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
  textIsInstant = true;
  return wall - sign * (oh * HOUR_MS + om * 60_000);
}

type InstantToWall = (epochMs: number) => WallMs;

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
        case 'year': y = v; break;
        case 'month': mo = v; break;
        case 'day': d = v; break;
        case 'hour': h = v === 24 ? 0 : v; break;
        case 'minute': mi = v; break;
        case 'second': sec = v; break;
        default: break;
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

/** True for Date objects from any realm (cells handed over by a vm context or another frame too). */
export function isDateObject(v: unknown): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';
}

/** Strings up to this length are remembered (date-only values repeat a lot; comparing long unique ones costs more than it saves). */
const CACHED_TEXT_MAX = 10;

class ColumnDateParser implements DateParser {
  private error = ERR_NOT_A_DATE;
  // A class rather than a closure: double fields are updated in place, closure slots would box every value.
  private lastText = '';
  private lastValue = NaN;
  private readonly mdy: boolean;
  readonly instantToWall: InstantToWall;

  constructor(opts: DateParserOptions) {
    this.instantToWall = instantToWallConverter(opts.timeZone);
    this.mdy = opts.dateOrder === 'mdy';
  }

  parse(v: CellValue): number {
    if (typeof v === 'string') {
      const short = v.length <= CACHED_TEXT_MAX;
      if (short && v === this.lastText) return this.lastValue;
      const fixed = parseFixed(v);
      if (fixed !== NOT_HANDLED) return fixed;
      const r = parseText(v, this.mdy);
      if (r === INVALID_DATE) {
        this.error = textError;
        return r;
      }
      const wall = textIsInstant ? this.instantToWall(r) : r;
      if (short) {
        this.lastText = v;
        this.lastValue = wall;
      }
      return wall;
    }
    if (v === null || v === undefined) return NaN;
    if (typeof v === 'number') {
      if (!(v >= 1 && v < MAX_SERIAL)) {
        this.error = ERR_SERIAL_RANGE;
        return INVALID_DATE;
      }
      return Math.round(SERIAL_EPOCH_MS + v * DAY_MS);
    }
    if (typeof v === 'boolean') {
      this.error = ERR_BOOLEAN;
      return INVALID_DATE;
    }
    if (isDateObject(v)) {
      const t = v.getTime();
      if (t !== t) {
        this.error = ERR_INVALID_DATE_OBJECT;
        return INVALID_DATE;
      }
      return this.instantToWall(t);
    }
    this.error = ERR_NOT_A_DATE;
    return INVALID_DATE;
  }

  lastError(): { error: string; errorRu: string } {
    return ERRORS[this.error];
  }

  parseResult(v: CellValue): DateParseResult {
    const ms = this.parse(v);
    if (ms === INVALID_DATE) return { ...ERRORS[this.error] };
    return ms !== ms ? { blank: true } : { ms };
  }
}

/** A parser for one column: it remembers the last short string it parsed, which pays off on date-only data. */
export function makeDateParser(opts: DateParserOptions): DateParser {
  return new ColumnDateParser(opts);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD HH:MM` of a wall-clock time, for messages; '' for NaN/±Infinity. */
export function formatWallDateTime(ms: WallMs): string {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const ys = y >= 1000 ? String(y) : String(y).padStart(4, '0');
  return `${ys}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
