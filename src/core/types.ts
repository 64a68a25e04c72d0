/**
 * Shared shapes of the engine. Everything here is plain data so it crosses every boundary
 * (Apps Script, Node, google.script.run after date conversion, JSON).
 */

import type { Message } from './messages/codes';

/** What `Range.getValues()` hands over: `''` for blank cells. Parsed CSV gives strings only. */
export type CellValue = string | number | boolean | Date | null | undefined;

export type Grain = 'week' | 'month' | 'quarter';

/** Day order for ambiguous slash/dot dates: `dmy` reads 03/04/2024 as 3 April. */
export type DateOrder = 'dmy' | 'mdy';

/**
 * Times inside the engine are "wall-clock milliseconds": the local date and time in the report's
 * time zone, encoded as if it were UTC (so `new Date(ms).getUTCDate()` is the local day).
 * Bucketing by week/month then needs no time-zone arithmetic at all.
 */
export type WallMs = number;

/** A stage that was passed (implied by a later stage or by the current-stage column) at an unknown time. */
export const UNKNOWN_TIME = -Infinity;

/** Dimensions a report can be sliced by. `region` and custom columns are optional. */
export type SliceKey = 'channel' | 'manager' | 'product' | 'region';
export const SLICE_KEYS: readonly SliceKey[] = ['channel', 'manager', 'product', 'region'];

/** Where a data issue is, and how serious it is. */
export interface IssuePlace {
  /** Sheet (or file) the row came from. */
  sheet: string;
  /** Row number a spreadsheet would show: the header is row 1. */
  row: number;
  /** Header text of the offending column ('' when the problem is the row as a whole). */
  column: string;
  /** 0-based index of that column in the input, when known: the issue then points at the exact cell. */
  col?: number;
  /** The offending value as text. */
  value: string;
  /** error: the row or value was not used; warning: used, but worth a look. */
  severity: 'error' | 'warning';
}

/**
 * A problem in the data: its place, its message as a code with parameters (messages/codes.ts), and that
 * message rendered in English (`problem`) and Russian (`problemRu`) from the catalogues, for the faces
 * and the JSON output that show them. Build one with `dataIssue` (messages/issue.ts), never by hand.
 */
export type DataIssue = IssuePlace &
  Message & {
    /** Plain-language problem, English: `render(issue, 'en')`. */
    problem: string;
    /** The same in Russian: `render(issue, 'ru')`. */
    problemRu: string;
  };

/**
 * Leads in columnar form: one entry per usable lead (rows without a usable creation date are
 * data issues, not leads). Columnar typed arrays keep a million leads cheap to scan.
 */
export interface LeadTable {
  count: number;
  /** Sheet row number of each lead (header = row 1). */
  rowNumbers: Int32Array;
  ids: string[];
  createdAt: Float64Array;
  /** One array per configured stage (after "lead created"): NaN = no timestamp, UNKNOWN_TIME = passed, time unknown. */
  stageTimes: Float64Array[];
  /** NaN when not lost; UNKNOWN_TIME when lost at an unknown time (current-stage shape without a change time). */
  lostAt: Float64Array;
  lostReason: string[];
  /**
   * 1 = a lost lead whose furthest stage is unknown: a current-stage export (amoCRM «Закрыто и не
   * реализовано», Bitrix24 «Сделка провалена», Closed Lost, …) replaces the stage the deal reached with
   * "lost". Such a lead has no stage times from that column, yet it is not a drop-off at the first step:
   * reports count it as lost (with lostAt/lostReason), not as "never contacted"; its absence from
   * reached[k ≥ 1] means "unknown", not "did not reach". 0 for every other lead.
   */
  furthestUnknown: Uint8Array;
  /** NaN when blank. */
  amount: Float64Array;
  /** Dictionary-encoded slice columns that exist in the input. */
  slices: Partial<Record<SliceKey, SliceColumn>>;
}

export interface SliceColumn {
  /** Index into `values` per lead. */
  codes: Int32Array;
  /** Distinct values in first-seen order; blank input is the value ''. */
  values: string[];
}

export interface IngestResult {
  leads: LeadTable;
  issues: DataIssue[];
  /** Stage names in funnel order, the implicit first step "Lead" included. */
  stageNames: string[];
  /** Rows read (excluding the header and fully empty rows). */
  rowsRead: number;
}
