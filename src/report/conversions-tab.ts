/**
 * The Conversions tab: one section per slice dimension (channel, manager, ...), biggest values first,
 * then the row of all leads. Rates that stand out from all other leads are marked ▲/▼ and coloured;
 * nothing else is coloured.
 */
import type { ConversionReport, SliceConversionRow, SliceConversionTable, Tone } from '../core/model';
import type { OutcomeReport, OutcomeRow } from '../core/outcomes';
import type { SliceKey } from '../core/types';
import { COLOR, FMT, GridBuilder, NO_RATE, addParagraph, countCell, rateCell, toneStyle, type CellSpec } from './format';
import { filtersText, type ReportStrings } from './i18n';
import type { TabLayout } from './layout';

/**
 * `cohortFilters`: the Cohorts tab's filters; when this report was not filtered by them, the tab says so.
 * `outcomes`: won revenue and lost deals per slice value, shown at the right when the input has them.
 */
export function buildConversionsTab(
  report: ConversionReport,
  strings: ReportStrings,
  cohortFilters: Partial<Record<SliceKey, string>> = {},
  outcomes?: OutcomeReport,
): TabLayout {
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
  const shown = { money: outcomes?.hasAmount === true, lost: outcomes?.hasLost === true };
  const oneStage = report.stages.length === 2;
  const widths = [180, 70];
  for (let k = 1; k < report.stages.length; k++) widths.push(...(oneStage ? [80] : [80, 75]));
  widths.push(95);
  if (shown.money) widths.push(110, 95);
  if (shown.lost) widths.push(75, 340);
  addParagraph(g, { v: s.conversionsSubtitle(filters, counted), italic: true, color: COLOR.subtitleFont }, widths);
  if (report.tables.length === 0) {
    g.addRow();
    g.addRow([{ v: s.noSlices, italic: true }]);
  }
  for (const table of report.tables) {
    g.addRow();
    const byValue = new Map((outcomes?.slices.find((o) => o.dimension === table.dimension)?.rows ?? []).map((o) => [o.value, o]));
    addSection(g, table, report, s, { ...shown, byValue, total: outcomes?.total });
  }
  return g.toLayout({ name: s.tabConversions, frozenRows: 1, frozenColumns: 1, columnWidths: widths });
}

/** Leads descending; ties by value so the order is stable across runs. */
export function sortSliceRows(rows: SliceConversionRow[]): SliceConversionRow[] {
  return [...rows].sort((a, b) => b.leads - a.leads || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

interface SectionOutcomes {
  money: boolean;
  lost: boolean;
  byValue: Map<string, OutcomeRow>;
  /** Every lead's outcome, for the "All leads" row (the tab is not filtered). */
  total: OutcomeRow | undefined;
}

function addSection(g: GridBuilder, table: SliceConversionTable, report: ConversionReport, s: ReportStrings, outcomes: SectionOutcomes): void {
  const stages = report.stages;
  const last = stages.length - 1;
  // With one stage its step rate is the overall rate: no step column of its own.
  const stepColumns = last > 1;
  const outcomeCount = (outcomes.money ? 2 : 0) + (outcomes.lost ? 2 : 0);
  const overallCol = 2 + (stepColumns ? 2 : 1) * last;
  const width = overallCol + 1 + outcomeCount;
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
    if (stepColumns) {
      row1.push(h(stages[k]), h(''));
      row2.push(h(s.reached), h(s.stepRate));
      g.merges.push({ row: top, col: 2 * k, numRows: 1, numCols: 2 });
    } else {
      row1.push(h(stages[k]));
      row2.push(h(s.reached));
    }
  }
  row1.push(h(s.overall(stages[0], stages[last])));
  row2.push(h(''));
  for (const label of [...(outcomes.money ? [s.wonRevenue, s.averageDeal] : []), ...(outcomes.lost ? [s.lostDeals, s.topLostReasons] : [])]) {
    row1.push(h(label));
    row2.push(h(''));
  }
  g.addRow(row1);
  g.addRow(row2);
  // Outcome headers are not merged down (one call per merge per refresh; the header colour joins them).
  for (const c of [0, 1, overallCol]) g.merges.push({ row: top, col: c, numRows: 2, numCols: 1 });

  const notJudged = (k: number): Partial<CellSpec> => (report.countedTo[k] === null ? { bg: COLOR.immatureBg, color: COLOR.immatureFont } : {});
  const total = report.total;
  for (const r of sortSliceRows(table.rows)) {
    const cells: CellSpec[] = [r.value === '' ? { v: s.blankValue, italic: true, color: COLOR.subtitleFont } : { v: r.value }, countCell(r.leads)];
    for (let k = 1; k <= last; k++) {
      cells.push(countCell(r.reached[k] ?? 0, notJudged(k)));
      if (!stepColumns) continue;
      const rest = ratio(total.reached[k] - r.reached[k], total.stepBase[k] - r.stepBase[k]);
      cells.push(markedRate(r.stepRate[k] ?? null, r.stepTone[k] ?? null, rest, FMT.rate, 1, s, notJudged(k)));
    }
    const rest = ratio(total.reached[last] - r.reached[last], total.counted[last] - r.counted[last]);
    cells.push(markedRate(r.overallRate[last] ?? null, r.overallTone, rest, FMT.overall, 2, s, notJudged(last)));
    cells.push(...outcomeCells(outcomes.byValue.get(r.value), outcomes, s, {}));
    g.addRow(cells);
  }
  const style = { bold: true, bg: COLOR.totalBg };
  const cells: CellSpec[] = [{ v: s.allLeads, ...style }, countCell(total.leads, style)];
  for (let k = 1; k <= last; k++) {
    cells.push(countCell(total.reached[k] ?? 0, style));
    if (stepColumns) cells.push(rateCell(total.stepRate[k] ?? null, FMT.rate, style));
  }
  cells.push(rateCell(total.overallRate[last] ?? null, FMT.overall, style));
  cells.push(...outcomeCells(outcomes.total, outcomes, s, style));
  g.addRow(cells);
}

/** Won revenue, average deal, lost count and top reasons of a slice value, where the input has them. */
function outcomeCells(o: OutcomeRow | undefined, shown: SectionOutcomes, s: ReportStrings, style: Partial<CellSpec>): CellSpec[] {
  const money = (v: number | null | undefined): CellSpec => (v === null || v === undefined ? { v: NO_RATE, align: 'right', ...style } : { v, fmt: FMT.money, ...style });
  return [
    ...(shown.money ? [money(o?.revenue), money(o?.averageDeal)] : []),
    ...(shown.lost ? [countCell(o?.lost ?? 0, style), { v: o ? s.reasonsText(o.topReasons, o.otherReasons) : '', ...style }] : []),
  ];
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
