/**
 * Report models: what the engine returns. Plain data (no Dates: days are `YYYY-MM-DD` strings),
 * so the same object is serialised to JSON by the CLI and sent to the sidebar unchanged.
 */
import type { OutcomeReport } from './outcomes';
import type { DataIssue, Grain, SliceKey } from './types';

/**
 * A rate that stands out from the rest of its group (significantly above or below, false-discovery rate
 * controlled): the only cells the report colours. null = not tested or not significant.
 */
export type Tone = 'high' | 'low' | null;

/** Change of a cohort's overall conversion against the previous cohort observed at the same age. */
export type ChangeFlag = 'up' | 'down' | null;

export interface CohortRow {
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
  /** Last day of the period, `YYYY-MM-DD`. */
  end: string;
  leads: number;
  /** Index k = funnel step k (0 = lead created, so reached[0] === leads). */
  reached: number[];
  /** Leads counted as passing step k only because a later step was reached (or the current-stage column said so). */
  implied: number[];
  /**
   * Passes of step k counted with no known time (the current-stage shape, UNKNOWN_TIME, with no later
   * timestamped step): they count as reached whatever the report date, so step k is not compared.
   */
  undated: number[];
  /** reached[k] / reached[k-1]; null where the denominator is 0. Index 0 is always null. */
  stepRate: (number | null)[];
  /** reached[k] / leads; null when the cohort is empty. */
  overallRate: (number | null)[];
  /**
   * The previous cohort, counted as of the date at which it was as old as this one is now. Only passes
   * with a known time by then are counted: a step with undated passes on either side is not compared.
   */
  previous: { start: string; asOf: string; leads: number; reached: number[] } | null;
  /** Relative change of overallRate[k] vs previous (0.22 = +22%); null when not computable. */
  change: (number | null)[];
  /** Two-sided p-value of the two-proportion test on overallRate[k]; null when not computable. */
  pValue: (number | null)[];
  /**
   * Benjamini–Hochberg adjusted p-value over every cell of the report that could be flagged (mature,
   * dated, both cohorts with at least minCohortSize leads and minConversions expected conversions and
   * non-conversions); null for a cell outside that family.
   */
  qValue: (number | null)[];
  /** 'up' / 'down' where qValue ≤ significanceLevel: the report's false-discovery rate is at most that. */
  flag: ChangeFlag[];
  /** True while the cohort is younger than the usual time to reach step k, or when that time is unknown. */
  immature: boolean[];
  /** Age of the cohort in days at the report date, measured from its last day. */
  ageDays: number;
  /**
   * Lost leads whose furthest stage is unknown (a current-stage export says only "lost"): leads of the
   * cohort, in every overall rate, but not in the first step's base (not drop-offs at the first step).
   */
  lostStageUnknown: number;
  /**
   * Step rate k against the same step over the other cohorts mature for k (the colour of the step %
   * cell); null for immature cells, cells too small to test, and differences within noise.
   */
  stepTone: Tone[];
  /** The same for the overall rate to the last step (lead → last stage). */
  overallTone: Tone;
}

export interface CohortReport {
  /** Report date `YYYY-MM-DD`; timestamps after the end of this day are ignored. */
  asOf: string;
  grain: Grain;
  weekStartsOn: number;
  timeZone: string;
  /** Funnel step names, "Lead" first. */
  stages: string[];
  /** Slice filters applied, e.g. {channel: 'Google Ads'}. */
  filters: Partial<Record<SliceKey, string>>;
  /** Oldest first. Periods with no leads between the first and last cohort are included with zeros. */
  cohorts: CohortRow[];
  /** Per step: days within which `maturityPercentile` of leads that reached it did so (null: no data). */
  maturityDays: (number | null)[];
  /** Size of the family of tested cells (the m of Benjamini–Hochberg). */
  testedCells: number;
  /** Totals over all cohorts. */
  /** Totals over all cohorts; `lostStageUnknown` as on each row. */
  total: { leads: number; lostStageUnknown: number; reached: number[]; implied: number[]; undated: number[]; stepRate: (number | null)[]; overallRate: (number | null)[] };
  /**
   * Totals per step over the cohorts *mature* for that step only: the rate to quote, since immature
   * cohorts have not had the usual time yet. Index k: leads[k] = leads of the cohorts mature for step k,
   * reached[k] = how many of them reached it, stepRate[k] = reached k / reached k−1 over those same
   * cohorts, overallRate[k] = reached[k] / leads[k]. Index 0 covers every cohort.
   */
  matureTotal: { leads: number[]; reached: number[]; stepRate: (number | null)[]; overallRate: (number | null)[] };
}

export interface SliceConversionRow {
  value: string;
  /** Leads of this value created in the range. */
  leads: number;
  /** Per step k: leads old enough to be counted for k (created by ConversionReport.countedTo[k]). */
  counted: number[];
  /** Per step k: of the leads counted for k, how many reached it. */
  reached: number[];
  /** Per step k ≥ 1: of the leads counted for k, how many reached step k − 1 (the step rate's denominator). */
  stepBase: number[];
  /** reached[k] / stepBase[k]. */
  stepRate: (number | null)[];
  /** reached[k] / counted[k]. */
  overallRate: (number | null)[];
  /** Step rate k against all other leads (FDR controlled over the whole tab); null = not tested or noise. */
  stepTone: Tone[];
  /** The overall rate to the last step against all other leads. */
  overallTone: Tone;
}

export interface SliceConversionTable {
  dimension: SliceKey;
  /** Header of the input column this dimension came from. */
  column: string;
  rows: SliceConversionRow[];
}

export interface ConversionReport {
  asOf: string;
  /** Creation-date range covered, inclusive `YYYY-MM-DD`. */
  from: string;
  to: string;
  stages: string[];
  /** Slice filters applied (the same as the Cohorts tab's). */
  filters: Partial<Record<SliceKey, string>>;
  /**
   * Per step: the last creation day counted (leads old enough to have had the usual time to reach the
   * step); null where that time cannot be estimated (every lead counted, the step not judged).
   */
  countedTo: (string | null)[];
  /** Every lead of the range (after filters): the baseline each slice value is tested against. */
  total: SliceConversionRow;
  tables: SliceConversionTable[];
}

/** Everything one run produces; the CLI's `--json` output is this object. */
export interface FunnelReport {
  generatedAt: string;
  asOf: string;
  source: {
    name: string;
    sheet: string;
    rowsRead: number;
    /** Leads in the report: usable rows created on or before the report date (the cohort table's total without filters). */
    leads: number;
    /** Usable rows created after the report date (and within the plausible window): not in the report. */
    createdAfterAsOf: number;
    /** "12 leads created after 2026-11-22 are not in this report", for faces to show; null when there are none. */
    createdAfterAsOfNote: { en: string; ru: string } | null;
  };
  stages: string[];
  cohortReport: CohortReport;
  conversions: ConversionReport;
  /** Won revenue, average deal and lost deals with reasons, per cohort and per slice. */
  outcomes: OutcomeReport;
  dataIssues: DataIssue[];
}
