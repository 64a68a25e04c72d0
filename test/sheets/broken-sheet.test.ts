/**
 * A Leads sheet as people really leave them: a merged header cell and a blank header, empty rows in
 * the middle, bad and impossible dates, a duplicate ID, a stage dated before the lead. The refresh
 * must not crash, must use the good rows, and must list every problem with the row number a person
 * sees in Sheets (empty rows included), each linked to that row.
 */
import { runRefreshReports } from '../../src/sheets/app';
import { createFakeServices } from '../fakes/services';
import { msk, REPORT_NOW } from './helpers';

function brokenWorld() {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  const leads = w.app.spreadsheet.addSheet('Leads', [
    /* 1 */ ['Lead ID', 'Created at', 'Channel', 'Contacted at', 'Won at', '', 'Comment', ''],
    /* 2 */ ['A-1', msk('2026-11-02', '10:00'), 'Google', msk('2026-11-02', '12:00'), '', 'typed here', 'ok', ''],
    /* 3 */ ['A-2', 'sometime in May', 'Google', '', '', '', '', ''],
    /* 4 */ ['A-1', msk('2026-11-03', '10:00'), 'Facebook', '', msk('2026-11-06', '10:00'), '', '', ''],
    /* 5 */ ['', '', '', '', '', '', '', ''],
    /* 6 */ ['', '', '', '', '', '', '', ''],
    /* 7 */ ['A-4', msk('2026-11-04', '10:00'), 'Google', '31.02.2026', '', '', '', ''],
    /* 8 */ ['A-5', msk('2026-11-05', '10:00'), 'Organic', '', msk('2026-11-01', '10:00'), '', '', ''],
    /* 9 */ ['', '', 'Facebook', msk('2026-11-05', '11:00'), '', '', '', ''],
    /* 10 */ ['A-7', msk('2026-11-09', '10:00'), 'Google', 'yesterday', '', '', '', ''],
    // Rows 11–18: good leads, so most "Contacted at" values are dates and detection keeps the column.
    ...Array.from({ length: 8 }, (_, i) => [
      `B-${i}`, msk(`2026-11-1${i}`, '09:00'), 'Referral', msk(`2026-11-1${i}`, '15:00'), '', '', '', '',
    ]),
  ]);
  // "Comment" was merged across G1:H1 by a person; Sheets keeps the text in G1 and leaves H1 blank.
  leads.seedMerge({ row: 1, col: 7, numRows: 1, numCols: 2 });
  return { w, leads };
}

test('a broken Leads sheet refreshes without crashing and lists every problem at its real row', () => {
  const { w, leads } = brokenWorld();
  const out = runRefreshReports(w.services, { now: () => REPORT_NOW });
  expect(out.kind).toBe('done');
  expect(w.app.ui.alerts).toEqual([]);
  if (out.kind !== 'done') return;
  // Fifteen non-empty rows under the header; rows 3 and 9 have no usable creation date.
  expect(out.record).toMatchObject({ rowsRead: 15, leads: 13 });

  const issues = w.app.spreadsheet.sheet('Data issues');
  const v = issues.peekValues();
  expect(v[0][0]).toBe(`Data issues · ${out.record.issues} found · the rest of the data was used`);
  const listed = v.slice(2).map((r) => ({ cell: r[0], column: r[1], value: r[2], severity: r[4] }));
  expect(listed).toHaveLength(out.record.issues);
  const expected = [
    // The cell is the offending one: Lead ID is column A, Created at B, Contacted at D, Won at E.
    { cell: 'Leads!B3', column: 'Created at', value: 'sometime in May', severity: 'error' },
    { cell: 'Leads!A4', column: 'Lead ID', value: 'A-1', severity: 'warning' },
    { cell: 'Leads!D7', column: 'Contacted at', value: '31.02.2026', severity: 'error' },
    { cell: 'Leads!E8', column: 'Won at', value: '2026-11-01 10:00', severity: 'warning' },
    { cell: 'Leads!B9', column: 'Created at', value: '', severity: 'error' },
    { cell: 'Leads!D10', column: 'Contacted at', value: 'yesterday', severity: 'error' },
    // Data under the blank header F1 points at F2.
    { cell: 'Leads!F2', column: 'F', value: 'typed here', severity: 'warning' },
  ];
  for (const e of expected) expect(listed).toContainEqual(e);
  // Every listed cell links to that cell of the Leads sheet.
  listed.forEach((l, i) => expect(issues.format(3 + i, 1).link).toBe(`#gid=${leads.id}&range=${String(l.cell).slice('Leads!'.length)}`));
  // The duplicate names the first row with the same ID.
  const dup = v.find((r) => r[0] === 'Leads!A4')!;
  expect(String(dup[3])).toContain('row 2');
  // The problem column wraps, so a long explanation is read, not cut off.
  expect(issues.format(3, 4).wrap).toBe(true);

  // The good rows still make the report: week of 2 Nov has rows 2, 4, 7, 8 (row 3 unusable).
  const cohorts = w.app.spreadsheet.sheet('Cohorts').peekValues();
  const week = cohorts.find((r) => r[0] === '2026-11-02 – 2026-11-08')!;
  expect(week[1]).toBe(4);
  // The Leads sheet itself is untouched, merge and all.
  expect(leads.merges).toEqual([{ row: 1, col: 7, numRows: 1, numCols: 2 }]);
  expect(leads.peek(2, 6)).toBe('typed here');
});
