/**
 * Every global function of the Apps Script project is declared here, and only here.
 *
 * scripts/build.mjs bundles this file into dist/Code.js as `var FunnelAddon = (() => {…})();` and,
 * for each export below, appends a top-level wrapper with the same JSDoc and parameter names:
 *   function NAME(a, b) { return FunnelAddon.NAME(a, b); }
 * That wrapper is what Sheets, menus, triggers and google.script.run actually call.
 *
 * To add an entry point (menu item handler, onOpen/onInstall, sidebar target, custom function):
 *   1. Put the logic in its own module under src/sheets/ and test it there with fakes.
 *   2. Add a thin `export function name(param1, param2) { return impl(param1, param2, …); }` below,
 *      with a JSDoc comment directly above it saying what it does.
 *      Custom functions also need `@customfunction`, one `@param {type} name text` per parameter
 *      (Sheets shows the text as argument help) and `@return`.
 * The build fails with a message naming the export if any of these rules is broken:
 *   - exports are `export function NAME(…) {…}` only: no `export const`, no re-exports, no default;
 *   - every export has a JSDoc comment; parameters are plain names (no destructuring, no ...rest);
 *   - names do not end with "_" (Apps Script hides those) and are not `FunnelAddon`.
 * Nothing in this file or its imports may touch Apps Script globals at module load time: the bundle
 * is evaluated on every run, including custom-function runs and onOpen in AuthMode.NONE, where most
 * services are off. Read globals inside the function bodies only.
 * Non-exported helpers stay inside the bundle and are not visible to Apps Script.
 */
import { openMenu, openSidebar, runAddSpendSheet, runRefreshReports, runSetUpExampleSheets, toSidebarResult, type SidebarResult } from './app';
import type { RefreshOutcome } from './refresh';
import { appsScriptEnv, funnelCohorts, funnelConversion } from './custom-functions';
import { runScheduledRefresh } from './scheduled-run';
import { sidebarServer } from './sidebar-api';
import type {
  Json,
  RefreshProgress,
  RefreshResult,
  SaveResult,
  ScheduleResult,
  ScheduleSpec,
  SheetColumns,
  SidebarServer,
  SidebarState,
  SpendChannels,
} from './sidebar-contract';
import { funnelCpl } from './funnel-cpl';
import { funnelSla, funnelVelocity } from './speed-functions';
import { funnelFeedback } from './feedback-function';

/**
 * Runs when the spreadsheet opens: adds the add-on menu (Refresh reports, Set up example sheets,
 * Open sidebar). Works in AuthMode.NONE: the menu is static and nothing in the document is read.
 * Добавляет меню дополнения при открытии таблицы.
 *
 * @param {Object} e The open event ({authMode, source, …}).
 */
export function onOpen(e: unknown): void {
  openMenu(e);
}

/**
 * Runs when the add-on is installed: adds the same menu as onOpen, so it is there without reopening.
 * Добавляет меню сразу после установки.
 *
 * @param {Object} e The install event ({authMode}).
 */
export function onInstall(e: unknown): void {
  openMenu(e);
}

/**
 * Menu action "Refresh reports": reads the leads sheet once and rewrites the Cohorts, Conversions and
 * Data issues tabs under the document lock; a second refresh while one runs is refused with a message.
 * Shows the outcome in a toast (and an alert when it stopped) and returns it.
 * Обновляет листы отчёта.
 */
export function refreshReports(): RefreshOutcome {
  return runRefreshReports();
}

/**
 * Menu action "Set up example sheets": creates a Leads sheet with the demo leads and the settings to
 * read it, then refreshes the reports; returns the outcome. Создаёт лист-пример с лидами и строит отчёт.
 */
export function setUpExampleSheets(): RefreshOutcome {
  return runSetUpExampleSheets();
}

/**
 * Sidebar button "Refresh reports": the same refresh, with the outcome returned to the sidebar
 * ({ok, kind, message}) instead of an alert. Обновляет отчёты из боковой панели.
 */
export function sidebarRefreshReports(): SidebarResult {
  return toSidebarResult(runRefreshReports(undefined, {}, 'sidebar'));
}

/**
 * Sidebar button "Set up example sheets": as the menu item, with the outcome returned to the sidebar.
 * Создаёт лист-пример из боковой панели.
 */
export function sidebarSetUpExampleSheets(): SidebarResult {
  return toSidebarResult(runSetUpExampleSheets(undefined, {}, 'sidebar'));
}

/**
 * Menu action "Open sidebar": shows sidebar.html. Открывает боковую панель.
 */
export function showSidebar(): void {
  openSidebar();
}

/**
 * Share of leads that reached one funnel stage and went on to reach a later one, as of a date.
 * A lead counts as having reached a stage if it has a date at that stage or any later stage
 * on or before as_of (skipped stages count as passed); later dates are ignored.
 * Returns "—" when no lead reached from_stage. Доля лидов, дошедших от этапа from_stage до to_stage.
 *
 * @param {Array<Array>} leads Leads range with a header row: a creation date column, then one date column per stage.
 * @param {string} from_stage Stage name or column header to count from ("Lead" = every lead).
 * @param {string} to_stage A later stage name or column header.
 * @param {Date|string|number} as_of Optional report date: a cell with a date, DATE(2026,11,25), "2026-11-25" or a serial; default: the day the formula was last computed. Volatile functions such as NOW() are not allowed as custom-function arguments; for numbers that follow the calendar use Refresh reports.
 * @return The conversion as a fraction (format the cell as %), or "—" for 0 of 0.
 * @customfunction
 */
export function FUNNEL_CONVERSION(leads: unknown, from_stage: unknown, to_stage: unknown, as_of?: unknown): number | string {
  return funnelConversion(leads, from_stage, to_stage, as_of, appsScriptEnv());
}

/**
 * Cohort table: one row per week (month, quarter) of lead creation with the leads created,
 * how many of them reached each later stage by as_of, and the overall conversion lead → last stage.
 * Когорты лидов по неделям (месяцам, кварталам) на дату отчёта.
 *
 * @param {Array<Array>} leads Leads range with a header row: a creation date column, then one date column per stage.
 * @param {string} grain Optional period: "week" (default, Monday start), "month" or "quarter".
 * @param {Date|string|number} as_of Optional report date: a cell with a date, DATE(2026,11,25), "2026-11-25" or a serial; default: the day the formula was last computed. Volatile functions such as NOW() are not allowed as custom-function arguments; for a table that follows the calendar use Refresh reports.
 * @return A table with a header row: period start, leads, one count per stage, overall conversion.
 * @customfunction
 */
export function FUNNEL_COHORTS(leads: unknown, grain?: unknown, as_of?: unknown): (string | number | Date)[][] {
  return funnelCohorts(leads, grain, as_of, appsScriptEnv());
}

// ---- Sidebar server API (sidebar-contract.ts; logic in sidebar-api.ts) and the scheduled refresh ----

/**
 * Sidebar: everything the sidebar shows when it opens (sheets, the leads sheet's columns with first
 * values, saved or detected settings and their problems, the last run, the schedule).
 * Состояние боковой панели.
 */
export function sidebarState(): SidebarState {
  return sidebarServer().sidebarState();
}

/**
 * Sidebar: the header and the first and distinct values of each column of a sheet.
 * Столбцы листа с первыми значениями.
 *
 * @param {string} sheet Sheet name.
 */
export function sidebarSheetColumns(sheet: string): SheetColumns | null {
  return sidebarServer().sidebarSheetColumns(sheet);
}

/**
 * Sidebar: validates (parseConfig) and saves the settings and the leads sheet; writes nothing when
 * nothing changed. Сохраняет настройки.
 *
 * @param {string} leadsSheet The leads sheet's name.
 * @param {Object} settings The funnel settings (the config JSON).
 */
export function sidebarSaveSettings(leadsSheet: string, settings: Json): SaveResult {
  return sidebarServer().sidebarSaveSettings(leadsSheet, settings);
}

/**
 * Sidebar "Refresh now": the refresh with its steps and summary. Обновляет отчёт сейчас.
 *
 * @param {string} reportDate Report date YYYY-MM-DD, or '' for today.
 * @param {string} runId Names this run's progress record, polled with sidebarRefreshProgress.
 */
export function sidebarRefreshNow(reportDate: string, runId: string): RefreshResult {
  return sidebarServer().sidebarRefreshNow(reportDate, runId);
}

/**
 * Sidebar: the steps a running "Refresh now" has done so far (null when unknown).
 * Ход обновления.
 *
 * @param {string} runId The id passed to sidebarRefreshNow.
 */
export function sidebarRefreshProgress(runId: string): RefreshProgress | null {
  return sidebarServer().sidebarRefreshProgress(runId);
}

/**
 * Sidebar: installs, replaces or removes this user's scheduled refresh of this spreadsheet.
 * Настраивает обновление по расписанию.
 *
 * @param {Object} spec {kind: 'off'} | {kind: 'daily', hour} | {kind: 'weekly', weekday, hour}.
 */
export function sidebarSetSchedule(spec: ScheduleSpec): ScheduleResult {
  return sidebarServer().sidebarSetSchedule(spec);
}

/**
 * Sidebar: opens a sheet (the link to the Data issues tab). Открывает лист.
 *
 * @param {string} sheet Sheet name.
 */
export function sidebarShowSheet(sheet: string): boolean {
  return sidebarServer().sidebarShowSheet(sheet);
}

/**
 * Sidebar, Spend section: spend channels matching no leads channel and leads channels with no spend,
 * each with the alias the engine suggests. Каналы расходов без лидов и каналы лидов без расходов.
 *
 * @param {string} leadsSheet The leads sheet chosen in the sidebar.
 * @param {Object} settings The sidebar's settings (the saved ones are used when these do not validate).
 */
export function sidebarSpendChannels(leadsSheet: string, settings: Json): SpendChannels {
  return sidebarServer().sidebarSpendChannels(leadsSheet, settings);
}

/**
 * Time-driven trigger installed from the sidebar: refreshes the spreadsheet it was installed for,
 * opened by id, with no UI; the second failure in a row is rethrown so Apps Script emails its owner.
 * Обновление по расписанию.
 *
 * @param {Object} e The time-driven event ({triggerUid, …}).
 */
export function scheduledRefresh(e: unknown): RefreshOutcome {
  return runScheduledRefresh(e);
}

/** Compile-time proof that the globals above are the sidebar contract: a rename or a changed signature fails the typecheck. */
export type SidebarGlobalsMatchContract = Assert<
  Same<
    {
      sidebarState: typeof sidebarState;
      sidebarSheetColumns: typeof sidebarSheetColumns;
      sidebarSaveSettings: typeof sidebarSaveSettings;
      sidebarRefreshNow: typeof sidebarRefreshNow;
      sidebarRefreshProgress: typeof sidebarRefreshProgress;
      sidebarSetSchedule: typeof sidebarSetSchedule;
      sidebarShowSheet: typeof sidebarShowSheet;
      sidebarSetUpExampleSheets: typeof sidebarSetUpExampleSheets;
      sidebarSpendChannels: typeof sidebarSpendChannels;
    },
    SidebarServer
  >
>;
type Assert<T extends true> = T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Menu action "Add Spend sheet": creates a Spend sheet with sample rows matching the example leads when
 * the spreadsheet has no spend sheet (an existing one is left as it is), shows it and returns what was
 * done. Создаёт лист «Spend» с примером расходов, если листа расходов ещё нет.
 */
export function addSpendSheet(): string {
  return runAddSpendSheet();
}

/**
 * Cost per lead of a channel: its spend over the dates divided by its leads created in those dates, or
 * by those of them that reached a stage (cost per qualified lead, per sale). Spend is matched and spread
 * over days like the Channels tab. Цена лида (или этапа) канала: расходы / лиды за период.
 *
 * @param {Array<Array>} leads Leads range with a header row: a creation date column, a channel column, one date column per stage.
 * @param {Array<Array>} spend Spend range with a header row: date or period start, optional period end, channel, optional campaign, amount, optional currency.
 * @param {string} channel The channel as the leads name it (a spend name or an alias from the settings works too).
 * @param {string} stage Optional stage to divide by ("Lead" = every lead, the default; the last stage gives cost per sale).
 * @param {Date|string|number} from_date Optional first day: a date cell, DATE(2026,11,1) or "2026-11-01"; default: from the first row.
 * @param {Date|string|number} to_date Optional last day; default and at most: today (spend after today is not counted).
 * @return Spend per lead (per lead that reached the stage) in the report currency, or "—" when there are no such leads.
 * @customfunction
 */
export function FUNNEL_CPL(leads: unknown, spend: unknown, channel: unknown, stage?: unknown, from_date?: unknown, to_date?: unknown): number | string {
  return funnelCpl(leads, spend, channel, stage, from_date, to_date, appsScriptEnv());
}

/**
 * Time between two funnel stages in days over leads that have real dates at both (implied passes
 * never count): the median (default), mean or 90th percentile, as of a date.
 * Время между этапами воронки в днях (медиана, среднее или 90-й процентиль).
 *
 * @param {Array<Array>} leads Leads range with a header row: a creation date column, then one date column per stage.
 * @param {string} from_stage Stage name or column header to measure from ("Lead" or "created" = the creation date).
 * @param {string} to_stage A later stage name or column header.
 * @param {string} statistic Optional: "median" (default), "mean" or "p90".
 * @param {Date|string|number} as_of Optional report date: a cell with a date, DATE(2026,11,25), "2026-11-25" or a serial; default: the day the formula was last computed.
 * @return Days as a number (e.g. 2.5), or "—" when no lead has both dates.
 * @customfunction
 */
export function FUNNEL_VELOCITY(leads: unknown, from_stage: unknown, to_stage: unknown, statistic?: unknown, as_of?: unknown): number | string {
  return funnelVelocity(leads, from_stage, to_stage, statistic, as_of, appsScriptEnv());
}

/**
 * Share of leads that moved from one stage to the next within a time limit ("15s", "30m", "4h", "2d",
 * "1h30m"): on time / (on time + late + still open past the deadline), as of a date.
 * Доля лидов, прошедших от этапа до этапа в пределах срока.
 *
 * @param {Array<Array>} leads Leads range with a header row: a creation date column, then one date column per stage.
 * @param {string} from_stage Stage name or column header the clock starts at ("Lead" or "created" = the creation date).
 * @param {string} to_stage A later stage name or column header that stops the clock.
 * @param {string} limit The limit: "15s", "30m", "4h", "2d" or a combination such as "1h30m".
 * @param {Date|string|number} as_of Optional report date; default: the day the formula was last computed.
 * @return The share on time as a fraction (format the cell as %), or "—" when no lead is judged yet.
 * @customfunction
 */
export function FUNNEL_SLA(leads: unknown, from_stage: unknown, to_stage: unknown, limit: unknown, as_of?: unknown): number | string {
  return funnelSla(leads, from_stage, to_stage, limit, as_of, appsScriptEnv());
}

/**
 * Review summary of a Feedback tab range: per salesperson (or another column, or month) the leads
 * handed over, feedback given, accepted, rejected, not qualified and won, with a Total row.
 * Сводка обратной связи продаж по продавцам (или другому столбцу, или месяцам).
 *
 * @param {Array<Array>} feedback The Feedback tab range with its header row, e.g. Feedback!A:P.
 * @param {string} group_by Optional column header to group by ("Manager" by default, "Channel", "Reason", "Sales verdict"…) or "month".
 * @param {string} metric Optional: "summary" (default, every measure) or one of handed, feedback, feedback_rate, accepted, accepted_rate, rejected, not_qualified, won.
 * @return A table with a header row: the group, then one column per measure; a Total row last.
 * @customfunction
 */
export function FUNNEL_FEEDBACK(feedback: unknown, group_by?: unknown, metric?: unknown): (string | number)[][] {
  return funnelFeedback(feedback, group_by, metric, appsScriptEnv());
}
