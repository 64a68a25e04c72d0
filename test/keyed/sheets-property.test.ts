/**
 * Property: on the SpreadsheetApp fakes, over 1,000 random sequences (a first refresh, then 6 to 20
 * steps) of sort, filter, insert row, delete row, move column, human edit, a key typed by hand and
 * refresh, no value a person typed is ever lost or attached to another key (model in property-model.ts).
 */
import fc from 'fast-check';
import { COLUMN_KEY } from '../../src/sheets/keyed-writer';
import { isDate, type FakeSheet, type Stored } from '../fakes/spreadsheet';
import { runSequence, sequenceArbitrary, type Canon, type Surface, type Typing } from './property-model';
import { setup } from './sheets-helpers';
import { SPEC } from './spec-fixture';

/** What typing each entry leaves in Sheets (the fake parses as Sheets does; zone Europe/Moscow, UTC+3). */
const TYPINGS: Typing[] = [
  { typed: 'yes', canon: 'yes' },
  { typed: 'no: wrong region', canon: 'no: wrong region' },
  { typed: 'нет ответа', canon: 'нет ответа' },
  { typed: '=1+1', canon: 'FORMULA:=1+1' },
  { typed: '42', canon: 42 },
  { typed: '2026-01-05', canon: 'DATE:2026-01-04T21:00:00.000Z' },
  { typed: "'=2+2", canon: '=2+2' },
  { typed: '', canon: '' },
];

function canonOf(sheet: FakeSheet, r: number, c: number, v: Stored): Canon {
  const f = sheet.formulaAt(r, c);
  if (f !== undefined) return `FORMULA:${f}`;
  if (isDate(v)) return `DATE:${v.toISOString()}`;
  if (typeof v === 'boolean') return String(v);
  return v;
}

function sheetsSurface(): Surface & { sheet(): FakeSheet } {
  const { app, refresh } = setup();
  const sheet = (): FakeSheet => app.spreadsheet.sheet(SPEC.sheetName);
  return {
    sheet,
    async read() {
      const s = sheet();
      return s.peekValues().map((line, i) => line.map((v, j) => canonOf(s, i + 1, j + 1, v)));
    },
    async sort(col, ascending) {
      sheet().sort(col, ascending);
    },
    async filter(col, parity) {
      sheet().filterRows((line) => String(line[col - 1] ?? '').length % 2 === parity);
    },
    async insertRowBefore(row) {
      sheet().insertRowBefore(row);
    },
    async deleteRow(row) {
      sheet().deleteRow(row);
    },
    async moveColumn(col, dest) {
      const s = sheet();
      s.moveColumns(s.getRange(1, col, 1, 1), dest);
    },
    async type(row, col, typed) {
      sheet().writeUserEntered(row, col, typed);
    },
    async refresh(rows) {
      refresh(rows);
    },
  };
}

test('1,000 random sequences on the Sheets fakes: nothing typed is lost or moves to another key', async () => {
  let sequences = 0;
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary(TYPINGS.length, 20), async (ops) => {
      sequences++;
      const surface = sheetsSurface();
      await runSequence(surface, ops, TYPINGS);
      // Column ids stay one per spec column and on the right header.
      const s = surface.sheet();
      const header = s.peekValues()[0];
      for (const m of s.columnMetadata) expect(m.key).toBe(COLUMN_KEY);
      const onColumns = new Map(s.columnMetadata.map((m) => [m.value, header[m.place.column! - 1]]));
      expect(onColumns.get('comment')).toBe('Comment');
      expect(onColumns.get('lead')).toBe('Lead ID');
      expect(s.columnMetadata.length).toBe(6);
    }),
    { numRuns: 1000 },
  );
  expect(sequences).toBeGreaterThanOrEqual(1000);
});
