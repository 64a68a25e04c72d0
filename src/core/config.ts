/**
 * The funnel configuration: one typed, validated object. The add-on stores it as JSON in document
 * properties; the CLI reads it from a file. `parseConfig` accepts unknown JSON and either returns a
 * complete config (defaults filled in) or a list of errors, each naming the offending key.
 */
import { normaliseTimeZone } from './time/zone';
import { DEFAULT_PLAUSIBLE_DATES, type PlausibleDatesConfig } from './plausible';
import type { DateOrder, Grain } from './types';
import { parseIsoDay } from './time/wall-time';
import { msg, render, type Message } from './messages';
import { parseSpendConfig, type SpendConfig } from './spend/config';
import { parseSlaConfig, parseSpeedPairs, type SlaConfig, type SpeedPairConfig } from './sla/config';
import { parseFeedbackConfig, type FeedbackConfig } from './feedback/config';

export interface ColumnsConfig {
  /** Header of the creation timestamp column: the first funnel step, "lead created". Required. */
  createdAt: string;
  id?: string;
  channel?: string;
  manager?: string;
  product?: string;
  region?: string;
  amount?: string;
  lostAt?: string;
  lostReason?: string;
}

/** A later funnel step. In the timestamp shape `column` holds the time the lead reached it. */
export interface StageConfig {
  name: string;
  column?: string;
}

/**
 * The second input shape: one "current stage" column (amoCRM/Bitrix24 exports). Each value maps to
 * a configured stage name, to "lead" (still at the first step), or to "lost".
 */
export interface CurrentStageConfig {
  column: string;
  /** Raw cell value (matched case- and space-insensitively) → stage name | 'lead' | 'lost'. */
  values: Record<string, string>;
  /** Optional column with the time the lead entered its current stage (used for that stage's time). */
  changedAt?: string;
}

export interface FunnelConfig {
  columns: ColumnsConfig;
  stages: StageConfig[];
  currentStage?: CurrentStageConfig;
  grain: Grain;
  /** 0 = Sunday … 6 = Saturday; 1 (Monday) is ISO. */
  weekStartsOn: number;
  /** IANA zone used to turn instants (Date objects) into local dates. */
  timeZone: string;
  dateOrder: DateOrder;
  /** Strict mode: a stage counts only when every earlier stage has a timestamp too. */
  strictOrder: boolean;
  /** Smallest cohort (both sides) whose change vs the previous cohort may be flagged. */
  minCohortSize: number;
  /**
   * False-discovery rate (Benjamini–Hochberg) over every cell a report could flag; with one tested cell
   * it is the two-sided significance level of the two-proportion test.
   */
  significanceLevel: number;
  /** Smallest expected number of conversions (and of non-conversions) on each side of a test. */
  minConversions: number;
  /** A cell is immature while the cohort is younger than this percentile of time-to-stage. */
  maturityPercentile: number;
  /** Display language of generated report text. */
  locale: 'en' | 'ru';
  /** Sheet row of the header (1 = the first row); absent: row 1, or the first of the top rows naming the creation column. */
  headerRow?: number;
  /** Window of plausible dates (default: from 1990-01-01 to a year after the report date); see plausible.ts. */
  plausibleDates?: PlausibleDatesConfig;
  /** Spend, currencies and channel aliases (spend/config.ts). */
  spend?: SpendConfig;
  /** SLA rules and the working calendar (sla/config.ts). */
  sla?: SlaConfig;
  /** Stage pairs whose speed is shown besides the consecutive ones and lead → won. */
  speedPairs?: SpeedPairConfig[];
  /** Closed-loop feedback (the Feedback and Review tabs, the SAL step); feedback/config.ts. */
  feedback?: FeedbackConfig;
}

export const DEFAULT_CONFIG: Omit<FunnelConfig, 'columns' | 'stages'> = {
  grain: 'week',
  weekStartsOn: 1,
  timeZone: 'UTC',
  dateOrder: 'dmy',
  strictOrder: false,
  minCohortSize: 30,
  significanceLevel: 0.05,
  minConversions: 5,
  maturityPercentile: 0.8,
  locale: 'en',
};

export const STAGE_TARGET_LEAD = 'lead';
export const STAGE_TARGET_LOST = 'lost';

const COLUMN_KEYS = ['createdAt', 'id', 'channel', 'manager', 'product', 'region', 'amount', 'lostAt', 'lostReason'] as const;
const TOP_LEVEL_KEYS = [
  'columns', 'stages', 'currentStage', 'grain', 'weekStartsOn', 'timeZone', 'dateOrder', 'strictOrder',
  'minCohortSize', 'significanceLevel', 'minConversions', 'maturityPercentile', 'locale', 'plausibleDates', 'headerRow',
  'spend', 'sla', 'speedPairs', 'feedback',
] as const;

/**
 * `problems`: each error as a code with parameters (messages/codes.ts, `config.*`), whose rendering starts
 * with the key path it is about; `errors`: the same rendered in English (`columns.budget: unknown column field …`).
 */
export type ConfigResult = { ok: true; config: FunnelConfig } | { ok: false; errors: string[]; problems: Message[] };

function invalid(problems: Message[]): ConfigResult {
  return { ok: false, errors: problems.map((p) => render(p, 'en')), problems };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Validates unknown JSON into a full config. Unknown keys are errors too (they are usually typos). */
export function parseConfig(input: unknown): ConfigResult {
  const errors: Message[] = [];
  if (!isRecord(input)) return invalid([msg('config.notObject', { path: 'config' })]);

  for (const key of Object.keys(input)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) errors.push(msg('config.unknownSetting', { path: key }));
  }

  const columns: ColumnsConfig = { createdAt: '' };
  if (!isRecord(input.columns)) {
    errors.push(msg('config.columnsNotObject', { path: 'columns' }));
  } else {
    for (const [key, value] of Object.entries(input.columns)) {
      if (!(COLUMN_KEYS as readonly string[]).includes(key)) {
        errors.push(msg('config.unknownColumnField', { path: `columns.${key}`, known: [...COLUMN_KEYS] }));
      } else if (!nonEmptyString(value)) {
        errors.push(msg('config.notHeader', { path: `columns.${key}` }));
      } else {
        columns[key as (typeof COLUMN_KEYS)[number]] = value;
      }
    }
    if (!nonEmptyString(input.columns.createdAt)) errors.push(msg('config.createdAtRequired', { path: 'columns.createdAt' }));
  }

  const stages: StageConfig[] = [];
  if (!Array.isArray(input.stages)) {
    errors.push(msg('config.stagesNotArray', { path: 'stages' }));
  } else {
    const seen = new Set<string>();
    input.stages.forEach((s: unknown, i: number) => {
      if (!isRecord(s)) {
        errors.push(msg('config.stageNotObject', { path: `stages[${i}]` }));
        return;
      }
      if (!nonEmptyString(s.name)) {
        errors.push(msg('config.required', { path: `stages[${i}].name` }));
        return;
      }
      const norm = s.name.trim().toLowerCase();
      if (seen.has(norm)) errors.push(msg('config.duplicateStage', { path: `stages[${i}].name`, name: s.name }));
      if (norm === STAGE_TARGET_LEAD || norm === STAGE_TARGET_LOST) errors.push(msg('config.reservedStage', { path: `stages[${i}].name`, name: s.name }));
      seen.add(norm);
      if (s.column !== undefined && !nonEmptyString(s.column)) errors.push(msg('config.notHeader', { path: `stages[${i}].column` }));
      for (const k of Object.keys(s)) if (k !== 'name' && k !== 'column') errors.push(msg('config.unknownStageField', { path: `stages[${i}].${k}` }));
      stages.push({ name: s.name.trim(), ...(nonEmptyString(s.column) ? { column: s.column } : {}) });
    });
  }

  let currentStage: CurrentStageConfig | undefined;
  if (input.currentStage !== undefined) {
    const cs = input.currentStage;
    if (!isRecord(cs)) {
      errors.push(msg('config.currentStageNotObject', { path: 'currentStage' }));
    } else {
      if (!nonEmptyString(cs.column)) errors.push(msg('config.currentStageColumnRequired', { path: 'currentStage.column' }));
      if (cs.changedAt !== undefined && !nonEmptyString(cs.changedAt)) errors.push(msg('config.notHeader', { path: 'currentStage.changedAt' }));
      const values: Record<string, string> = {};
      if (!isRecord(cs.values)) {
        errors.push(msg('config.currentStageValues', { path: 'currentStage.values' }));
      } else {
        const targets = new Set([STAGE_TARGET_LEAD, STAGE_TARGET_LOST, ...stages.map((s) => s.name.toLowerCase())]);
        for (const [raw, target] of Object.entries(cs.values)) {
          if (typeof target !== 'string' || !targets.has(target.trim().toLowerCase())) {
            errors.push(msg('config.stageTarget', { path: `currentStage.values["${raw}"]` }));
          } else {
            values[raw] = target.trim();
          }
        }
      }
      for (const k of Object.keys(cs)) {
        if (!['column', 'values', 'changedAt'].includes(k)) errors.push(msg('config.unknownField', { path: `currentStage.${k}` }));
      }
      if (nonEmptyString(cs.column)) {
        currentStage = { column: cs.column, values, ...(nonEmptyString(cs.changedAt) ? { changedAt: cs.changedAt } : {}) };
      }
    }
  } else {
    stages.forEach((s, i) => {
      if (!s.column) errors.push(msg('config.stageColumnRequired', { path: `stages[${i}].column` }));
    });
  }

  const cfg: FunnelConfig = { ...DEFAULT_CONFIG, columns, stages, ...(currentStage ? { currentStage } : {}) };

  if (input.grain !== undefined) {
    if (input.grain === 'week' || input.grain === 'month' || input.grain === 'quarter') cfg.grain = input.grain;
    else errors.push(msg('config.grain', { path: 'grain' }));
  }
  if (input.weekStartsOn !== undefined) {
    const w = input.weekStartsOn;
    if (typeof w === 'number' && Number.isInteger(w) && w >= 0 && w <= 6) cfg.weekStartsOn = w;
    else errors.push(msg('config.weekStartsOn', { path: 'weekStartsOn' }));
  }
  if (input.timeZone !== undefined) {
    const zone = typeof input.timeZone === 'string' ? normaliseTimeZone(input.timeZone) : null;
    if (zone !== null) cfg.timeZone = zone;
    else errors.push(msg('config.timeZone', { path: 'timeZone' }));
  }
  if (input.dateOrder !== undefined) {
    if (input.dateOrder === 'dmy' || input.dateOrder === 'mdy') cfg.dateOrder = input.dateOrder;
    else errors.push(msg('config.dateOrder', { path: 'dateOrder' }));
  }
  if (input.strictOrder !== undefined) {
    if (typeof input.strictOrder === 'boolean') cfg.strictOrder = input.strictOrder;
    else errors.push(msg('config.boolean', { path: 'strictOrder' }));
  }
  if (input.minCohortSize !== undefined) {
    const m = input.minCohortSize;
    if (typeof m === 'number' && Number.isInteger(m) && m >= 1) cfg.minCohortSize = m;
    else errors.push(msg('config.positiveInteger', { path: 'minCohortSize' }));
  }
  if (input.significanceLevel !== undefined) {
    const a = input.significanceLevel;
    if (typeof a === 'number' && a > 0 && a < 0.5) cfg.significanceLevel = a;
    else errors.push(msg('config.significanceLevel', { path: 'significanceLevel' }));
  }
  if (input.minConversions !== undefined) {
    const m = input.minConversions;
    if (typeof m === 'number' && Number.isInteger(m) && m >= 0) cfg.minConversions = m;
    else errors.push(msg('config.minConversions', { path: 'minConversions' }));
  }
  if (input.maturityPercentile !== undefined) {
    const p = input.maturityPercentile;
    if (typeof p === 'number' && p > 0 && p < 1) cfg.maturityPercentile = p;
    else errors.push(msg('config.maturityPercentile', { path: 'maturityPercentile' }));
  }
  if (input.locale !== undefined) {
    if (input.locale === 'en' || input.locale === 'ru') cfg.locale = input.locale;
    else errors.push(msg('config.locale', { path: 'locale' }));
  }
  if (input.headerRow !== undefined) {
    const h = input.headerRow;
    if (typeof h === 'number' && Number.isInteger(h) && h >= 1 && h <= 1000) cfg.headerRow = h;
    else errors.push(msg('config.headerRow', { path: 'headerRow' }));
  }
  if (input.plausibleDates !== undefined) {
    const p = input.plausibleDates;
    if (!isRecord(p)) {
      errors.push(msg('config.plausibleNotObject', { path: 'plausibleDates' }));
    } else {
      const window: PlausibleDatesConfig = { ...DEFAULT_PLAUSIBLE_DATES };
      let ok = true;
      for (const k of Object.keys(p)) {
        if (k !== 'earliest' && k !== 'yearsAfterReportDate') {
          errors.push(msg('config.unknownField', { path: `plausibleDates.${k}` }));
          ok = false;
        }
      }
      if (p.earliest !== undefined) {
        if (typeof p.earliest === 'string' && parseIsoDay(p.earliest) !== null && p.earliest.trim() >= '0001-01-01') window.earliest = p.earliest.trim();
        else {
          errors.push(msg('config.earliest', { path: 'plausibleDates.earliest' }));
          ok = false;
        }
      }
      if (p.yearsAfterReportDate !== undefined) {
        const y = p.yearsAfterReportDate;
        if (typeof y === 'number' && Number.isInteger(y) && y >= 0 && y <= 100) window.yearsAfterReportDate = y;
        else {
          errors.push(msg('config.yearsAfterReportDate', { path: 'plausibleDates.yearsAfterReportDate' }));
          ok = false;
        }
      }
      if (ok) cfg.plausibleDates = window;
    }
  }
  if (input.spend !== undefined) {
    const spend = parseSpendConfig(input.spend, errors);
    if (spend) cfg.spend = spend;
  }
  if (input.sla !== undefined) {
    const sla = parseSlaConfig(input.sla, errors, stages.map((s) => s.name));
    if (sla) cfg.sla = sla;
  }
  if (input.speedPairs !== undefined) cfg.speedPairs = parseSpeedPairs(input.speedPairs, errors, stages.map((s) => s.name));
  const feedback = parseFeedbackConfig(input.feedback, stages.map((st) => st.name), errors);
  if (feedback) cfg.feedback = feedback;
  if (stages.length === 0 && Array.isArray(input.stages)) errors.push(msg('config.noStages', { path: 'stages' }));

  return errors.length > 0 ? invalid(errors) : { ok: true, config: cfg };
}
