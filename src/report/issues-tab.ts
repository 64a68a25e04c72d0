/**
 * The Data issues tab: one row per problem, in input order, with a link to the offending cell of the
 * leads sheet, or of the Spend or Feedback sheet for their issues (the exact cell when the column is
 * known, the row's first cell otherwise). The problem
 * text wraps: it is the column people read, and a cut-off sentence says nothing.
 */
import { columnLetter } from '../core/a1';
import type { DataIssue } from '../core/types';
import { COLOR, GridBuilder, a1Ref, type CellSpec } from './format';
import type { ReportLocale, ReportStrings } from './i18n';
import type { TabLayout } from './layout';

export interface IssuesTabOptions {
  strings: ReportStrings;
  locale: ReportLocale;
  leadsSheet: string;
  /** Rows listed at most; the rest are counted in a closing line (a sheet is no place for a million issues). */
  maxRows?: number;
}

export const DEFAULT_MAX_ISSUE_ROWS = 5000;

/** Codes of issues about an input other than the leads (Spend, Feedback): they link to that input's sheet. */
const OWN_SHEET_CODES = /^(spend|feedback)\./;

/** Column index of the wrapped problem text. */
const PROBLEM_COL = 3;

export function buildIssuesTab(issues: DataIssue[], opts: IssuesTabOptions): TabLayout {
  const s = opts.strings;
  const max = opts.maxRows ?? DEFAULT_MAX_ISSUE_ROWS;
  const g = new GridBuilder();
  const widths = [110, 170, 200, 460, 90];
  g.addRow([{ v: s.issuesTitle(issues.length), bold: true, color: COLOR.titleFont }]);
  if (issues.length === 0) {
    g.addRow([{ v: s.noIssues, italic: true }]);
    return g.toLayout({ name: s.tabIssues, frozenRows: 1, frozenColumns: 0, columnWidths: widths });
  }
  g.addRow(s.issueHeaders.map((v, i): CellSpec => ({ v, bold: true, bg: COLOR.headerBg, wrap: i === PROBLEM_COL })));
  const shown = issues.slice(0, max);
  for (const issue of shown) {
    const a1 = `${columnLetter(issue.col ?? 0)}${issue.row}`;
    // An issue of the spend or feedback input points at its own sheet; every other issue is about the leads sheet.
    const sheet = OWN_SHEET_CODES.test(issue.code) && issue.sheet !== '' ? issue.sheet : opts.leadsSheet;
    const row = g.addRow([
      { v: a1Ref(sheet, a1) },
      { v: issue.column },
      { v: issue.value },
      { v: opts.locale === 'ru' ? issue.problemRu : issue.problem, wrap: true },
      { v: s.severity(issue.severity), color: issue.severity === 'error' ? COLOR.error : COLOR.warning },
    ]);
    g.links.push({ row, col: 0, sheet, a1 });
  }
  if (issues.length > shown.length) g.addRow([{ v: s.moreIssues(issues.length - shown.length), italic: true }]);
  return g.toLayout({ name: s.tabIssues, frozenRows: 2, frozenColumns: 0, columnWidths: widths });
}
