/**
 * dist/Code.js (built by `npm run build`) loaded into a vm context whose globals are the typed fakes,
 * and driven exactly as Apps Script drives it: top-level onOpen(e) in AuthMode.NONE and FULL, then
 * the menu actions setUpExampleSheets() and refreshReports() with no arguments. The fakes hand out
 * Dates of the context's own realm, as Apps Script does.
 */
import vm from 'vm';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import { isDate } from '../fakes/spreadsheet';
import { readDist } from './bundle-helpers';

const AUTH_MODE = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' };

function sandbox(world: FakeWorld): vm.Context {
  const context = vm.createContext({
    SpreadsheetApp: world.app,
    PropertiesService: world.properties,
    LockService: world.lock,
    Session: world.session,
    HtmlService: world.html,
    ScriptApp: Object.assign(world.script, { AuthMode: AUTH_MODE }),
    console,
  });
  vm.runInContext(readDist('Code.js'), context, { filename: 'Code.js' });
  world.env.DateCtor = vm.runInContext('Date', context) as DateConstructor;
  return context;
}

const call = (context: vm.Context, source: string): unknown => vm.runInContext(source, context);

describe('dist/Code.js on fake Apps Script services', () => {
  test('onOpen works in AuthMode.NONE (static menu, no document or properties access) and in FULL', () => {
    const world = createFakeServices({ authMode: 'NONE' });
    const context = sandbox(world);
    call(context, 'onOpen({ authMode: ScriptApp.AuthMode.NONE })');
    expect(world.app.ui.menus).toHaveLength(1);
    expect(world.app.ui.menus[0]).toContainEqual({ caption: 'Refresh reports', functionName: 'refreshReports' });
    expect(world.properties.calls.total).toBe(0);
    expect(world.app.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(0);

    world.env.authMode = 'FULL';
    call(context, 'onOpen({ authMode: ScriptApp.AuthMode.FULL })');
    call(context, 'onInstall({ authMode: ScriptApp.AuthMode.FULL })');
    expect(world.app.ui.menus).toHaveLength(3);
    expect(world.app.ui.menus[2]).toEqual(world.app.ui.menus[0]);
    // Every menu item names a top-level function of the bundle.
    for (const item of world.app.ui.menus[0]) {
      if (item !== 'separator') expect(call(context, `typeof ${item.functionName}`)).toBe('function');
    }
  });

  test('setUpExampleSheets and refreshReports, called as top-level functions, produce the report tabs', () => {
    const world = createFakeServices({ timeZone: 'Europe/Moscow' });
    const context = sandbox(world);
    const ss = world.app.spreadsheet;

    call(context, 'setUpExampleSheets()');
    expect(world.app.ui.alerts).toEqual([]);
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Spend', 'Cohorts', 'Conversions', 'Channels', 'Data issues']);
    for (const s of ss.sheets) expect(s.formulaCount()).toBe(0);

    // Leads with a real creation date, counted straight from the Leads sheet.
    const leads = ss.sheet('Leads').peekValues();
    const createdCol = leads[0].indexOf('Created at');
    const usable = leads.slice(1).filter((r) => isDate(r[createdCol])).length;
    expect(usable).toBe(leads.length - 2); // one demo row has 'sometime in May'

    const cohorts = ss.sheet('Cohorts').peekValues();
    const total = cohorts.find((r) => r[0] === 'Total')!;
    expect(total[1]).toBe(usable);
    const weeks = cohorts.filter((r) => typeof r[0] === 'string' && /^\d{4}-\d{2}-\d{2} – /.test(r[0]));
    expect(weeks.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(usable);
    expect(String(cohorts[0].find((v) => typeof v === 'string' && v.startsWith('Refreshed ')))).toMatch(
      new RegExp(`^Refreshed \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} · \\d+\\.\\d s · ${usable.toLocaleString('en-US')} leads · \\d+ data issues$`),
    );
    const issuesBefore = ss.sheet('Data issues').peekValues().length;
    expect(ss.sheet('Data issues').peekValues().some((r) => r[2] === 'sometime in May')).toBe(true);

    // A person blanks one creation date; the next refresh has one lead fewer and one issue more.
    const firstGood = leads.findIndex((r, i) => i > 0 && isDate(r[createdCol]));
    ss.sheet('Leads').writeRaw(firstGood + 1, createdCol + 1, '');
    call(context, 'refreshReports()');
    expect(world.app.ui.alerts).toEqual([]);
    const after = ss.sheet('Cohorts').peekValues().find((r) => r[0] === 'Total')!;
    expect(after[1]).toBe(usable - 1);
    expect(ss.sheet('Data issues').peekValues().length).toBe(issuesBefore + 1);
    expect(ss.sheets).toHaveLength(6);
    expect(world.lock.state.holder).toBeNull();
  });

  test('refreshReports while another execution holds the lock is refused with a toast', () => {
    const world = createFakeServices();
    const context = sandbox(world);
    world.app.spreadsheet.addSheet('Leads', [['Lead ID', 'Created at'], ['1', new Date('2026-11-02T10:00:00Z')]]);
    world.lock.state.holdByAnotherExecution();
    // The top-level functions return the outcome (the sidebar must not say "Done." for a refused run).
    expect(call(context, 'refreshReports()')).toMatchObject({ kind: 'busy' });
    expect(call(context, 'sidebarRefreshReports()')).toEqual({
      ok: false,
      kind: 'busy',
      message: 'A refresh is already running. Wait for it to finish, then refresh again.',
    });
    expect(world.app.spreadsheet.toasts.map((t) => t.msg)).toEqual(['A refresh is already running. Wait for it to finish, then refresh again.']);
    expect(world.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads']);
  });

  test('the sidebar API and the scheduled refresh through the top-level functions: JSON-like values, a trigger run by id', () => {
    const world = createFakeServices();
    const context = sandbox(world);
    world.app.spreadsheet.addSheet('Leads', [
      ['Lead ID', 'Created at', 'Won at'],
      ['1', new Date('2026-11-02T10:00:00Z'), new Date('2026-11-05T10:00:00Z')],
      ['2', new Date('2026-11-03T10:00:00Z'), ''],
    ]);
    const state = call(context, 'sidebarState()') as Record<string, unknown>;
    // What google.script.run can carry: the value survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect(state.leadsSheet).toBe('Leads');
    const saved = call(context, 'sidebarSaveSettings("Leads", {columns: {createdAt: "Created at"}, stages: [{name: "Won", column: "Won at"}]})');
    expect(saved).toEqual({ ok: true, changed: true, problems: [] });
    expect(call(context, 'sidebarSetSchedule({kind: "daily", hour: 5})')).toMatchObject({ ok: true });
    expect(world.script.triggers.map((t) => t.handler)).toEqual(['scheduledRefresh']);
    world.env.context = 'trigger';
    const uid = world.script.triggers[0].uid;
    expect(call(context, `scheduledRefresh({triggerUid: ${JSON.stringify(uid)}})`)).toMatchObject({ kind: 'done' });
    expect(world.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'Data issues']);
  });

  test('showSidebar opens sidebar.html', () => {
    const world = createFakeServices();
    const context = sandbox(world);
    call(context, 'showSidebar()');
    expect(world.app.ui.sidebars.map((s) => s.file)).toEqual(['sidebar']);
  });
});
