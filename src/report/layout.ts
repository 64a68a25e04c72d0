/**
 * Sheet layouts as plain data. A layout is one rectangular block of values with parallel blocks of
 * formats, so a writer can put a whole tab down in a constant number of calls (one setValues, one
 * setNumberFormats, ...) whatever its size. Row and column indexes are 0-based.
 */

/**
 * A cell value. Strings are always text: writers must make sure a string that starts with
 * `=`, `+`, `-` or `@` (or looks like a number or date) stays text and never becomes a formula.
 * Dates here are `LayoutDate` (a calendar day or wall-clock time), not `Date`, so writers in any
 * time zone show the same day.
 */
export type LayoutValue = string | number | boolean | LayoutDate | null;

export interface LayoutDate {
  /** Wall-clock milliseconds: local date/time encoded as UTC (see WallMs in core/types). */
  wallMs: number;
}

export interface CellRange {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface ColorScale {
  range: CellRange;
  /** Hex colours, e.g. '#f8696b'. */
  minColor: string;
  midColor?: string;
  maxColor: string;
}

/** A reference to a cell of another tab (e.g. the offending row of the Leads sheet). */
export interface CellLink {
  row: number;
  col: number;
  /** Target sheet name and A1 cell, e.g. {sheet: 'Leads', a1: 'A123'}. */
  sheet: string;
  a1: string;
}

export interface LineChartSpec {
  type: 'line';
  title: string;
  /** Header row included: first column is the x axis, the others are series. */
  range: CellRange;
  /** Where the chart's top-left corner goes. */
  anchor: { row: number; col: number };
  percentAxis: boolean;
}

/** A clustered bar chart (one bar per series for each category row), e.g. CPL and cost per sale by channel. */
export interface BarChartSpec {
  type: 'bar';
  title: string;
  /** Header row included: first column is the categories, the others are series. */
  range: CellRange;
  anchor: { row: number; col: number };
}

export type ChartSpec = LineChartSpec | BarChartSpec;

export type Grid<T> = T[][];

export interface TabLayout {
  /** Tab name, e.g. 'Cohorts'. */
  name: string;
  /** Rectangular: every row has the same length. */
  values: Grid<LayoutValue>;
  /** Same shape as values; null = default. Sheets-style patterns: '0', '0.0%', 'yyyy-mm-dd', '#,##0'. */
  numberFormats?: Grid<string | null>;
  backgrounds?: Grid<string | null>;
  fontColors?: Grid<string | null>;
  fontWeights?: Grid<'bold' | 'normal' | null>;
  /** Italic cells, e.g. immature counts. */
  fontStyles?: Grid<'italic' | 'normal' | null>;
  /** Horizontal alignment; null = the default (numbers right, text left). A '—' in a number column is right-aligned. */
  horizontalAlignments?: Grid<'left' | 'center' | 'right' | null>;
  /** Cells whose text wraps inside the column width instead of being cut off; absent = no wrapping anywhere. */
  wraps?: Grid<boolean | null>;
  /** Hover notes (Sheets notes / XLSX comments) by cell. */
  notes?: { row: number; col: number; text: string }[];
  merges?: CellRange[];
  frozenRows: number;
  frozenColumns: number;
  /** Pixel widths per column; missing = writer default. */
  columnWidths?: number[];
  /**
   * Paragraphs of explanation: the text in column A of `row`, meant to read across the first `numCols`
   * columns. A writer that can wraps it in a merged cell `heightPx` tall (XLSX, where an overflowing
   * line would widen the printed page and shrink everything on it). Sheets cannot merge across a frozen
   * column ("You can't merge frozen and non-frozen columns"), so there the line overflows into the empty
   * cells beside it, which Sheets shows in full.
   */
  paragraphs?: { row: number; numCols: number; heightPx: number }[];
  colorScales?: ColorScale[];
  links?: CellLink[];
  charts?: ChartSpec[];
}

/** The writer port: the XLSX writer (CLI) and the SpreadsheetApp writer implement it. */
export interface ReportWriter {
  /** Creates the tab if missing, otherwise replaces its content and formats. */
  writeTab(layout: TabLayout): void | Promise<void>;
}
