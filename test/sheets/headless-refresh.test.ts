/**
 * The refresh as a function of (spreadsheet, settings, clock) that returns an outcome, shown the way
 * the caller chooses: headless in a trigger (no UI at all), interactive from the menu, returned to
 * the sidebar. Every report is computed before any tab is written; the lock is released flushed and
 * before any alert; the person is put back on the sheet they were on.
 */
import { runHeadlessRefresh, runRefreshReports, runSetUpExampleSheets, toSidebarResult } from '../../src/sheets/app';
import { cohortsReport, conversionsReport, issuesReport, outcomesReport } from '../../src/report/builtin-reports';
import { REPORTS } from '../../src/report/registry';
import type { AnyReport } from '../../src/report/report-definition';
import { LAST_REFRESH_KEY } from '../../src/sheets/settings-store';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { handMadeLeads, REPORT_NOW } from './helpers';

const STATUS_DONE = /^Refreshed 2026-11-25 12:00 · \d+\.\d s · 11 leads · 0 data issues · Channels: skipped, no Spend sheet$/;

function world(context: 'editor' | 'trigger' = 'editor'): FakeWorld {
  const w = createFakeServices({ timeZone: 'Europe/Moscow', context });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  return w;
}

const lastRun = (w: FakeWorld): Record<string, unknown> => JSON.parse(w.properties.document.store.get(LAST_REFRESH_KEY) ?? 'null');

describe('headless refresh (a time-driven trigger: no UI, no active spreadsheet)', () => {
  test('the fake behaves like a trigger: getUi() throws and there is no active spreadsheet', () => {
    const w = world('trigger');
    expect(() => w.app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context');
    expect(w.app.getActiveSpreadsheet()).toBeNull();
  });

  test('opens the spreadsheet by id, completes, and records its outcome in the status line and the last-run record', () => {
    const w = world('trigger');
    const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
    expect(out.kind).toBe('done');
    const ss = w.app.spreadsheet;
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'Data issues']);
    expect(String(ss.sheet('Cohorts').peek(1, 9))).toMatch(STATUS_DONE);
    expect(lastRun(w)).toMatchObject({ at: REPORT_NOW.toISOString(), leads: 11, issues: 0, tabs: ['Cohorts', 'Conversions', 'Data issues'] });
    // Nothing was shown: no toast, no alert, and getUi() was never even called.
    expect(ss.toasts).toEqual([]);
    expect(w.app.calls.count('SpreadsheetApp.getUi')).toBe(0);
    expect(w.app.calls.count('SpreadsheetApp.openById')).toBe(1);
    expect(w.lock.state.holder).toBeNull();
  });

  test('a headless refresh that stops records the failure instead of showing it', () => {
    const w = createFakeServices({ context: 'trigger' });
    w.app.spreadsheet.addSheet('Notes', [['Meeting notes'], ['call Anna']]);
    const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
    expect(out.kind).toBe('failed');
    const record = lastRun(w);
    expect(record.at).toBe(REPORT_NOW.toISOString());
    expect(String(record.failed)).toContain('No sheet with leads was found (looked at: Notes)');
    expect(w.app.calls.count('SpreadsheetApp.getUi')).toBe(0);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Notes']);
  });

  test('a headless refresh that stops after a good one says so in the status cell; the report stays as it was', () => {
    const w = world('trigger');
    const id = w.app.spreadsheet.id;
    expect(runHeadlessRefresh(id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
    const cohorts = w.app.spreadsheet.sheet('Cohorts');
    const before = cohorts.peekValues();
    // The leads sheet is renamed after the settings named it: the next run stops.
    w.properties.document.store.set('funnel.leadsSheet', 'Leads');
    w.app.spreadsheet.sheet('Leads').name = 'Old leads';
    const later = new Date(REPORT_NOW.getTime() + 3_600_000);
    expect(runHeadlessRefresh(id, w.services, { now: () => later }).kind).toBe('failed');
    const after = cohorts.peekValues();
    expect(String(after[0][8])).toBe(
      'Refresh failed 2026-11-25 13:00: The leads sheet "Leads" named in the settings does not exist any more. Rename your leads sheet back to "Leads" or change the setting.',
    );
    // Only that cell changed.
    after[0][8] = before[0][8];
    expect(after).toEqual(before);
    expect(lastRun(w)).toMatchObject({ failed: expect.stringContaining('"Leads"'), statusCell: { sheet: 'Cohorts', row: 1, col: 9 } });
    // A menu refresh that stops shows an alert instead and leaves the status cell alone.
    const menu = world();
    runRefreshReports(menu.services, { now: () => REPORT_NOW });
    const line = menu.app.spreadsheet.sheet('Cohorts').peek(1, 9);
    menu.properties.document.store.set('funnel.leadsSheet', 'Gone');
    runRefreshReports(menu.services, { now: () => later });
    expect(menu.app.spreadsheet.sheet('Cohorts').peek(1, 9)).toBe(line);
    expect(menu.app.ui.alerts).toHaveLength(1);
  });

  test('the interactive entry point run from a trigger does not crash: it returns the outcome, in the user’s language, and logs', () => {
    const w = world('trigger');
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const out = runRefreshReports(w.services, { now: () => REPORT_NOW });
      expect(out.kind).toBe('failed');
      expect(out.message).toBe(
        'No spreadsheet is open for this run, so nothing was refreshed: open the add-on from a spreadsheet (a scheduled refresh opens its spreadsheet by id).',
      );
      const ru = createFakeServices({ timeZone: 'Europe/Moscow', context: 'trigger', locale: 'ru_RU' });
      expect(runRefreshReports(ru.services, { now: () => REPORT_NOW }).message).toMatch(/^Для этого запуска не открыта таблица/);
    } finally {
      error.mockRestore();
    }
  });
});

describe('every report is computed before any tab is written', () => {
  function snapshot(w: FakeWorld): Record<string, { values: Stored[][]; charts: number; notes: (string | undefined)[] }> {
    const out: Record<string, { values: Stored[][]; charts: number; notes: (string | undefined)[] }> = {};
    for (const s of w.app.spreadsheet.sheets) {
      const v = s.peekValues();
      out[s.name] = { values: v, charts: s.charts.length, notes: v.flatMap((row, i) => row.map((_, j) => s.format(i + 1, j + 1).note)) };
    }
    return out;
  }

  test('a refresh whose third report throws leaves every tab as it was before', () => {
    const w = world();
    expect(runRefreshReports(w.services, { now: () => REPORT_NOW }).kind).toBe('done');
    const before = snapshot(w);
    // New data that would change the first two tabs, if they were written.
    w.app.spreadsheet.sheet('Leads').writeRaw(13, 1, 'L12');
    w.app.spreadsheet.sheet('Leads').writeRaw(13, 2, new Date('2026-11-24T09:00:00Z'));
    const failing: AnyReport = {
      ...issuesReport,
      layout() {
        throw new Error('the third report broke');
      },
    };
    const reports = [cohortsReport, conversionsReport, outcomesReport, failing];
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let out;
    try {
      out = runRefreshReports(w.services, { now: () => REPORT_NOW, reports });
    } finally {
      error.mockRestore();
    }
    expect(out).toEqual({ kind: 'failed', message: 'The refresh stopped: the third report broke' });
    expect(snapshot(w)).toEqual({ ...before, Leads: snapshot(w).Leads });
    // The Cohorts tab still says 11 leads and still carries the previous status line.
    expect(w.app.spreadsheet.sheet('Cohorts').peekValues().find((r) => r[0] === 'Total')?.[1]).toBe(11);
    expect(w.app.ui.alerts).toEqual(['The refresh stopped: the third report broke']);
    expect(lastRun(w).failed).toBe('The refresh stopped: the third report broke');
    expect(w.lock.state.holder).toBeNull();
  });

  test('with the same injected reports all working, the new lead does reach the tabs (the check above can fail)', () => {
    const w = world();
    runRefreshReports(w.services, { now: () => REPORT_NOW });
    w.app.spreadsheet.sheet('Leads').writeRaw(13, 1, 'L12');
    w.app.spreadsheet.sheet('Leads').writeRaw(13, 2, new Date('2026-11-24T09:00:00Z'));
    expect(runRefreshReports(w.services, { now: () => REPORT_NOW, reports: [...REPORTS] }).kind).toBe('done');
    expect(w.app.spreadsheet.sheet('Cohorts').peekValues().find((r) => r[0] === 'Total')?.[1]).toBe(12);
  });
});

describe('the document lock and the UI', () => {
  test('the fake drops the lock when an alert suspends the script, as Sheets does', () => {
    const w = createFakeServices();
    const lock = w.lock.getDocumentLock()!;
    expect(lock.tryLock(0)).toBe(true);
    w.app.getUi().alert('hello');
    expect(w.lock.state.holder).toBeNull();
    expect(w.lock.state.droppedBySuspend).toBe(1);
  });

  test('the fake counts a lock released over unflushed writes', () => {
    const w = createFakeServices();
    const lock = w.lock.getDocumentLock()!;
    lock.tryLock(0);
    w.app.spreadsheet.addSheet('S').getRange(1, 1, 1, 1).setValues([['x']]);
    lock.releaseLock();
    expect(w.lock.state.releasedUnflushed).toBe(1);
  });

  test('a refresh flushes before it releases the lock, and shows its messages only after', () => {
    const done = world();
    runRefreshReports(done.services, { now: () => REPORT_NOW });
    // A refresh that stops with an alert, and one that skips a tab taken by a person.
    const failed = createFakeServices();
    failed.app.spreadsheet.addSheet('Notes', [['Meeting notes']]);
    runRefreshReports(failed.services, { now: () => REPORT_NOW });
    const skipped = world();
    skipped.app.spreadsheet.addSheet('Conversions', [['mine']]);
    skipped.app.spreadsheet.addSheet('Conversions (funnel)', [['mine too']]);
    const out = runRefreshReports(skipped.services, { now: () => REPORT_NOW });
    expect(out.kind === 'done' && out.skipped).toHaveLength(1);
    for (const w of [done, failed, skipped]) {
      expect(w.lock.state.releasedUnflushed).toBe(0);
      expect(w.lock.state.droppedBySuspend).toBe(0);
      expect(w.app.calls.count('SpreadsheetApp.flush')).toBe(1);
      expect(w.lock.state.holder).toBeNull();
    }
    expect(failed.app.ui.alerts).toHaveLength(1);
    expect(skipped.app.ui.alerts).toHaveLength(1);
  });

  test('after a refresh that creates the tabs, the person is back on the sheet they were on', () => {
    const w = world();
    const ss = w.app.spreadsheet;
    ss.addSheet('Notes', [['my notes']]);
    ss.setActiveSheet(ss.sheet('Notes'));
    runRefreshReports(w.services, { now: () => REPORT_NOW });
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Notes', 'Cohorts', 'Conversions', 'Data issues']);
    expect(ss.active?.name).toBe('Notes');
  });

  test('set-up example sheets ends on the Cohorts tab', () => {
    const w = createFakeServices();
    runSetUpExampleSheets(w.services, { now: () => REPORT_NOW });
    expect(w.app.spreadsheet.active?.name).toBe('Cohorts');
  });
});

describe('outcomes returned to the sidebar', () => {
  test('done, busy and failed come back with their message, and only done is ok', () => {
    const w = world();
    const done = toSidebarResult(runRefreshReports(w.services, { now: () => REPORT_NOW }, 'sidebar'));
    expect(done).toEqual({ ok: true, kind: 'done', message: expect.stringMatching(/^Reports refreshed: 11 leads, 0 data issues, /) });
    w.lock.state.holdByAnotherExecution();
    const busy = toSidebarResult(runRefreshReports(w.services, { now: () => REPORT_NOW }, 'sidebar'));
    expect(busy).toEqual({ ok: false, kind: 'busy', message: 'A refresh is already running. Wait for it to finish, then refresh again.' });
    w.lock.state.releaseOther();
    const empty = createFakeServices();
    const failed = toSidebarResult(runRefreshReports(empty.services, { now: () => REPORT_NOW }, 'sidebar'));
    expect(failed.ok).toBe(false);
    expect(failed.message).toContain('No sheet with leads was found');
    // The sidebar path never opens an alert.
    expect(w.app.ui.alerts).toEqual([]);
    expect(empty.app.ui.alerts).toEqual([]);
  });
});

test('a spreadsheet zone that is neither an IANA name nor an offset stops the refresh with a message in the person\'s language', () => {
  for (const [locale, expected] of [
    ['en_US', 'The spreadsheet\'s time zone "Mars/Olympus" is not recognised, so nothing was refreshed.'],
    ['ru_RU', 'Часовой пояс таблицы «Mars/Olympus» не распознан, поэтому ничего не обновлено.'],
  ] as const) {
    const w = createFakeServices({ timeZone: 'Mars/Olympus', locale });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const out = runRefreshReports(w.services, { now: () => REPORT_NOW });
      expect(out.kind).toBe('failed');
      expect(out.message.startsWith(expected)).toBe(true);
    } finally {
      error.mockRestore();
    }
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads']);
  }
});
