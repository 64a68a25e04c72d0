/**
 * The built-in tabs (Cohorts, Conversions, Data issues) of an assembled FunnelReport, through the
 * registry's layouts: for callers that hold a FunnelReport rather than a run (tests).
 * Faces build their tabs from the run instead (run-reports.ts `reportLayouts`), addressed by id.
 */
import type { FunnelReport } from '../core/model';
import { cohortsReport, conversionsReport, issuesReport, outcomesReport } from './builtin-reports';
import type { TabLayout } from './layout';
import type { AnyReport, LayoutOptions, ReportDefinition, ReportModels } from './report-definition';

export type ReportTabsOptions = LayoutOptions;

/** The built-in tabs in writing order. */
export function buildReportTabs(report: FunnelReport, opts: ReportTabsOptions): TabLayout[] {
  const byId = new Map<string, unknown>([
    [cohortsReport.id, report.cohortReport],
    [conversionsReport.id, report.conversions],
    [outcomesReport.id, report.outcomes],
    [issuesReport.id, report.dataIssues],
  ]);
  const models: ReportModels = { get: <M>(r: ReportDefinition<M>): M | undefined => byId.get(r.id) as M | undefined };
  const note = report.source.createdAfterAsOfNote;
  const ctx = { filters: report.cohortReport.filters, models, notes: note ? [note] : [] };
  const tabs: AnyReport[] = [cohortsReport, conversionsReport, issuesReport];
  return tabs.map((t) => (t.layout as NonNullable<AnyReport['layout']>)(byId.get(t.id), opts, ctx)).filter((l): l is TabLayout => l !== null);
}
