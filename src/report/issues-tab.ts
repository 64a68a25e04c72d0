/** The Data issues tab: one row per problem, with a link to the offending row of the leads sheet. */
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

export function buildIssuesTab(issues: DataIssue[], opts: IssuesTabOptions): TabLayout {
  const s = opts.strings;
  const max = opts.maxRows ?? DEFAULT_MAX_ISSUE_ROWS;
  const g = new GridBuilder();
  const widths = [110, 60, 150, 200, 420, 110];
  g.addRow([{ v: s.issuesTitle(issues.length), bold: true, color: COLOR.titleFont }]);
  if (issues.length === 0) {
    g.addRow([{ v: s.noIssues, italic: true }]);
    return g.toLayout({ name: s.tabIssues, frozenRows: 1, frozenColumns: 0, columnWidths: widths });
  }
  g.addRow(s.issueHeaders.map((v): CellSpec => ({ v, bold: true, bg: COLOR.headerBg })));
  const shown = issues.slice(0, max);
  for (const issue of shown) {
    const a1 = `A${issue.row}`;
    const row = g.addRow([
      { v: a1Ref(opts.leadsSheet, a1) },
      { v: issue.row, fmt: '0' },
      { v: issue.column },
      { v: issue.value },
      { v: opts.locale === 'ru' ? issue.problemRu : issue.problem },
      { v: s.severity(issue.severity), color: issue.severity === 'error' ? COLOR.error : COLOR.warning },
    ]);
    g.links.push({ row, col: 0, sheet: opts.leadsSheet, a1 });
  }
  if (issues.length > shown.length) g.addRow([{ v: s.moreIssues(issues.length - shown.length), italic: true }]);
  return g.toLayout({ name: s.tabIssues, frozenRows: 2, frozenColumns: 0, columnWidths: widths });
}
