/**
 * Argument coercion for custom functions. Sheets hands over whatever the user typed: a 2D array for a
 * range, a bare value for a single cell, `Date` objects for date cells, serial numbers, text. Every
 * helper either returns a clean value or throws an Error whose message says, in English and Russian,
 * what to fix. Nothing here touches Apps Script globals.
 */
import type { CellValue, Grain, WallMs } from '../core/types';
import { isDateObject } from '../core/time/date-parser';
import { dayInTimeZone } from '../core/engine';
import { normalizeHeader } from '../core/headers';
import { DAY_MS, parseIsoDay, toIsoDay } from '../core/time/wall-time';

/** One message in both languages: `FN: English. / Русский.` (Sheets shows it in the cell's error tooltip). */
export function argError(fn: string, en: string, ru: string): Error {
  return new Error(`${fn}: ${en} / ${ru}`);
}


function isBlank(v: unknown): boolean {
  return v === '' || v === null || v === undefined;
}

/** How stage and grain names are compared: the same normalisation as header matching (case, spaces, _, ё). */
export function normaliseName(text: string): string {
  return normalizeHeader(text);
}

/**
 * The `leads` argument: a range with a header row and at least one lead row. Trailing blank rows and
 * blank trailing columns are dropped, so whole-column references such as `Leads!A:F` stay cheap.
 */
export function tableArg(fn: string, name: string, value: unknown): CellValue[][] {
  if (!Array.isArray(value)) {
    throw argError(
      fn,
      `${name} must be a range with a header row and lead rows (e.g. Leads!A:F), not a single value`,
      `${name} должен быть диапазоном с заголовками и строками лидов (например, Leads!A:F), а не одним значением`,
    );
  }
  const rows = value as unknown[];
  if (!rows.every((r) => Array.isArray(r))) {
    throw argError(fn, `${name} must be a range of cells`, `${name} должен быть диапазоном ячеек`);
  }
  const grid = rows as CellValue[][];
  let height = grid.length;
  while (height > 0 && grid[height - 1].every(isBlank)) height--;
  if (height === 0) {
    throw argError(fn, `${name}: the range is empty`, `${name}: диапазон пуст`);
  }
  let width = grid[0].length;
  while (width > 0 && grid.slice(0, height).every((r) => isBlank(r[width - 1]))) width--;
  if (height === 1) {
    throw argError(
      fn,
      `${name}: the range has only a header row and no leads`,
      `${name}: в диапазоне только строка заголовков, лидов нет`,
    );
  }
  return width === grid[0].length && height === grid.length
    ? grid
    : grid.slice(0, height).map((r) => r.slice(0, width));
}

/** A text argument (a stage name); numbers are accepted as their text. */
export function textArg(fn: string, name: string, value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value.trim() === '') {
    throw argError(fn, `${name} must be a stage name (text)`, `${name} должен быть названием этапа (текст)`);
  }
  return value.trim();
}

const GRAINS: Record<string, Grain> = {
  week: 'week', weeks: 'week', weekly: 'week', 'неделя': 'week', 'недели': 'week', 'нед': 'week',
  month: 'month', months: 'month', monthly: 'month', 'месяц': 'month', 'месяцы': 'month', 'мес': 'month',
  quarter: 'quarter', quarters: 'quarter', quarterly: 'quarter', 'квартал': 'quarter', 'кварталы': 'quarter', 'кв': 'quarter',
};

/** `grain`: week / month / quarter (English or Russian); undefined when blank (use the configured grain). */
export function grainArg(fn: string, value: unknown): Grain | undefined {
  if (isBlank(value)) return undefined;
  const grain = typeof value === 'string' ? GRAINS[normaliseName(value)] : undefined;
  if (!grain) {
    throw argError(
      fn,
      `grain "${String(value)}" is not known; use "week", "month" or "quarter"`,
      `период "${String(value)}" не распознан; укажите "неделя", "месяц" или "квартал"`,
    );
  }
  return grain;
}

/** Serial day 0 of Google Sheets (and Excel's 1900 system after February 1900). */
const SHEETS_EPOCH: WallMs = Date.UTC(1899, 11, 30);
/** Serials before 1970 or after 9999 are almost certainly not meant as report dates (e.g. a year typed as 2024). */
const MIN_SERIAL = 25569;
const MAX_SERIAL = 2958465;

/**
 * `as_of` as a `YYYY-MM-DD` day: a date cell (an instant, read in the spreadsheet's time zone), a
 * serial number, a 'YYYY-MM-DD' or 'DD.MM.YYYY' string, or blank for today in that zone.
 */
export function asOfArg(fn: string, value: unknown, timeZone: string, now: Date): string {
  if (isBlank(value)) return dayInTimeZone(now, timeZone);
  if (isDateObject(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw badAsOf(fn, 'an invalid date');
    return dayInTimeZone(value, timeZone);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < MIN_SERIAL || value > MAX_SERIAL) throw badAsOf(fn, String(value));
    return toIsoDay(SHEETS_EPOCH + Math.floor(value) * DAY_MS);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    const iso = dotted ? `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}` : text;
    if (parseIsoDay(iso) !== null) return iso;
  }
  throw badAsOf(fn, String(value));
}

function badAsOf(fn: string, shown: string): Error {
  return argError(
    fn,
    `as_of "${shown}" is not a date; use a date cell, DATE(2024,9,26) or "2024-09-26"`,
    `дата отчёта "${shown}" не распознана; укажите ячейку с датой, DATE(2024;9;26) или "2024-09-26"`,
  );
}
