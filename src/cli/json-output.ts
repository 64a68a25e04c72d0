/**
 * FunnelReport → the documented `--json` shape (see notes/cli-readme.md). Per-stage arrays become
 * objects keyed by stage name so the file reads well and survives stage reordering.
 */
import type { ChangeFlag, CohortRow, FunnelReport, SliceConversionRow, Tone } from '../core/model';
import type { SliceKey } from '../core/types';
import type { Message } from '../core/messages';

export const JSON_SCHEMA_VERSION = 1;

type ByStage<T> = Record<string, T>;

export interface JsonCohort {
  start: string;
  end: string;
  ageDays: number;
  leads: number;
  reached: ByStage<number>;
  implied: ByStage<number>;
  stepRate: ByStage<number | null>;
  overallRate: ByStage<number | null>;
  immature: ByStage<boolean>;
  change: ByStage<number | null>;
  pValue: ByStage<number | null>;
  /** pValue adjusted by Benjamini–Hochberg over every cell the report could flag (`testedCells`). */
  qValue: ByStage<number | null>;
  flag: ByStage<ChangeFlag>;
  /** Passes counted only through an unknown time (current-stage column): such a step is never compared. */
  undated: ByStage<number>;
  /** Lost leads whose furthest stage is unknown: in `leads` and every overall rate, not in the first step rate's base. */
  lostStageUnknown: number;
  /** "high" / "low" where the rate stands out from the other mature cohorts (the colours of the tab). */
  stepTone: ByStage<Tone>;
  overallTone: Tone;
  previous: { start: string; asOf: string; leads: number; reached: ByStage<number> } | null;
}

export interface JsonSliceRow {
  value: string;
  leads: number;
  reached: ByStage<number>;
  stepRate: ByStage<number | null>;
  overallRate: ByStage<number | null>;
  /** Per stage: leads old enough to be counted for it, and of them those that reached the stage before (the step rate's base). */
  counted: ByStage<number>;
  stepBase: ByStage<number>;
  /** "high" / "low" where the value stands out from all other leads. */
  stepTone: ByStage<Tone>;
  overallTone: Tone;
}

export interface JsonReport {
  schemaVersion: number;
  generatedAt: string;
  asOf: string;
  source: FunnelReport['source'];
  grain: string;
  weekStartsOn: number;
  timeZone: string;
  filters: Partial<Record<SliceKey, string>>;
  stages: string[];
  maturityDays: ByStage<number | null>;
  cohorts: JsonCohort[];
  total: { leads: number; reached: ByStage<number>; implied: ByStage<number>; stepRate: ByStage<number | null>; overallRate: ByStage<number | null>; lostStageUnknown: number };
  /** Per stage, the rates over the cohorts mature for it (the rate to quote). */
  matureTotal: { leads: ByStage<number>; reached: ByStage<number>; stepRate: ByStage<number | null>; overallRate: ByStage<number | null> };
  /** How many cells were tested for a change (the false-discovery-rate family). */
  testedCells: number;
  conversions: {
    from: string;
    to: string;
    /** Per stage: the last creation day counted (null: every lead, the stage not judged). */
    countedTo: ByStage<string | null>;
    filters: Partial<Record<SliceKey, string>>;
    /** Every lead of the range: what each value is tested against. */
    total: JsonSliceRow;
    dimensions: Partial<Record<SliceKey, { column: string; rows: JsonSliceRow[] }>>;
  };
  /** Won revenue, average deal and lost deals with their top reasons, per cohort, per slice and in total. */
  outcomes: FunnelReport['outcomes'];
  /** `problem`/`problemRu` are `code` with `params` rendered from the English and Russian catalogues (src/core/messages). */
  dataIssues: ({ row: number; column: string; value: string; problem: string; problemRu: string; severity: 'error' | 'warning'; sheet: string } & Message)[];
}

/** Array indexed by step → object keyed by stage name; `fromStep` 1 leaves out "Lead" where it means nothing. */
function byStage<T>(stages: string[], values: readonly T[], fromStep = 0, fill: T): ByStage<T> {
  const out: ByStage<T> = {};
  for (let k = fromStep; k < stages.length; k++) out[stages[k]] = values[k] === undefined ? fill : values[k];
  return out;
}

function cohort(stages: string[], c: CohortRow): JsonCohort {
  return {
    start: c.start,
    end: c.end,
    ageDays: c.ageDays,
    leads: c.leads,
    reached: byStage(stages, c.reached, 0, 0),
    implied: byStage(stages, c.implied, 1, 0),
    stepRate: byStage(stages, c.stepRate, 1, null),
    overallRate: byStage(stages, c.overallRate, 1, null),
    immature: byStage(stages, c.immature, 1, false),
    change: byStage(stages, c.change, 1, null),
    pValue: byStage(stages, c.pValue, 1, null),
    qValue: byStage(stages, c.qValue, 1, null),
    flag: byStage(stages, c.flag, 1, null),
    undated: byStage(stages, c.undated, 1, 0),
    lostStageUnknown: c.lostStageUnknown,
    stepTone: byStage(stages, c.stepTone, 1, null),
    overallTone: c.overallTone,
    previous: c.previous ? { start: c.previous.start, asOf: c.previous.asOf, leads: c.previous.leads, reached: byStage(stages, c.previous.reached, 0, 0) } : null,
  };
}

function sliceRow(stages: string[], r: SliceConversionRow): JsonSliceRow {
  return {
    value: r.value,
    leads: r.leads,
    reached: byStage(stages, r.reached, 0, 0),
    stepRate: byStage(stages, r.stepRate, 1, null),
    overallRate: byStage(stages, r.overallRate, 1, null),
    counted: byStage(stages, r.counted, 0, 0),
    stepBase: byStage(stages, r.stepBase, 1, 0),
    stepTone: byStage(stages, r.stepTone, 1, null),
    overallTone: r.overallTone,
  };
}

export function toJsonReport(report: FunnelReport): JsonReport {
  const cr = report.cohortReport;
  const stages = cr.stages;
  const dimensions: JsonReport['conversions']['dimensions'] = {};
  for (const t of report.conversions.tables) {
    dimensions[t.dimension] = { column: t.column, rows: t.rows.map((r) => sliceRow(report.conversions.stages, r)) };
  }
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    generatedAt: report.generatedAt,
    asOf: report.asOf,
    source: report.source,
    grain: cr.grain,
    weekStartsOn: cr.weekStartsOn,
    timeZone: cr.timeZone,
    filters: cr.filters,
    stages,
    maturityDays: byStage(stages, cr.maturityDays, 1, null),
    cohorts: cr.cohorts.map((c) => cohort(stages, c)),
    total: {
      leads: cr.total.leads,
      reached: byStage(stages, cr.total.reached, 0, 0),
      implied: byStage(stages, cr.total.implied, 1, 0),
      stepRate: byStage(stages, cr.total.stepRate, 1, null),
      overallRate: byStage(stages, cr.total.overallRate, 1, null),
      lostStageUnknown: cr.total.lostStageUnknown,
    },
    matureTotal: {
      leads: byStage(stages, cr.matureTotal.leads, 1, 0),
      reached: byStage(stages, cr.matureTotal.reached, 1, 0),
      stepRate: byStage(stages, cr.matureTotal.stepRate, 1, null),
      overallRate: byStage(stages, cr.matureTotal.overallRate, 1, null),
    },
    testedCells: cr.testedCells,
    conversions: {
      from: report.conversions.from,
      to: report.conversions.to,
      countedTo: byStage(report.conversions.stages, report.conversions.countedTo, 1, null),
      filters: report.conversions.filters,
      total: sliceRow(report.conversions.stages, report.conversions.total),
      dimensions,
    },
    outcomes: report.outcomes,
    dataIssues: report.dataIssues.map((i) => ({
      row: i.row,
      column: i.column,
      value: i.value,
      problem: i.problem,
      problemRu: i.problemRu,
      severity: i.severity,
      sheet: i.sheet,
      code: i.code,
      params: i.params,
    })) as JsonReport['dataIssues'],
  };
}

/**
 * Non-finite numbers have no JSON form; they are written as null. `extra`: the top-level fields other
 * registered reports add (report/run-reports.ts `reportJsonFields`), after the schema's own fields;
 * one that would replace a schema field is an error.
 */
export function stringifyReport(report: FunnelReport, extra: Record<string, unknown> = {}): string {
  const json: Record<string, unknown> = { ...toJsonReport(report) };
  for (const [key, value] of Object.entries(extra)) {
    if (key in json) throw new Error(`--json field "${key}" is already in the report`);
    json[key] = value;
  }
  return JSON.stringify(json, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
