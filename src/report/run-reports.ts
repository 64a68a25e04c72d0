/**
 * A run over a registry: every report whose inputs are present is computed (all before any layout is
 * built or any tab written), the others are skipped with a reason; then the tabs (addressed by id),
 * the run's FunnelReport from the built-in models, and the `--json` fields of the other reports.
 */
import { assembleReport } from '../core/engine';
import { INPUT_LABELS, type InputId } from '../core/inputs';
import type { FunnelReport } from '../core/model';
import type { RunContext } from '../core/run-context';
import { cohortsReport, conversionsReport, issuesReport, outcomesReport } from './builtin-reports';
import type { ReportLocale } from './i18n';
import type { TabLayout } from './layout';
import { REPORTS } from './registry';
import type { AnyReport, LayoutOptions, ReportDefinition, ReportModels } from './report-definition';

export interface SkippedReport {
  report: AnyReport;
  /** The first needed input the run does not have. */
  missing: InputId;
}

export interface ReportRun {
  run: RunContext;
  /** The reports computed, in registry order, with their models. */
  computed: { report: AnyReport; model: unknown }[];
  skipped: SkippedReport[];
  models: ReportModels;
}

/** One report tab: the id of the report it belongs to and its layout. */
export interface ReportTabLayout {
  id: string;
  layout: TabLayout;
}

/** Computes every report of `registry` whose inputs the run has; the others are listed as skipped. */
export function computeReports(run: RunContext, registry: readonly AnyReport[] = REPORTS): ReportRun {
  const seen = new Set<string>();
  const byId = new Map<string, unknown>();
  const computed: ReportRun['computed'] = [];
  const skipped: SkippedReport[] = [];
  for (const report of registry) {
    if (seen.has(report.id)) throw new Error(`two reports have the id "${report.id}"`);
    seen.add(report.id);
    const missing = report.needs.find((input) => run.inputs[input] === undefined);
    if (missing !== undefined) {
      skipped.push({ report, missing });
      continue;
    }
    const model = report.compute(run);
    byId.set(report.id, model);
    computed.push({ report, model });
  }
  const models: ReportModels = {
    get: <M>(report: ReportDefinition<M>): M | undefined => byId.get(report.id) as M | undefined,
  };
  return { run, computed, skipped, models };
}

/** Every computed report's tab, in registry order. */
export function reportLayouts(r: ReportRun, opts: LayoutOptions): ReportTabLayout[] {
  const note = r.run.source.createdAfterAsOfNote;
  const ctx = { filters: { ...(r.run.filters ?? {}) }, models: r.models, notes: note ? [note] : [] };
  const tabs: ReportTabLayout[] = [];
  for (const { report, model } of r.computed) {
    const layout = report.layout ? report.layout(model, opts, ctx) : null;
    if (layout) tabs.push({ id: report.id, layout });
  }
  return tabs;
}

function required<M>(r: ReportRun, report: ReportDefinition<M>): M {
  const model = r.models.get(report);
  if (model === undefined) throw new Error(`the run has no "${report.id}" report: the built-in reports must be registered`);
  return model;
}

/** The run's FunnelReport (`--json` schema 1, the summary, the status line) from the built-in models. */
export function runReport(r: ReportRun): FunnelReport {
  required(r, issuesReport);
  return assembleReport(r.run, {
    cohortReport: required(r, cohortsReport),
    conversions: required(r, conversionsReport),
    outcomes: required(r, outcomesReport),
  });
}

/** The `--json` fields of the computed reports that add some (the built-in ones are the fixed schema). */
export function reportJsonFields(r: ReportRun): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { report, model } of r.computed) {
    if (!report.json) continue;
    for (const [key, value] of Object.entries(report.json(model))) {
      if (key in out) throw new Error(`--json field "${key}" of report "${report.id}" is already taken`);
      out[key] = value;
    }
  }
  return out;
}

/**
 * The status lines for the skipped reports of a run, in both faces. Feedback is opt-in (a Feedback
 * sheet, `feedback` in the settings, or `--feedback`): a run without it is normal, so it is not news.
 */
export function skippedLines(skipped: readonly SkippedReport[], locale: ReportLocale, where: 'sheet' | 'file'): string[] {
  return skipped.filter((s) => s.missing !== 'feedback').map((s) => skippedLine(s, locale, where));
}

/** "Spend: skipped, no Spend sheet" (where: 'sheet' in Sheets, 'file' in the CLI). */
export function skippedLine(s: SkippedReport, locale: ReportLocale, where: 'sheet' | 'file'): string {
  const input = INPUT_LABELS[s.missing][locale];
  if (locale === 'ru') return `${s.report.title.ru}: пропущен, нет ${where === 'sheet' ? 'листа' : 'файла'} «${input}»`;
  return `${s.report.title.en}: skipped, no ${input} ${where}`;
}
