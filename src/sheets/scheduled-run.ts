/**
 * What the time-driven trigger runs: the headless refresh of the spreadsheet the trigger was
 * installed for (opened by id: a trigger run has no open document), under the document lock, with no
 * UI. The outcome lands where people look (the status line on the Cohorts tab and the last-run record
 * the sidebar shows); consecutive failures are counted in the document's properties, and the second
 * one in a row is rethrown so that Apps Script emails its trigger-failure notice to the trigger's
 * owner (https://developers.google.com/apps-script/guides/triggers/installable#managing_triggers_manually:
 * failure notifications of installable triggers go to the owner by email).
 */
import { globalServices, runHeadlessRefresh, userLocale, type RunOptions } from './app';
import type { AppServices } from './gas';
import { uiStrings } from './i18n';
import type { RefreshOutcome } from './refresh';
import { scheduledSpreadsheetId } from './schedule';
import { SCHEDULE_FAILURES_KEY, SettingsStore } from './settings-store';
import { settingsOf } from './settings-mirror';

/** Failed scheduled runs in a row after which the run is rethrown (Google's failure email then goes out). */
export const FAILURES_BEFORE_EMAIL = 2;

export class ScheduledRefreshFailed extends Error {
  constructor(
    message: string,
    readonly failures: number,
  ) {
    super(message);
    this.name = 'ScheduledRefreshFailed';
  }
}

function countFailure(svc: AppServices, spreadsheetId: string, outcome: RefreshOutcome): number {
  // Where the run read its settings: document properties, else the spreadsheet's metadata mirror.
  const props = svc.PropertiesService.getDocumentProperties();
  const settings = props ? new SettingsStore(props) : settingsOf(svc, svc.SpreadsheetApp.openById(spreadsheetId));
  if (outcome.kind === 'done') {
    settings.delete(SCHEDULE_FAILURES_KEY);
    return 0;
  }
  if (outcome.kind === 'busy') return 0; // another refresh was writing the same report: not a failure
  const before = Number(settings.readJson(SCHEDULE_FAILURES_KEY));
  const failures = (Number.isInteger(before) && before > 0 ? before : 0) + 1;
  settings.writeJson(SCHEDULE_FAILURES_KEY, failures);
  return failures;
}

/** The trigger's handler. Throws (after recording) on the second failure in a row. */
export function runScheduledRefresh(event: unknown, svc: AppServices = globalServices(), opts: RunOptions = {}): RefreshOutcome {
  const id = scheduledSpreadsheetId(svc, event);
  if (id === null) {
    // Nothing to open: the trigger outlived its record. Say so in the log (the only place left).
    const outcome: RefreshOutcome = { kind: 'failed', message: uiStrings(userLocale(svc)).noDocument };
    console.warn(outcome.message);
    return outcome;
  }
  const outcome = runHeadlessRefresh(id, svc, opts);
  let failures = 0;
  try {
    failures = countFailure(svc, id, outcome);
  } catch (e) {
    console.error(e);
  }
  if (failures >= FAILURES_BEFORE_EMAIL && outcome.kind === 'failed') throw new ScheduledRefreshFailed(outcome.message, failures);
  return outcome;
}
