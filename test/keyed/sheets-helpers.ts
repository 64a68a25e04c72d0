/** Shared setup for the keyed-tab tests on the SpreadsheetApp fakes. */
import type { KeyedRow, KeyedTabSpec } from '../../src/core/keyed-spec';
import { SheetsKeyedTabWriter } from '../../src/sheets/keyed-writer';
import { FakeEnv, FakeSpreadsheetApp, type FakeSheet, type Stored } from '../fakes/spreadsheet';
import { SPEC } from './spec-fixture';

export function setup(locale: 'en' | 'ru' = 'en', spec: KeyedTabSpec = SPEC): { app: FakeSpreadsheetApp; writer: SheetsKeyedTabWriter; refresh: (rows: KeyedRow[]) => FakeSheet } {
  const app = new FakeSpreadsheetApp(new FakeEnv());
  const writer = new SheetsKeyedTabWriter(app.spreadsheet, locale, app);
  const refresh = (rows: KeyedRow[]): FakeSheet => {
    writer.mergeKeyedTab(spec, rows);
    return app.spreadsheet.sheet(spec.sheetName);
  };
  return { app, writer, refresh };
}

/** 1-based column of a header label on row 1 (test's own lookup, independent of the writer). */
export function colOf(sheet: FakeSheet, label: string): number {
  const header = sheet.peekValues()[0] ?? [];
  const i = header.indexOf(label);
  if (i < 0) throw new Error(`No column "${label}" in ${JSON.stringify(header)}`);
  return i + 1;
}

/** 1-based rows holding `key` in the key column. */
export function rowsOf(sheet: FakeSheet, key: string): number[] {
  const c = colOf(sheet, 'Lead ID');
  const out: number[] = [];
  sheet.peekValues().forEach((line, i) => {
    if (i > 0 && line[c - 1] === key) out.push(i + 1);
  });
  return out;
}

/** The cell of `key`'s only row in the column titled `label`. */
export function cell(sheet: FakeSheet, key: string, label: string): Stored {
  const rows = rowsOf(sheet, key);
  if (rows.length !== 1) throw new Error(`Key ${key} is on rows ${JSON.stringify(rows)}`);
  return sheet.peek(rows[0], colOf(sheet, label));
}

/** A person typing into a cell (parsed as typing is: '=1+1' becomes a formula). */
export function type(sheet: FakeSheet, row: number, col: number, value: Stored): void {
  sheet.writeUserEntered(row, col, value);
}
