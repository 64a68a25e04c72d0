/**
 * Exports often put a title, the export date or a filter summary above the header row. The CLI finds
 * the header among the first rows (core/headers' findHeaderRow, the same rule the Sheets face uses) and
 * reads the data below it, numbering rows as the file shows them (the title lines count), so data
 * issues still point at the right row.
 */
import { isBlankCell } from '../core/cells';
import type { DateParser } from '../core/time/date-parser';
import type { RowSource } from '../core/ingest';
import type { CellValue, DataIssue } from '../core/types';

const blank = (v: CellValue) => v === false || isBlankCell(v);

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
