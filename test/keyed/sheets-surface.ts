/** The keyed tab on the SpreadsheetApp fakes as a property-test Surface (property-model.ts), and the typings people enter there. */
import type { KeyedTabSpec } from '../../src/core/keyed-spec';
import { isDate, type FakeSheet, type Stored } from '../fakes/spreadsheet';
import type { Canon, Surface, Typing } from './property-model';
import { setup } from './sheets-helpers';
import { SPEC } from './spec-fixture';

/** What typing each entry leaves in Sheets (the fake parses as Sheets does; zone Europe/Moscow, UTC+3). */
export const TYPINGS: Typing[] = [
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

export function sheetsSurface(spec: KeyedTabSpec = SPEC): Surface & { sheet(): FakeSheet } {
  const { app, refresh } = setup('en', spec);
  const sheet = (): FakeSheet => app.spreadsheet.sheet(spec.sheetName);
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

