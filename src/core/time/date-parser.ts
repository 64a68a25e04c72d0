/**
 * Date cells → wall-clock ms (see WallMs), one parser per column: text through parse-text.ts, serial
 * numbers, and Date objects (instants, shown as wall time in the report's zone).
 */
import type { CellValue, DateOrder, WallMs } from '../types';
import { DATE_ERRORS, ERR_BOOLEAN, ERR_INVALID_DATE_OBJECT, ERR_NOT_A_DATE, ERR_SERIAL_RANGE, type DateError } from './date-errors';
import { lastTextParse, parseFixedText, parseText } from './parse-text';
import { INVALID_DATE, NOT_FIXED } from './sentinels';
import { MAX_SERIAL, SERIAL_EPOCH_MS } from './serial';
import { DAY_MS } from './wall-time';
import { instantToWallConverter, type InstantToWall } from './zone';

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
  lastError(): DateError;
  /** The same as `parse`, as an object (convenient outside hot loops). */
  parseResult(v: CellValue): DateParseResult;
  /** An instant (epoch ms) as wall-clock ms in the parser's time zone. */
  instantToWall(epochMs: number): WallMs;
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
      const fixed = parseFixedText(v);
      if (fixed !== NOT_FIXED) return fixed;
      const r = parseText(v, this.mdy);
      if (r === INVALID_DATE) {
        this.error = lastTextParse.error;
        return r;
      }
      const wall = lastTextParse.isInstant ? this.instantToWall(r) : r;
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

  lastError(): DateError {
    return DATE_ERRORS[this.error];
  }

  parseResult(v: CellValue): DateParseResult {
    const ms = this.parse(v);
    if (ms === INVALID_DATE) {
      const { error, errorRu } = DATE_ERRORS[this.error];
      return { error, errorRu };
    }
    return ms !== ms ? { blank: true } : { ms };
  }
}

/** A parser for one column: it remembers the last short string it parsed, which pays off on date-only data. */
export function makeDateParser(opts: DateParserOptions): DateParser {
  return new ColumnDateParser(opts);
}
