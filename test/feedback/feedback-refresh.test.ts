/**
 * The Feedback tab through the whole Sheets refresh (fakes) and through the CLI with the previous
 * report file: created on the first run when the settings ask for feedback, people's cells kept on the
 * next run, the Review tab written beside it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runHeadlessRefresh } from '../../src/sheets/app';
import { SettingsStore } from '../../src/sheets/settings-store';
import { createFakeServices } from '../fakes/services';
import { runCli } from '../cli/run-helper';
import { handMadeLeads, REPORT_NOW } from '../sheets/helpers';

const CONFIG = {
  columns: { id: 'Lead ID', createdAt: 'Created at', channel: 'Channel', manager: 'Manager' },
  stages: [
    { name: 'Contacted', column: 'Contacted at' },
    { name: 'Qualified', column: 'Qualified at' },
    { name: 'Won', column: 'Won at' },
  ],
  feedback: {},
};

test('Sheets: the first refresh creates the Feedback tab (leads that reached Qualified), the next keeps what was typed; Review is written', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  expect(new SettingsStore(w.properties.document).saveConfig(CONFIG).ok).toBe(true);
  expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
  const fb = w.app.spreadsheet.sheet('Feedback');
  // Reached Qualified by 2026-11-25: L1, L2, L5 (dated) and L6 (implied by its win); L7 qualifies on the 26th.
  expect(fb.peekValues().slice(1).map((l) => l[0])).toEqual(['L1', 'L2', 'L5', 'L6']);
  const verdict = fb.peekValues()[0].indexOf('Sales verdict') + 1;
  fb.sort(1, false);
  fb.writeUserEntered(2, verdict, 'Rejected — duplicate'); // L6 after the descending sort
  fb.writeUserEntered(5, verdict, 'Accepted'); // L1
  expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
  const byLead = new Map(fb.peekValues().slice(1).map((l) => [l[0], l[verdict - 1]]));
  expect(Object.fromEntries(byLead)).toEqual({ L1: 'Accepted', L2: '', L5: '', L6: 'Rejected — duplicate' });
  // The status line says what the refresh did to the tab (first run: 4 new; this one: none).
  expect(String(w.app.spreadsheet.sheet('Cohorts').peek(1, 9))).toMatch(/ · Feedback: 4 handed-over leads, 0 new · Channels: skipped, no Spend sheet$/);
  const review = w.app.spreadsheet.sheet('Review').peekValues();
  const total = review.find((l) => l[0] === 'Total')!;
  // 4 handed over, 2 with a verdict (50%), 1 accepted (25%), 1 rejected.
  expect(total.slice(1, 7)).toEqual([4, 2, 0.5, 1, 0.25, 1]);
});

test('CLI: the previous report XLSX as --feedback keeps every typed cell by lead; the report may not overwrite it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-cli-'));
  const csv = handMadeLeads().map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(',')).join('\n');
  writeFileSync(join(dir, 'leads.csv'), csv);
  writeFileSync(join(dir, 'funnel.json'), JSON.stringify({ ...CONFIG, timeZone: 'Europe/Moscow' }));
  const first = await runCli(['leads.csv', '--config', 'funnel.json', '--as-of', '2026-11-25', '--out', 'week1.xlsx', '--quiet'], dir);
  expect(first.code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'week1.xlsx'));
  const ws = wb.getWorksheet('Feedback')!;
  const header = ws.getRow(1).values as unknown[];
  const rowOf = (id: string): number => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === id) return r;
    throw new Error(id);
  };
  expect(ws.getCell(2, header.indexOf('Sales verdict')).dataValidation).toMatchObject({ type: 'list' });
  ws.getCell(rowOf('L2'), header.indexOf('Sales verdict')).value = 'Rejected — not qualified';
  ws.getCell(rowOf('L2'), header.indexOf('Reason')).value = 'Price';
  ws.getCell(rowOf('L5'), header.indexOf('Comment')).value = { formula: '1+1', result: 2 };
  ws.getCell(rowOf('L6'), header.indexOf('Contact attempts')).value = 3;
  await wb.xlsx.writeFile(join(dir, 'week1-typed.xlsx'));

  const refused = await runCli(['leads.csv', '--config', 'funnel.json', '--feedback', 'week1-typed.xlsx', '--out', 'week1-typed.xlsx', '--quiet'], dir);
  expect(refused.code).toBe(2);

  const second = await runCli(['leads.csv', '--config', 'funnel.json', '--feedback', 'week1-typed.xlsx', '--as-of', '2026-11-27', '--out', 'week2.xlsx', '--json', 'week2.json', '--quiet'], dir);
  // No Spend file: the Channels report says it is skipped; nothing else goes to stderr.
  expect(second.stderr).toBe('funnel-report: Channels: skipped, no Spend file\n');
  const out = new ExcelJS.Workbook();
  await out.xlsx.readFile(join(dir, 'week2.xlsx'));
  const ws2 = out.getWorksheet('Feedback')!;
  const h2 = ws2.getRow(1).values as unknown[];
  const cells = new Map<string, unknown[]>();
  for (let r = 2; r <= ws2.rowCount; r++) {
    cells.set(String(ws2.getCell(r, 1).value), ['Sales verdict', 'Reason', 'Comment', 'Contact attempts'].map((l) => ws2.getCell(r, h2.indexOf(l)).value ?? ''));
  }
  // L7 qualified on the 26th: appended by the second run.
  expect(Object.fromEntries(cells)).toEqual({
    L1: ['', '', '', ''],
    L2: ['Rejected — not qualified', 'Price', '', ''],
    L5: ['', '', { formula: '1+1', result: 2 }, ''],
    L6: ['', '', '', 3],
    L7: ['', '', '', ''],
  });
  expect(out.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Review', 'Feedback']));
}, 60_000);

test('Sheets: a Feedback sheet name that is one of our report tabs is refused with a message; the reports are still written', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  expect(new SettingsStore(w.properties.document).saveConfig({ ...CONFIG, feedback: { sheet: 'Cohorts' } }).ok).toBe(true);
  const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
  expect(out.kind).toBe('done');
  if (out.kind !== 'done') return;
  expect(out.skipped).toEqual(['The Feedback tab was not written: "Cohorts" is a report tab of this add-on, cleared on every refresh. Set feedback.sheet to another name.']);
  expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'Review', 'Data issues']);
});

describe('Sheets: a Feedback sheet name that is an input of the run is refused; the input is never written, the reports are', () => {
  /** The status line, found where the last-run record says it is (the Cohorts tab in the report's language). */
  function statusOf(w: ReturnType<typeof createFakeServices>): string {
    const record = new SettingsStore(w.properties.document).lastRefresh() as { statusCell: { sheet: string; row: number; col: number } };
    return String(w.app.spreadsheet.sheet(record.statusCell.sheet).peek(record.statusCell.row, record.statusCell.col));
  }

  test('feedback.sheet = the leads sheet (EN)', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    const store = new SettingsStore(w.properties.document);
    expect(store.saveLeadsSheet('Leads')).toBe(true);
    expect(store.saveConfig({ ...CONFIG, feedback: { sheet: 'Leads' } }).ok).toBe(true);
    const before = JSON.stringify(w.app.spreadsheet.sheet('Leads').peekValues());
    const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
    expect(out.kind).toBe('done');
    expect(JSON.stringify(w.app.spreadsheet.sheet('Leads').peekValues())).toBe(before);
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Leads', 'Cohorts', 'Conversions', 'Data issues']));
    expect(w.app.spreadsheet.sheets.map((s) => s.name)).not.toContain('Feedback');
    expect(statusOf(w)).toContain(
      'The Feedback tab was not written: "Leads" is a sheet this refresh reads as an input (leads or spend), and a report never overwrites an input. Set feedback.sheet to another name.',
    );
  });

  test('feedback.sheet = the spend sheet (RU)', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    w.app.spreadsheet.addSheet('Расходы', [
      ['Month', 'Channel', 'Spend'],
      ['2026-11', 'Google', 1200],
      ['2026-11', 'Facebook', 800],
    ]);
    const store = new SettingsStore(w.properties.document);
    expect(store.saveLeadsSheet('Leads')).toBe(true);
    expect(store.saveConfig({ ...CONFIG, locale: 'ru', feedback: { sheet: 'Расходы' } }).ok).toBe(true);
    const leads = JSON.stringify(w.app.spreadsheet.sheet('Leads').peekValues());
    const spend = JSON.stringify(w.app.spreadsheet.sheet('Расходы').peekValues());
    const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
    expect(out.kind).toBe('done');
    expect(JSON.stringify(w.app.spreadsheet.sheet('Расходы').peekValues())).toBe(spend);
    expect(JSON.stringify(w.app.spreadsheet.sheet('Leads').peekValues())).toBe(leads);
    // The report tabs (more than the two inputs) are written.
    expect(w.app.spreadsheet.sheets.length).toBeGreaterThan(3);
    expect(statusOf(w)).toContain(
      'Лист обратной связи не записан: «Расходы» — лист, который это обновление читает как исходные данные (лиды или расходы), а отчёт никогда не перезаписывает исходные данные. Укажите в feedback.sheet другое имя.',
    );
  });
});

test.each([
  ['en', 'Feedback', 'The Feedback tab "Feedback" was not written: it kept changing during the refresh (sorted or rows inserted). Refresh again.'],
  ['ru', 'Feedback', 'Лист обратной связи «Feedback» не записан: он менялся во время обновления (сортировка или вставка строк). Обновите ещё раз.'],
] as const)('Sheets (%s): a Feedback tab that changes after every read is not written; the status says to refresh again', (locale, tab, message) => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  const store = new SettingsStore(w.properties.document);
  expect(store.saveConfig({ ...CONFIG, locale }).ok).toBe(true);
  expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
  const fb = w.app.spreadsheet.sheet(tab);
  fb.writeUserEntered(2, fb.peekValues()[0].length, 'typed by a person');
  const insertAfterEachRead = (): void => {
    fb.insertRowBefore(2);
    fb.afterNextRead = insertAfterEachRead;
  };
  fb.afterNextRead = insertAfterEachRead;
  expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
  fb.afterNextRead = null;
  // Only the inserted blank rows: every lead row is as the first refresh left it, the typed cell with it.
  const rows = fb.peekValues().filter((l) => l.some((v) => v !== ''));
  expect(rows.length).toBe(5);
  expect(rows[1][rows[1].length - 1]).toBe('typed by a person');
  const record = new SettingsStore(w.properties.document).lastRefresh() as { statusCell: { sheet: string; row: number; col: number } };
  expect(String(w.app.spreadsheet.sheet(record.statusCell.sheet).peek(record.statusCell.row, record.statusCell.col))).toContain(message);
});
