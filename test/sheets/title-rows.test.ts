/**
 * A leads sheet whose header sits under title lines (as many CRM report exports pasted into Sheets
 * have): the refresh finds the header, counts the same hand-made leads, and the Data issues tab names
 * the real sheet row.
 */
import { runRefreshReports } from '../../src/sheets/app';
import { createFakeServices } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { handMadeLeads, REPORT_NOW, rowOf } from './helpers';

test('two title lines above the header: same counts as without them, issue at the real row 15', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  const leads: Stored[][] = [
    ['Weekly leads export', '', '', '', '', '', ''], // 1
    ['', '', '', '', '', '', ''], // 2
    ...handMadeLeads(), // header = row 3, L1 … L11 = rows 4 … 14
    ['L12', '', 'Google', 'Anna', '', '', ''], // 15: no creation date
  ];
  w.app.spreadsheet.addSheet('Leads', leads);
  const out = runRefreshReports(w.services, { now: () => REPORT_NOW, clock: () => 0 });
  expect(out.kind).toBe('done');
  const cohorts = w.app.spreadsheet.sheet('Cohorts').peekValues();
  // Hand counts in helpers.ts: 11 leads, contacted 8, qualified 4, won 3.
  expect(rowOf(cohorts, 9, 9)).toEqual(['Total', 11, 8, 8 / 11, 4, 4 / 8, 3, 3 / 4, 3 / 11]);
  const issues = w.app.spreadsheet.sheet('Data issues').peekValues();
  const flat = issues.flat().map(String);
  // The blank creation date of row 15 is in column B (handMadeLeads: Lead ID, Created at, …).
  expect(flat.filter((c) => /^Leads![A-Z]+\d+$/.test(c))).toEqual(['Leads!B15']);
});
