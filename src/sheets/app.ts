/**
 * What the add-on's global functions do (entrypoints.ts only forwards to these). Services are
 * injected; in Apps Script they are the globals, read inside each call because the bundle is also
 * evaluated in AuthMode.NONE and in custom-function runs, where most services are off.
 */
import { dayInTimeZone } from '../core/engine';
import { buildExampleSheet, EXAMPLE_SHEET, exampleConfig } from './example-sheets';
import type { AppServices } from './gas';
import { pickLocale, uiStrings, type UiLocale } from './i18n';
import { buildMenu } from './menu';
import { refreshLocked, withDocumentLock, type RefreshContext, type RefreshOutcome } from './refresh';
import { SettingsStore } from './settings-store';
import { SheetTakenError, SpreadsheetWorkbook, fallbackName } from './workbook';

/** The Apps Script globals, looked up at call time. */
export function globalServices(): AppServices {
  return {
    SpreadsheetApp,
    PropertiesService,
    LockService,
    HtmlService,
    ...(typeof Session !== 'undefined' ? { Session } : {}),
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

/** Clock overrides for tests; Apps Script runs use the real time. */
export interface RunOptions {
  now?: () => Date;
  clock?: () => number;
}

function context(svc: AppServices, locale: UiLocale, opts: RunOptions): { ctx: RefreshContext; workbook: SpreadsheetWorkbook } {
  const workbook = new SpreadsheetWorkbook(svc.SpreadsheetApp, svc.SpreadsheetApp.getActiveSpreadsheet());
  const props = svc.PropertiesService.getDocumentProperties();
  if (!props) throw new Error('Document properties are not available: open the add-on from a spreadsheet.');
  const settings = new SettingsStore(props);
  const now = opts.now ?? (() => new Date());
  const clock = opts.clock ?? (() => Date.now());
  return { workbook, ctx: { workbook, settings, uiLocale: locale, now, clock } };
}

/** Last-resort guard: an unexpected error becomes an alert with its text (and a log line), not a red bar. */
function guarded(svc: AppServices, locale: UiLocale, run: () => RefreshOutcome): RefreshOutcome {
  try {
    return run();
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    console.error(e);
    const message = uiStrings(locale).failed(detail);
    try {
      svc.SpreadsheetApp.getUi().alert(message);
    } catch {
      // No UI (e.g. run from a trigger): the log line above is all we can do.
    }
    return { kind: 'failed', message };
  }
}

/** Menu action: refresh every report tab under the document lock. */
export function runRefreshReports(svc: AppServices = globalServices(), opts: RunOptions = {}): RefreshOutcome {
  const locale = userLocale(svc);
  return guarded(svc, locale, () => {
    const { ctx, workbook } = context(svc, locale, opts);
    return withDocumentLock(svc.LockService, workbook, locale, () => refreshLocked(ctx));
  });
}

/** Menu action: a Leads sheet with the sample data and the settings to read it, then a refresh. */
export function runSetUpExampleSheets(svc: AppServices = globalServices(), opts: RunOptions = {}): RefreshOutcome {
  const locale = userLocale(svc);
  const strings = uiStrings(locale);
  return guarded(svc, locale, () => {
    const { ctx, workbook } = context(svc, locale, opts);
    return withDocumentLock(svc.LockService, workbook, locale, () => {
      const zone = workbook.timeZone();
      const example = buildExampleSheet(dayInTimeZone(ctx.now(), zone), zone);
      let sheet: string;
      try {
        sheet = workbook.writeDataSheet(EXAMPLE_SHEET, 'example-leads', example.values, example.columnFormats);
      } catch (e) {
        if (!(e instanceof SheetTakenError)) throw e;
        const message = strings.exampleTaken(EXAMPLE_SHEET, fallbackName(EXAMPLE_SHEET));
        workbook.alert(message);
        return { kind: 'failed', message };
      }
      ctx.settings.saveLeadsSheet(sheet);
      const saved = ctx.settings.saveConfig(exampleConfig(zone, locale));
      if (!saved.ok) throw new Error(`example settings rejected: ${saved.errors.join('; ')}`);
      const outcome = refreshLocked(ctx);
      if (outcome.kind === 'done') {
        const cohorts = outcome.record.tabs[0];
        if (cohorts) workbook.activate(cohorts);
      }
      return outcome;
    });
  });
}

/** Menu action: the sidebar (dist/sidebar.html). */
export function openSidebar(svc: AppServices = globalServices()): void {
  const strings = uiStrings(userLocale(svc));
  svc.SpreadsheetApp.getUi().showSidebar(svc.HtmlService.createHtmlOutputFromFile('sidebar').setTitle(strings.sidebarTitle));
}
