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

export async function readXlsxFile(path: string, sheet?: string): Promise<XlsxInput> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = sheet === undefined ? wb.worksheets[0] : wb.worksheets.find((w) => w.name === sheet);
  if (!ws) throw new SheetNotFoundError(sheet ?? '', wb.worksheets.map((w) => w.name));
  const width = ws.columnCount;
  const rows: CellValue[][] = [];
  const height = ws.rowCount;
  for (let r = 1; r <= height; r++) {
    const row = ws.getRow(r);
    const out: CellValue[] = new Array(width).fill('');
    for (let c = 1; c <= width; c++) out[c - 1] = toCellValue(row.getCell(c).value);
    rows.push(out);
  }
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === '')) rows.pop();
  return { rows, sheet: ws.name };
}
