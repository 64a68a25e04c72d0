/**
 * XLSX keeps data validation by cell address, not with the column. After people move columns of the
 * Feedback tab in a tool that moves values but not the rules, the previous run's verdict dropdown sits
 * on whichever column took the verdict's old place. The writer clears its own lists wherever they are
 * (and any list on the columns that get a dropdown) before putting the dropdowns where the columns
 * are now; rules people set themselves (a date rule on a people's column, a list on a column of their
 * own) stay.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { XlsxKeyedTabWriter } from '../../src/cli/xlsx-keyed';
import { newWorkbook } from '../../src/cli/xlsx-writer';
import type { KeyedRow } from '../../src/core/keyed-spec';
import { FEEDBACK_SPEC } from '../feedback/profile';

const ROWS: KeyedRow[] = ['L1', 'L2', 'L3'].map((key) => ({ key, values: { channel: 'Google', manager: 'Anna' } }));

async function roundTrip(wb: ExcelJS.Workbook, file: string): Promise<ExcelJS.Workbook> {
  await wb.xlsx.writeFile(file);
  const back = newWorkbook();
  await back.xlsx.readFile(file);
  return back;
}

function colOf(ws: ExcelJS.Worksheet, label: string): number {
  const c = (ws.getRow(1).values as unknown[]).indexOf(label);
  if (c < 1) throw new Error(label);
  return c;
}

/** Swaps two columns' cells (values only): what a tool that moves cells but not their rules leaves. */
function swapColumnValues(ws: ExcelJS.Worksheet, a: number, b: number): void {
  for (let r = 1; r <= ws.rowCount; r++) {
    const x = ws.getCell(r, a).value;
    ws.getCell(r, a).value = ws.getCell(r, b).value;
    ws.getCell(r, b).value = x;
  }
}

test('after the verdict and comment columns swap places, the verdict list follows the verdict; the comment column has none; people’s own rules stay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-dv-'));
  const first = newWorkbook();
  new XlsxKeyedTabWriter(first, null, 'en').mergeKeyedTab(FEEDBACK_SPEC, ROWS);
  const previous = await roundTrip(first, join(dir, 'w1.xlsx'));
  const ws = previous.getWorksheet('Feedback')!;
  const verdictBefore = colOf(ws, 'Sales verdict');
  const commentBefore = colOf(ws, 'Comment');
  expect(ws.getCell(3, verdictBefore).dataValidation).toMatchObject({ type: 'list' });
  expect(ws.getCell(3, commentBefore).dataValidation).toBeUndefined();
  swapColumnValues(ws, verdictBefore, commentBefore);
  // People's own rules: a date rule on "Next step date", a list on a column of their own at the right.
  const nextStep = colOf(ws, 'Next step date');
  ws.getCell(2, nextStep).dataValidation = { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(2026, 0, 1))] };
  const own = ws.columnCount + 1;
  ws.getCell(1, own).value = 'Priority';
  ws.getCell(2, own).dataValidation = { type: 'list', allowBlank: true, formulae: ['"high,low"'] };
  const typed = await roundTrip(previous, join(dir, 'w1-typed.xlsx'));

  const second = newWorkbook();
  new XlsxKeyedTabWriter(second, typed, 'en').mergeKeyedTab(FEEDBACK_SPEC, ROWS);
  const out = (await roundTrip(second, join(dir, 'w2.xlsx'))).getWorksheet('Feedback')!;
  const verdict = colOf(out, 'Sales verdict');
  const comment = colOf(out, 'Comment');
  expect([verdict, comment]).toEqual([commentBefore, verdictBefore]);
  for (const r of [2, 3, 4, 900]) {
    expect(out.getCell(r, verdict).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('Back to nurturing')] });
    expect(out.getCell(r, comment).dataValidation).toBeUndefined();
  }
  expect(out.getCell(2, colOf(out, 'Reason')).dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('Competitor')] });
  expect(out.getCell(2, nextStep).dataValidation).toMatchObject({ type: 'date', operator: 'greaterThan' });
  expect(out.getCell(2, own).dataValidation).toMatchObject({ type: 'list', formulae: ['"high,low"'] });
  // The header row never gets a rule.
  expect(out.getCell(1, verdict).dataValidation).toBeUndefined();
});
