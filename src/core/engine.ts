/**
 * The engine's front door: rows in, report model out. Faces (CLI, Apps Script, custom functions)
 * call this and nothing deeper, so the steps always run in the same order with the same defaults.
 */
import { asOfBound, computeCohorts } from './cohorts';
import type { FunnelConfig } from './config';
import { computeSliceConversions } from './conversions';
import { detectConfig, type DetectWarning } from './detect';
import { InputError } from './errors';
import { dataIssue, failureOf, msg, renderBoth, type Failure } from './messages';
import { ingestRows } from './ingest';
import { computeOutcomes } from './outcomes';
import { impliedStageWarnings } from './stage-order';
import type { FunnelReport } from './model';
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
}

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

export function buildFunnelReport(rows: CellValue[][], options: ReportOptions): ReportOutcome {
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

  const cohortReport = computeCohorts(data, config, { asOf, grain, filters: options.filters });
  // The Conversions tab covers every lead of the range: --filter narrows the Cohorts tab only (the tab
  // says so), so each slice is judged against the whole funnel.
  const conversions = computeSliceConversions(data, config, { asOf, maturityDays: cohortReport.maturityDays });
  const outcomes = computeOutcomes(data, config, { asOf, grain, filters: options.filters });
  const report: FunnelReport = {
    generatedAt: (options.now ?? new Date()).toISOString(),
    asOf,
    source: { name: options.sourceName, sheet: options.sheet, rowsRead: data.rowsRead, ...leadsInReport(data, asOf) },
    stages: data.stageNames,
    cohortReport,
    conversions,
    outcomes,
    dataIssues: [
      ...detectionIssues,
      ...data.issues,
      ...impliedStageWarnings(cohortReport, config.stages.map((st) => st.column), options.sheet),
    ],
  };
  return { ok: true, report, config, data, detectionWarnings };
}
