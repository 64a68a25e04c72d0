/**
 * The Conversions tab: one section per slice dimension (channel, manager, ...), biggest values first,
 * then the row of all leads. Rates that stand out from all other leads are marked ▲/▼ and coloured;
 * nothing else is coloured.
 */
import type { ConversionReport, SliceConversionRow, SliceConversionTable, Tone } from '../core/model';
import type { SliceKey } from '../core/types';
import { COLOR, FMT, GridBuilder, countCell, rateCell, toneStyle, type CellSpec } from './format';
import { filtersText, type ReportStrings } from './i18n';
import type { TabLayout } from './layout';

/** `cohortFilters`: the Cohorts tab's filters; when this report was not filtered by them, the tab says so. */
export function buildConversionsTab(report: ConversionReport, strings: ReportStrings, cohortFilters: Partial<Record<SliceKey, string>> = {}): TabLayout {
  const s = strings;
  const g = new GridBuilder();
  g.addRow([{ v: s.conversionsTitle(report.from, report.to, report.asOf), bold: true, color: COLOR.titleFont }]);
  const counted = report.stages
    .slice(1)
    .map((stage, i) => s.countedStage(stage, report.countedTo[i + 1] ?? null))
    .join('; ');
  const own = filtersText(report.filters, s);
  const notHere = filtersText(cohortFilters, s);
  const filters = notHere !== s.filtersAll && notHere !== own ? s.filterNotApplied(notHere) : own;
  g.addRow([{ v: s.conversionsSubtitle(filters, counted), italic: true, color: COLOR.subtitleFont }]);
  if (report.tables.length === 0) {
    g.addRow();
    g.addRow([{ v: s.noSlices, italic: true }]);
  }
  for (const table of report.tables) {
    g.addRow();
    addSection(g, table, report, s);
  }
  const widths = [180, 70];
  for (let k = 1; k < report.stages.length; k++) widths.push(80, 75);
  widths.push(95);
  return g.toLayout({ name: s.tabConversions, frozenRows: 1, frozenColumns: 1, columnWidths: widths });
}

/** Leads descending; ties by value so the order is stable across runs. */
export function sortSliceRows(rows: SliceConversionRow[]): SliceConversionRow[] {
  return [...rows].sort((a, b) => b.leads - a.leads || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function addSection(g: GridBuilder, table: SliceConversionTable, report: ConversionReport, s: ReportStrings): void {
  const stages = report.stages;
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

  const notJudged = (k: number): Partial<CellSpec> => (report.countedTo[k] === null ? { bg: COLOR.immatureBg, color: COLOR.immatureFont } : {});
  const total = report.total;
  for (const r of sortSliceRows(table.rows)) {
    const cells: CellSpec[] = [r.value === '' ? { v: s.blankValue, italic: true, color: COLOR.subtitleFont } : { v: r.value }, countCell(r.leads)];
    for (let k = 1; k <= last; k++) {
      cells.push(countCell(r.reached[k] ?? 0, notJudged(k)));
      const rest = ratio(total.reached[k] - r.reached[k], total.stepBase[k] - r.stepBase[k]);
      cells.push(markedRate(r.stepRate[k] ?? null, r.stepTone[k] ?? null, rest, FMT.rate, 1, s, notJudged(k)));
    }
    const rest = ratio(total.reached[last] - r.reached[last], total.counted[last] - r.counted[last]);
    cells.push(markedRate(r.overallRate[last] ?? null, r.overallTone, rest, FMT.overall, 2, s, notJudged(last)));
    g.addRow(cells);
  }
  const style = { bold: true, bg: COLOR.totalBg };
  const cells: CellSpec[] = [{ v: s.allLeads, ...style }, countCell(total.leads, style)];
  for (let k = 1; k <= last; k++) cells.push(countCell(total.reached[k] ?? 0, style), rateCell(total.stepRate[k] ?? null, FMT.rate, style));
  cells.push(rateCell(total.overallRate[last] ?? null, FMT.overall, style));
  g.addRow(cells);
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/** A rate; when it stands out from all other leads: the arrow, the colour and a note with both rates. */
function markedRate(rate: number | null, tone: Tone, rest: number | null, fmt: string, digits: number, s: ReportStrings, extra: Partial<CellSpec>): CellSpec {
  if (tone === null || rate === null) return rateCell(rate, fmt, extra);
  const arrow = tone === 'high' ? '▲' : '▼';
  return {
    v: rate,
    fmt: `"${arrow} "${fmt}`,
    ...toneStyle(tone),
    bold: true,
    note: s.standoutNote(tone === 'high', s.rateText(rate, digits), s.rateText(rest, digits)),
  };
}
