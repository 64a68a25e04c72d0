/**
 * Exports often put a title, the export date or a filter summary above the header row. The CLI finds
 * the header among the first rows and reads the data below it, numbering rows as the file shows them
 * (the title lines count), so data issues still point at the right row.
 */
import { isBlankCell } from '../core/cells';
import type { DateParser } from '../core/dates';
import { findField, findHeader, headerIndex } from '../core/headers';
import type { RowSource } from '../core/ingest';
import type { CellValue, DataIssue } from '../core/types';

const blank = (v: CellValue) => v === false || isBlankCell(v);

/** How far down the header row is looked for. */
export const HEADER_SEARCH_ROWS = 30;

const filled = (row: readonly CellValue[]) => row.reduce<number>((n, v) => (blank(v) ? n : n + 1), 0);

/**
 * Index of the header row: the first of the first rows that holds the creation-date column (the
 * configured header, or any header detection knows) and has only title-like rows above it (each with
 * at most half as many filled cells, so a data row holding a word like "Создана" is not taken for
 * the header). 0 when no row qualifies: the first row is the header.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[])[], createdAt?: string): number {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let widestAbove = 0;
  for (let i = 0; i < limit; i++) {
    const index = headerIndex(rows[i]);
    const hasCreated = createdAt ? findHeader(index, createdAt) >= 0 : findField(index, 'createdAt') >= 0;
    const width = filled(rows[i]);
    if (hasCreated && widestAbove * 2 <= width) return i;
    widestAbove = Math.max(widestAbove, width);
  }
  return 0;
}

/** Issues that ingestion or detection put on "row 1" (the header) moved to the header's real row (1-based). */
export function atHeaderRow(issues: DataIssue[], headerRowNumber: number): DataIssue[] {
  if (headerRowNumber === 1) return issues;
  return issues.map((i) => (i.row === 1 ? { ...i, row: headerRowNumber } : i));
}

/** Rows below the header at index `headerRow`, numbered as in the file (ingestRows' rules otherwise). */
export class RowsBelowHeader implements RowSource {
  readonly header: readonly CellValue[];
  readonly capacity: number;
  private r: number;
  private row: readonly CellValue[] = [];

  constructor(
    private readonly rows: readonly (readonly CellValue[] | undefined)[],
    headerRow: number,
  ) {
    this.header = rows[headerRow] ?? [];
    this.r = headerRow;
    this.capacity = Math.max(0, rows.length - headerRow - 1);
  }

  next(): boolean {
    if (++this.r >= this.rows.length) return false;
    this.row = this.rows[this.r] ?? [];
    return true;
  }

  rowNumber(): number {
    return this.r + 1;
  }

  width(): number {
    return this.row.length;
  }

  cell(col: number): CellValue {
    return this.row[col];
  }

  date(col: number, parser: DateParser): number {
    return parser.parse(this.row[col]);
  }

  cached(col: number, _slot: number, resolve: (v: CellValue) => number): number {
    return resolve(this.row[col]);
  }

  isEmptyRow(): boolean {
    return this.row.every(blank);
  }
}
