/**
 * The logic of the custom functions FUNNEL_CONVERSION and FUNNEL_COHORTS. Pure apart from the
 * injected environment (time zone, clock), so tests run it without Apps Script; entrypoints.ts binds
 * it to the spreadsheet with `appsScriptEnv()`.
 *
 * A custom function has 30 s and no authorised services, so each call does one detect → ingest →
 * cohort pass over the range it was given and nothing else.
 */
import { computeCohorts } from '../core/cohorts';
import type { FunnelConfig } from '../core/config';
import { detectConfig } from '../core/detect';
import { ingestRows } from '../core/ingest';
import type { CohortReport } from '../core/model';
import type { CellValue, Grain, IngestResult } from '../core/types';
import { parseIsoDay } from '../core/time/wall-time';
import { normaliseTimeZone, wallToInstant } from '../core/time/zone';
import { argError, asOfArg, grainArg, normaliseName, tableArg, textArg } from './args';

/** Shown for 0/0 (DESIGN: "0/0 is shown as —, never as 0%"). */
export const NO_RATE = '—';

export interface CustomFunctionEnv {
  /** IANA zone of the spreadsheet: dates from cells are instants, and days are counted in this zone. */
  timeZone(): string;
  now(): Date;
  /** Settings to start column detection from (e.g. the add-on's saved stage names); optional. */
  baseConfig?(): Partial<FunnelConfig> | undefined;
}

/**
 * The environment inside Sheets. The spreadsheet's own zone is used (custom functions may call
 * read-only SpreadsheetApp getters), normalised so a custom `GMT-07:00` works; the script's zone and
 * then UTC are fallbacks only.
 */
export function appsScriptEnv(): CustomFunctionEnv {
  return {
    timeZone() {
      const candidates: (() => string)[] = [
        () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
        () => Session.getScriptTimeZone(),
      ];
      for (const read of candidates) {
        try {
          // A custom zone such as 'GMT-07:00' is a fixed offset, not an unknown zone.
          const zone = normaliseTimeZone(read());
          if (zone !== null) return zone;
        } catch {
          // Not available in this context; try the next source.
        }
      }
      return 'UTC';
    },
    now: () => new Date(),
  };
}

export interface Prepared {
  config: FunnelConfig;
  data: IngestResult;
}

/** Engine errors carry a Russian text in `messageRu` (InputError); checked structurally, not with instanceof. */
function engineError(fn: string, err: unknown): Error {
  if (err && typeof err === 'object' && typeof (err as { messageRu?: unknown }).messageRu === 'string') {
    const e = err as { message: string; messageRu: string };
    return argError(fn, e.message, e.messageRu);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Detects the columns of an already validated table and ingests it. */
export function prepare(fn: string, rows: CellValue[][], timeZone: string, env: CustomFunctionEnv): Prepared {
  const detected = detectConfig(rows, { ...(env.baseConfig?.() ?? {}), timeZone });
  if (!detected.ok) throw argError(fn, detected.error, detected.errorRu);
  const config = detected.config;
  let data: IngestResult;
  try {
    data = ingestRows(rows, { config, sheet: fn });
  } catch (err) {
    throw engineError(fn, err);
  }
  if (data.leads.count === 0) {
    const first = data.issues[0];
    const detail = first ? ` (row ${first.row}, ${first.column}: ${first.problem})` : '';
    const detailRu = first ? ` (строка ${first.row}, ${first.column}: ${first.problemRu})` : '';
    throw argError(
      fn,
      `no row has a usable lead creation date in column "${config.columns.createdAt}"${detail}`,
      `ни в одной строке нет распознаваемой даты создания лида в столбце "${config.columns.createdAt}"${detailRu}`,
    );
  }
  return { config, data };
}

const FIRST_STEP_NAMES = ['lead', 'leads', 'лид', 'лиды'];

/**
 * Funnel step index of a stage given by name or by column header (case-insensitive, trimmed).
 * "Lead", "Лид" or the creation column's header mean step 0.
 */
export function resolveStep(fn: string, argName: string, text: string, config: FunnelConfig, stageNames: string[]): number {
  const wanted = normaliseName(text);
  const byName = stageNames.findIndex((s) => normaliseName(s) === wanted);
  if (byName >= 0) return byName;
  if (FIRST_STEP_NAMES.includes(wanted) || normaliseName(config.columns.createdAt) === wanted) return 0;
  const byConfigName = config.stages.findIndex((s) => normaliseName(s.name) === wanted);
  if (byConfigName >= 0) return byConfigName + 1;
  const byColumn = config.stages.findIndex((s) => s.column !== undefined && normaliseName(s.column) === wanted);
  if (byColumn >= 0) return byColumn + 1;
  const list = stageNames.join(', ');
  throw argError(
    fn,
    `${argName}: stage "${text}" not found. Stages: ${list}.`,
    `этап "${text}" не найден. Этапы: ${list}.`,
  );
}

/**
 * FUNNEL_CONVERSION: of the leads that reached `from` (or any later stage) by `asOf`, the share that
 * also reached `to` (or later) by then. Every lead created on or before `asOf` counts, whatever its
 * cohort. Returns NO_RATE when no lead reached `from`.
 */
export function funnelConversion(
  leads: unknown,
  fromStage: unknown,
  toStage: unknown,
  asOf: unknown,
  env: CustomFunctionEnv,
): number | string {
  const fn = 'FUNNEL_CONVERSION';
  // Arguments first: their errors must not depend on the data.
  const rows = tableArg(fn, 'leads', leads);
  const fromText = textArg(fn, 'from_stage', fromStage);
  const toText = textArg(fn, 'to_stage', toStage);
  const timeZone = env.timeZone();
  const day = asOfArg(fn, asOf, timeZone, env.now());
  const { config, data } = prepare(fn, rows, timeZone, env);
  const from = resolveStep(fn, 'from_stage', fromText, config, data.stageNames);
  const to = resolveStep(fn, 'to_stage', toText, config, data.stageNames);
  if (to <= from) {
    const order = data.stageNames.join(' → ');
    throw argError(
      fn,
      `to_stage "${toText}" must come after from_stage "${fromText}" in the funnel (${order})`,
      `этап to_stage "${toText}" должен идти после from_stage "${fromText}" (${order})`,
    );
  }
  const report = cohortReport(fn, data, config, day, config.grain);
  const reachedFrom = report.total.reached[from];
  return reachedFrom === 0 ? NO_RATE : report.total.reached[to] / reachedFrom;
}

const COHORT_HEADERS = {
  en: { start: 'Period start', leads: 'Leads', overall: 'Overall conversion' },
  ru: { start: 'Начало периода', leads: 'Лиды', overall: 'Общая конверсия' },
};

/**
 * FUNNEL_COHORTS: one row per period (oldest first) with the period's first day as a Date (midnight
 * in the spreadsheet's zone, so Sheets shows that day), the leads created in it, how many of them
 * reached each later stage by `asOf`, and the overall conversion lead → last stage.
 */
export function funnelCohorts(leads: unknown, grain: unknown, asOf: unknown, env: CustomFunctionEnv): (string | number | Date)[][] {
  const fn = 'FUNNEL_COHORTS';
  const rows = tableArg(fn, 'leads', leads);
  const period = grainArg(fn, grain);
  const timeZone = env.timeZone();
  const day = asOfArg(fn, asOf, timeZone, env.now());
  const { config, data } = prepare(fn, rows, timeZone, env);
  const report = cohortReport(fn, data, config, day, period ?? config.grain);
  const labels = COHORT_HEADERS[tableLocale(config, env)];
  const last = report.stages.length - 1;
  const header: string[] = [labels.start, labels.leads, ...report.stages.slice(1), labels.overall];
  const body = report.cohorts.map((c) => {
    const start = parseIsoDay(c.start);
    if (start === null) throw new Error(`${fn}: internal error: bad period start ${c.start}`);
    const overall = c.overallRate[last];
    return [new Date(wallToInstant(start, timeZone)), c.leads, ...c.reached.slice(1), overall === null ? NO_RATE : overall];
  });
  return [header, ...body];
}

/** The configured locale if settings give one; otherwise Russian when the creation header is in Cyrillic. */
function tableLocale(config: FunnelConfig, env: CustomFunctionEnv): 'en' | 'ru' {
  const configured = env.baseConfig?.()?.locale;
  if (configured) return configured;
  return /[а-яё]/i.test(config.columns.createdAt) ? 'ru' : 'en';
}

function cohortReport(fn: string, data: IngestResult, config: FunnelConfig, asOf: string, grain: Grain): CohortReport {
  try {
    return computeCohorts(data, config, { asOf, grain });
  } catch (err) {
    throw engineError(fn, err);
  }
}
