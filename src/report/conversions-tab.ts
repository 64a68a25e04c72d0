/** The Conversions tab: one section per slice dimension (channel, manager, ...), biggest values first. */
import type { ConversionReport, SliceConversionRow, SliceConversionTable } from '../core/model';
import { COLOR, FMT, GridBuilder, countCell, rateCell, scale, type CellSpec } from './format';
import type { ReportStrings } from './i18n';
import type { TabLayout } from './layout';

export function buildConversionsTab(report: ConversionReport, strings: ReportStrings): TabLayout {
  const s = strings;
  const g = new GridBuilder();
  g.addRow([{ v: s.conversionsTitle(report.from, report.to, report.asOf), bold: true, color: COLOR.titleFont }]);
  if (report.tables.length === 0) {
    g.addRow();
    g.addRow([{ v: s.noSlices, italic: true }]);
  }
  for (const table of report.tables) {
    g.addRow();
    addSection(g, table, report.stages, s);
  }
  const widths = [180, 70];
  for (let k = 1; k < report.stages.length; k++) widths.push(80, 65);
  widths.push(95);
  return g.toLayout({ name: s.tabConversions, frozenRows: 1, frozenColumns: 1, columnWidths: widths });
}

/** Leads descending; ties by value so the order is stable across runs. */
export function sortSliceRows(rows: SliceConversionRow[]): SliceConversionRow[] {
  return [...rows].sort((a, b) => b.leads - a.leads || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function addSection(g: GridBuilder, table: SliceConversionTable, stages: string[], s: ReportStrings): void {
  const last = stages.length - 1;
  const width = 3 + 2 * last;
  const label = s.dimension(table.dimension);
  // The source column is named only when it says something the label does not (e.g. "Источник").
  const column = table.column.trim().toLowerCase() === label.toLowerCase() ? null : table.column;
  const section: CellSpec[] = [{ v: label, bold: true, bg: COLOR.sectionBg }, { v: column, bg: COLOR.sectionBg, italic: true }];
  while (section.length < width) section.push({ v: null, bg: COLOR.sectionBg });
  g.addRow(section);

  const h = (v: string): CellSpec => ({ v, bold: true, bg: COLOR.headerBg });
  const top = g.nextRow;
  const row1: CellSpec[] = [h(s.dimension(table.dimension)), h(s.leads)];
  const row2: CellSpec[] = [h(''), h('')];
  for (let k = 1; k <= last; k++) {
    row1.push(h(stages[k]), h(''));
    row2.push(h(s.reached), h(s.stepRate));
    g.merges.push({ row: top, col: 2 * k, numRows: 1, numCols: 2 });
  }
  row1.push(h(s.overall(stages[0], stages[last])));
  row2.push(h(''));
  g.addRow(row1);
  g.addRow(row2);
  for (const c of [0, 1, width - 1]) g.merges.push({ row: top, col: c, numRows: 2, numCols: 1 });

  const rows = sortSliceRows(table.rows);
  const first = g.nextRow;
  for (const r of rows) {
    const cells: CellSpec[] = [r.value === '' ? { v: s.blankValue, italic: true, color: COLOR.subtitleFont } : { v: r.value }, countCell(r.leads)];
    for (let k = 1; k <= last; k++) cells.push(countCell(r.reached[k] ?? 0), rateCell(r.stepRate[k] ?? null));
    cells.push(rateCell(r.overallRate[last] ?? null, FMT.overall));
    g.addRow(cells);
  }
  if (rows.length > 1) {
    for (let k = 1; k <= last; k++) g.colorScales.push(scale(first, 2 * k + 1, rows.length));
    g.colorScales.push(scale(first, width - 1, rows.length));
  }
}
