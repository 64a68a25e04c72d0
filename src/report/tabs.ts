/** Report model → the three report tabs (Cohorts, Conversions, Data issues) as plain layouts. */
import type { FunnelReport } from '../core/model';
import { buildCohortsTab } from './cohorts-tab';
import { buildConversionsTab } from './conversions-tab';
import { reportStrings, type ReportLocale } from './i18n';
import { buildIssuesTab } from './issues-tab';
import type { TabLayout } from './layout';

export interface ReportTabsOptions {
  locale: ReportLocale;
  /** Name of the sheet (or file) the leads came from: data-issue links point at it. */
  leadsSheet: string;
  /** Overrides the "filters: …" part of the cohort title. */
  filtersLabel?: string;
  /** config.maturityPercentile, for the immature-cell notes (default 0.8). */
  maturityPercentile?: number;
  /** Cap on listed data issues (default 5000). */
  maxIssueRows?: number;
}

/** Stage names as shown: the engine's first step "Lead" in the report's language. */
function shownStages(stages: string[], leadStep: string): string[] {
  return [leadStep, ...stages.slice(1)];
}

/** One report tab: an id (tabs are addressed by id, never by position) and a pure layout builder. */
export interface ReportTab {
  id: string;
  build(report: FunnelReport, opts: ReportTabsOptions): TabLayout;
}

/** The report tabs in the order they are written. The first is the Cohorts tab (it carries the status line). */
export const REPORT_TABS: readonly ReportTab[] = [
  {
    id: 'cohorts',
    build(report, opts) {
      const strings = reportStrings(opts.locale);
      const cohortReport = { ...report.cohortReport, stages: shownStages(report.cohortReport.stages, strings.leadStep) };
      const note = report.source.createdAfterAsOfNote;
      return buildCohortsTab(cohortReport, {
        strings,
        outcomes: report.outcomes,
        notes: note ? [opts.locale === 'ru' ? note.ru : note.en] : [],
        ...(opts.filtersLabel !== undefined ? { filtersLabel: opts.filtersLabel } : {}),
        ...(opts.maturityPercentile !== undefined ? { maturityPercentile: opts.maturityPercentile } : {}),
      });
    },
  },
  {
    id: 'conversions',
    build(report, opts) {
      const strings = reportStrings(opts.locale);
      const conversions = { ...report.conversions, stages: shownStages(report.conversions.stages, strings.leadStep) };
      return buildConversionsTab(conversions, strings, report.cohortReport.filters, report.outcomes);
    },
  },
  {
    id: 'issues',
    build(report, opts) {
      return buildIssuesTab(report.dataIssues, {
        strings: reportStrings(opts.locale),
        locale: opts.locale,
        leadsSheet: opts.leadsSheet,
        ...(opts.maxIssueRows !== undefined ? { maxRows: opts.maxIssueRows } : {}),
      });
    },
  },
];

/** Every report tab's layout, all computed before any is written. */
export function buildReportTabs(report: FunnelReport, opts: ReportTabsOptions, tabs: readonly ReportTab[] = REPORT_TABS): TabLayout[] {
  return tabs.map((t) => t.build(report, opts));
}
