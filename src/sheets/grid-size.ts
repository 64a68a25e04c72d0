import type { GasSheet } from './gas';

/** Grows the sheet's grid so a block of `rows` × `cols` fits (a new sheet has 1000 × 26 cells). */
export function ensureSize(sheet: GasSheet, rows: number, cols: number): { maxRows: number; maxCols: number } {
  let maxRows = sheet.getMaxRows();
  let maxCols = sheet.getMaxColumns();
  if (rows > maxRows) {
    sheet.insertRowsAfter(maxRows, rows - maxRows);
    maxRows = rows;
  }
  if (cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, cols - maxCols);
    maxCols = cols;
  }
  return { maxRows, maxCols };
}
