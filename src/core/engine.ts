/**
 * The engine's front door. `prepareRun`: the leads rows (and any other named inputs) in, a RunContext
 * out: config detected or given, leads ingested, per-lead funnel facts and maturity computed once.
 * Faces then compute every registered report from that context (report/registry.ts) and assemble the
 * run's FunnelReport from the built-in models (`assembleReport`). `buildFunnelReport` does the same
 * for the three built-in models without the registry (tests, benchmarks, callers without layouts).
 * Steps always run in the same order with the same defaults.
 */
import { asOfBound, computeCohorts } from './cohorts';
import type { FunnelConfig } from './config';
import { computeSliceConversions } from './conversions';
import { detectConfig, type DetectWarning } from './detect';
import { InputError } from './errors';
import { computeLeadFacts } from './facts';
import { DEFAULT_FEEDBACK } from './feedback/config';
import { readHumanFeedback } from './feedback/human';
import { withSalStage } from './feedback/sal';
import { feedbackSpec } from './feedback/spec';
import { dataIssue, failureOf, msg, renderBoth, type Failure } from './messages';
import { ingestRows } from './ingest';
import type { RunInputs } from './inputs';
import { maturityDays } from './maturity';
import { computeOutcomes, type OutcomeReport } from './outcomes';
import type { CohortReport, ConversionReport, FunnelReport } from './model';
import type { RunContext } from './run-context';
import { impliedStageWarnings } from './stage-order';
import { readSpend, unmatchedSpendIssues } from './spend';
import { negativeGapIssues } from './sla/speed';
import type { CellValue, DataIssue, Grain, IngestResult, SliceKey } from './types';
import { parseIsoDay, toIsoDay } from './time/wall-time';
import { instantToWall } from './time/zone';

export interface ReportOptions {
  /** Validated config; when absent, columns are detected from the header row. */
  config?: FunnelConfig;
  /** Settings detection starts from when there is no config (e.g. the spreadsheet's zone and locale). */
  detectBase?: Partial<FunnelConfig>;
  /** Sheet (or file) name used in data-issue messages. */
  sheet: string;
  /** Where the rows came from, for the report header (file path or spreadsheet name). */
  sourceName: string;
  /** Report date `YYYY-MM-DD`; default: today in the config's time zone. */
  asOf?: string;
  grain?: Grain;
  filters?: Partial<Record<SliceKey, string>>;
  /** The clock, injectable for tests. */
  now?: Date;
  /** Time zone overriding the config's (the spreadsheet's zone inside Sheets). */
  timeZone?: string;
  /**
   * Ingestion from another source than `rows` (the CLI's CSV byte reader); `rows` then only needs the
   * header and the first rows, for column detection. `asOf` is the report date, for the plausible-date
   * window (IngestOptions.asOf).
   */
  ingest?: (config: FunnelConfig, sheet: string, asOf: string) => IngestResult;
  /** The run's other named inputs (spend, feedback, plan), each read once; `leads` is `rows`. */
  inputs?: RunInputs;
}

export type RunOutcome =
  | {
      ok: true;
      run: RunContext;
      /** What detection left out or found suspicious (empty with a given config), for faces to show besides the data issues. */
      detectionWarnings: DetectWarning[];
    }
  | Failure;

export type ReportOutcome =
  | {
      ok: true;
      report: FunnelReport;
      config: FunnelConfig;
      data: IngestResult;
      /** What detection left out or found suspicious (empty with a given config), for faces to show besides the data issues. */
      detectionWarnings: DetectWarning[];
    }
  | Failure;

/** `YYYY-MM-DD` of an instant in an IANA time zone. */
export function dayInTimeZone(instant: Date, timeZone: string): string {
  return toIsoDay(instantToWall(instant.getTime(), timeZone));
}

/** Detection warnings as data issues at the header row, so they are listed with the others. */
export function detectionWarningIssues(warnings: DetectWarning[], sheet: string): DataIssue[] {
  return warnings.map((w) => dataIssue({ sheet, row: w.row, column: w.column, value: '', severity: 'warning' }, w.message));
}

/**
 * Leads in the report (created on or before the report date) and leads created after it, which the
 * cohorts leave out: counted and said, never silently dropped (DESIGN.md, "Plausible dates").
 */
export function leadsInReport(data: IngestResult, asOf: string): Pick<FunnelReport['source'], 'leads' | 'createdAfterAsOf' | 'createdAfterAsOfNote'> {
  const bound = asOfBound(asOf);
  const created = data.leads.createdAt;
  let after = 0;
  for (let i = 0; i < data.leads.count; i++) if (created[i] > bound) after++;
  const note = after === 0 ? null : renderBoth(msg('report.createdAfterAsOf', { leads: after, asOf }));
  return { leads: data.leads.count - after, createdAfterAsOf: after, createdAfterAsOfNote: note };
}

/** Config, ingestion, per-lead facts and maturity: everything reports share, computed once. */
export function prepareRun(rows: CellValue[][], options: ReportOptions): RunOutcome {
  if (rows.length === 0) {
    return failureOf(msg('engine.emptySheet', { sheet: options.sheet }));
  }
  let config: FunnelConfig;
  let detectionIssues: DataIssue[] = [];
  let detectionWarnings: DetectWarning[] = [];
  if (options.config) {
    config = options.config;
  } else {
    const detected = detectConfig(rows, options.detectBase);
    if (!detected.ok) return detected;
    config = detected.config;
    detectionWarnings = detected.warnings;
    detectionIssues = detectionWarningIssues(detected.warnings, options.sheet);
  }
  if (options.timeZone) config = { ...config, timeZone: options.timeZone };
  const grain = options.grain ?? config.grain;
  const asOf = options.asOf ?? dayInTimeZone(options.now ?? new Date(), config.timeZone);
  if (parseIsoDay(asOf) === null) {
    return failureOf(msg('engine.badAsOf', { asOf }));
  }

  let data: IngestResult;
  try {
    data = options.ingest ? options.ingest(config, options.sheet, asOf) : ingestRows(rows, { config, sheet: options.sheet, asOf });
  } catch (e) {
    if (e instanceof InputError) return failureOf(e.problem);
    throw e;
  }
  // The Feedback tab's people's columns, read once: SAL, the Review and the Data issues tab use them.
  const feedbackInput = options.inputs?.feedback;
  const fbConfig = config.feedback ?? DEFAULT_FEEDBACK;
  const feedback = feedbackInput ? readHumanFeedback(feedbackSpec(fbConfig.sheet, fbConfig.reasons), feedbackInput.sheet, feedbackInput.rows, config.timeZone) : undefined;
  // SAL from feedback (feedback/sal.ts): acceptance by sales as a step after the hand-off stage.
  ({ data, config } = withSalStage(data, config, feedback));
  const asOfMs = asOfBound(asOf);
  const now = options.now ?? new Date();
  const facts = computeLeadFacts(data.leads, asOfMs, config.strictOrder);
  const spendInput = options.inputs?.spend;
  const spend = spendInput ? readSpend(spendInput.sheet, spendInput.rows, config, asOf) : undefined;
  const spendIssues = spend ? [...spend.issues, ...unmatchedSpendIssues(spend, data, config)] : [];
  const run: RunContext = {
    inputs: { ...(options.inputs ?? {}), leads: { sheet: options.sheet, rows } },
    config,
    asOf,
    now,
    grain,
    filters: options.filters,
    data,
    facts,
    maturityDays: maturityDays(data.leads, asOfMs, config.maturityPercentile),
    dataIssues: [...detectionIssues, ...data.issues, ...impliedStageWarnings(data, facts, config, options.sheet), ...negativeGapIssues(data, config, options.sheet), ...spendIssues, ...(feedback?.issues ?? [])],
    ...(spend ? { spend } : {}),
    ...(feedback ? { feedback } : {}),
    generatedAt: now.toISOString(),
    source: { name: options.sourceName, sheet: options.sheet, rowsRead: data.rowsRead, ...leadsInReport(data, asOf) },
  };
  return { ok: true, run, detectionWarnings };
}

/** The built-in reports' computations over a run (the registry's compute functions call these). */
export function computeCohortModel(run: RunContext): CohortReport {
  return computeCohorts(run.data, run.config, { asOf: run.asOf, grain: run.grain, filters: run.filters, facts: run.facts, maturityDays: run.maturityDays });
}

/**
 * The Conversions tab covers every lead of the range: --filter narrows the Cohorts tab only (the tab
 * says so), so each slice is judged against the whole funnel.
 */
export function computeConversionModel(run: RunContext): ConversionReport {
  return computeSliceConversions(run.data, run.config, { asOf: run.asOf, maturityDays: run.maturityDays, facts: run.facts });
}

export function computeOutcomeModel(run: RunContext): OutcomeReport {
  return computeOutcomes(run.data, run.config, { asOf: run.asOf, grain: run.grain, filters: run.filters, facts: run.facts });
}

/** The run's report (`--json`, the summary, the status line) from its run-level facts and the built-in models. */
export function assembleReport(
  run: RunContext,
  models: { cohortReport: CohortReport; conversions: ConversionReport; outcomes: OutcomeReport },
): FunnelReport {
  return {
    generatedAt: run.generatedAt,
    asOf: run.asOf,
    source: run.source,
    stages: run.data.stageNames,
    cohortReport: models.cohortReport,
    conversions: models.conversions,
    outcomes: models.outcomes,
    dataIssues: run.dataIssues,
  };
}

export function buildFunnelReport(rows: CellValue[][], options: ReportOptions): ReportOutcome {
  const prepared = prepareRun(rows, options);
  if (!prepared.ok) return prepared;
  const { run } = prepared;
  const report = assembleReport(run, {
    cohortReport: computeCohortModel(run),
    conversions: computeConversionModel(run),
    outcomes: computeOutcomeModel(run),
  });
  return { ok: true, report, config: run.config, data: run.data, detectionWarnings: prepared.detectionWarnings };
}
