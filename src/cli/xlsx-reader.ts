/**
 * XLSX file → rows of cell values (first sheet or a named one).
 *
 * exceljs turns a date-formatted cell into a `Date` whose UTC fields are the wall-clock time shown
 * in Excel (XLSX stores no time zone). Handing that `Date` to the engine would make it treat the
 * value as an instant and shift it into the config's time zone, so dates become wall-clock text
 * (`YYYY-MM-DD HH:MM:SS`) that the engine reads as local time, whatever zone this machine is in.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../core/types';
import { workbookInfo, type WorkbookSheet } from './xlsx-sheets';

export interface XlsxInput {
  rows: CellValue[][];
  sheet: string;
}

export class SheetNotFoundError extends Error {
  constructor(
    readonly sheet: string,
    readonly available: string[],
  ) {
    super(`sheet "${sheet}" not found`);
  }
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A Date built by exceljs (UTC = wall clock) → wall-clock text, rounded to the second (serials carry float noise). */
export function excelDateToWallText(d: Date): string {
  const t = d.getTime();
  if (t !== t) return '';
  const r = new Date(Math.round(t / 1000) * 1000);
  const day = `${r.getUTCFullYear()}-${p2(r.getUTCMonth() + 1)}-${p2(r.getUTCDate())}`;
  const h = r.getUTCHours();
  const mi = r.getUTCMinutes();
  const s = r.getUTCSeconds();
  if (h === 0 && mi === 0 && s === 0) return day;
  return `${day} ${p2(h)}:${p2(mi)}${s ? `:${p2(s)}` : ''}`;
}

/** One exceljs cell value → what a spreadsheet's getValues() would give. */
export function toCellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return excelDateToWallText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return toCellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in v) return toCellValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ('error' in v) return String((v as ExcelJS.CellErrorValue).error);
    if ('text' in v) return String((v as { text: unknown }).text);
  }
  return String(v);
}

/**
 * Streams the sheet with exceljs's WorkbookReader: the in-memory reader keeps an object per cell
 * and took 16 s and 1.4 GB for 200,000 rows; streaming keeps only the row arrays.
 */
export async function readXlsxFile(path: string, sheet?: string): Promise<XlsxInput> {
  const info = workbookInfo(path);
  const listed = info.sheets;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // so date-formatted cells arrive as Dates (if styles come late they are serial numbers, read as dates too)
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs reads `model.sheets` and `properties` (date1904) of the workbook part when it meets a sheet
  // after the workbook's relationships; if the workbook part comes later still, they do not exist yet
  // and it throws. Give it what the workbook part says (it replaces them when it gets there); the
  // sheet names are resolved below.
  const early = reader as unknown as { model?: { sheets?: { name: string }[] }; properties?: { model?: { date1904: boolean } } };
  if (!early.model) early.model = { sheets: [] };
  if (!early.properties) early.properties = { model: { date1904: info.date1904 } };
  const sheetNames = (): string[] =>
    listed.length > 0 ? listed.map((x) => x.name) : ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((x) => x.name);
  let found: XlsxInput | null = null;
  for await (const ws of reader) {
    // exceljs's typings call the emitted object a Worksheet; at run time it is a WorksheetReader with a name
    const w = ws as unknown as AsyncIterable<ExcelJS.Row> & { name: string; id: number | string };
    const name = realSheetName(w, listed);
    const wanted = found === null && (sheet === undefined ? name === (sheetNames()[0] ?? name) : name === sheet);
    if (!wanted) {
      for await (const _row of w) void _row; // drain: the zip stream moves on only when this entry is consumed
      continue;
    }
    found = { rows: await readRows(w), sheet: name };
  }
  if (!found) throw new SheetNotFoundError(sheet ?? '', sheetNames());
  return found;
}

/**
 * exceljs names a sheet it could not match to the workbook part `Sheet<n>`, n being the number in the
 * part's file name (xl/worksheets/sheet<n>.xml): look that part up in the workbook's own list.
 */
function realSheetName(w: { name: string; id: number | string }, listed: readonly WorkbookSheet[]): string {
  if (w.name !== `Sheet${w.id}`) return w.name;
  return listed.find((s) => s.part === `xl/worksheets/sheet${w.id}.xml`)?.name ?? w.name;
}

async function readRows(ws: AsyncIterable<ExcelJS.Row>): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  let width = 0;
  for await (const row of ws) {
    // Empty rows are not emitted: keep the numbering a spreadsheet shows.
    while (rows.length < row.number - 1) rows.push([]);
    const values = row.values as ExcelJS.CellValue[];
    const out: CellValue[] = new Array(Math.max(0, values.length - 1)).fill('');
    for (let c = 1; c < values.length; c++) out[c - 1] = toCellValue(values[c]);
    if (out.length > width) width = out.length;
    rows.push(out);
  }
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === '')) rows.pop();
  for (const r of rows) while (r.length < width) r.push('');
  return rows;
}
