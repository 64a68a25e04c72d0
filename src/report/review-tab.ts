/** The Review tab: the ReviewModel (core/feedback/review.ts) as one block of sections, read top to bottom at the meeting. */
import type { ManagerRow, ReviewModel } from '../core/feedback/review';
import { columnLetter } from '../core/a1';
import type { DataIssue } from '../core/types';
import { COLOR, FMT, GridBuilder, addParagraph, countCell, rateCell, type CellInput } from './format';
import type { ReportLocale } from './i18n';
import type { TabLayout } from './layout';
import { reviewStrings } from './review-strings';

const WIDTHS = [250, 140, 120, 130, 90, 100, 90, 260, 80, 80];

/** Unreadable Feedback cells listed on the tab at most (the rest are counted; all are in `--json`). */
const MAX_ISSUES = 50;

export function buildReviewTab(m: ReviewModel, locale: ReportLocale, issues: readonly DataIssue[] = []): TabLayout {
  const s = reviewStrings(locale);
  const g = new GridBuilder();
  const header = (cells: string[]): void => {
    g.addRow(cells.map((v) => ({ v, bold: true, bg: COLOR.headerBg, wrap: true })));
  };
  const section = (title: string): void => {
    g.addRow([]);
    g.addRow([{ v: title, bold: true, color: COLOR.titleFont }]);
  };
  const blank = (v: string): string => (v === '' ? s.blank : v);
  const num = (v: number | null): CellInput => (v === null ? { v: s.none, align: 'right' } : { v, fmt: FMT.days });

  g.addRow([{ v: s.title(m.asOf, m.handoffStage), bold: true, color: COLOR.titleFont }]);
  addParagraph(g, { v: s.subtitle(m.staleDays, m.noFeedbackDays), italic: true, color: COLOR.subtitleFont }, WIDTHS);

  if (issues.length > 0) {
    section(s.issuesTitle(issues.length));
    header(s.issuesHeader);
    for (const i of issues.slice(0, MAX_ISSUES)) {
      g.addRow([{ v: `${i.sheet}!${columnLetter(i.col ?? 0)}${i.row}` }, { v: i.column }, { v: i.value }, { v: locale === 'ru' ? i.problemRu : i.problem, color: COLOR.warning }]);
    }
    if (issues.length > MAX_ISSUES) g.addRow([{ v: s.moreIssues(issues.length - MAX_ISSUES), italic: true }]);
  }

  section(s.byManager);
  header(s.managerHeader);
  const managerRow = (r: ManagerRow, label: string, bold: boolean): void => {
    const reasons = Object.entries(r.rejectedByReason)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${blank(k)} ${n}`)
      .join(', ');
    const bg = bold ? COLOR.totalBg : undefined;
    g.addRow([
      { v: label, bold, ...(bg ? { bg } : {}) },
      countCell(r.handedOver, { bold }),
      countCell(r.withFeedback, { bold }),
      rateCell(r.feedbackRate, FMT.rate, { bold }),
      countCell(r.accepted, { bold }),
      rateCell(r.acceptedRate, FMT.rate, { bold }),
      countCell(r.rejected, { bold }),
      { v: reasons, wrap: true },
      countCell(r.stalled, { bold }),
      countCell(r.won, { bold }),
    ]);
  };
  for (const r of m.managers) managerRow(r, blank(r.manager), false);
  managerRow(m.total, s.total, true);

  section(s.discussTitle);
  if (m.discuss.length === 0) g.addRow([{ v: s.nothingToDiscuss, italic: true }]);
  else {
    header(s.discussHeader);
    for (const d of m.discuss) {
      g.addRow([{ v: d.lead }, { v: blank(d.manager) }, { v: blank(d.channel) }, { v: s.why(d.why), color: d.why === 'noFeedback' ? COLOR.error : COLOR.warning }, countCell(d.days)]);
    }
  }

  for (const q of m.quality) {
    section(s.qualityTitle(q.dimension));
    header(s.qualityHeader);
    for (const r of q.rows) g.addRow([{ v: blank(r.value) }, countCell(r.handedOver), countCell(r.withFeedback), countCell(r.notQualified), rateCell(r.share)]);
  }

  section(s.speedTitle);
  header(s.speedHeader);
  for (const [label, d] of [
    [s.daysToFirst, m.daysToFirstAttempt],
    [s.attempts, m.attempts],
  ] as const) {
    g.addRow([{ v: label }, countCell(d.n), num(d.median), num(d.mean), num(d.p90)]);
  }
  section(s.attemptsHistTitle);
  header(s.attemptsHistHeader);
  g.addRow(m.attemptsHistogram.map((n) => countCell(n)));

  section(s.nurturingTitle);
  g.addRow([{ v: s.sentBack }, countCell(m.nurturing.sentBack)]);
  g.addRow([{ v: s.wonAfter }, countCell(m.nurturing.wonAfter)]);

  section(s.monthsTitle);
  header(s.monthsHeader);
  for (const r of m.months) {
    g.addRow([{ v: r.month }, countCell(r.handedOver), countCell(r.withFeedback), countCell(r.accepted), countCell(r.rejected), countCell(r.won), countCell(r.wonAfterNurturing)]);
  }
  return g.toLayout({ name: s.tab, frozenRows: 1, frozenColumns: 0, columnWidths: WIDTHS });
}
