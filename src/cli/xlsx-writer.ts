/**
 * ReportWriter on an exceljs workbook: values, number formats, fills, fonts, notes (as comments),
 * merges, frozen panes, column widths, colour scales (conditional formatting), internal links and a
 * page setup for printing (landscape, one page wide, frozen header rows repeated on every page).
 * Charts are left to the Sheets writer, and so are the helper cells that only feed a chart: without the
 * chart they would be an untitled table beside the report.
 *
 * Strings always stay text: exceljs writes a JS string as a string cell and only writes a formula
 * when given `{ formula }`, which this writer never does.
 */
import type ExcelJS from 'exceljs';
import { a1Ref, columnLetter, wrappedLines } from '../report/format';
import type { CellLink, CellRange, LayoutDate, LayoutValue, ReportWriter, TabLayout } from '../report/layout';

/**
 * exceljs's Workbook class alone: `require('exceljs')` also loads its streaming reader and writer,
 * which doubles the load time (~240 ms → ~110 ms), paid by every CLI run.
 */
export function newWorkbook(): ExcelJS.Workbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Workbook = require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
  return new Workbook();
}

/** Excel refuses cells longer than this. */
const MAX_CELL_TEXT = 32767;
/** Excel column width units are roughly characters; ~7 px each at the default font. */
const PX_PER_WIDTH_UNIT = 7;

function argb(hex: string): string {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  return `FF${full.toUpperCase()}`;
}

function isLayoutDate(v: LayoutValue): v is LayoutDate {
  return typeof v === 'object' && v !== null && 'wallMs' in v;
}

function rangeRef(r: CellRange): string {
  return `${columnLetter(r.col)}${r.row + 1}:${columnLetter(r.col + r.numCols - 1)}${r.row + r.numRows}`;
}

export class XlsxReportWriter implements ReportWriter {
  /** Links of the written tabs, set by resolveLinks once every tab of the file is in the workbook. */
  private pendingLinks: { ws: ExcelJS.Worksheet; link: CellLink }[] = [];

  constructor(readonly workbook: ExcelJS.Workbook = newWorkbook()) {}

  writeTab(layout: TabLayout): void {
    const existing = this.workbook.getWorksheet(layout.name);
    if (existing) {
      this.workbook.removeWorksheet(existing.id);
      this.pendingLinks = this.pendingLinks.filter((p) => p.ws !== existing);
    }
    const views: Partial<ExcelJS.WorksheetView>[] =
      layout.frozenRows > 0 || layout.frozenColumns > 0
        ? [{ state: 'frozen', xSplit: layout.frozenColumns, ySplit: layout.frozenRows, topLeftCell: `${columnLetter(layout.frozenColumns)}${layout.frozenRows + 1}` }]
        : [];
    const ws = this.workbook.addWorksheet(layout.name, {
      views,
      pageSetup: {
        orientation: 'landscape',
        paperSize: 9, // A4
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0, // as many pages down as the rows need
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
        ...(layout.frozenRows > 0 ? { printTitlesRow: `1:${layout.frozenRows}` } : {}),
      },
    });

    layout.columnWidths?.forEach((px, i) => {
      if (px > 0) ws.getColumn(i + 1).width = Math.round((px / PX_PER_WIDTH_UNIT) * 10) / 10;
    });
    this.writeCells(ws, layout);
    fitWrappedRows(ws, layout);
    for (const n of layout.notes ?? []) ws.getCell(n.row + 1, n.col + 1).note = n.text;
    // Links are set when the file is written: a target tab written later (the Feedback tab) is linked too.
    for (const link of layout.links ?? []) this.pendingLinks.push({ ws, link });
    for (const m of layout.merges ?? []) {
      ws.mergeCells(m.row + 1, m.col + 1, m.row + m.numRows, m.col + m.numCols);
    }
    for (const p of layout.paragraphs ?? []) {
      if (p.numCols > 1) ws.mergeCells(p.row + 1, 1, p.row + 1, p.numCols);
      const cell = ws.getCell(p.row + 1, 1);
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
      ws.getRow(p.row + 1).height = Math.round(p.heightPx * 0.75 * 10) / 10; // px → points
    }
    (layout.colorScales ?? []).forEach((s, i) => {
      const colors = s.midColor ? [s.minColor, s.midColor, s.maxColor] : [s.minColor, s.maxColor];
      const cfvo: ExcelJS.Cvfo[] /* sic: exceljs's type name */ = s.midColor
        ? [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }]
        : [{ type: 'min' }, { type: 'max' }];
      ws.addConditionalFormatting({
        ref: rangeRef(s.range),
        rules: [{ type: 'colorScale', priority: i + 1, cfvo, color: colors.map((c) => ({ argb: argb(c) })) }],
      });
    });
  }

  private writeCells(ws: ExcelJS.Worksheet, t: TabLayout): void {
    const chartOnly = chartDataCells(t);
    t.values.forEach((row, r) => {
      const xrow = ws.getRow(r + 1);
      row.forEach((v, c) => {
        if (chartOnly.has(r * row.length + c)) return;
        const fmt = t.numberFormats?.[r][c] ?? null;
        const bg = t.backgrounds?.[r][c] ?? null;
        const color = t.fontColors?.[r][c] ?? null;
        const bold = t.fontWeights?.[r][c] === 'bold';
        const italic = t.fontStyles?.[r][c] === 'italic';
        const align = t.horizontalAlignments?.[r][c] ?? null;
        const wrap = t.wraps?.[r][c] === true;
        if ((v === null || v === '') && !fmt && !bg && !color && !bold && !italic) return;
        const cell = xrow.getCell(c + 1);
        if (v !== null) cell.value = toExcelValue(v);
        if (fmt) cell.numFmt = fmt;
        else if (isLayoutDate(v)) cell.numFmt = 'yyyy-mm-dd hh:mm';
        if (bg) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(bg) } };
        if (align || wrap) cell.alignment = { ...(align ? { horizontal: align } : {}), ...(wrap ? { wrapText: true } : {}) };
        if (color || bold || italic) {
          cell.font = { ...(color ? { color: { argb: argb(color) } } : {}), ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
        }
      });
    });
  }

  async writeFile(path: string): Promise<void> {
    this.resolveLinks();
    await this.workbook.xlsx.writeFile(path);
  }

  /** Internal links of the tabs written so far, to the tabs the workbook has now; the others stay plain text. */
  resolveLinks(): void {
    for (const { ws, link } of this.pendingLinks) {
      // Only link when the target tab is in this workbook (the CLI's leads are not): the text stays either way.
      if (!this.workbook.getWorksheet(link.sheet)) continue;
      const cell = ws.getCell(link.row + 1, link.col + 1);
      const text = typeof cell.value === 'string' ? cell.value : a1Ref(link.sheet, link.a1);
      cell.value = { text, hyperlink: `#'${link.sheet.replace(/'/g, "''")}'!${link.a1}` };
    }
    this.pendingLinks = [];
  }
}

/** Points per line of 11 pt text, and the default column width in pixels. */
const LINE_HEIGHT_PT = 15;
const DEFAULT_COLUMN_PX = 64;

/**
 * Sheets grows a row to fit its wrapped text; an XLSX row has the height the file gives it (LibreOffice
 * keeps it, so wrapped lines print on top of each other). Rows with wrapped text get a height for the
 * number of lines their longest wrapped cell needs at its column's width.
 */
function fitWrappedRows(ws: ExcelJS.Worksheet, t: TabLayout): void {
  if (!t.wraps) return;
  t.wraps.forEach((row, r) => {
    let lines = 1;
    row.forEach((wrap, c) => {
      const v = t.values[r][c];
      if (wrap === true && typeof v === 'string') lines = Math.max(lines, wrappedLines(v, t.columnWidths?.[c] || DEFAULT_COLUMN_PX));
    });
    if (lines > 1) ws.getRow(r + 1).height = lines * LINE_HEIGHT_PT;
  });
}

/** Cells (as row * width + col) inside a chart's source range: they exist for the chart alone. */
function chartDataCells(t: TabLayout): Set<number> {
  const width = t.values[0]?.length ?? 0;
  const cells = new Set<number>();
  for (const chart of t.charts ?? []) {
    const { row, col, numRows, numCols } = chart.range;
    for (let r = row; r < row + numRows; r++) for (let c = col; c < col + numCols; c++) cells.add(r * width + c);
  }
  return cells;
}

function toExcelValue(v: Exclude<LayoutValue, null>): ExcelJS.CellValue {
  if (isLayoutDate(v)) return new Date(v.wallMs); // exceljs stores a Date's UTC fields: the wall clock
  if (typeof v === 'string') return v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}
