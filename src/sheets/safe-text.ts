/**
 * Turning layout and data values into what Range.setValues should receive.
 *
 * setValues treats a string the way Sheets treats typing: '=…' (and '+…', '-…') becomes a formula,
 * '123' a number, '2024-01-01' a date, 'TRUE' a boolean. A leading apostrophe is Sheets' own
 * "this is text" marker: the cell stores the text without it, getValues returns it without it, and
 * nothing is evaluated. Every non-empty string goes out with that apostrophe, not only the strings
 * that look dangerous, because guessing what Sheets might parse (locale-dependent dates, '1e5',
 * '$5', '12:30', '50%') is exactly the kind of list that misses a case.
 *
 * Our own numbers and dates stay real numbers and Date objects.
 */
import type { CellValue } from '../core/types';
import type { LayoutValue } from '../report/layout';
import { wallToInstant } from '../core/time/zone';

export type SheetValue = string | number | boolean | Date;

/**
 * Characters a Sheets cell holds; a longer value makes setValues throw for the whole block. Text from
 * the data (a person's cell quoted on Data issues) can be that long, so it is cut to fit.
 */
export const CELL_TEXT_MAX = 50_000;

/** Text of at most `max` characters, ending with '…' when cut (never splitting a surrogate pair). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Text cut to fit one cell. */
export function fitCell(text: string): string {
  return cutText(text, CELL_TEXT_MAX);
}

/** A string that Sheets will store as exactly this text (cut to the cell limit). */
export function protectText(text: string): string {
  return text === '' ? '' : `'${fitCell(text)}`;
}

/** A layout value as a setValues value; LayoutDate becomes the instant that shows that wall time in `zone`. */
export function layoutToSheetValue(v: LayoutValue, zone: string): SheetValue {
  if (v === null) return '';
  if (typeof v === 'string') return protectText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  return new Date(wallToInstant(v.wallMs, zone));
}

/** A value read from data (e.g. sample rows) as a setValues value: Dates and numbers kept, text protected. */
export function dataToSheetValue(v: CellValue): SheetValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return protectText(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (typeof v === 'boolean') return v;
  return new Date(v.getTime());
}
