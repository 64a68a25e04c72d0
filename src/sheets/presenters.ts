/**
 * How a refresh outcome reaches a person, injected into the run (the refresh itself shows nothing):
 * - interactive (menu): a progress toast while it runs, then a toast, and an alert for a stopped
 *   refresh or a skipped tab; shown after the document lock is released, because `Ui.alert` suspends
 *   the script until it is dismissed and Sheets does not keep the lock for a suspended script;
 * - headless (time-driven trigger): nothing on screen; `SpreadsheetApp.getUi()` throws in a trigger.
 *   The status line on the Cohorts tab and the stored last-run record are all a person sees, plus a
 *   log line;
 * - sidebar: nothing but the progress toast; the outcome is returned to the client, which shows it.
 */
import { uiStrings, type UiLocale } from './i18n';
import type { RefreshOutcome } from './refresh';
import type { Workbook } from './workbook';

export interface OutcomePresenter {
  /** The work started (under the lock): e.g. a progress toast. */
  progress(message: string): void;
  /** The outcome, after the lock is released. */
  finished(outcome: RefreshOutcome): void;
}

export type PresenterKind = 'interactive' | 'headless' | 'sidebar';

/** Toasts and alerts on the spreadsheet a person has open. */
export function interactivePresenter(wb: Workbook, locale: UiLocale): OutcomePresenter {
  const strings = uiStrings(locale);
  return {
    progress: (message) => wb.progressToast(message, strings.toastTitle),
    finished(outcome) {
      switch (outcome.kind) {
        case 'busy':
          wb.toast(outcome.message, strings.toastTitle);
          return;
        case 'failed':
          wb.toast(strings.refreshStopped, strings.toastTitle);
          wb.alert(outcome.message);
          return;
        case 'done':
          wb.toast(outcome.message, strings.toastTitle);
          if (outcome.skipped.length > 0) wb.alert(outcome.skipped.join('\n'));
          return;
      }
    },
  };
}

/** No UI at all: a log line per outcome (visible in the Apps Script executions log). */
export function headlessPresenter(): OutcomePresenter {
  return {
    progress: () => undefined,
    finished(outcome) {
      if (outcome.kind === 'done') console.log(outcome.message);
      else console.warn(`${outcome.kind}: ${outcome.message}`);
    },
  };
}

/** The sidebar shows the returned outcome itself; the progress toast still tells the sheet is being written. */
export function sidebarPresenter(wb: Workbook, locale: UiLocale): OutcomePresenter {
  const strings = uiStrings(locale);
  return {
    progress: (message) => wb.progressToast(message, strings.toastTitle),
    finished(outcome) {
      // Replace the progress toast so it does not linger for a minute (a refused run showed none).
      if (outcome.kind === 'busy') return;
      wb.toast(outcome.kind === 'done' ? outcome.message : strings.refreshStopped, strings.toastTitle);
    },
  };
}
