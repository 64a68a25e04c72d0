/**
 * The Channels tab: per channel (largest spend first) spend, leads, CPL and its change against the
 * previous period at the same age, cost per later stage (the last is cost per sale, CAC), won revenue
 * and ROMI; campaigns under their channel; the total; the channel names that matched nothing; then
 * the same per cohort period. Immature costs are greyed with the Cohorts tab's note. Beside the table, a
 * helper range feeds a bar chart of CPL and cost per sale by channel (Sheets; the XLSX writer leaves
 * charts and their helper cells out).
 */
import type { ChannelMetrics, ChannelReport } from '../core/spend/model';
import { DAY_MS, parseIsoDay } from '../core/time/wall-time';
import { channelStrings } from './channels-strings';
import { COLOR, GridBuilder, NO_RATE, addParagraph, countCell, type CellSpec } from './format';
import type { ReportLocale, ReportStrings } from './i18n';
import type { TabLayout } from './layout';

const MONEY = '#,##0';
const COST = '#,##0.00';
const CHANGE = '+0%;-0%;0%';
const ROMI = '0%';
/** Campaign rows shown under a channel; the rest are summed in one row. */
const MAX_CAMPAIGNS = 5;

function money(v: number | null, fmt: string, extra: Partial<CellSpec> = {}): CellSpec {
  return v === null || !Number.isFinite(v) ? { v: NO_RATE, align: 'right', ...extra } : { v, fmt, ...extra };
}

export interface ChannelsTabOptions {
  locale: ReportLocale;
  strings: ReportStrings;
  /** Stage names as shown ("Lead" first). */
  stages: string[];
  maturityPercentile: number;
}

export function buildChannelsTab(report: ChannelReport, opts: ChannelsTabOptions): TabLayout {
  const c = channelStrings(opts.locale);
  const s = opts.strings;
  const g = new GridBuilder();
  const stages = opts.stages;
  const last = stages.length - 1;
  const asOfDay = parseIsoDay(report.asOf) ?? 0;
  const costHeaders = stages.slice(1).map((st, i) => c.costPer(st, i + 1 === last));
  const header = [c.channel, c.spend, c.leads, c.cpl, c.cplChange, ...costHeaders, c.won, ...(report.hasAmount ? [c.revenue, c.romi(report.romiBasis)] : [])];
  const widths = [190, 100, 70, 85, 85, ...costHeaders.map(() => 115), 65, ...(report.hasAmount ? [105, 95] : [])];

  g.addRow([{ v: c.title(report.asOf, report.currency), bold: true, color: COLOR.titleFont }]);
  addParagraph(
    g,
    { v: c.subtitle({ rows: report.rowsUsed, grain: report.grain, romi: report.romiBasis, margin: report.marginPercent, comparison: report.comparison, after: report.spendAfterAsOf }), italic: true, color: COLOR.subtitleFont },
    widths,
  );
  g.addRow();
  const headerRow = g.addRow(header.map((v) => ({ v, bold: true, bg: COLOR.headerBg, wrap: true })));

  /** Cost cells of one metrics row: immature ones greyed, with the Cohorts tab's note when the age is known. */
  const costCells = (m: ChannelMetrics, ageDays: number | null, style: Partial<CellSpec>): CellSpec[] =>
    m.costPerStage.slice(1).map((v, i) => {
      const k = i + 1;
      if (!m.immature[k]) return money(v, COST, style);
      const note = ageDays === null ? {} : { note: s.immatureNote(stages[k], ageDays, roundDays(report.maturityDays[k]), opts.maturityPercentile) };
      return money(v, COST, { ...style, bg: COLOR.immatureBg, color: COLOR.immatureFont, ...note });
    });
  /** Revenue and ROMI: grey while the last stage is immature (won revenue is still coming in). */
  const moneyCells = (m: ChannelMetrics, style: Partial<CellSpec>): CellSpec[] => {
    if (!report.hasAmount) return [];
    const grey = m.immature[last] ? { bg: COLOR.immatureBg, color: COLOR.immatureFont } : {};
    return [money(m.revenue, MONEY, { ...style, ...grey }), money(m.romi, ROMI, { ...style, ...grey })];
  };

  for (const row of report.channels) {
    const m = row.total;
    g.addRow([
      { v: row.channel === '' ? c.blank : row.channel },
      money(row.hasSpend ? m.spend : null, MONEY),
      countCell(m.leads),
      money(m.costPerStage[0], COST, m.leads === 0 ? { note: c.noLeadsNote } : {}),
      money(row.cplChange, CHANGE),
      ...costCells(m, null, {}),
      countCell(m.won),
      ...moneyCells(m, {}),
    ]);
    // One campaign would only repeat the channel's spend: campaigns are listed from two on.
    if (row.campaigns.length > 1) {
      // The largest campaigns only: a sheet of ad-level rows would bury the channels (all are in --json).
      const sub = { italic: true, color: COLOR.subtitleFont };
      for (const camp of row.campaigns.slice(0, MAX_CAMPAIGNS)) g.addRow([{ v: c.campaign(camp.campaign), ...sub }, money(camp.spend, MONEY, sub)]);
      const rest = row.campaigns.slice(MAX_CAMPAIGNS);
      if (rest.length > 0) g.addRow([{ v: c.otherCampaigns(rest.length), ...sub }, money(rest.reduce((a, x) => a + x.spend, 0), MONEY, sub)]);
    }
  }
  const totalStyle: Partial<CellSpec> = { bold: true, bg: COLOR.totalBg };
  const t = report.total;
  g.addRow([
    { v: c.total, ...totalStyle },
    money(t.spend, MONEY, totalStyle),
    countCell(t.leads, totalStyle),
    money(t.costPerStage[0], COST, totalStyle),
    { v: null, ...totalStyle },
    ...costCells(t, null, totalStyle),
    countCell(t.won, totalStyle),
    ...moneyCells(t, totalStyle),
  ]);
  const tableEnd = g.nextRow;

  // Channel names that matched nothing, on either side.
  g.addRow();
  g.addRow([{ v: c.unmatchedTitle, bold: true, color: COLOR.titleFont }]);
  if (report.rowsUsed === 0) g.addRow([{ v: c.noSpend, italic: true, color: COLOR.warning }]);
  if (report.unmatchedSpend.length === 0 && report.rowsUsed > 0) g.addRow([{ v: c.allMatched, italic: true }]);
  for (const u of report.unmatchedSpend) g.addRow([{ v: c.spendNoLeads(u.channel, u.suggestion), color: COLOR.warning }]);
  for (const l of report.leadsWithoutSpend) g.addRow([{ v: c.leadsNoSpend(l.channel, l.leads, l.organic, l.suggestion), ...(l.organic ? { italic: true } : { color: COLOR.warning }) }]);

  // Per cohort period, newest first (the period under review on top).
  g.addRow();
  g.addRow([{ v: c.byPeriod, bold: true, color: COLOR.titleFont }]);
  const periodHeader = [c.period, c.channel, c.spend, c.leads, c.cpl, ...costHeaders, c.won, ...(report.hasAmount ? [c.revenue, c.romi(report.romiBasis)] : [])];
  g.addRow(periodHeader.map((v) => ({ v, bold: true, bg: COLOR.headerBg, wrap: true })));
  const byStart = new Map<string, { channel: string; hasSpend: boolean; p: ChannelReport['channels'][number]['periods'][number] }[]>();
  // Channels with spend only: the leads of the others are in the table above.
  for (const row of report.channels.filter((r) => r.hasSpend)) {
    for (const p of row.periods) {
      const list = byStart.get(p.start) ?? [];
      list.push({ channel: row.channel, hasSpend: row.hasSpend, p });
      byStart.set(p.start, list);
    }
  }
  for (const start of [...byStart.keys()].sort().reverse()) {
    const list = byStart.get(start) ?? [];
    list.sort((a, b) => b.p.spend - a.p.spend || b.p.leads - a.p.leads);
    for (const { channel, hasSpend, p } of list) {
      const age = Math.round((asOfDay - (parseIsoDay(p.end) ?? 0)) / DAY_MS);
      g.addRow([
        { v: p.start },
        { v: channel === '' ? c.blank : channel },
        money(hasSpend ? p.spend : null, MONEY),
        countCell(p.leads),
        money(p.costPerStage[0], COST),
        ...costCells(p, age, {}),
        countCell(p.won),
        ...moneyCells(p, {}),
      ]);
    }
  }

  addChart(g, report, c, header.length + 1, headerRow, tableEnd);
  return g.toLayout({ name: c.tab, frozenRows: headerRow + 1, frozenColumns: 1, columnWidths: widths });
}

function roundDays(d: number | null | undefined): number | null {
  return d === null || d === undefined ? null : Math.round(d * 10) / 10;
}

/** Helper range (channels with spend and leads, as in the table) and the bar chart reading it. */
function addChart(g: GridBuilder, report: ChannelReport, c: ReturnType<typeof channelStrings>, col: number, headerRow: number, tableEnd: number): void {
  const last = report.stages.length - 1;
  const rows = report.channels.filter((r) => r.hasSpend && r.inLeads && r.total.leads > 0);
  if (rows.length === 0) return;
  const helper = { color: COLOR.helperFont };
  g.set(headerRow, col, { v: c.chartChannel, ...helper });
  g.set(headerRow, col + 1, { v: c.cpl, ...helper });
  g.set(headerRow, col + 2, { v: c.chartCostPerSale, ...helper });
  rows.forEach((r, i) => {
    const cps = r.total.immature[last] ? null : r.total.costPerStage[last];
    g.set(headerRow + 1 + i, col, { v: r.channel, ...helper });
    g.set(headerRow + 1 + i, col + 1, { v: r.total.costPerStage[0], fmt: COST, ...helper });
    g.set(headerRow + 1 + i, col + 2, { v: cps, fmt: COST, ...helper });
  });
  g.charts.push({
    type: 'bar',
    title: c.chartTitle,
    range: { row: headerRow, col, numRows: rows.length + 1, numCols: 3 },
    anchor: { row: Math.max(headerRow, tableEnd - rows.length - 1), col: col + 4 },
  });
}
