/**
 * Unreadable Feedback cells (a contact-attempts value that is not a whole number, a date that is not
 * a date, a verdict not in the list) are data issues like every other: listed on the Data issues tab
 * with a link to the Feedback sheet's cell (Sheets and XLSX, English and Russian) and in `--json`
 * dataIssues with their code and params, besides the top of the Review tab.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { columnLetter } from '../../src/core/a1';
import { runHeadlessRefresh } from '../../src/sheets/app';
import { SettingsStore } from '../../src/sheets/settings-store';
import { createFakeServices } from '../fakes/services';
import type { FakeSheet } from '../fakes/spreadsheet';
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

/** The problems as the message catalogues word them (src/core/messages/en.ts, ru.ts). */
const PROBLEM = {
  en: {
    attempts: 'not a whole number of contact attempts: left out of the Review',
    date: 'not a date (YYYY-MM-DD or DD.MM.YYYY): left out of the Review',
  },
  ru: {
    attempts: 'не целое число попыток связаться: не учитывается в разборе',
    date: 'не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ): не учитывается в разборе',
  },
};

const LABELS = {
  en: { tab: 'Feedback', issues: 'Data issues', lead: 'Lead ID', attempts: 'Contact attempts', nextStep: 'Next step date' },
  ru: { tab: 'Feedback', issues: 'Ошибки данных', lead: 'ID лида', attempts: 'Попыток связаться', nextStep: 'Дата следующего шага' },
};

function rowOfLead(sheet: FakeSheet, lead: string): number {
  const i = sheet.peekValues().findIndex((l) => l[0] === lead);
  if (i < 1) throw new Error(`no row for ${lead}`);
  return i + 1;
}

describe.each(['en', 'ru'] as const)('Sheets (%s): bad Feedback cells on the Data issues tab', (locale) => {
  test('each is a row naming Feedback!cell, the column header and the value, linked to that cell; the good cells raise nothing', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    expect(new SettingsStore(w.properties.document).saveConfig({ ...CONFIG, locale }).ok).toBe(true);
    expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');
    const fb = w.app.spreadsheet.sheet('Feedback');
    const header = fb.peekValues()[0];
    const L = LABELS[locale];
    const attempts = header.indexOf(L.attempts) + 1;
    const nextStep = header.indexOf(L.nextStep) + 1;
    expect(attempts).toBeGreaterThan(0);
    expect(nextStep).toBeGreaterThan(0);
    // Sorting first: the issues must name the rows as they are now, not as the refresh wrote them.
    fb.sort(1, false);
    const l2 = rowOfLead(fb, 'L2');
    const l5 = rowOfLead(fb, 'L5');
    fb.writeUserEntered(l2, attempts, 'three');
    fb.writeUserEntered(l5, nextStep, 'next Tuesday');
    fb.writeUserEntered(rowOfLead(fb, 'L1'), attempts, '2'); // a good value: no issue
    expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW }).kind).toBe('done');

    const issues = w.app.spreadsheet.sheet(L.issues);
    const rows = issues.peekValues();
    const listed = rows.map((l, i) => ({ l, row: i + 1 })).filter(({ l }) => String(l[0]).startsWith('Feedback!'));
    const a1Attempts = `${columnLetter(attempts - 1)}${l2}`;
    const a1Next = `${columnLetter(nextStep - 1)}${l5}`;
    expect(listed.map(({ l }) => l.slice(0, 4))).toEqual([
      [`Feedback!${a1Next}`, L.nextStep, 'next Tuesday', PROBLEM[locale].date],
      [`Feedback!${a1Attempts}`, L.attempts, 'three', PROBLEM[locale].attempts],
    ]);
    // The links open the Feedback sheet at the offending cell, which holds the value quoted.
    expect(listed.map(({ row }) => issues.format(row, 1).link)).toEqual([`#gid=${fb.id}&range=${a1Next}`, `#gid=${fb.id}&range=${a1Attempts}`]);
    expect(fb.peek(l5, nextStep)).toBe('next Tuesday');
    expect(fb.peek(l2, attempts)).toBe('three');
    // Still at the top of the Review tab too.
    const review = w.app.spreadsheet.sheet(locale === 'ru' ? 'Разбор' : 'Review').peekValues().flat().map(String);
    expect(review.some((v) => v.includes('three'))).toBe(true);
  });
});

test('CLI: bad cells typed into the previous report are on the new Data issues tab (linked to the Feedback sheet) and in --json dataIssues with code and params', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-issues-'));
  const csv = handMadeLeads().map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(',')).join('\n');
  writeFileSync(join(dir, 'leads.csv'), csv);
  writeFileSync(join(dir, 'funnel.json'), JSON.stringify({ ...CONFIG, timeZone: 'Europe/Moscow' }));
  const first = await runCli(['leads.csv', '--config', 'funnel.json', '--as-of', '2026-11-25', '--out', 'week1.xlsx', '--quiet'], dir);
  expect(first.code).toBe(0);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'week1.xlsx'));
  const ws = wb.getWorksheet('Feedback')!;
  const header = ws.getRow(1).values as unknown[]; // 1-based: header[c] is column c
  const rowOf = (id: string): number => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === id) return r;
    throw new Error(id);
  };
  const attempts = header.indexOf('Contact attempts');
  const firstAttempt = header.indexOf('First contact attempt');
  ws.getCell(rowOf('L6'), attempts).value = 2.5;
  ws.getCell(rowOf('L1'), firstAttempt).value = '31.02.2026';
  await wb.xlsx.writeFile(join(dir, 'week1-typed.xlsx'));

  for (const lang of ['en', 'ru'] as const) {
    const out = await runCli(['leads.csv', '--config', 'funnel.json', '--feedback', 'week1-typed.xlsx', '--as-of', '2026-11-27', '--lang', lang, '--out', `week2-${lang}.xlsx`, '--json', `week2-${lang}.json`, '--quiet'], dir);
    expect(out.code).toBe(0);
    const a1Attempts = `${columnLetter(attempts - 1)}${rowOf('L6')}`;
    const a1First = `${columnLetter(firstAttempt - 1)}${rowOf('L1')}`;

    const json = JSON.parse(readFileSync(join(dir, `week2-${lang}.json`), 'utf8')) as { dataIssues: Record<string, unknown>[] };
    const fbIssues = json.dataIssues.filter((i) => i.sheet === 'Feedback');
    expect(fbIssues).toEqual([
      expect.objectContaining({ code: 'feedback.badDate', params: {}, sheet: 'Feedback', row: rowOf('L1'), column: 'First contact attempt', value: '31.02.2026', problem: PROBLEM.en.date, problemRu: PROBLEM.ru.date, severity: 'warning' }),
      expect.objectContaining({ code: 'feedback.badAttempts', params: {}, sheet: 'Feedback', row: rowOf('L6'), column: 'Contact attempts', value: '2.5', problem: PROBLEM.en.attempts, problemRu: PROBLEM.ru.attempts, severity: 'warning' }),
    ].sort((a, b) => (a as { row: number }).row - (b as { row: number }).row));

    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(join(dir, `week2-${lang}.xlsx`));
    const tab = report.getWorksheet(LABELS[lang].issues)!;
    const found: { cell: unknown; column: unknown; value: unknown; problem: unknown }[] = [];
    tab.eachRow((row) => {
      const v = row.getCell(1).value as { text?: string; hyperlink?: string } | string | null;
      const text = typeof v === 'object' && v !== null ? v.text : v;
      if (typeof text === 'string' && text.startsWith('Feedback!')) found.push({ cell: v, column: row.getCell(2).value, value: row.getCell(3).value, problem: row.getCell(4).value });
    });
    const expected = [
      { row: rowOf('L1'), item: { cell: { text: `Feedback!${a1First}`, hyperlink: `#'Feedback'!${a1First}` }, column: 'First contact attempt', value: '31.02.2026', problem: PROBLEM[lang].date } },
      { row: rowOf('L6'), item: { cell: { text: `Feedback!${a1Attempts}`, hyperlink: `#'Feedback'!${a1Attempts}` }, column: 'Contact attempts', value: '2.5', problem: PROBLEM[lang].attempts } },
    ];
    expect(found).toEqual(expected.sort((a, b) => a.row - b.row).map((e) => e.item));
    // The linked cells of the new report's Feedback sheet hold the values quoted.
    const fb2 = report.getWorksheet('Feedback')!;
    expect(fb2.getCell(a1Attempts).value).toBe(2.5);
    expect(fb2.getCell(a1First).value).toBe('31.02.2026');
  }
}, 90_000);
