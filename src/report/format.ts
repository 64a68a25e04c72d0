/**
 * Shared look of the report tabs (number formats, colours, widths) and a small grid builder that
 * turns rows of cell specs into a rectangular TabLayout with parallel format grids.
 */
import type { Tone } from '../core/model';
import type { CellLink, ChartSpec, ColorScale, Grid, LayoutValue, TabLayout } from './layout';

export const FMT = {
  count: '#,##0',
  rate: '0.0%',
  overall: '0.00%',
  change: '+0%;-0%;0%',
  days: '0.0',
  /** Amounts in the input's own currency (the report does not know which it is). */
  money: '#,##0',
} as const;

export const COLOR = {
  titleFont: '#1f3864',
  subtitleFont: '#595959',
  headerBg: '#dfe7f3',
  sectionBg: '#c9d7ee',
  totalBg: '#f2f2f2',
  immatureBg: '#ededed',
  immatureFont: '#9e9e9e',
  helperFont: '#a6a6a6',
  up: '#1e7b34',
  down: '#c0392b',
  error: '#c0392b',
  warning: '#b7791f',
  /** Background of a rate significantly above / below the rest of its group. */
  high: '#c6efce',
  low: '#ffc7ce',
} as const;

/**
 * Number format of a flagged rate: the arrow, the rate, and the previous rate as literal text, e.g.
 * `"▼ "0.0%" (was 7.9%)"` shows 0.05 as "▼ 5.0% (was 7.9%)". Quotes cannot occur in the literal.
 */
export function flaggedRateFormat(up: boolean, digits: number, was: string): string {
  const pattern = digits > 0 ? `0.${'0'.repeat(digits)}%` : '0%';
  return `"${up ? '▲' : '▼'} "${pattern}" ${was.replace(/"/g, '')}"`;
}

/** Text shown for a 0/0 rate (DESIGN: never 0%). */
export const NO_RATE = '—';

export interface CellSpec {
  v: LayoutValue;
  fmt?: string;
  bg?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  /** Only where the default (numbers right, text left) is wrong, e.g. '—' among numbers. */
  align?: 'left' | 'center' | 'right';
  /** Long text wraps within the column (e.g. a problem description) instead of being cut off. */
  wrap?: boolean;
  note?: string;
}

export type CellInput = CellSpec | LayoutValue;

function isSpec(c: CellInput): c is CellSpec {
  return typeof c === 'object' && c !== null && 'v' in c;
}

/** A rate cell: the number with its format, or '—' (text, aligned like the numbers around it) when the rate is undefined. */
export function rateCell(rate: number | null, fmt: string = FMT.rate, extra: Omit<CellSpec, 'v' | 'fmt'> = {}): CellSpec {
  return rate === null || !Number.isFinite(rate) ? { v: NO_RATE, align: 'right', ...extra } : { v: rate, fmt, ...extra };
}

export function countCell(n: number, extra: Omit<CellSpec, 'v' | 'fmt'> = {}): CellSpec {
  return { v: n, fmt: FMT.count, ...extra };
}

/** Background of a rate that stands out (model Tone); nothing for the rest, so noise is not painted. */
export function toneStyle(tone: Tone): Pick<CellSpec, 'bg'> {
  return tone === 'high' ? { bg: COLOR.high } : tone === 'low' ? { bg: COLOR.low } : {};
}

/**
 * Collects rows of cells; `toLayout` pads them to a rectangle and emits only the format grids that
 * are used, so writers skip untouched properties.
 */
export class GridBuilder {
  private readonly rows: CellSpec[][] = [];
  readonly colorScales: ColorScale[] = [];
  readonly links: CellLink[] = [];
  readonly charts: ChartSpec[] = [];
  readonly merges: { row: number; col: number; numRows: number; numCols: number }[] = [];
  readonly paragraphs: { row: number; numCols: number; heightPx: number }[] = [];

  /** Index the next added row will get. */
  get nextRow(): number {
    return this.rows.length;
  }

  addRow(cells: CellInput[] = []): number {
    this.rows.push(cells.map((c) => (isSpec(c) ? c : { v: c })));
    return this.rows.length - 1;
  }

  /** Puts a cell at an absolute position, growing rows as needed (used for side blocks such as chart data). */
  set(row: number, col: number, cell: CellInput): void {
    while (this.rows.length <= row) this.rows.push([]);
    const r = this.rows[row];
    while (r.length < col) r.push({ v: null });
    r[col] = isSpec(cell) ? cell : { v: cell };
  }

  toLayout(base: { name: string; frozenRows: number; frozenColumns: number; columnWidths?: number[] }): TabLayout {
    let width = Math.max(1, base.columnWidths?.length ?? 0);
    for (const r of this.rows) width = Math.max(width, r.length);
    // Every format grid is emitted, used or not: a writer then makes the same calls for every report
    // of the same shape, whatever the data (a '—' or an immature cell appearing must not add a call).
    const pick = <T>(f: (c: CellSpec) => T | undefined): Grid<T | null> =>
      this.rows.map((r) => {
        const out: (T | null)[] = new Array(width).fill(null);
        r.forEach((c, i) => {
          const x = f(c);
          if (x !== undefined) out[i] = x;
        });
        return out;
      });
    const values: Grid<LayoutValue> = this.rows.map((r) => {
      const out: LayoutValue[] = new Array(width).fill(null);
      r.forEach((c, i) => (out[i] = c.v));
      return out;
    });
    const notes: { row: number; col: number; text: string }[] = [];
    this.rows.forEach((r, row) => r.forEach((c, col) => c.note && notes.push({ row, col, text: c.note })));

    const layout: TabLayout = {
      name: base.name,
      values,
      frozenRows: base.frozenRows,
      frozenColumns: base.frozenColumns,
      numberFormats: pick((c) => c.fmt),
      horizontalAlignments: pick((c) => c.align),
      backgrounds: pick((c) => c.bg),
      fontColors: pick((c) => c.color),
      fontWeights: pick<'bold'>((c) => (c.bold ? 'bold' : undefined)),
      fontStyles: pick<'italic'>((c) => (c.italic ? 'italic' : undefined)),
      notes,
    };
    if (this.rows.some((r) => r.some((c) => c.wrap))) layout.wraps = pick<boolean>((c) => (c.wrap ? true : undefined));
    if (this.merges.length) layout.merges = this.merges;
    if (this.paragraphs.length) layout.paragraphs = this.paragraphs;
    if (base.columnWidths) layout.columnWidths = base.columnWidths;
    layout.colorScales = this.colorScales;
    if (this.links.length) layout.links = this.links;
    if (this.charts.length) layout.charts = this.charts;
    return layout;
  }
}

/** Average pixels per character of the default 10–11 pt font, and pixels per line of wrapped text. */
const PX_PER_CHAR = 6.5;
const PX_PER_LINE = 17;

/** Lines a text needs when wrapped in `widthPx` (each line break starts a line): an estimate for row heights. */
export function wrappedLines(text: string, widthPx: number): number {
  const perLine = Math.max(1, Math.floor(widthPx / PX_PER_CHAR));
  return text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

/**
 * A paragraph of explanation meant to read across the table's columns (see TabLayout.paragraphs), with
 * the height its lines need when wrapped at the table's width.
 */
export function addParagraph(g: GridBuilder, cell: CellSpec, columnWidths: readonly number[]): number {
  const row = g.addRow([cell]);
  const width = columnWidths.reduce((a, b) => a + b, 0);
  const lines = wrappedLines(typeof cell.v === 'string' ? cell.v : '', width);
  g.paragraphs.push({ row, numCols: columnWidths.length, heightPx: lines * PX_PER_LINE + 4 });
  return row;
}

export { columnLetter } from '../core/a1';

/** `Leads!A12`, quoting the sheet name when a spreadsheet would. */
export function a1Ref(sheet: string, a1: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet);
  return plain ? `${sheet}!${a1}` : `'${sheet.replace(/'/g, "''")}'!${a1}`;
}
