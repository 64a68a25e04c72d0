/**
 * The refresh, headless: a function of (workbook, settings, clock) that returns an outcome. It shows
 * nothing itself; how the outcome reaches a person is injected (see presenters.ts): toast and alert
 * from the menu, the status line and the stored last-run record only from a trigger, the returned
 * value from the sidebar.
 *
 * Two steps with one seam between them: `computeRefresh` reads the settings and each input sheet once
 * (one getValues each: the leads, and the other named inputs the registered reports need), computes
 * every registered report (report/registry.ts; the per-lead facts once) and builds their tabs' layouts;
 * `writeRefresh` writes those tabs, then the status line (on the tab of the report with id `cohorts`,
 * found by id) and the last-run record. Nothing is written before every report is computed, so a report
 * that throws leaves every tab as it was. A report whose input sheet is absent is skipped and said so in
 * the status line ("Spend: skipped, no Spend sheet").
 *
 * Every failure a person can cause (no leads sheet, invalid saved settings, an empty sheet, columns
 * that cannot be found, a report tab name taken by their own sheet) ends in a message, never in an
 * exception; the spreadsheet's own sheets are never written.
 */
import { prepareRun } from '../core/engine';
import type { FunnelReport } from '../core/model';
import { REPORTS } from '../report/registry';
import type { AnyReport } from '../report/report-definition';
import { computeReports, reportLayouts, runReport, skippedLines, type ReportTabLayout } from '../report/run-reports';
import type { GasLockService } from './gas';
import type { KeyedRow, KeyedTabSpec } from '../core/keyed-spec';
import { feedbackReport } from '../report/feedback-report';
import { reviewStrings } from '../report/review-strings';
import { KeyedTabKeptChangingError, KeyedTabNameTakenError } from './keyed-writer';
import { uiStrings, type StatusFacts, type UiLocale } from './i18n';
import { readOtherInputs, settingsInputSheets } from './input-sheets';
import { locateLeadsSheet, readLeadsRows } from './leads-reader';
import type { SettingsStore } from './settings-store';
import { cutText } from './safe-text';
import type { RunInputs } from '../core/inputs';
import { localMinute, statusCell } from './status';
import { NoDocumentError, SheetTakenError, UnknownTimeZoneError, type Workbook } from './workbook';

/** How long a second refresh waits for the first before it is refused. */
export const LOCK_WAIT_MS = 500;

/** Longest failure message kept in the last-run record (a property value holds 9 KB). */
const RECORD_MESSAGE_MAX = 2000;

export interface RefreshContext {
  workbook: Workbook;
  settings: SettingsStore;
  uiLocale: UiLocale;
  now: () => Date;
  /** Milliseconds for measuring the duration. */
  clock: () => number;
  /** Called once the work really starts (settings valid), e.g. to show a progress toast. */
  progress?: (message: string) => void;
  /** The registry of reports to compute and write (default: report/registry.ts). */
  reports?: readonly AnyReport[];
  /**
   * Headless runs: a refresh that stops says so in the status cell of the last good refresh (no one
   * sees an alert there). Only that one cell changes; the report itself stays as it was.
   */
  statusOnFailure?: boolean;
  /** Report date `YYYY-MM-DD` (the sidebar's choice); absent: today in the config's zone. */
  asOf?: string;
  /** Told after each step: reading the inputs, computing every report, writing each tab (with its time). */
  onStep?: (step: RefreshStepDone) => void;
  /**
   * The execution's time budget (Apps Script stops a run at 6 minutes). Checked before computing and
   * again before the first write: a run that could not finish writing in time stops there, says so
   * and leaves every tab as it was. `from-refresh-start`: Apps Script's limit counted from the
   * refresh's first clock reading (the execution started a moment before it).
   */
  timeBudget?: TimeBudget | 'from-refresh-start';
}

export interface RefreshStepDone {
  step: 'reading' | 'computing' | 'writing';
  tab?: string;
  ms: number;
}

/** `startedAt` on the same clock as RefreshContext.clock (the start of the execution, not of the refresh). */
export interface TimeBudget {
  startedAt: number;
  /** Apps Script's limit per execution. */
  limitMs: number;
  /** Time kept for writing the tabs after computing (writes are the slow part in Sheets). */
  writeReserveMs: number;
}

/** Apps Script stops an execution after 6 minutes (https://developers.google.com/apps-script/guides/services/quotas). */
export const EXECUTION_LIMIT_MS = 6 * 60 * 1000;
/** Writing every tab has taken well under a minute on 100k leads; 90 s leaves room. */
export const WRITE_RESERVE_MS = 90 * 1000;

export function defaultTimeBudget(startedAt: number): TimeBudget {
  return { startedAt, limitMs: EXECUTION_LIMIT_MS, writeReserveMs: WRITE_RESERVE_MS };
}

/** True when the work up to `at` leaves less than the write reserve before the execution limit. */
function overBudget(ctx: RefreshContext, at: number): boolean {
  const b = ctx.timeBudget;
  return b !== undefined && b !== 'from-refresh-start' && at - b.startedAt > b.limitMs - b.writeReserveMs;
}

/** Where the status line of the last good refresh is (1-based cell of one of our report tabs). */
export interface StatusCellRef {
  sheet: string;
  row: number;
  col: number;
}

export interface RefreshRecord {
  at: string;
  durationMs: number;
  leadsSheet: string;
  rowsRead: number;
  leads: number;
  issues: number;
  tabs: string[];
  /** Sheet name of each written report tab by report id (`issues` → "Data issues"), for the sidebar's links. */
  tabsById?: Record<string, string>;
  /** Reports skipped for an absent input ("Spend: skipped, no Spend sheet"); absent when none was. */
  skippedReports?: string[];
  statusCell?: StatusCellRef;
}

/** What the last-run record holds after a refresh that stopped. */
export interface FailedRunRecord {
  at: string;
  durationMs: number;
  failed: string;
  statusCell?: StatusCellRef;
}

/** Longest failure text put in the status cell (it shares a row with the tab's title). */
const STATUS_MESSAGE_MAX = 300;

export type RefreshOutcome =
  | { kind: 'done'; record: RefreshRecord; skipped: string[]; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'busy'; message: string };

/** Everything computed before the first write: the layouts of every report tab, in writing order. */
export interface ComputedRefresh {
  started: number;
  now: Date;
  zone: string;
  leadsSheet: string;
  report: FunnelReport;
  reportLocale: UiLocale;
  /** Each report's tab with the report's id (the status line goes on the tab with id `cohorts`). */
  tabs: ReportTabLayout[];
  /** Reports skipped for an absent input, as status lines in the report's language. */
  skippedReports: string[];
  /** Keyed tabs to merge after the report tabs (the Feedback tab), with their fresh computed rows. */
  keyed: { spec: KeyedTabSpec; rows: KeyedRow[] }[];
  /** Feedback sheet names refused because this run reads them as inputs (said on the status line). */
  refusedKeyed: string[];
}

/** The report whose tab carries the status line. */
export const STATUS_TAB_ID = 'cohorts';

type Computed = { ok: true; computed: ComputedRefresh } | { ok: false; message: string };

/** Step 1: settings → leads sheet → one read → engine → every report's layout. Writes nothing. */
export function computeRefresh(ctx: RefreshContext, started: number): Computed {
  const strings = uiStrings(ctx.uiLocale);
  const wb = ctx.workbook;

  // Invalid saved settings are reported before anything is read.
  const saved = ctx.settings.readConfig();
  if (saved.kind === 'invalid') return { ok: false, message: strings.invalidSettings(saved.problems) };
  ctx.progress?.(strings.refreshing);

  const where = locateLeadsSheet(wb, ctx.settings.leadsSheet(), strings, settingsInputSheets(saved.kind === 'ok' ? saved.config : undefined));
  if (!where.ok) return { ok: false, message: where.message };
  const readStart = ctx.clock();
  const read = readLeadsRows(wb, where.sheet, strings);
  if (!read.ok) return { ok: false, message: read.message };

  // The other named inputs the registered reports need: each sheet read once, when it exists.
  const registry = ctx.reports ?? REPORTS;
  // A spend sheet named in the settings (spend.sheet) is looked for first.
  const spendSheet = saved.kind === 'ok' ? saved.config.spend?.sheet : undefined;
  const feedbackSheet = saved.kind === 'ok' ? saved.config.feedback?.sheet : undefined;
  const inputs = readOtherInputs(wb, registry, { ...(spendSheet ? { spend: spendSheet } : {}), ...(feedbackSheet ? { feedback: feedbackSheet } : {}) });
  // `feedback` in the settings makes the refresh create the Feedback tab (its sheet name may be custom):
  // the input is that sheet, empty until it exists. Read before the engine runs, so SAL and the Data
  // issues tab see its cells too.
  if (feedbackSheet !== undefined && inputs.feedback?.sheet !== feedbackSheet) inputs.feedback = { sheet: feedbackSheet, rows: [] };
  // No output overwrites an input: a Feedback sheet that is the leads sheet or another input of this
  // run (spend.sheet, the detected Spend sheet, …) is neither read as feedback nor merged into.
  const feedbackIsInput = inputs.feedback !== undefined && isInputOfRun(inputs.feedback.sheet, [where.sheet, ...(spendSheet ? [spendSheet] : [])], inputs);
  const refusedKeyed = feedbackIsInput ? [inputs.feedback!.sheet] : [];
  if (feedbackIsInput) delete inputs.feedback;
  const readEnd = ctx.clock();
  ctx.onStep?.({ step: 'reading', ms: Math.max(0, readEnd - readStart) });
  if (overBudget(ctx, readEnd)) return { ok: false, message: strings.timeLimit };

  // The saved config, else detection from the header (its warnings land on the Data issues tab);
  // always in the spreadsheet's zone.
  const zone = wb.timeZone();
  const now = ctx.now();
  const prepared = prepareRun(read.rows, {
    ...(saved.kind === 'ok' ? { config: saved.config } : { detectBase: { timeZone: zone, locale: ctx.uiLocale } }),
    sheet: where.sheet,
    sourceName: wb.name(),
    now,
    ...(ctx.asOf !== undefined ? { asOf: ctx.asOf } : {}),
    timeZone: zone,
    inputs,
  });
  if (!prepared.ok) {
    const message = ctx.uiLocale === 'ru' ? prepared.errorRu : prepared.error;
    // The lone sheet was taken unseen: when its header is not leads, say so as "no leads sheet".
    return { ok: false, message: saved.kind !== 'ok' && where.how === 'only' ? `${strings.noLeadsSheet([where.sheet])} (${message})` : message };
  }
  const { config } = prepared.run;
  const computed = computeReports(prepared.run, registry);
  const feedback = computed.models.get(feedbackReport);
  const keyed = feedback ? [{ spec: feedback.spec, rows: feedback.rows }] : [];
  const report = runReport(computed);
  const tabs = reportLayouts(computed, { locale: config.locale, leadsSheet: where.sheet, maturityPercentile: config.maturityPercentile });
  const skippedReports = skippedLines(computed.skipped, config.locale, 'sheet');
  const computeEnd = ctx.clock();
  ctx.onStep?.({ step: 'computing', ms: Math.max(0, computeEnd - readEnd) });
  // Everything is computed and nothing written yet: the last point where stopping leaves the old report whole.
  if (overBudget(ctx, computeEnd)) return { ok: false, message: strings.timeLimit };
  return { ok: true, computed: { started, now, zone, leadsSheet: where.sheet, report, reportLocale: config.locale, tabs, skippedReports, keyed, refusedKeyed } };
}

/** True when `sheet` is one of `named` (the leads sheet, spend.sheet) or the sheet of an input other than feedback (Sheets names ignore case). */
function isInputOfRun(sheet: string, named: readonly string[], inputs: RunInputs): boolean {
  const name = sheet.trim().toLowerCase();
  const others = Object.entries(inputs)
    .filter(([id]) => id !== 'feedback')
    .map(([, input]) => input?.sheet);
  return [...named, ...others].some((n) => n !== undefined && n.trim().toLowerCase() === name);
}

/** Step 2: writes the computed layouts, the status line on the Cohorts tab (by id) and the last-run record. */
export function writeRefresh(ctx: RefreshContext, c: ComputedRefresh): RefreshOutcome {
  const strings = uiStrings(ctx.uiLocale);
  const wb = ctx.workbook;
  const writer = wb.reportWriter();
  const skipped: string[] = [];
  const tabs: string[] = [];
  const tabsById: Record<string, string> = {};
  for (const { id, layout } of c.tabs) {
    const tabStart = ctx.clock();
    try {
      writer.writeTab(layout);
      tabs.push(writer.sheetNameOf(layout.name) ?? layout.name);
      tabsById[id] = writer.sheetNameOf(layout.name) ?? layout.name;
      ctx.onStep?.({ step: 'writing', tab: writer.sheetNameOf(layout.name) ?? layout.name, ms: Math.max(0, ctx.clock() - tabStart) });
    } catch (e) {
      if (!(e instanceof SheetTakenError)) throw e;
      skipped.push(strings.tabTaken(e.wanted, e.alternative));
    }
  }

  const keyedLines: string[] = [];
  for (const k of c.keyed) {
    try {
      const r = wb.mergeKeyedTab(k.spec, k.rows, c.reportLocale);
      tabs.push(k.spec.sheetName);
      keyedLines.push(reviewStrings(c.reportLocale).mergeLine(r.sheet, k.rows.length, r.appended.length, r.orphaned.length, r.duplicates.length));
    } catch (e) {
      if (e instanceof KeyedTabKeptChangingError) {
        keyedLines.push(reviewStrings(c.reportLocale).tabKeptChanging(e.sheet));
        skipped.push(reviewStrings(ctx.uiLocale).tabKeptChanging(e.sheet));
        continue;
      }
      if (!(e instanceof KeyedTabNameTakenError)) throw e;
      skipped.push(reviewStrings(ctx.uiLocale).tabIsReport(e.sheet));
    }
  }
  for (const sheet of c.refusedKeyed) {
    keyedLines.push(reviewStrings(c.reportLocale).tabIsInput(sheet));
    skipped.push(reviewStrings(ctx.uiLocale).tabIsInput(sheet));
  }

  const facts: StatusFacts = {
    at: localMinute(c.now, c.zone),
    durationMs: Math.max(0, ctx.clock() - c.started),
    leads: c.report.source.leads,
    issues: c.report.dataIssues.length,
  };
  const cohortsLayout = c.tabs.find((t) => t.id === STATUS_TAB_ID)?.layout;
  const cohortsSheet = cohortsLayout ? writer.sheetNameOf(cohortsLayout.name) : undefined;
  const cell = cohortsLayout ? statusCell(cohortsLayout, c.report.stages.length) : null;
  const status = [uiStrings(c.reportLocale).statusLine(facts), ...keyedLines, ...c.skippedReports].join(' · ');
  if (cohortsSheet && cell) wb.writeNote(cohortsSheet, cell.row, cell.col, status);

  const record: RefreshRecord = {
    at: c.now.toISOString(),
    durationMs: facts.durationMs,
    leadsSheet: c.leadsSheet,
    rowsRead: c.report.source.rowsRead,
    leads: facts.leads,
    issues: facts.issues,
    tabs,
    tabsById,
    ...(c.skippedReports.length > 0 ? { skippedReports: c.skippedReports } : {}),
    ...(cohortsSheet && cell ? { statusCell: { sheet: cohortsSheet, row: cell.row, col: cell.col } } : {}),
  };
  ctx.settings.saveLastRefresh(record);
  return { kind: 'done', record, skipped, message: strings.refreshedToast(facts) };
}

/** The message for an exception that stopped a run, in the person's language where we know the cause. */
export function failureMessage(locale: UiLocale, e: unknown): string {
  const strings = uiStrings(locale);
  if (e instanceof UnknownTimeZoneError) return strings.unknownTimeZone(e.zone);
  if (e instanceof NoDocumentError) return strings.noDocument;
  return strings.failed(e instanceof Error ? e.message : String(e));
}

function isStatusCellRef(v: unknown): v is StatusCellRef {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.sheet === 'string' && Number.isInteger(r.row) && Number.isInteger(r.col);
}

/**
 * The last-run record of a refresh that stopped (keeping where the status line is), and in headless
 * runs the failure in that status cell. A failure to store either must not hide the first one.
 */
function recordFailure(ctx: RefreshContext, started: number, message: string): void {
  try {
    const previous = ctx.settings.lastRefresh();
    const prevCell = typeof previous === 'object' && previous !== null ? (previous as { statusCell?: unknown }).statusCell : undefined;
    const statusCell = isStatusCellRef(prevCell) ? prevCell : undefined;
    const now = ctx.now();
    const record: FailedRunRecord = {
      at: now.toISOString(),
      durationMs: Math.max(0, ctx.clock() - started),
      failed: cutText(message, RECORD_MESSAGE_MAX),
      ...(statusCell ? { statusCell } : {}),
    };
    ctx.settings.saveLastRefresh(record);
    if (ctx.statusOnFailure && statusCell && ctx.workbook.isReportTab(statusCell.sheet)) {
      let at: string;
      try {
        at = localMinute(now, ctx.workbook.timeZone());
      } catch {
        at = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      }
      const text = uiStrings(ctx.uiLocale).statusFailed(at, cutText(message, STATUS_MESSAGE_MAX));
      ctx.workbook.writeNote(statusCell.sheet, statusCell.row, statusCell.col, text);
    }
  } catch (e) {
    console.error(e);
  }
}

/**
 * One refresh; the caller holds the document lock. Returns the outcome and shows nothing: a stopped
 * refresh (a message, or an unexpected error) is stored as the last-run record too.
 */
export function refreshLocked(context: RefreshContext): RefreshOutcome {
  const started = context.clock();
  const ctx = context.timeBudget === 'from-refresh-start' ? { ...context, timeBudget: defaultTimeBudget(started) } : context;
  let computed: Computed;
  try {
    computed = computeRefresh(ctx, started);
    if (computed.ok) return writeRefresh(ctx, computed.computed);
  } catch (e) {
    console.error(e);
    const message = failureMessage(ctx.uiLocale, e);
    recordFailure(ctx, started, message);
    return { kind: 'failed', message };
  }
  recordFailure(ctx, started, computed.message);
  return { kind: 'failed', message: computed.message };
}

/**
 * Runs `work` under the document lock and returns its outcome; shows nothing (the caller presents the
 * outcome after this returns, i.e. after the lock is released: an alert suspends the script, which
 * in Sheets lets the lock go). When another execution holds the lock, nothing runs: the outcome is
 * `busy` (never a silent queue). Before the lock is released, pending writes are flushed
 * (SpreadsheetApp.flush), so the next refresh to take the lock reads committed tabs.
 */
export function withDocumentLock(
  lockService: GasLockService,
  flush: () => void,
  locale: UiLocale,
  work: () => RefreshOutcome,
): RefreshOutcome {
  const strings = uiStrings(locale);
  const lock = lockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return { kind: 'busy', message: strings.busy };
  try {
    return work();
  } finally {
    try {
      flush();
    } finally {
      lock.releaseLock();
    }
  }
}
