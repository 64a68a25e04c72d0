/**
 * The sidebar's server API as types: what each function callable through google.script.run takes and
 * returns. JSON-like values only (strings, numbers, booleans, null, arrays, plain objects; instants as
 * ISO strings), because google.script.run drops anything else (Dates become null inside objects).
 *
 * This file imports nothing, so the browser client (html/, tsconfig.html.json) can `import type` it:
 * html/api.ts types its promise wrapper against `SidebarServer`, and entrypoints.ts proves that its
 * exports have exactly these signatures. Renaming a function on either side fails the typecheck.
 */

/** A value google.script.run can carry both ways. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A validation problem: `path` names the setting (`columns.createdAt`, `stages[1].name`, `reportDate`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ColumnInfo {
  header: string;
  /** The first non-blank values below the header, as text (dates as shown: `YYYY-MM-DD HH:MM`). */
  preview: string[];
  /** Distinct non-blank values (for a current-stage column), or null when there are too many. */
  distinct: string[] | null;
}

export interface SheetColumns {
  sheet: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  columns: ColumnInfo[];
}

export type ScheduleSpec = { kind: 'off' } | { kind: 'daily'; hour: number } | { kind: 'weekly'; weekday: number; hour: number };

/** The scheduled refresh of this document, as stored when it was installed. */
export interface ScheduleInfo {
  spec: ScheduleSpec;
  /** Email of the person who scheduled it ('' when Google does not tell it). */
  by: string;
  /** When it was scheduled (ISO instant). */
  since: string;
  /** The start of the hour of the next run (ISO instant); Google runs it some time within that hour. */
  nextRun: string | null;
  timeZone: string;
  /** True when the current user installed it (only they can replace or remove that trigger). */
  mine: boolean;
}

/** The last refresh, from the stored last-run record. */
export interface LastRunInfo {
  at: string;
  ok: boolean;
  /** The failure message; '' for a good run. */
  message: string;
  leads: number | null;
  issues: number | null;
  durationMs: number;
  /** Consecutive failed scheduled runs (0 when the last one went well). */
  scheduledFailures: number;
}

/** What the Feedback section offers (the engine's lists, labels in the user's language). */
export interface FeedbackChoices {
  /** The Feedback tab's verdicts, in its dropdown's order; `id` is what the settings store. */
  verdicts: { id: string; label: string }[];
  /** The settings' defaults, shown while `feedback` does not set them. */
  defaults: { reasons: string[]; acceptedVerdicts: string[]; staleDays: number; noFeedbackDays: number };
}

export interface SidebarState {
  locale: 'en' | 'ru';
  feedback: FeedbackChoices;
  timeZone: string;
  /** Today in the spreadsheet's zone, `YYYY-MM-DD` (the report date's default). */
  today: string;
  /** Sheets that may hold leads (not our report tabs). */
  sheets: string[];
  leadsSheet: string | null;
  columns: SheetColumns | null;
  /** The saved settings (parseConfig's JSON), else those detected from the leads sheet, else null. */
  settings: Json | null;
  settingsSource: 'saved' | 'detected' | 'none';
  /** Problems of the saved settings (they are shown next to their fields). */
  problems: FieldProblem[];
  lastRun: LastRunInfo | null;
  schedule: ScheduleInfo | null;
  /** Report tabs and their sheet names, for links ("Data issues" → its tab). */
  issuesTab: string | null;
}

export interface SaveResult {
  ok: boolean;
  /** False when the settings equal the saved ones: then nothing was written. */
  changed: boolean;
  problems: FieldProblem[];
}

export interface RefreshStep {
  step: 'reading' | 'computing' | 'writing';
  /** The tab written (writing steps only). */
  tab?: string;
  ms: number;
}

export interface RefreshResult {
  ok: boolean;
  kind: 'done' | 'failed' | 'busy';
  message: string;
  steps: RefreshStep[];
  leadsRead: number | null;
  issues: number | null;
  issuesTab: string | null;
  durationMs: number;
  problems: FieldProblem[];
}

/** What a refresh has done so far, while it runs (polled by the sidebar). */
export interface RefreshProgress {
  steps: RefreshStep[];
  /** The step under way; null once the refresh has ended. */
  current: 'reading' | 'computing' | 'writing' | null;
}

export interface ScheduleResult {
  ok: boolean;
  schedule: ScheduleInfo | null;
  message: string;
  problems: FieldProblem[];
}

export interface ExampleResult {
  ok: boolean;
  kind: 'done' | 'failed' | 'busy';
  message: string;
}

/** Channel names for the Spend section: what is unmatched, with the alias the engine suggests. */
export interface SpendChannels {
  /** The spend sheet read (settings' `spend.sheet`, else one named Spend / Расходы); null when there is none. */
  sheet: string | null;
  /** The leads' channel values (for the alias targets). */
  leadChannels: string[];
  /** Spend channels that match no leads channel; `suggestion` '' when no leads channel is close. */
  unmatchedSpend: { channel: string; suggestion: string }[];
  /** Leads channels with no spend; organic ones are expected to have none. */
  leadsWithoutSpend: { channel: string; organic: boolean; suggestion: string }[];
}

/** Every server function the sidebar calls, by its global name. */
export interface SidebarServer {
  sidebarState(): SidebarState;
  sidebarSheetColumns(sheet: string): SheetColumns | null;
  sidebarSaveSettings(leadsSheet: string, settings: Json): SaveResult;
  /** `runId` names this run's progress record (the client makes one up per click). */
  sidebarRefreshNow(reportDate: string, runId: string): RefreshResult;
  sidebarRefreshProgress(runId: string): RefreshProgress | null;
  sidebarSetSchedule(spec: ScheduleSpec): ScheduleResult;
  sidebarShowSheet(sheet: string): boolean;
  sidebarSetUpExampleSheets(): ExampleResult;
  /** The unmatched channels under `settings` (the sidebar's unsaved ones; the saved ones when these do not validate). */
  sidebarSpendChannels(leadsSheet: string, settings: Json): SpendChannels;
}

/** The same names as a list, for the bundle contract test; the type below proves it is complete. */
export const SIDEBAR_FUNCTIONS = [
  'sidebarState',
  'sidebarSheetColumns',
  'sidebarSaveSettings',
  'sidebarRefreshNow',
  'sidebarRefreshProgress',
  'sidebarSetSchedule',
  'sidebarShowSheet',
  'sidebarSetUpExampleSheets',
  'sidebarSpendChannels',
] as const;

type Listed = (typeof SIDEBAR_FUNCTIONS)[number];
export type SidebarFunctionsListed = [Exclude<keyof SidebarServer, Listed>] extends [never] ? true : never;
export const SIDEBAR_FUNCTIONS_COMPLETE: SidebarFunctionsListed = true;
