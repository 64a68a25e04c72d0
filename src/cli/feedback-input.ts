/**
 * `--feedback FILE`: the previous Feedback tab, from a CSV or XLSX export of it or from the previous
 * report XLSX (its Feedback sheet). It becomes (1) the run's `feedback` input (what the Review reads)
 * and (2) the `previous` workbook of the XLSX keyed writer, so the new report's Feedback tab is that
 * sheet with the merge applied: every cell people typed is copied, never re-encoded.
 *
 * A sheet is taken by name (the configured Feedback sheet name, or "Обратная связь"), else the first
 * sheet whose header has the lead-id column's label, else the file's first sheet.
 */
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { keyText } from '../core/keyed-merge';
import type { KeyedTabSpec } from '../core/keyed-spec';
import { wallToInstant } from '../core/time/zone';
import type { CellValue } from '../core/types';
import { decodeCsvBytes, parseCsvText } from './csv-reader';
import { keyedCellValue, readPreviousWorkbook } from './xlsx-keyed';
import { newWorkbook } from './xlsx-writer';

export interface FeedbackInput {
  /** A workbook holding the previous Feedback tab under `spec.sheetName`. */
  previous: ExcelJS.Workbook;
  /** The tab as read (header first), dates as instants in `zone` (as Sheets hands them over). */
  rows: CellValue[][];
}

function pickSheet(wb: ExcelJS.Workbook, spec: KeyedTabSpec): ExcelJS.Worksheet | undefined {
  const names = [spec.sheetName, 'Feedback', 'Обратная связь'].map((n) => n.toLowerCase());
  const byName = wb.worksheets.find((w) => names.includes(w.name.trim().toLowerCase()));
  if (byName) return byName;
  const labels = [spec.key.label.en, spec.key.label.ru].map((l) => l.toLowerCase());
  const byHeader = wb.worksheets.find((w) => {
    const header = w.getRow(1).values as ExcelJS.CellValue[];
    return Array.isArray(header) && header.some((v) => labels.includes(keyText(keyedCellValue(v)).toLowerCase()));
  });
  return byHeader ?? wb.worksheets[0];
}

/** Reads `--feedback FILE`; throws with a plain message when the file cannot be read. */
export async function readFeedbackFile(path: string, spec: KeyedTabSpec, zone: string): Promise<FeedbackInput> {
  let source: ExcelJS.Worksheet | undefined;
  const previous = newWorkbook();
  if (/\.xlsx?m?$/i.test(path)) {
    const wb = await readPreviousWorkbook(path);
    if (!wb) throw new Error(`${path}: no such file`);
    source = pickSheet(wb, spec);
    if (!source) throw new Error(`${path}: the workbook has no sheets`);
    const ws = previous.addWorksheet(spec.sheetName);
    // The model copy keeps values, styles, notes, validations and widths of the sheet people worked in.
    ws.model = { ...structuredClone(source.model), name: spec.sheetName } as ExcelJS.WorksheetModel;
  } else {
    const rows = parseCsvText(decodeCsvBytes(readFileSync(path)));
    const ws = previous.addWorksheet(spec.sheetName);
    // CSV cells are text as exported; kept as text so nothing is re-interpreted.
    for (const line of rows) ws.addRow(line);
  }
  const ws = previous.getWorksheet(spec.sheetName)!;
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = keyedCellValue(row.getCell(c).value);
      // exceljs gives a day typed in Excel as that wall time in UTC; the engine reads instants in the zone.
      line.push(v instanceof Date ? new Date(wallToInstant(v.getTime(), zone)) : v);
    }
    rows[r - 1] = line;
  });
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { previous, rows };
}
