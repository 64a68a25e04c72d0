/** Where ingestion reads its rows from, and the one implementation over a `CellValue[][]`. */
import { isBlankCell } from '../cells';
import type { DateParser } from '../time/date-parser';
import type { CellValue } from '../types';

/**
 * A cursor over data rows (the header is separate). `ingestRows` wraps a `CellValue[][]`; the CLI's CSV
 * reader implements it over raw bytes, decoding a cell only when ingestion asks for it. Every method must
 * give exactly what the same cell as a `CellValue` would give.
 */
export interface RowSource {
  /** Row 1. */
  readonly header: readonly CellValue[];
  /** At least the number of data rows still to come (storage is sized by it, then trimmed). */
  readonly capacity: number;
  /** Moves to the next data row; false when there is none. */
  next(): boolean;
  /** Spreadsheet row number of the current row (header = 1). */
  rowNumber(): number;
  /** Number of cells in the current row; 0 = no row at all (skipped silently). */
  width(): number;
  /** The cell of the current row in column `col` (undefined past the row's end). */
  cell(col: number): CellValue;
  /** `parser.parse(cell(col))`; a source may read common shapes without building the value. */
  date(col: number, parser: DateParser): number;
  /**
   * `resolve(cell(col))` for a `resolve` that always gives the same number for the same cell content;
   * a source may remember results per raw content. `slot` tells different resolvers apart.
   */
  cached(col: number, slot: number, resolve: (v: CellValue) => number): number;
  /** True when every cell of the current row is blank (an unchecked checkbox counts as blank). */
  isEmptyRow(): boolean;
}

/** Blank for ingestion: also an unchecked checkbox (false), so a row of unticked boxes is an empty row. */
export function isBlankForIngest(v: CellValue): boolean {
  return v === false || isBlankCell(v);
}

/** Fully empty rows are skipped silently (an unchecked checkbox counts as empty). */
function isEmptyRow(row: readonly CellValue[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlankForIngest(row[i])) return false;
  return true;
}

/** The cells of the source's current row. */
export function currentRow(src: RowSource): CellValue[] {
  const row = new Array<CellValue>(src.width());
  for (let c = 0; c < row.length; c++) row[c] = src.cell(c);
  return row;
}

/**
 * The rows below `rows[headerRow]` (by default the first row) as a RowSource, numbered as in the sheet
 * or file (rows above the header count too).
 */
export class ArrayRowSource implements RowSource {
  readonly header: readonly CellValue[];
  readonly capacity: number;
  private r: number;
  private row: readonly CellValue[] = [];

  constructor(
    private readonly rows: readonly (readonly CellValue[] | undefined)[],
    headerRow = 0,
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
    return isEmptyRow(this.row);
  }
}
