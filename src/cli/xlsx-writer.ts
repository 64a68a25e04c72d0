/**
 * ReportWriter on an exceljs workbook: values, number formats, fills, fonts, notes (as comments),
 * merges, frozen panes, column widths, colour scales (conditional formatting) and internal links.
 * Charts are left to the Sheets writer.
 *
 * Strings always stay text: exceljs writes a JS string as a string cell and only writes a formula
 * when given `{ formula }`, which this writer never does.
 */
import type ExcelJS from 'exceljs';
import { a1Ref, columnLetter } from '../report/format';
import type { CellRange, LayoutDate, LayoutValue, ReportWriter, TabLayout } from '../report/layout';

/**
 * exceljs's Workbook class alone: `require('exceljs')` also loads its streaming reader and writer,
 * which doubles the load time (~240 ms → ~110 ms), paid by every CLI run.
 */
function newWorkbook(): ExcelJS.Workbook {
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
  constructor(readonly workbook: ExcelJS.Workbook = newWorkbook()) {}

  writeTab(layout: TabLayout): void {
    const existing = this.workbook.getWorksheet(layout.name);
    if (existing) this.workbook.removeWorksheet(existing.id);
    const views: Partial<ExcelJS.WorksheetView>[] =
      layout.frozenRows > 0 || layout.frozenColumns > 0
        ? [{ state: 'frozen', xSplit: layout.frozenColumns, ySplit: layout.frozenRows, topLeftCell: `${columnLetter(layout.frozenColumns)}${layout.frozenRows + 1}` }]
        : [];
    const ws = this.workbook.addWorksheet(layout.name, { views });

    layout.columnWidths?.forEach((px, i) => {
      if (px > 0) ws.getColumn(i + 1).width = Math.round((px / PX_PER_WIDTH_UNIT) * 10) / 10;
    });
    this.writeCells(ws, layout);
    for (const n of layout.notes ?? []) ws.getCell(n.row + 1, n.col + 1).note = n.text;
    for (const link of layout.links ?? []) {
      // Only link when the target tab is in this workbook (the CLI's leads are not): the text stays either way.
      if (!this.workbook.getWorksheet(link.sheet)) continue;
      const cell = ws.getCell(link.row + 1, link.col + 1);
      const text = typeof cell.value === 'string' ? cell.value : a1Ref(link.sheet, link.a1);
      cell.value = { text, hyperlink: `#'${link.sheet.replace(/'/g, "''")}'!${link.a1}` };
    }
    for (const m of layout.merges ?? []) {
      ws.mergeCells(m.row + 1, m.col + 1, m.row + m.numRows, m.col + m.numCols);
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
    t.values.forEach((row, r) => {
      const xrow = ws.getRow(r + 1);
      row.forEach((v, c) => {
        const fmt = t.numberFormats?.[r][c] ?? null;
        const bg = t.backgrounds?.[r][c] ?? null;
        const color = t.fontColors?.[r][c] ?? null;
        const bold = t.fontWeights?.[r][c] === 'bold';
        const italic = t.fontStyles?.[r][c] === 'italic';
        const align = t.horizontalAlignments?.[r][c] ?? null;
        if ((v === null || v === '') && !fmt && !bg && !color && !bold && !italic) return;
        const cell = xrow.getCell(c + 1);
        if (v !== null) cell.value = toExcelValue(v);
        if (fmt) cell.numFmt = fmt;
        else if (isLayoutDate(v)) cell.numFmt = 'yyyy-mm-dd hh:mm';
        if (bg) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(bg) } };
        if (align) cell.alignment = { horizontal: align };
        if (color || bold || italic) {
          cell.font = { ...(color ? { color: { argb: argb(color) } } : {}), ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
        }
      });
    });
  }

  async writeFile(path: string): Promise<void> {
    await this.workbook.xlsx.writeFile(path);
  }
}

function toExcelValue(v: Exclude<LayoutValue, null>): ExcelJS.CellValue {
  if (isLayoutDate(v)) return new Date(v.wallMs); // exceljs stores a Date's UTC fields: the wall clock
  if (typeof v === 'string') return v.length > MAX_CELL_TEXT ? v.slice(0, MAX_CELL_TEXT) : v;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}
