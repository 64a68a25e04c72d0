/**
 * The sidebar's server functions on the fakes: what the sidebar opens with (read in one pass), saving
 * (the engine's problems by path, in the user's language; nothing written when nothing changed), and
 * the refresh's steps and summary.
 */
import { CONFIG_KEY, LEADS_SHEET_KEY } from '../../src/sheets/settings-store';
import { DISTINCT_MAX, sidebarServer } from '../../src/sheets/sidebar-api';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import { handMadeLeads, msk, REPORT_NOW } from './helpers';

function setup(locale = 'en_US'): FakeWorld {
  const w = createFakeServices({ timeZone: 'Europe/Moscow', locale });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  w.resetCalls();
  return w;
}

const api = (w: FakeWorld) => sidebarServer(w.services, { now: () => REPORT_NOW });

describe('sidebarState', () => {
  test('detected settings, the header with first values (dates on the spreadsheet clock), today; one read of the sheet', () => {
    const w = setup();
    const s = api(w).sidebarState();
    expect(s.settingsSource).toBe('detected');
    expect(s.leadsSheet).toBe('Leads');
    expect(s.today).toBe('2026-11-25');
    expect(s.columns?.columns.map((c) => c.header)).toEqual(['Lead ID', 'Created at', 'Channel', 'Manager', 'Contacted at', 'Qualified at', 'Won at']);
    const created = s.columns?.columns[1];
    expect(created?.preview).toEqual(['2026-11-02 01:30', '2026-11-03 09:00', '2026-11-05 14:00']);
    expect(s.columns?.columns[2].distinct).toEqual(['Facebook', 'Google', 'Organic']);
    expect(w.app.calls.count('Sheet.getDataRange')).toBe(1);
    expect(w.properties.calls.count('Properties.setProperties')).toBe(0);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test('a column with more than DISTINCT_MAX values offers no checkboxes', () => {
    const w = createFakeServices({ timeZone: 'UTC' });
    const rows = [['Created', 'Status'], ...Array.from({ length: DISTINCT_MAX + 1 }, (_, i) => [msk('2026-11-02'), `S${i}`])];
    w.app.spreadsheet.addSheet('Leads', rows);
    expect(api(w).sidebarState().columns?.columns[1].distinct).toBeNull();
  });
});

describe('sidebarSaveSettings', () => {
  const good = { columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }] };

  test('saves once; the same settings again write nothing', () => {
    const w = setup();
    expect(api(w).sidebarSaveSettings('Leads', good)).toEqual({ ok: true, changed: true, problems: [] });
    expect(w.properties.document.store.get(LEADS_SHEET_KEY)).toBe('Leads');
    w.resetCalls();
    // Defaults filled in by the first save are the same settings.
    expect(api(w).sidebarSaveSettings('Leads', { ...good, grain: 'week', weekStartsOn: 1 })).toEqual({ ok: true, changed: false, problems: [] });
    expect(w.properties.calls.count('Properties.setProperties')).toBe(0);
    expect(w.properties.calls.count('Properties.deleteProperty')).toBe(0);
  });

  test('problems carry their path and the engine’s text without it, in Russian for a Russian user; nothing saved', () => {
    const w = setup('ru_RU');
    const r = api(w).sidebarSaveSettings('Нет', { columns: {}, stages: [{ name: '', column: 'Won at' }], maturityPercentile: 2 });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      { path: 'leadsSheet', message: 'листа «Нет» нет' },
      { path: 'columns.createdAt', message: expect.any(String) },
      { path: 'stages[0].name', message: 'обязательно' },
      { path: 'maturityPercentile', message: 'должно быть числом от 0 до 1 (например, 0.8)' },
      // The one stage was dropped for its missing name, so none is left (the sidebar lists this by the save button).
      { path: 'stages', message: 'нужен хотя бы один этап после «лид создан»' },
    ]);
    expect(w.properties.document.store.has(CONFIG_KEY)).toBe(false);
  });
});

describe('sidebarRefreshNow', () => {
  test('steps in order with each tab, the summary, and the report date used', () => {
    const w = setup();
    let t = 0;
    const r = sidebarServer(w.services, { now: () => REPORT_NOW, clock: () => (t += 100) }).sidebarRefreshNow('2026-11-20', 'run-1');
    expect(r.ok).toBe(true);
    expect(r.steps.map((s) => (s.tab ? `${s.step}:${s.tab}` : s.step))).toEqual(['reading', 'computing', 'writing:Cohorts', 'writing:Conversions', 'writing:Data issues']);
    expect(r.issuesTab).toBe('Data issues');
    // Report date 20 Nov: L10 (22 Nov) and L11 (23 Nov) are created after it (helpers.ts).
    expect(r.leadsRead).toBe(9);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  test('each step is published for the sidebar to poll while the call runs; the last says it ended', () => {
    const w = setup();
    const server = api(w);
    server.sidebarRefreshNow('', 'run-7');
    const cache = w.cache.userCache('owner@example.com');
    const seen = cache.puts.filter((p) => p.key === 'funnel.progress.run-7').map((p) => JSON.parse(p.value) as { steps: { step: string; tab?: string }[]; current: string | null });
    expect(seen.map((p) => [p.steps.map((s) => s.tab ?? s.step).join(','), p.current])).toEqual([
      ['', 'reading'],
      ['reading', 'computing'],
      ['reading,computing', 'writing'],
      ['reading,computing,Cohorts', 'writing'],
      ['reading,computing,Cohorts,Conversions', 'writing'],
      ['reading,computing,Cohorts,Conversions,Data issues', 'writing'],
      ['reading,computing,Cohorts,Conversions,Data issues', null],
    ]);
    expect(server.sidebarRefreshProgress('run-7')).toEqual(seen[seen.length - 1]);
    expect(server.sidebarRefreshProgress('never-ran')).toBeNull();
    // An id that is not a plain token is not used as a cache key.
    expect(server.sidebarRefreshProgress('../x')).toBeNull();
  });

  test('a report date that is not a day is refused by field, before anything runs', () => {
    const w = setup();
    const r = api(w).sidebarRefreshNow('2026-13-01', 'run-2');
    expect(r.problems).toEqual([{ path: 'reportDate', message: 'must be a date YYYY-MM-DD (e.g. 2026-11-23)' }]);
    expect(w.lock.calls.count('LockService.getDocumentLock')).toBe(0);
  });
});

describe('sidebarSpendChannels', () => {
  const SPEND = [
    ['Date', 'Channel', 'Amount'],
    ['2026-11-10', 'Google', 400],
    ['2026-11-10', 'Facebok', 200],
  ];
  const settings = { columns: { createdAt: 'Created at', channel: 'Channel' }, stages: [{ name: 'Contacted', column: 'Contacted at' }] };

  test('the unmatched names under the sidebar’s unsaved settings, read from the Spend sheet', () => {
    const w = setup();
    w.app.spreadsheet.addSheet('Spend', SPEND);
    const out = api(w).sidebarSpendChannels('Leads', settings);
    expect(out).toEqual({
      sheet: 'Spend',
      leadChannels: ['Google', 'Facebook', 'Organic'],
      unmatchedSpend: [{ channel: 'Facebok', suggestion: 'Facebook' }],
      leadsWithoutSpend: [
        { channel: 'Facebook', organic: false, suggestion: 'Facebok' },
        { channel: 'Organic', organic: true, suggestion: '' },
      ],
    });
    // With the alias typed in the sidebar (not saved yet), nothing is left on the spend side.
    const aliased = api(w).sidebarSpendChannels('Leads', { ...settings, spend: { aliases: { Facebok: 'Facebook' } } });
    expect(aliased.unmatchedSpend).toEqual([]);
    expect(aliased.leadsWithoutSpend.map((l) => l.channel)).toEqual(['Organic']);
    // Read only: no property and no sheet written.
    expect(w.properties.calls.count('Properties.setProperties')).toBe(0);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads', 'Spend']);
  });

  test('no spend sheet: said as sheet null, with the leads channels still listed', () => {
    const w = setup();
    expect(api(w).sidebarSpendChannels('Leads', settings)).toEqual({ sheet: null, leadChannels: ['Google', 'Facebook', 'Organic'], unmatchedSpend: [], leadsWithoutSpend: [] });
  });
});

test('sidebarState hands the Feedback section the engine’s verdicts in the user’s language and its defaults', () => {
  const ru = api(setup('ru_RU')).sidebarState().feedback;
  expect(ru.verdicts[0]).toEqual({ id: 'accepted', label: 'Принят' });
  expect(ru.verdicts.map((v) => v.id)).toEqual(['accepted', 'notQualified', 'duplicate', 'noContact', 'active', 'stalled', 'won', 'lost', 'nurturing']);
  expect(ru.defaults).toEqual({ reasons: expect.arrayContaining(['Price', 'Other']), acceptedVerdicts: ['accepted'], staleDays: 14, noFeedbackDays: 7 });
  expect(api(setup()).sidebarState().feedback.verdicts[1].label).toBe('Rejected — not qualified');
});
