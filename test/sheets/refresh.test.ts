/**
 * refreshReports on a fake spreadsheet, checked cell by cell against counts worked out by hand in
 * helpers.ts (handMadeLeads). Rates are written as the fractions they must equal.
 */
import { runRefreshReports, runSetUpExampleSheets } from '../../src/sheets/app';
import { CONFIG_KEY, LAST_REFRESH_KEY, LEADS_SHEET_KEY } from '../../src/sheets/settings-store';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { handMadeLeads, msk, REPORT_NOW, rowOf } from './helpers';

function setup(opts: { timeZone?: string; locale?: string } = {}): FakeWorld {
  const w = createFakeServices({ timeZone: opts.timeZone ?? 'Europe/Moscow', locale: opts.locale });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  return w;
}

/** A clock that says 1.3 s passed between the first and every later reading. */
function clock(): () => number {
  let first = true;
  return () => {
    if (first) {
      first = false;
      return 1_000;
    }
    return 2_300;
  };
}

const refresh = (w: FakeWorld) => runRefreshReports(w.services, { now: () => REPORT_NOW, clock: clock() });

describe('refreshReports on a hand-made Leads sheet', () => {
  test('Cohorts tab: one row per week, newest first, with hand-counted reached numbers and rates', () => {
    const w = setup();
    const out = refresh(w);
    expect(out.kind).toBe('done');
    const v = w.app.spreadsheet.sheet('Cohorts').peekValues();
    // Period, Leads, Contacted reached, step %, Qualified reached, step %, Won reached, step %, Lead→Won
    expect(rowOf(v, 5, 9)).toEqual(['2026-11-23 – 2026-11-29', 1, 0, 0 / 1, 0, '—', 0, '—', 0 / 1]);
    expect(rowOf(v, 6, 9)).toEqual(['2026-11-16 – 2026-11-22', 3, 2, 2 / 3, 0, 0 / 2, 0, '—', 0 / 3]);
    expect(rowOf(v, 7, 9)).toEqual(['2026-11-09 – 2026-11-15', 3, 3, 3 / 3, 2, 2 / 3, 2, 2 / 2, 2 / 3]);
    expect(rowOf(v, 8, 9)).toEqual(['2026-11-02 – 2026-11-08', 4, 3, 3 / 4, 2, 2 / 3, 1, 1 / 2, 1 / 4]);
    expect(rowOf(v, 9, 9)).toEqual(['Total', 11, 8, 8 / 11, 4, 4 / 8, 3, 3 / 4, 3 / 11]);
    // The oldest cohort has no previous one to compare with.
    expect(v[7][9]).toBe('');
    // Header rows as a person reads them.
    expect(rowOf(v, 3, 9)).toEqual(['Period', 'Leads', 'Contacted', '', 'Qualified', '', 'Won', '', 'Lead→Won']);
    // Rates carry percentage formats; counts are real numbers.
    const s = w.app.spreadsheet.sheet('Cohorts');
    expect(s.format(8, 4).numberFormat).toBe('0.0%');
    expect(s.format(8, 9).numberFormat).toBe('0.00%');
    expect(s.formulaCount()).toBe(0);
  });

  test('Cohorts tab: implied passes (L6 skipped Contacted and Qualified) and the chart of mature cohorts', () => {
    const w = setup();
    refresh(w);
    const s = w.app.spreadsheet.sheet('Cohorts');
    const v = s.peekValues();
    const implied = v.findIndex((r) => r[0] === 'Contacted' && typeof r[1] === 'number');
    expect(v[implied].slice(0, 3)).toEqual(['Contacted', 1, 1 / 8]);
    expect(v[implied + 1].slice(0, 3)).toEqual(['Qualified', 1, 1 / 4]);
    expect(v[implied + 2].slice(0, 3)).toEqual(['Won', 0, 0 / 3]);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0].spec.type).toBe('line');
    expect(s.charts[0].spec.sheetOfRanges).toEqual(['Cohorts']);
  });

  test('the weeks follow the spreadsheet time zone: in UTC, L1 (Mon 01:30 Moscow) falls in the week of 26 Oct', () => {
    const w = setup({ timeZone: 'UTC' });
    refresh(w);
    const v = w.app.spreadsheet.sheet('Cohorts').peekValues();
    const periods = v.slice(4).map((r) => r[0]).filter((p) => typeof p === 'string' && /^\d{4}-/.test(p));
    expect(periods).toEqual([
      '2026-11-23 – 2026-11-29',
      '2026-11-16 – 2026-11-22',
      '2026-11-09 – 2026-11-15',
      '2026-11-02 – 2026-11-08',
      '2026-10-26 – 2026-11-01',
    ]);
    expect(rowOf(v, 9, 2)).toEqual(['2026-10-26 – 2026-11-01', 1]);
    expect(rowOf(v, 8, 2)).toEqual(['2026-11-02 – 2026-11-08', 3]);
  });

  test('a custom zone GMT-07:00 (which Intl rejects) buckets the leads at UTC−7, ten hours behind Moscow', () => {
    const w = setup({ timeZone: 'GMT-07:00' });
    const out = refresh(w);
    expect(out.kind).toBe('done');
    const v = w.app.spreadsheet.sheet('Cohorts').peekValues();
    const leadsIn = (week: string) => v.find((r) => r[0] === week)?.[1];
    // Moscow wall time − 10 h: L1 (Mon 2 Nov 01:30) → Sun 1 Nov 15:30; L8 (Mon 16 Nov 09:00) → Sun 15 Nov 23:00;
    // L11 (Mon 23 Nov 08:00) → Sun 22 Nov 22:00; L5 and L6 (10:00) → exactly midnight, so they stay.
    expect(leadsIn('2026-10-26 – 2026-11-01')).toBe(1); // L1
    expect(leadsIn('2026-11-02 – 2026-11-08')).toBe(3); // L2, L3, L4
    expect(leadsIn('2026-11-09 – 2026-11-15')).toBe(4); // L5, L6, L7, L8
    expect(leadsIn('2026-11-16 – 2026-11-22')).toBe(3); // L9, L10, L11
    expect(leadsIn('Total')).toBe(11);
    // The status time is 12:00 Moscow = 09:00 UTC = 02:00 at UTC−7.
    expect(String(w.app.spreadsheet.sheet('Cohorts').peek(1, 9))).toMatch(/^Refreshed 2026-11-25 02:00 · /);
  });

  test('Conversions tab: channel and manager sections with hand-counted numbers', () => {
    const w = setup();
    refresh(w);
    const v = w.app.spreadsheet.sheet('Conversions').peekValues();
    const section = (name: string) => v.findIndex((r) => r[0] === name && r[1] === 'Leads');
    const ch = section('Channel');
    // Each stage counts only leads old enough for it (README, "Conversions tab"). Usual times by hand
    // (Kaplan–Meier, report date ending 26 Nov 00:00): Contacted — 7 timed contacts, all before any
    // censoring, F reaches 0.8 at the 6th (L7, 19 h): every lead counts. Qualified — events 2.125 d (L2),
    // 2.4375 d (L1), 3.083 d (L5; L11 and L10 censored at 2.67 d and 3.0 d before it): G = 0.1, 0.2, 1/3,
    // 0.8 × 1/3 = 0.267 > 0.2, so 3 d 2 h: leads created by 22 Nov 22:00 (not L10, L11). Won — events
    // 8.44 d (L1, 8 at risk), 11.08 d (L5, 6 at risk), 14.25 d (L6, 4 at risk): G = 0.125, 0.271, 0.453;
    // 0.8 × 0.453 = 0.3625, so 14 d 6 h: leads created by 11 Nov 18:00 (L1–L6).
    // value, leads, contacted, step, qualified, step, won, step, overall (won / leads counted for Won)
    expect(v[ch + 2]).toEqual(['Google', 5, 5, 5 / 5, 3, 3 / 4, 2, 2 / 3, 2 / 3]); // Q over L1 L2 L5 L8; W over L1 L2 L5
    expect(v[ch + 3]).toEqual(['Facebook', 3, 1, 1 / 3, 0, 0 / 1, 0, '—', 0 / 2]); // W over L3 L4
    expect(v[ch + 4]).toEqual(['Organic', 3, 2, 2 / 3, 1, 1 / 2, 1, 1 / 1, 1 / 1]); // Q over L6 L7; W over L6
    const mg = section('Manager');
    expect(v[mg + 2]).toEqual(['Anna', 6, 5, 5 / 6, 3, 3 / 5, 2, 2 / 3, 2 / 3]); // Q over L1 L2 L6 L7 L8; W over L1 L2 L6
    expect(v[mg + 3]).toEqual(['Ivan', 5, 3, 3 / 5, 1, 1 / 2, 1, 1 / 1, 1 / 3]); // Q over L3 L4 L5 L9; W over L3 L4 L5
  });

  test('Data issues tab says there are none; status line, toast and saved record tell the outcome', () => {
    const w = setup();
    refresh(w);
    const ss = w.app.spreadsheet;
    expect(ss.sheet('Data issues').peekValues()).toEqual([
      ['Data issues · 0 found · the rest of the data was used'],
      ['No data issues found: every row was read.'],
    ]);
    const status = 'Refreshed 2026-11-25 12:00 · 1.3 s · 11 leads · 0 data issues · Channels: skipped, no Spend sheet';
    // Title row, above the overall-conversion column (I for three stages after Lead).
    expect(ss.sheet('Cohorts').peek(1, 9)).toBe(status);
    expect(ss.sheet('Cohorts').format(1, 9).fontStyle).toBe('italic');
    // A toast that stays while the work runs, then the outcome replaces it.
    expect(ss.toasts).toEqual([
      { msg: 'Refreshing the report tabs…', title: 'Funnel report', timeoutSeconds: 60 },
      { msg: 'Reports refreshed: 11 leads, 0 data issues, 1.3 s.', title: 'Funnel report', timeoutSeconds: 8 },
    ]);
    expect(JSON.parse(w.properties.document.store.get(LAST_REFRESH_KEY)!)).toEqual({
      at: REPORT_NOW.toISOString(),
      durationMs: 1300,
      leadsSheet: 'Leads',
      rowsRead: 11,
      leads: 11,
      issues: 0,
      tabs: ['Cohorts', 'Conversions', 'Data issues'],
      tabsById: { cohorts: 'Cohorts', conversions: 'Conversions', issues: 'Data issues' },
      statusCell: { sheet: 'Cohorts', row: 1, col: 9 },
      skippedReports: ['Channels: skipped, no Spend sheet'],
    });
    expect(w.app.ui.alerts).toEqual([]);
  });

  test('the Leads sheet is read once and never written; no settings are invented', () => {
    const w = setup();
    const before = w.app.spreadsheet.sheet('Leads').peekValues();
    refresh(w);
    expect(w.app.spreadsheet.sheet('Leads').peekValues()).toEqual(before);
    expect(w.app.calls.count('Sheet.getDataRange')).toBe(1);
    expect(w.properties.document.store.has(CONFIG_KEY)).toBe(false);
    expect(w.properties.document.store.has(LEADS_SHEET_KEY)).toBe(false);
  });

  test('refreshing again replaces the tabs in place, with the same calls as the refresh before it', () => {
    const w = setup();
    refresh(w);
    w.resetCalls();
    refresh(w);
    const second = w.app.calls.snapshot();
    const values = w.app.spreadsheet.sheet('Cohorts').peekValues();
    w.resetCalls();
    refresh(w);
    expect(w.app.calls.snapshot()).toEqual(second);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'Data issues']);
    expect(w.app.spreadsheet.sheet('Cohorts').peekValues()).toEqual(values);
    expect(w.app.spreadsheet.sheet('Cohorts').charts).toHaveLength(1);
  });

  test('Russian users get Russian tabs, status and toast', () => {
    const w = setup({ locale: 'ru_RU' });
    refresh(w);
    const ss = w.app.spreadsheet;
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Когорты', 'Конверсии', 'Ошибки данных']);
    expect(ss.sheet('Когорты').peek(1, 9)).toBe('Обновлено 2026-11-25 12:00 · 1,3 с · 11 лидов · 0 ошибок в данных · Каналы: пропущен, нет листа «Расходы»');
    expect(ss.toasts.map((t) => t.msg)).toEqual(['Обновляю листы отчёта…', 'Отчёты обновлены: 11 лидов, 0 ошибок в данных, 1,3 с.']);
  });
});

describe('refreshReports when something is in the way', () => {
  test('a second refresh while one holds the document lock is refused with a message and does nothing', () => {
    const w = setup();
    w.lock.state.holdByAnotherExecution();
    const out = refresh(w);
    expect(out).toEqual({ kind: 'busy', message: 'A refresh is already running. Wait for it to finish, then refresh again.' });
    expect(w.app.spreadsheet.toasts.map((t) => t.msg)).toEqual([out.kind === 'busy' ? out.message : '']);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads']);
    expect(w.properties.calls.count('Properties.getProperties')).toBe(0);
    expect(w.lock.locks[0].timeouts[0]).toBeLessThanOrEqual(5000);
    // The other execution still holds its lock.
    expect(w.lock.state.holder).not.toBeNull();
  });

  test('the lock is released after a refresh, also after one that fails', () => {
    const w = createFakeServices();
    refresh(w); // no leads sheet: fails with a message
    expect(w.lock.state.holder).toBeNull();
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    expect(refresh(w).kind).toBe('done');
    expect(w.lock.state.holder).toBeNull();
  });

  test('no leads sheet anywhere: a clear message pointing to "Set up example sheets"', () => {
    const w = createFakeServices();
    w.app.spreadsheet.addSheet('Notes', [['Meeting notes'], ['call Anna']]);
    const out = refresh(w);
    expect(out.kind).toBe('failed');
    expect(w.app.ui.alerts).toHaveLength(1);
    expect(w.app.ui.alerts[0]).toContain('No sheet with leads was found (looked at: Notes)');
    expect(w.app.ui.alerts[0]).toContain('"Set up example sheets"');
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Notes']);
    // The progress toast does not linger: the last toast says the refresh stopped.
    expect(w.app.spreadsheet.toasts.map((t) => t.msg)).toEqual(['Refreshing the report tabs…', 'The refresh stopped: see the message.']);
  });

  test('invalid saved settings: the message names the keys, nothing is written', () => {
    const w = setup();
    w.properties.document.store.set(CONFIG_KEY, JSON.stringify({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }], grain: 'fortnight' }));
    const out = refresh(w);
    expect(out.kind).toBe('failed');
    expect(w.app.ui.alerts[0]).toMatch(/^The saved funnel settings are invalid, so nothing was refreshed\. Fix these settings: grain: /);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads']);
  });

  test('invalid saved settings, for a Russian user: the errors are in Russian, with the same keys', () => {
    const w = setup({ locale: 'ru_RU' });
    w.properties.document.store.set(CONFIG_KEY, JSON.stringify({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }], grain: 'fortnight' }));
    expect(refresh(w).kind).toBe('failed');
    expect(w.app.ui.alerts[0]).toBe(
      'Сохранённые настройки воронки некорректны, поэтому ничего не обновлено. Исправьте настройки: grain: должно быть "week", "month" или "quarter".',
    );
  });

  test('a leads sheet named in the settings that is gone is reported by name, not replaced by a guess', () => {
    const w = setup();
    w.properties.document.store.set(LEADS_SHEET_KEY, 'Old leads');
    refresh(w);
    expect(w.app.ui.alerts[0]).toContain('"Old leads"');
    expect(w.app.spreadsheet.sheets).toHaveLength(1);
  });

  test('an empty leads sheet is reported, not crashed on', () => {
    const w = createFakeServices();
    w.app.spreadsheet.addSheet('Leads', []);
    w.properties.document.store.set(LEADS_SHEET_KEY, 'Leads');
    expect(refresh(w).kind).toBe('failed');
    expect(w.app.ui.alerts[0]).toContain('"Leads" is empty');
  });
});

describe('finding the leads sheet', () => {
  test('detection picks the sheet whose header looks like leads, wherever it is, and skips our own tabs', () => {
    const w = createFakeServices();
    const ss = w.app.spreadsheet;
    ss.addSheet('Budget', [['Month', 'Spend'], ['2026-11', 1000]]);
    ss.addSheet('Notes', [['Anything']]);
    ss.addSheet('CRM export', handMadeLeads());
    expect(refresh(w).kind).toBe('done');
    const v = ss.sheet('Cohorts').peekValues();
    expect(rowOf(v, 9, 3)).toEqual(['Total', 11, 8]);
    // A second refresh must not mistake a report tab for leads.
    expect(refresh(w).kind).toBe('done');
    expect(JSON.parse(w.properties.document.store.get(LAST_REFRESH_KEY)!).leadsSheet).toBe('CRM export');
  });

  test('the sheet named in the settings wins over detection, with the saved config in the spreadsheet zone', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    const ss = w.app.spreadsheet;
    ss.addSheet('Leads', handMadeLeads());
    // Only L1 and L2, in a sheet with other headers, named in the settings.
    const mine: Stored[][] = [
      ['Создан', 'Выиграна'],
      [msk('2026-11-02', '01:30'), msk('2026-11-10', '12:00')],
      [msk('2026-11-03', '09:00'), ''],
    ];
    ss.addSheet('Мои лиды', mine);
    w.properties.document.store.set(LEADS_SHEET_KEY, 'Мои лиды');
    w.properties.document.store.set(
      CONFIG_KEY,
      JSON.stringify({ columns: { createdAt: 'Создан' }, stages: [{ name: 'Won', column: 'Выиграна' }], timeZone: 'UTC' }),
    );
    expect(refresh(w).kind).toBe('done');
    const v = ss.sheet('Cohorts').peekValues();
    // Both in the week of 2 Nov: Moscow time, not the saved 'UTC' (which would put L1 in the week of 26 Oct).
    expect(rowOf(v, 5, 4)).toEqual(['2026-11-02 – 2026-11-08', 2, 1, 1 / 2]);
  });
});

test('the example Leads sheet is found by detection even when the settings lost its name', () => {
  const w = createFakeServices();
  runSetUpExampleSheets(w.services, { now: () => REPORT_NOW });
  w.properties.document.store.clear();
  expect(refresh(w).kind).toBe('done');
  expect(JSON.parse(w.properties.document.store.get(LAST_REFRESH_KEY)!).leadsSheet).toBe('Leads');
});
