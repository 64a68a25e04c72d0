/**
 * Dates and periods of spend rows, as whole days (days since 1970-01-01 in the report's wall clock).
 * A cell is a date in any format the leads accept (time/date-parser.ts: text, serial numbers, Date
 * objects) or a month: `Mar 2024`, `March 2024`, `март 2024`, `марта 2024`, `2024-03`, `03.2024`,
 * `03/2024`. A month stands for all of its days.
 */
import type { DateReason } from '../messages/codes';
import { daysFromCivil, daysInMonth } from '../time/civil';
import type { DateParser } from '../time/date-parser';
import { INVALID_DATE } from '../time/sentinels';
import { DAY_MS } from '../time/wall-time';
import type { CellValue } from '../types';

/** Inclusive day range. */
export interface DayRange {
  start: number;
  end: number;
}

export type PeriodResult = DayRange | { blank: true } | { error: DateReason | 'notAPeriod' };

/** Month-name stems (lower case) → month 1–12; a name matches when it starts with a stem of 3+ letters. */
const MONTH_STEMS: ReadonlyArray<[string, number]> = [
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
  ['янв', 1],
  ['фев', 2],
  ['мар', 3],
  ['апр', 4],
  ['мая', 5],
  ['май', 5],
  ['июн', 6],
  ['июл', 7],
  ['авг', 8],
  ['сен', 9],
  ['окт', 10],
  ['ноя', 11],
  ['дек', 12],
];

function monthOfName(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  for (const [stem, m] of MONTH_STEMS) if (w.startsWith(stem)) return m;
  return null;
}

function monthRange(year: number, month: number): DayRange | null {
  if (month < 1 || month > 12 || year < 1000 || year > 9999) return null;
  const start = daysFromCivil(year, month, 1);
  return { start, end: start + daysInMonth(year, month) - 1 };
}

/** A month written as text, or null when the text is not a month. */
export function parseMonthText(text: string): DayRange | null {
  const s = text.trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m) return monthRange(+m[1], +m[2]);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return monthRange(+m[2], +m[1]);
  m = /^([^\d\s]+)\.?,? (\d{4})( г\.?| года?)?$/i.exec(s);
  if (m) {
    const month = monthOfName(m[1]);
    return month === null ? null : monthRange(+m[2], month);
  }
  m = /^(\d{4}) ([^\d\s]+)$/.exec(s);
  if (m) {
    const month = monthOfName(m[2]);
    return month === null ? null : monthRange(+m[1], month);
  }
  return null;
}

/** The day range of a date-or-month cell. */
export function parsePeriodCell(v: CellValue, dates: DateParser): PeriodResult {
  if (typeof v === 'string') {
    const month = parseMonthText(v);
    if (month) return month;
  }
  const ms = dates.parse(v);
  if (ms !== ms) return { blank: true };
  if (ms === INVALID_DATE) {
    const reason = dates.lastError().reason;
    return { error: typeof v === 'string' && reason === 'notADate' ? 'notAPeriod' : reason };
  }
  const day = Math.floor(ms / DAY_MS);
  return { start: day, end: day };
}
