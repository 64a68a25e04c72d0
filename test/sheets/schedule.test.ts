/**
 * The scheduled refresh on the fakes: installing, replacing and removing this user's trigger for this
 * document through the sidebar's server functions, and the trigger's runs: with no UI, failing (recorded
 * where people look, the second failure in a row rethrown for Google's failure email), refused by the
 * document lock while another refresh runs, and stopped before Apps Script's 6-minute limit with the
 * previous report left as it was.
 */
import { EXECUTION_LIMIT_MS, WRITE_RESERVE_MS } from '../../src/sheets/refresh';
import { nextRunAt, SCHEDULE_HANDLER, triggerKey } from '../../src/sheets/schedule';
import { runScheduledRefresh, ScheduledRefreshFailed } from '../../src/sheets/scheduled-run';
import { LAST_REFRESH_KEY, LEADS_SHEET_KEY, SCHEDULE_FAILURES_KEY, SCHEDULE_KEY } from '../../src/sheets/settings-store';
import { sidebarServer } from '../../src/sheets/sidebar-api';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import type { FakeTrigger } from '../fakes/script-app';
import { handMadeLeads, REPORT_NOW } from './helpers';

function setup(): FakeWorld {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  w.script.addon = true; // one trigger of a type per user per document, as for an editor add-on
  return w;
}

const api = (w: FakeWorld) => sidebarServer(w.services, { now: () => REPORT_NOW });

/** The trigger fires: a time-driven execution with no open document and no UI. */
function fire(w: FakeWorld, trigger: FakeTrigger, opts: Parameters<typeof runScheduledRefresh>[2] = {}) {
  w.env.context = 'trigger';
  try {
    return runScheduledRefresh(w.script.eventFor(trigger, REPORT_NOW), w.services, { now: () => REPORT_NOW, ...opts });
  } finally {
    w.env.context = 'editor';
  }
}

describe('installing the scheduled refresh', () => {
  test('daily at 06:00: one clock trigger in the spreadsheet zone, its document stored, who and when shown', () => {
    const w = setup();
    const r = api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
    expect(r.ok).toBe(true);
    expect(w.script.triggers.map((t) => ({ handler: t.handler, ...t.clock }))).toEqual([
      { handler: SCHEDULE_HANDLER, hour: 6, everyDays: 1, weekDay: null, timeZone: 'Europe/Moscow' },
    ]);
    const uid = w.script.triggers[0].uid;
    expect(w.properties.userStore('owner@example.com').store.get(triggerKey(uid))).toBe(w.app.spreadsheet.id);
    // Wednesday 25 Nov 12:00 Moscow: the next 06:00 is Thursday's, 03:00 UTC.
    expect(r.schedule).toEqual({
      spec: { kind: 'daily', hour: 6 },
      by: 'owner@example.com',
      since: REPORT_NOW.toISOString(),
      nextRun: '2026-11-26T03:00:00.000Z',
      timeZone: 'Europe/Moscow',
      mine: true,
    });
    expect(api(w).sidebarState().schedule).toEqual(r.schedule);
  });

  test('reinstalling replaces the trigger (never two for one document); another document’s trigger stays', () => {
    const w = setup();
    // The same user's trigger in another spreadsheet (the add-on sees it in getProjectTriggers).
    w.script.documentId = 'other-spreadsheet';
    const other = w.script.add(SCHEDULE_HANDLER, { hour: 3, everyDays: 1, weekDay: null, timeZone: 'UTC' });
    w.properties.userStore('owner@example.com').store.set(triggerKey(other.uid), 'other-spreadsheet');
    w.script.documentId = w.app.spreadsheet.id;

    api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
    const first = w.script.triggers.find((t) => t.documentId === w.app.spreadsheet.id) as FakeTrigger;
    const r = api(w).sidebarSetSchedule({ kind: 'weekly', weekday: 5, hour: 18 });
    expect(r.ok).toBe(true);
    const mine = w.script.triggers.filter((t) => t.documentId === w.app.spreadsheet.id);
    expect(mine.map((t) => t.clock)).toEqual([{ hour: 18, everyDays: null, weekDay: 'FRIDAY', timeZone: 'Europe/Moscow' }]);
    expect(w.script.triggers).toContain(other);
    const user = w.properties.userStore('owner@example.com').store;
    expect(user.has(triggerKey(first.uid))).toBe(false);
    expect(user.get(triggerKey(mine[0].uid))).toBe(w.app.spreadsheet.id);
    // Friday 27 Nov 18:00 Moscow = 15:00 UTC.
    expect(r.schedule?.nextRun).toBe('2026-11-27T15:00:00.000Z');
  });

  test('off removes the trigger, its id record and the document’s schedule', () => {
    const w = setup();
    api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
    const r = api(w).sidebarSetSchedule({ kind: 'off' });
    expect(r).toEqual({ ok: true, schedule: null, message: '', problems: [] });
    expect(w.script.triggers).toEqual([]);
    expect(w.properties.userStore('owner@example.com').store.size).toBe(0);
    expect(w.properties.document.store.has(SCHEDULE_KEY)).toBe(false);
    expect(api(w).sidebarState().schedule).toBeNull();
  });

  test('a collaborator sees who scheduled it, and cannot remove someone else’s schedule record', () => {
    const w = setup();
    api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
    w.script.user = 'colleague@example.com';
    expect(api(w).sidebarState().schedule).toMatchObject({ by: 'owner@example.com', mine: false });
    api(w).sidebarSetSchedule({ kind: 'off' });
    expect(w.script.triggers.map((t) => t.owner)).toEqual(['owner@example.com']);
    expect(api(w).sidebarState().schedule).toMatchObject({ by: 'owner@example.com' });
  });

  test('invalid schedules are refused by field, with nothing installed', () => {
    const w = setup();
    expect(api(w).sidebarSetSchedule({ kind: 'daily', hour: 24 }).problems).toEqual([{ path: 'schedule.hour', message: 'must be an hour 0 … 23' }]);
    expect(api(w).sidebarSetSchedule({ kind: 'weekly', weekday: 7, hour: 1 } as never).problems.map((p) => p.path)).toEqual(['schedule.weekday']);
    expect(api(w).sidebarSetSchedule({ kind: 'hourly' } as never).problems.map((p) => p.path)).toEqual(['schedule.kind']);
    expect(w.script.calls.count('ScriptApp.newTrigger')).toBe(0);
  });

  test('the next run across a clock change: Europe/Berlin leaves summer time on Sunday 25 Oct 2026', () => {
    // Daily at 02:00 seen on Saturday 24 Oct 12:00 local (10:00 UTC): Sunday 02:00 CEST = 00:00 UTC.
    expect(nextRunAt({ kind: 'daily', hour: 2 }, 'Europe/Berlin', new Date('2026-10-24T10:00:00Z'))?.toISOString()).toBe('2026-10-25T00:00:00.000Z');
    // Weekly on Monday at 09:00, seen during Monday's 09:xx run: that run is still the next one.
    expect(nextRunAt({ kind: 'weekly', weekday: 1, hour: 9 }, 'UTC', new Date('2026-11-23T09:30:00Z'))?.toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });
});

describe('the scheduled run', () => {
  function scheduled(): { w: FakeWorld; trigger: FakeTrigger } {
    const w = setup();
    api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
    return { w, trigger: w.script.triggers[0] };
  }

  test('runs with no UI: opens the spreadsheet by id, writes the report, shows nothing', () => {
    const { w, trigger } = scheduled();
    w.resetCalls();
    const out = fire(w, trigger);
    expect(out.kind).toBe('done');
    expect(w.app.calls.count('SpreadsheetApp.openById')).toBe(1);
    expect(w.app.calls.count('SpreadsheetApp.getUi')).toBe(0);
    expect(w.app.spreadsheet.toasts).toEqual([]);
    expect(w.app.ui.alerts).toEqual([]);
    expect(w.app.spreadsheet.sheet('Cohorts').peek(9, 2)).toBe(11); // Total leads (helpers.ts)
    expect(api(w).sidebarState().lastRun).toMatchObject({ ok: true, leads: 11, scheduledFailures: 0 });
  });

  test('a failing run is recorded in the status cell and the sidebar; the second in a row is rethrown', () => {
    const { w, trigger } = scheduled();
    expect(fire(w, trigger).kind).toBe('done');
    w.properties.document.store.set(LEADS_SHEET_KEY, 'Gone');
    const first = fire(w, trigger);
    expect(first.kind).toBe('failed');
    expect(first.message).toContain('"Gone"');
    expect(String(w.app.spreadsheet.sheet('Cohorts').peek(1, 9))).toMatch(/^Refresh failed 2026-11-25 12:00: The leads sheet "Gone"/);
    const last = api(w).sidebarState().lastRun;
    expect(last).toMatchObject({ ok: false, scheduledFailures: 1 });
    expect(last?.message).toContain('"Gone"');
    expect(w.properties.document.store.get(SCHEDULE_FAILURES_KEY)).toBe('1');

    // Second failure in a row: recorded, then thrown so Apps Script emails the trigger's owner.
    let thrown: unknown;
    try {
      fire(w, trigger);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ScheduledRefreshFailed);
    expect((thrown as ScheduledRefreshFailed).failures).toBe(2);
    expect(api(w).sidebarState().lastRun).toMatchObject({ ok: false, scheduledFailures: 2 });

    // Fixed: the next run clears the count.
    w.properties.document.store.set(LEADS_SHEET_KEY, 'Leads');
    expect(fire(w, trigger).kind).toBe('done');
    expect(w.properties.document.store.has(SCHEDULE_FAILURES_KEY)).toBe(false);
  });

  test('two overlapping runs: the second is refused by the document lock and changes nothing', () => {
    const { w, trigger } = scheduled();
    fire(w, trigger);
    const before = w.app.spreadsheet.sheet('Cohorts').peekValues();
    const record = w.properties.document.store.get(LAST_REFRESH_KEY);
    w.lock.state.holdByAnotherExecution();
    w.resetCalls();
    const out = fire(w, trigger);
    expect(out.kind).toBe('busy');
    expect(w.lock.calls.count('Lock.tryLock')).toBe(1);
    expect(w.app.spreadsheet.sheet('Cohorts').peekValues()).toEqual(before);
    expect(w.properties.document.store.get(LAST_REFRESH_KEY)).toBe(record);
    expect(w.properties.document.store.has(SCHEDULE_FAILURES_KEY)).toBe(false); // refused is not failed
  });

  test('a run that would pass the 6-minute limit stops before writing and leaves the previous report intact', () => {
    const { w, trigger } = scheduled();
    fire(w, trigger);
    const before = w.app.spreadsheet.sheet('Cohorts').peekValues();
    const conversions = w.app.spreadsheet.sheet('Conversions').peekValues();
    // The clock as refresh.ts reads it: run start, start of reading, end of reading (1 min: under
    // 6 min − 90 s kept for writing), end of computing (4 min 40 s: past it), so nothing may be written.
    const readings = [0, 0, 60_000, 280_000];
    let i = 0;
    const clock = () => readings[Math.min(i++, readings.length - 1)];
    const out = fire(w, trigger, { clock, timeBudget: { startedAt: 0, limitMs: EXECUTION_LIMIT_MS, writeReserveMs: WRITE_RESERVE_MS } });
    expect(out.kind).toBe('failed');
    expect(out.message).toMatch(/stopped before writing anything: it would not finish within the 6 minutes/);
    const after = w.app.spreadsheet.sheet('Cohorts').peekValues();
    // Every cell as before but the status cell, which now says the run stopped.
    expect(after.map((r, i) => r.map((v, j) => (i === 0 && j === 8 ? null : v)))).toEqual(before.map((r, i) => r.map((v, j) => (i === 0 && j === 8 ? null : v))));
    expect(String(after[0][8])).toMatch(/^Refresh failed 2026-11-25 12:00: The refresh stopped before writing/);
    expect(w.app.spreadsheet.sheet('Conversions').peekValues()).toEqual(conversions);
    expect(api(w).sidebarState().lastRun).toMatchObject({ ok: false });
  });

  test('a trigger with no stored document and no open one says so instead of crashing', () => {
    const w = setup();
    const stray = w.script.add(SCHEDULE_HANDLER, { hour: 1, everyDays: 1, weekDay: null, timeZone: 'UTC' });
    const out = fire(w, stray);
    expect(out.kind).toBe('failed');
    expect(out.message).toMatch(/No spreadsheet is open for this run/);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads']);
  });

  test('a run whose reading alone passes the budget stops before computing', () => {
    const { w, trigger } = scheduled();
    fire(w, trigger);
    const before = w.app.spreadsheet.sheet('Conversions').peekValues();
    const readings = [0, 0, 275_000];
    let i = 0;
    const out = fire(w, trigger, { clock: () => readings[Math.min(i++, readings.length - 1)], timeBudget: { startedAt: 0, limitMs: EXECUTION_LIMIT_MS, writeReserveMs: WRITE_RESERVE_MS } });
    expect(out.message).toMatch(/would not finish within the 6 minutes/);
    expect(w.app.spreadsheet.sheet('Conversions').peekValues()).toEqual(before);
  });
});
