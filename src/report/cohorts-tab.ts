/**
 * The Cohorts tab, laid out for reading in the weekly meeting: newest cohort at the top (the one
 * being discussed), a totals row under the cohorts, implied passes and maturity thresholds below,
 * and a helper range (oldest first) feeding a line chart of overall conversion. When the input has an
 * amount or says which leads were lost, won revenue, average deal and lost deals with their top reasons
 * stand at the right of each cohort.
 */
import type { CohortReport, CohortRow } from '../core/model';
import type { OutcomeReport, OutcomeRow } from '../core/outcomes';
import { COLOR, FMT, GridBuilder, NO_RATE, addParagraph, countCell, flaggedRateFormat, rateCell, toneStyle, type CellSpec } from './format';
import { filtersText, type ReportStrings } from './i18n';
import type { TabLayout } from './layout';

export interface CohortsTabOptions {
  strings: ReportStrings;
  filtersLabel?: string;
  /** Percentile behind the maturity thresholds, for the note text (config.maturityPercentile). */
  maturityPercentile?: number;
  /** Won revenue and lost deals per cohort (the same filters as `report`); no columns when absent. */
  outcomes?: OutcomeReport;
  /** Lines said under the title, e.g. "12 leads created after 2026-11-22 are not in this report". */
  notes?: string[];
}

/** Which outcome columns the tab shows: money when there is an amount, losses when lost leads are known. */
function outcomeColumns(outcomes: OutcomeReport | undefined): { money: boolean; lost: boolean; count: number } {
  const money = outcomes?.hasAmount === true;
  const lost = outcomes?.hasLost === true;
  return { money, lost, count: (money ? 2 : 0) + (lost ? 2 : 0) };
}

/**
 * Column positions of the cohort table, derived from the number of stages (and of outcome columns).
 * With one stage its step rate is the overall rate, so it has no step column of its own.
 */
export function cohortColumns(stageCount: number, outcomeCount = 0) {
  const later = stageCount - 1;
  const stepColumns = later > 1;
  const perStage = stepColumns ? 2 : 1;
  const overall = 2 + perStage * later;
  return {
    period: 0,
    leads: 1,
    stepColumns,
    reached: (k: number) => 2 + perStage * (k - 1),
    /** -1 when the stage has no step column. */
    step: (k: number) => (stepColumns ? 3 + 2 * (k - 1) : -1),
    overall,
    change: overall + 1,
    /** First outcome column (won revenue, average deal, lost, top reasons: those that apply). */
    outcomes: overall + 2,
    /** The chart's helper range, one blank column right of the table. */
    helper: overall + 3 + outcomeCount,
  };
}

export const COHORT_HEADER_ROWS = 4;

export function buildCohortsTab(report: CohortReport, opts: CohortsTabOptions): TabLayout {
  const s = opts.strings;
  const percentile = opts.maturityPercentile ?? 0.8;
  const stages = report.stages;
  const last = stages.length - 1;
  const shown = outcomeColumns(opts.outcomes);
  const col = cohortColumns(stages.length, shown.count);
  const g = new GridBuilder();

  // Column B also heads the implied-passes block below the table ("Implied passes" / "Неявных проходов").
  const widths: number[] = [170, 130];
  // Reached columns fit a flagged cell ("▼ 15.2% (was 21.4%)"); the overall column one with two decimals.
  for (let k = 1; k <= last; k++) widths.push(...(col.stepColumns ? [125, 65] : [125]));
  widths.push(150, 85);
  if (shown.money) widths.push(110, 95);
  if (shown.lost) widths.push(75, 340);
  const tableWidths = widths.slice();
  widths.push(30, 100, 95);

  g.addRow([{ v: s.cohortsTitle(report.grain, report.asOf, opts.filtersLabel ?? filtersText(report.filters, s)), bold: true, color: COLOR.titleFont }]);
  addParagraph(g, { v: [s.cohortsSubtitle, ...(opts.notes ?? [])].join(' · '), italic: true, color: COLOR.subtitleFont }, tableWidths);
  addHeader(g, stages, s, col, shown);

  const newestFirst = [...report.cohorts].reverse();
  const firstBodyRow = g.nextRow;
  const outcomeByStart = new Map((opts.outcomes?.cohorts ?? []).map((o) => [o.start, o]));
  // Colours are static: only rates that stand out from the other mature cohorts (model stepTone /
  // overallTone) are painted; noise and immature cells are not.
  for (const c of newestFirst) {
    const cells = cohortCells(c, report, s, percentile, col);
    addOutcomeCells(cells, outcomeByStart.get(c.start), col, shown, s, {});
    g.addRow(cells);
  }
  const totals = totalCells(report, s, col);
  if (opts.outcomes) addOutcomeCells(totals, opts.outcomes.total, col, shown, s, { bold: true, bg: COLOR.totalBg });
  g.addRow(totals);
  g.addRow(padOutcomes(matureTotalCells(report, s, col), col, shown));

  g.addRow();
  // With one stage nothing can be implied by a later one: the block would only say "0".
  if (last > 1 || report.total.implied.some((n) => n > 0)) {
    addImpliedBlock(g, report, s);
    g.addRow();
  }
  g.addRow([{ v: maturityText(report, s), italic: true, color: COLOR.subtitleFont }]);
  const undatedStages = report.stages.filter((_, k) => k > 0 && (report.total.undated[k] ?? 0) > 0);
  if (undatedStages.length > 0) {
    g.addRow([{ v: s.undatedLine(undatedStages.join(', ')), italic: true, color: COLOR.subtitleFont }]);
  }
  if (report.total.lostStageUnknown > 0) {
    g.addRow([{ v: s.lostStageUnknownLine(report.total.lostStageUnknown, report.stages[1]), italic: true, color: COLOR.subtitleFont }]);
  }
  addChart(g, report, s, col, firstBodyRow - 1);

  return g.toLayout({ name: s.tabCohorts, frozenRows: COHORT_HEADER_ROWS, frozenColumns: 1, columnWidths: widths });
}

type Columns = ReturnType<typeof cohortColumns>;
type ShownOutcomes = ReturnType<typeof outcomeColumns>;

function addHeader(g: GridBuilder, stages: string[], s: ReportStrings, col: Columns, shown: ShownOutcomes): void {
  const h = (v: string): CellSpec => ({ v, bold: true, bg: COLOR.headerBg });
  const top = g.nextRow;
  const row1: CellSpec[] = [h(s.period), h(s.leads)];
  const row2: CellSpec[] = [h(''), h('')];
  for (let k = 1; k < stages.length; k++) {
    if (col.stepColumns) {
      row1.push(h(stages[k]), h(''));
      row2.push(h(s.reached), h(s.stepRate));
      g.merges.push({ row: top, col: col.reached(k), numRows: 1, numCols: 2 });
    } else {
      row1.push(h(stages[k]));
      row2.push(h(s.reached));
    }
  }
  row1.push(h(s.overall(stages[0], stages[stages.length - 1])), h(s.vsPrev));
  row2.push(h(''), h(''));
  // Outcome headers are not merged down: every merge is one more call per refresh, and the shared
  // header background reads as one cell anyway.
  for (const label of [...(shown.money ? [s.wonRevenue, s.averageDeal] : []), ...(shown.lost ? [s.lostDeals, s.topLostReasons] : [])]) {
    row1.push(h(label));
    row2.push(h(''));
  }
  g.addRow(row1);
  g.addRow(row2);
  for (const at of [col.period, col.leads, col.overall, col.change]) g.merges.push({ row: top, col: at, numRows: 2, numCols: 1 });
}

/** Won revenue, average deal, lost count and top reasons of one cohort (or the total), where shown. */
function addOutcomeCells(cells: CellSpec[], o: OutcomeRow | undefined, col: Columns, shown: ShownOutcomes, s: ReportStrings, style: Partial<CellSpec>): void {
  let c = col.outcomes;
  if (shown.money) {
    cells[c++] = o && o.revenue !== null ? { v: o.revenue, fmt: FMT.money, ...style } : { v: NO_RATE, align: 'right', ...style };
    cells[c++] = o && o.averageDeal !== null ? { v: o.averageDeal, fmt: FMT.money, ...style } : { v: NO_RATE, align: 'right', ...style };
  }
  if (shown.lost) {
    cells[c] = countCell(o?.lost ?? 0, style);
    cells[c + 1] = { v: o ? s.reasonsText(o.topReasons, o.otherReasons) : '', ...style };
  }
}

/** The mature-total row has no outcome figures; its style runs through those columns. */
function padOutcomes(cells: CellSpec[], col: Columns, shown: ShownOutcomes): CellSpec[] {
  for (let c = col.outcomes; c < col.outcomes + shown.count; c++) cells[c] = { v: null, bold: true, bg: COLOR.totalBg };
  return cells;
}

function cohortCells(c: CohortRow, report: CohortReport, s: ReportStrings, percentile: number, col: Columns): CellSpec[] {
  const last = report.stages.length - 1;
  const grey = (k: number): Partial<CellSpec> => (c.immature[k] ? { bg: COLOR.immatureBg, color: COLOR.immatureFont } : {});
  const cells: CellSpec[] = [{ v: `${c.start} – ${c.end}` }, countCell(c.leads)];
  for (let k = 1; k <= last; k++) {
    const days = report.maturityDays[k];
    const note = c.immature[k] ? { note: s.immatureNote(report.stages[k], c.ageDays, roundDays(days), percentile) } : {};
    cells[col.reached(k)] = k < last && c.flag[k] ? flaggedRate(c, k, report, s, 1) : countCell(c.reached[k], { ...grey(k), ...note });
    if (col.stepColumns) cells[col.step(k)] = rateCell(c.stepRate[k] ?? null, FMT.rate, { ...grey(k), ...toneStyle(c.stepTone[k] ?? null) });
  }
  cells[col.overall] = c.flag[last]
    ? { ...flaggedRate(c, last, report, s, 2), ...toneStyle(c.overallTone) }
    : rateCell(c.overallRate[last] ?? null, FMT.overall, { ...grey(last), ...toneStyle(c.overallTone) });
  cells[col.change] = changeCell(c, last, report, s, grey(last));
  return cells;
}

function changeCell(c: CohortRow, k: number, report: CohortReport, s: ReportStrings, grey: Partial<CellSpec>): CellSpec {
  if (!c.previous) return { v: '', ...grey };
  const change = c.change[k];
  if (change === null || change === undefined || !Number.isFinite(change)) return { v: NO_RATE, align: 'right', ...grey };
  const flag = c.flag[k];
  if (!flag) return { v: change, fmt: FMT.change, ...grey };
  return { v: change, fmt: FMT.change, color: flag === 'up' ? COLOR.up : COLOR.down, bold: true, note: flagNote(c, k, report, s, 2) };
}

function flagNote(c: CohortRow, k: number, report: CohortReport, s: ReportStrings, digits: number): string {
  const p = c.previous;
  if (!p) return '';
  const prevRate = p.leads > 0 ? p.reached[k] / p.leads : null;
  const rate = c.overallRate[k] ?? null;
  return `${s.overall(report.stages[0], report.stages[k])}: ${s.flagCount(c.reached[k], c.leads, s.rateText(rate, digits))} ` +
    s.flagNote(p.start, p.asOf, s.rateText(prevRate, digits), s.rateText(rate, digits), c.pValue[k] ?? null, c.qValue[k] ?? null, report.testedCells);
}

/**
 * A significant change in the share of leads reaching step k (reached / leads, the rate that was
 * tested): the cell shows that rate with the arrow and the previous cohort's rate, "▼ 5.0% (was 7.9%)";
 * the note gives the count and the test.
 */
function flaggedRate(c: CohortRow, k: number, report: CohortReport, s: ReportStrings, digits: number): CellSpec {
  const up = c.flag[k] === 'up';
  const p = c.previous;
  const prevRate = p && p.leads > 0 ? p.reached[k] / p.leads : null;
  return {
    v: c.overallRate[k] ?? null,
    fmt: flaggedRateFormat(up, digits, s.wasRate(s.rateText(prevRate, digits))),
    color: up ? COLOR.up : COLOR.down,
    bold: true,
    note: flagNote(c, k, report, s, digits),
  };
}

function totalCells(report: CohortReport, s: ReportStrings, col: Columns): CellSpec[] {
  const t = report.total;
  const last = report.stages.length - 1;
  const style = { bold: true, bg: COLOR.totalBg };
  const cells: CellSpec[] = [{ v: s.total, ...style }, countCell(t.leads, style)];
  for (let k = 1; k <= last; k++) {
    cells[col.reached(k)] = countCell(t.reached[k], style);
    if (col.stepColumns) cells[col.step(k)] = rateCell(t.stepRate[k] ?? null, FMT.rate, style);
  }
  cells[col.overall] = rateCell(t.overallRate[last] ?? null, FMT.overall, style);
  cells[col.change] = { v: '', ...style };
  return cells;
}

/**
 * The rates to quote: per stage over the cohorts mature for it. Counts are left out because each stage
 * covers a different set of cohorts (the note says so).
 */
function matureTotalCells(report: CohortReport, s: ReportStrings, col: Columns): CellSpec[] {
  const t = report.matureTotal;
  const last = report.stages.length - 1;
  const style = { bold: true, bg: COLOR.totalBg };
  const cells: CellSpec[] = [{ v: s.matureTotal, note: s.matureTotalNote, ...style }, { v: null, ...style }];
  for (let k = 1; k <= last; k++) {
    cells[col.reached(k)] = { v: null, ...style };
    if (col.stepColumns) cells[col.step(k)] = rateCell(t.stepRate[k] ?? null, FMT.rate, style);
  }
  cells[col.overall] = rateCell(t.overallRate[last] ?? null, FMT.overall, style);
  cells[col.change] = { v: '', ...style };
  return cells;
}

function addImpliedBlock(g: GridBuilder, report: CohortReport, s: ReportStrings): void {
  g.addRow([{ v: s.impliedTitle, bold: true }]);
  g.addRow(s.impliedHeader.map((v) => ({ v, bold: true, bg: COLOR.headerBg })));
  for (let k = 1; k < report.stages.length; k++) {
    const implied = report.total.implied[k] ?? 0;
    const reached = report.total.reached[k] ?? 0;
    g.addRow([
      { v: report.stages[k] },
      countCell(implied),
      rateCell(reached > 0 ? implied / reached : null, FMT.rate),
      { v: s.impliedLine(implied, report.stages[k]), italic: true, color: COLOR.subtitleFont },
    ]);
  }
}

function roundDays(d: number | null | undefined): number | null {
  return d === null || d === undefined ? null : Math.round(d * 10) / 10;
}

function maturityText(report: CohortReport, s: ReportStrings): string {
  const parts: string[] = [];
  for (let k = 1; k < report.stages.length; k++) {
    const d = roundDays(report.maturityDays[k]);
    parts.push(`${report.stages[k]} ${d === null ? '—' : s.days(d)}`);
  }
  return s.maturityLine(parts.join(', '));
}

/** Helper range beside the table (oldest first, mature cells only) and the chart reading it. */
function addChart(g: GridBuilder, report: CohortReport, s: ReportStrings, col: Columns, headerRow: number): void {
  const last = report.stages.length - 1;
  const label = s.overall(report.stages[0], report.stages[last]);
  const helper = { color: COLOR.helperFont };
  g.set(headerRow, col.helper, { v: s.chartCohort, ...helper });
  g.set(headerRow, col.helper + 1, { v: label, ...helper });
  report.cohorts.forEach((c, i) => {
    const r = c.overallRate[last];
    const value = c.immature[last] || r === null || r === undefined ? null : r;
    g.set(headerRow + 1 + i, col.helper, { v: c.start, ...helper });
    g.set(headerRow + 1 + i, col.helper + 1, { v: value, fmt: FMT.overall, ...helper });
  });
  g.charts.push({
    type: 'line',
    title: s.chartTitle(report.stages[0], report.stages[last]),
    range: { row: headerRow, col: col.helper, numRows: report.cohorts.length + 1, numCols: 2 },
    anchor: { row: COHORT_HEADER_ROWS, col: col.helper + 3 },
    percentAxis: true,
  });
}
