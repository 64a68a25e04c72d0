/**
 * The scheduled refresh: one time-driven trigger per document per user, calling `scheduledRefresh`.
 *
 * Triggers belong to a user and a script, not to a document: as an editor add-on, getProjectTriggers()
 * lists this user's triggers from every document the add-on runs in, and a time-driven run has no open
 * document. So the trigger's document is stored in the user's properties (`funnel.trigger.<uid>` →
 * spreadsheet id); the run opens it by id. Installing first deletes this user's trigger for this
 * document, so reinstalling replaces it (Google also allows an add-on only one trigger of a type per
 * user per document). The document's properties keep who scheduled what and when (`funnel.schedule`),
 * so everyone who opens the sidebar sees it.
 *
 * Failures: every run's outcome is in the last-run record and the status line (refresh.ts). A scheduled
 * run that fails a second time in a row is rethrown after it is recorded: Apps Script then sends its own
 * trigger-failure email to the trigger's owner, with no extra OAuth scope (README: "Scheduled refresh").
 */
import { msg, type Message } from '../core/messages';
import type { WallMs } from '../core/types';
import { instantToWall, wallToInstant } from '../core/time/zone';
import type { AppServices, GasProperties, GasScriptApp } from './gas';
import { SCHEDULE_FAILURES_KEY, SCHEDULE_KEY, type SettingsStore } from './settings-store';
import type { ScheduleInfo, ScheduleSpec } from './sidebar-contract';

/** The global function the trigger calls (declared in entrypoints.ts). */
export const SCHEDULE_HANDLER = 'scheduledRefresh';
export const triggerKey = (uid: string): string => `funnel.trigger.${uid}`;

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** What the document keeps about its schedule. */
export interface ScheduleRecord {
  spec: ScheduleSpec;
  by: string;
  since: string;
  timeZone: string;
  triggerId: string;
}

function isInt(v: unknown, lo: number, hi: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
}

/** Validates a schedule from the client; problems carry the field's path (`schedule.hour`, …). */
export function parseScheduleSpec(value: unknown): { ok: true; spec: ScheduleSpec } | { ok: false; problems: Message[] } {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (v.kind === 'off') return { ok: true, spec: { kind: 'off' } };
  const problems: Message[] = [];
  if (v.kind !== 'daily' && v.kind !== 'weekly') return { ok: false, problems: [msg('schedule.kind', { path: 'schedule.kind' })] };
  if (!isInt(v.hour, 0, 23)) problems.push(msg('schedule.hour', { path: 'schedule.hour' }));
  if (v.kind === 'weekly' && !isInt(v.weekday, 0, 6)) problems.push(msg('schedule.weekday', { path: 'schedule.weekday' }));
  if (problems.length > 0) return { ok: false, problems };
  const hour = v.hour as number;
  return { ok: true, spec: v.kind === 'daily' ? { kind: 'daily', hour } : { kind: 'weekly', weekday: v.weekday as number, hour } };
}

/**
 * The start of the hour of the next run after `now`: `atHour(h)` runs once within that hour of the
 * zone's clock (https://developers.google.com/apps-script/reference/script/clock-trigger-builder#atHour(Integer)).
 */
export function nextRunAt(spec: ScheduleSpec, timeZone: string, now: Date): Date | null {
  if (spec.kind === 'off') return null;
  const wallNow = instantToWall(now.getTime(), timeZone);
  const dayStart = Math.floor(wallNow / DAY_MS) * DAY_MS;
  for (let d = 0; d <= 7; d++) {
    const start = dayStart + d * DAY_MS;
    const weekday = new Date(start).getUTCDay();
    if (spec.kind === 'weekly' && weekday !== spec.weekday) continue;
    const wall = (start + spec.hour * HOUR_MS) as WallMs;
    // A run already under way this hour counts as the next one until the hour is over.
    if (wall + HOUR_MS <= wallNow) continue;
    return new Date(wallToInstant(wall, timeZone));
  }
  return null;
}

function isSpec(v: unknown): v is ScheduleSpec {
  return parseScheduleSpec(v).ok;
}

export function readScheduleRecord(settings: SettingsStore): ScheduleRecord | null {
  const r = settings.readJson(SCHEDULE_KEY) as Partial<ScheduleRecord> | null;
  if (!r || typeof r !== 'object' || !isSpec(r.spec) || typeof r.by !== 'string' || typeof r.since !== 'string') return null;
  return {
    spec: r.spec,
    by: r.by,
    since: r.since,
    timeZone: typeof r.timeZone === 'string' ? r.timeZone : 'UTC',
    triggerId: typeof r.triggerId === 'string' ? r.triggerId : '',
  };
}

export function scheduleInfo(record: ScheduleRecord | null, me: string, now: Date): ScheduleInfo | null {
  if (!record || record.spec.kind === 'off') return null;
  const next = nextRunAt(record.spec, record.timeZone, now);
  return {
    spec: record.spec,
    by: record.by,
    since: record.since,
    nextRun: next ? next.toISOString() : null,
    timeZone: record.timeZone,
    mine: me !== '' && me === record.by,
  };
}

/** The effective user's address; '' when Google does not tell it. */
export function currentUser(svc: AppServices): string {
  try {
    return svc.Session?.getEffectiveUser().getEmail() ?? '';
  } catch {
    return '';
  }
}

/** Deletes this user's scheduled-refresh triggers for `spreadsheetId` (and their id records). */
function removeMine(script: GasScriptApp, user: GasProperties, spreadsheetId: string): number {
  const all = user.getProperties();
  let removed = 0;
  for (const t of script.getProjectTriggers()) {
    if (t.getHandlerFunction() !== SCHEDULE_HANDLER) continue;
    const key = triggerKey(t.getUniqueId());
    if (all[key] !== spreadsheetId) continue;
    script.deleteTrigger(t);
    user.deleteProperty(key);
    removed++;
  }
  return removed;
}

export type InstallResult = { ok: true; record: ScheduleRecord | null } | { ok: false; problems: Message[] };

/**
 * Installs (or with `off` removes) this user's scheduled refresh of the spreadsheet; reinstalling
 * replaces the trigger. `timeZone` is the spreadsheet's: the hour means that zone's clock.
 */
export function installSchedule(
  svc: AppServices,
  settings: SettingsStore,
  spreadsheetId: string,
  timeZone: string,
  spec: ScheduleSpec,
  now: Date,
): InstallResult {
  const script = svc.ScriptApp;
  if (!script) return { ok: false, problems: [msg('schedule.noTriggers', { path: 'schedule' })] };
  const user = svc.PropertiesService.getUserProperties();
  removeMine(script, user, spreadsheetId);
  const me = currentUser(svc);
  if (spec.kind === 'off') {
    const previous = readScheduleRecord(settings);
    // Only the person who scheduled it had a trigger to remove; someone else's record stays true.
    if (previous && (previous.by === me || previous.by === '')) {
      settings.delete(SCHEDULE_KEY);
      settings.delete(SCHEDULE_FAILURES_KEY);
    }
    return { ok: true, record: null };
  }
  let builder = script.newTrigger(SCHEDULE_HANDLER).timeBased();
  builder = spec.kind === 'daily' ? builder.everyDays(1) : builder.onWeekDay(script.WeekDay[WEEKDAYS[spec.weekday]]);
  const trigger = builder.atHour(spec.hour).inTimezone(timeZone).create();
  user.setProperties({ [triggerKey(trigger.getUniqueId())]: spreadsheetId });
  const record: ScheduleRecord = { spec, by: me, since: now.toISOString(), timeZone, triggerId: trigger.getUniqueId() };
  settings.writeJson(SCHEDULE_KEY, record);
  settings.delete(SCHEDULE_FAILURES_KEY);
  return { ok: true, record };
}

/** The spreadsheet a trigger run is for: its stored id, else (bound script) the open spreadsheet. */
export function scheduledSpreadsheetId(svc: AppServices, event: unknown): string | null {
  const uid = typeof event === 'object' && event !== null ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  if (typeof uid === 'string' || typeof uid === 'number') {
    const id = svc.PropertiesService.getUserProperties().getProperties()[triggerKey(String(uid))];
    if (id) return id;
  }
  const active = svc.SpreadsheetApp.getActiveSpreadsheet();
  return active ? active.getId() : null;
}
