/**
 * ReportWriter for SpreadsheetApp: puts a TabLayout on a sheet in a number of calls that depends on
 * the layout's shape (merges, colour scales, charts, link columns), never on how many rows it has:
 * one setValues for the whole block, one call per format grid, one setConditionalFormatRules,
 * one setRichTextValues per link column, frozen rows/columns and column widths.
 *
 * Strings go out protected (see safe-text.ts); LayoutDate values become Date objects showing that
 * wall-clock time in the spreadsheet's zone. Links use rich text with `#gid=<sheetId>&range=A123`,
 * which Sheets opens inside the spreadsheet, so a link cell stays plain text (no formula).
 */
import type { CellLink, Grid, LayoutValue, TabLayout } from '../report/layout';
import type { GasConditionalFormatRule, GasRichTextValue, GasSheet, GasSpreadsheetApp } from './gas';
import { layoutToSheetValue } from './safe-text';
import { ensureSize } from './grid-size';
import type { TrackingReportWriter } from './workbook';

export interface WriterContext {
  timeZone(): string;
  /** The sheet to write a tab called `name` into, and whether it was just created. */
  claim(name: string): { sheet: GasSheet; fresh: boolean; name: string };
  /** Sheet id for in-document links, null when there is no such sheet. */
  sheetId(name: string): number | null;
}

/** Sheets' "automatic" number format, used where a layout leaves the format open. */
const AUTO_FORMAT = 'General';

export class SheetsReportWriter implements TrackingReportWriter {
  private readonly written = new Map<string, string>();
  private readonly ids = new Map<string, number | null>();

  constructor(
    private readonly app: GasSpreadsheetApp,
    private readonly ctx: WriterContext,
  ) {}

  sheetNameOf(layoutName: string): string | undefined {
    return this.written.get(layoutName);
  }

  writeTab(layout: TabLayout): void {
    const rows = layout.values.length;
    const cols = rows > 0 ? layout.values[0].length : 0;
    layout.values.forEach((r, i) => {
      if (r.length !== cols) throw new Error(`Layout "${layout.name}": row ${i} has ${r.length} cells, expected ${cols}`);
    });

    const { sheet, fresh, name } = this.ctx.claim(layout.name);
    const width = Math.max(cols, layout.columnWidths?.length ?? 0, 1);
    const { maxRows, maxCols } = ensureSize(sheet, Math.max(rows, 1), width);
    if (!fresh) {
      sheet.clear();
      sheet.clearNotes();
      sheet.getRange(1, 1, maxRows, maxCols).breakApart();
      for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    }
    if (!fresh || layout.frozenRows > 0) sheet.setFrozenRows(layout.frozenRows);
    if (!fresh || layout.frozenColumns > 0) sheet.setFrozenColumns(layout.frozenColumns);

    if (rows > 0 && cols > 0) {
      const zone = this.ctx.timeZone();
      const block = sheet.getRange(1, 1, rows, cols);
      block.setValues(layout.values.map((r) => r.map((v) => layoutToSheetValue(v, zone))));
      if (layout.numberFormats) block.setNumberFormats(fill(layout.numberFormats, AUTO_FORMAT));
      if (layout.backgrounds) block.setBackgrounds(layout.backgrounds);
      if (layout.fontColors) block.setFontColors(layout.fontColors);
      if (layout.fontWeights) block.setFontWeights(layout.fontWeights);
      if (layout.fontStyles) block.setFontStyles(layout.fontStyles);
      if (layout.horizontalAlignments) block.setHorizontalAlignments(layout.horizontalAlignments);
      if (layout.wraps) block.setWraps(layout.wraps.map((r) => r.map((w) => w === true)));
      if (layout.notes) block.setNotes(notesGrid(layout.notes, rows, cols));
    }

    for (const m of layout.merges ?? []) sheet.getRange(m.row + 1, m.col + 1, m.numRows, m.numCols).merge();

    const rules = this.colorScaleRules(sheet, layout);
    if (!fresh || layout.colorScales) sheet.setConditionalFormatRules(rules);

    setWidths(sheet, layout.columnWidths ?? []);
    this.writeLinks(sheet, layout);
    this.insertCharts(sheet, layout);

    this.written.set(layout.name, name);
  }

  private colorScaleRules(sheet: GasSheet, layout: TabLayout): GasConditionalFormatRule[] {
    return (layout.colorScales ?? []).map((s) => {
      let b = this.app.newConditionalFormatRule().setGradientMinpoint(s.minColor);
      if (s.midColor) b = b.setGradientMidpointWithValue(s.midColor, this.app.InterpolationType.PERCENTILE, '50');
      return b
        .setGradientMaxpoint(s.maxColor)
        .setRanges([sheet.getRange(s.range.row + 1, s.range.col + 1, s.range.numRows, s.range.numCols)])
        .build();
    });
  }

  private linkUrl(link: CellLink): string | null {
    if (!this.ids.has(link.sheet)) this.ids.set(link.sheet, this.ctx.sheetId(link.sheet));
    const id = this.ids.get(link.sheet);
    return id === null || id === undefined ? null : `#gid=${id}&range=${link.a1}`;
  }

  /**
   * One setRichTextValues per run of rows in a link column. Cells of the run without a link get
   * their own text back unlinked; a number or date inside a column of links ends the run, because
   * rich text would turn it into text.
   */
  private writeLinks(sheet: GasSheet, layout: TabLayout): void {
    const links = layout.links ?? [];
    if (links.length === 0) return;
    const byCell = new Map<string, CellLink>();
    const columns = new Map<number, number[]>();
    for (const l of links) {
      byCell.set(`${l.row},${l.col}`, l);
      const list = columns.get(l.col) ?? [];
      list.push(l.row);
      columns.set(l.col, list);
    }
    for (const [col, rowList] of columns) {
      const sorted = [...new Set(rowList)].sort((a, b) => a - b);
      let start = sorted[0];
      let run: GasRichTextValue[][] = [];
      const flush = (): void => {
        if (run.length > 0) sheet.getRange(start + 1, col + 1, run.length, 1).setRichTextValues(run);
        run = [];
      };
      for (let r = sorted[0]; r <= sorted[sorted.length - 1]; r++) {
        const link = byCell.get(`${r},${col}`);
        const v = layout.values[r]?.[col] ?? null;
        if (!link && !isTextLike(v)) {
          flush();
          start = r + 1;
          continue;
        }
        if (run.length === 0) start = r;
        const text = typeof v === 'string' ? v : link ? `${link.sheet}!${link.a1}` : '';
        let b = this.app.newRichTextValue().setText(text);
        const url = link ? this.linkUrl(link) : null;
        if (url !== null && text !== '') b = b.setLinkUrl(url);
        run.push([b.build()]);
      }
      flush();
    }
  }

  private insertCharts(sheet: GasSheet, layout: TabLayout): void {
    for (const c of layout.charts ?? []) {
      const typed = c.type === 'bar' ? sheet.newChart().asBarChart().setTitle(c.title) : sheet.newChart().asLineChart().setTitle(c.title);
      let b = typed
        .addRange(sheet.getRange(c.range.row + 1, c.range.col + 1, c.range.numRows, c.range.numCols))
        .setNumHeaders(1)
        .setPosition(c.anchor.row + 1, c.anchor.col + 1, 0, 0);
      if (c.type === 'line' && c.percentAxis) b = b.setOption('vAxis.format', '0%');
      sheet.insertChart(b.build());
    }
  }
}

function isTextLike(v: LayoutValue): boolean {
  return v === null || typeof v === 'string';
}

function fill(grid: Grid<string | null>, dflt: string): string[][] {
  return grid.map((r) => r.map((v) => (v === null ? dflt : v)));
}

/** Every cell gets a string: '' for "no note" (Range.setNotes documents strings, not null). */
function notesGrid(notes: { row: number; col: number; text: string }[], rows: number, cols: number): string[][] {
  const grid: string[][] = Array.from({ length: rows }, () => new Array<string>(cols).fill(''));
  for (const n of notes) if (n.row < rows && n.col < cols) grid[n.row][n.col] = n.text;
  return grid;
}

/** Column widths in runs of equal width: one call per run. */
function setWidths(sheet: GasSheet, widths: number[]): void {
  let i = 0;
  while (i < widths.length) {
    let j = i + 1;
    while (j < widths.length && widths[j] === widths[i]) j++;
    if (j - i === 1) sheet.setColumnWidth(i + 1, widths[i]);
    else sheet.setColumnWidths(i + 1, j - i, widths[i]);
    i = j;
  }
}
