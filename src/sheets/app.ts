/**
 * What the add-on's global functions do (entrypoints.ts only forwards to these). Services are
 * injected; in Apps Script they are the globals, read inside each call because the bundle is also
 * evaluated in AuthMode.NONE and in custom-function runs, where most services are off.
 *
 * Every run returns its outcome. How the outcome is shown is chosen by the caller: interactive (menu:
 * toast and alert), sidebar (returned to the client) or headless (a trigger: no UI; the status line
 * and the stored last-run record only). A headless run opens the spreadsheet by id.
 */
import { dayInTimeZone } from '../core/engine';
import { buildExampleSheet, EXAMPLE_SHEET, exampleConfig } from './example-sheets';
import type { AppServices, GasSpreadsheet } from './gas';
import { pickLocale, uiStrings, type UiLocale } from './i18n';
import { buildMenu } from './menu';
import { headlessPresenter, interactivePresenter, sidebarPresenter, type OutcomePresenter, type PresenterKind } from './presenters';
import { failureMessage, refreshLocked, withDocumentLock, type RefreshContext, type RefreshOutcome, type TimeBudget } from './refresh';
import { settingsOf } from './settings-mirror';
import { ensureSpendSheet, spendSheetMessage } from './spend-sheet';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';
import { NoDocumentError, SheetTakenError, fallbackName } from './workbook';

/** The Apps Script globals, looked up at call time. */
export function globalServices(): AppServices {
  return {
    SpreadsheetApp,
    PropertiesService,
    LockService,
    HtmlService,
    ...(typeof Session !== 'undefined' ? { Session } : {}),
    ...(typeof ScriptApp !== 'undefined' ? { ScriptApp } : {}),
    ...(typeof CacheService !== 'undefined' ? { CacheService } : {}),
  };
}

/** The user's UI language; English when the session cannot tell (e.g. restricted authorization modes). */
export function userLocale(svc: AppServices): UiLocale {
  try {
    return pickLocale(svc.Session?.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/**
 * onOpen / onInstall: the static add-on menu. Works in AuthMode.NONE: it reads no document data and
 * no properties, whatever the event says.
 */
export function openMenu(_e: unknown, svc: AppServices = globalServices()): void {
  buildMenu(svc.SpreadsheetApp.getUi(), uiStrings(userLocale(svc)));
}

/** Clock overrides and the injected reports for tests; Apps Script runs use the real time. */
export interface RunOptions {
  now?: () => Date;
  clock?: () => number;
  reports?: RefreshContext['reports'];
  /** Report date `YYYY-MM-DD` (sidebar); absent: today. */
  asOf?: string;
  onStep?: RefreshContext['onStep'];
  /** Default: 6 minutes from the start of this run, 90 s of it kept for writing. */
  timeBudget?: TimeBudget;
}

/** What google.script.run hands back to the sidebar (JSON-like values only). */
export interface SidebarResult {
  ok: boolean;
  kind: RefreshOutcome['kind'];
  message: string;
}

export function toSidebarResult(outcome: RefreshOutcome): SidebarResult {
  return { ok: outcome.kind === 'done', kind: outcome.kind, message: outcome.message };
}

function presenterFor(kind: PresenterKind, wb: SpreadsheetWorkbook, locale: UiLocale): OutcomePresenter {
  if (kind === 'interactive') return interactivePresenter(wb, locale);
  if (kind === 'sidebar') return sidebarPresenter(wb, locale);
  return headlessPresenter();
}

type Work = (ctx: RefreshContext, wb: SpreadsheetWorkbook) => RefreshOutcome;

/**
 * The frame of every run: open the spreadsheet, build the context, run `work` under the document lock
 * (flushed before release), put the person back on the sheet they were on (inserting a sheet makes it
 * active), then present the outcome — after the lock is released — and return it. An unexpected
 * error becomes a failed outcome with its text (and a log line), never a red bar.
 */
function runFramed(
  svc: AppServices,
  kind: PresenterKind,
  open: () => GasSpreadsheet,
  opts: RunOptions,
  work: Work,
  returnToActive = kind !== 'headless',
): RefreshOutcome {
  const locale = userLocale(svc);
  let presenter: OutcomePresenter = headlessPresenter();
  let outcome: RefreshOutcome;
  const clock = opts.clock ?? (() => Date.now());
  try {
    const ss = open();
    const workbook = new SpreadsheetWorkbook(svc.SpreadsheetApp, ss);
    presenter = presenterFor(kind, workbook, locale);
    const ctx: RefreshContext = {
      workbook,
      // Document properties, else (a scheduled run of an add-on) the copy saved in the spreadsheet's metadata.
      settings: settingsOf(svc, ss),
      uiLocale: locale,
      now: opts.now ?? (() => new Date()),
      clock,
      progress: (message) => presenter.progress(message),
      ...(opts.reports ? { reports: opts.reports } : {}),
      ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
      ...(opts.onStep ? { onStep: opts.onStep } : {}),
      timeBudget: opts.timeBudget ?? 'from-refresh-start',
      statusOnFailure: kind === 'headless',
    };
    outcome = withDocumentLock(svc.LockService, () => svc.SpreadsheetApp.flush(), locale, () => {
      const before = returnToActive ? workbook.activeSheetName() : null;
      const result = work(ctx, workbook);
      if (before !== null && workbook.activeSheetName() !== before) workbook.activate(before);
      return result;
    });
  } catch (e) {
    console.error(e);
    outcome = { kind: 'failed', message: failureMessage(locale, e) };
  }
  try {
    presenter.finished(outcome);
  } catch (e) {
    // No UI after all (e.g. a trigger run through the interactive entry point): the log keeps it.
    console.error(e);
  }
  return outcome;
}

const active = (svc: AppServices) => (): GasSpreadsheet => {
  const ss = svc.SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new NoDocumentError('no spreadsheet is open in this run');
  return ss;
};

/** Refresh every report tab of the open spreadsheet (menu: interactive; sidebar: returned). */
export function runRefreshReports(svc: AppServices = globalServices(), opts: RunOptions = {}, kind: PresenterKind = 'interactive'): RefreshOutcome {
  return runFramed(svc, kind, active(svc), opts, (ctx) => refreshLocked(ctx));
}

/**
 * Refresh a spreadsheet opened by id, with no UI (a time-driven trigger has no open document and
 * `getUi()` throws there): the outcome is in the status line, the last-run record and the log.
 */
export function runHeadlessRefresh(spreadsheetId: string, svc: AppServices = globalServices(), opts: RunOptions = {}): RefreshOutcome {
  return runFramed(svc, 'headless', () => svc.SpreadsheetApp.openById(spreadsheetId), opts, (ctx) => refreshLocked(ctx));
}

/** A Leads sheet with the sample data and the settings to read it, then a refresh; ends on the Cohorts tab. */
export function runSetUpExampleSheets(svc: AppServices = globalServices(), opts: RunOptions = {}, kind: PresenterKind = 'interactive'): RefreshOutcome {
  return runFramed(svc, kind, active(svc), opts, (ctx, workbook) => {
    const strings = uiStrings(ctx.uiLocale);
    const zone = workbook.timeZone();
    const example = buildExampleSheet(dayInTimeZone(ctx.now(), zone), zone);
    let sheet: string;
    try {
      sheet = workbook.writeDataSheet(EXAMPLE_SHEET, 'example-leads', example.values, example.columnFormats);
    } catch (e) {
      if (!(e instanceof SheetTakenError)) throw e;
      return { kind: 'failed', message: strings.exampleTaken(EXAMPLE_SHEET, fallbackName(EXAMPLE_SHEET)) };
    }
    ctx.settings.saveLeadsSheet(sheet);
    // The example Spend sheet only when there is no spend sheet yet (one a person filled is never rewritten).
    ensureSpendSheet(workbook, dayInTimeZone(ctx.now(), zone));
    const saved = ctx.settings.saveConfig(exampleConfig(zone, ctx.uiLocale));
    if (!saved.ok) throw new Error(`example settings rejected: ${saved.errors.join('; ')}`);
    const outcome = refreshLocked(ctx);
    if (outcome.kind === 'done') {
      const cohorts = outcome.record.statusCell?.sheet; // the Cohorts tab, found by id
      if (cohorts) workbook.activate(cohorts);
    }
    return outcome;
    // The example shows its report instead of returning the person to where they were.
  }, false);
}

/**
 * Menu action "Add Spend sheet": a Spend sheet with sample rows when the spreadsheet has none (an
 * existing one is left as it is), then shows it. No refresh: the person pastes their spend first.
 */
export function runAddSpendSheet(svc: AppServices = globalServices(), opts: RunOptions = {}): string {
  const locale = userLocale(svc);
  const workbook = new SpreadsheetWorkbook(svc.SpreadsheetApp, active(svc)());
  const now = opts.now ? opts.now() : new Date();
  const { sheet, created } = ensureSpendSheet(workbook, dayInTimeZone(now, workbook.timeZone()));
  workbook.activate(sheet);
  const message = spendSheetMessage(locale, sheet, created);
  workbook.toast(message, uiStrings(locale).toastTitle);
  return message;
}

/** Menu action: the sidebar (dist/sidebar.html). */
export function openSidebar(svc: AppServices = globalServices()): void {
  const strings = uiStrings(userLocale(svc));
  svc.SpreadsheetApp.getUi().showSidebar(svc.HtmlService.createHtmlOutputFromFile('sidebar').setTitle(strings.sidebarTitle));
}
