/**
 * "Sales made to leads once sent back to nurturing": the verdict is read as it stands, so a lead whose
 * verdict went from "Back to nurturing" to "Won" would drop out of that count. The Feedback tab keeps a
 * computed, sticky column "Sent back to nurturing (first seen)": the first refresh that sees the
 * verdict sets it to its report date, and no refresh clears it; the Review counts from it. Through the
 * Sheets refresh on the fakes and through the CLI with the previous report file.
 *
 * Hand-made leads (test/sheets/helpers.ts): handed over (reached Qualified by 2026-11-25) are L1, L2,
 * L5 and L6; L1, L5 and L6 are won in Leads by then, L2 is not.
 * Story: refresh 1 (25 Nov) creates the tab. People mark L6 and L2 "Back to nurturing", L1 "Won".
 * Refresh 2 (25 Nov) sets the mark on L6 and L2: sent back 2, sales to former leads 1 (L6).
 * People change L6 to "Won". Refresh 3 (27 Nov): the marks stay as set on the 25th; still 2 and 1
 * (L7, qualified on the 26th, is appended without a mark).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runHeadlessRefresh } from '../../src/sheets/app';
import { SettingsStore } from '../../src/sheets/settings-store';
import { createFakeServices } from '../fakes/services';
import type { FakeSheet } from '../fakes/spreadsheet';
import { runCli } from '../cli/run-helper';
import { handMadeLeads, msk, REPORT_NOW } from '../sheets/helpers';

const CONFIG = {
  columns: { id: 'Lead ID', createdAt: 'Created at', channel: 'Channel', manager: 'Manager' },
  stages: [
    { name: 'Contacted', column: 'Contacted at' },
    { name: 'Qualified', column: 'Qualified at' },
    { name: 'Won', column: 'Won at' },
  ],
  feedback: {},
};

const MARK = 'Sent back to nurturing (first seen)';

function cellOf(sheet: FakeSheet, lead: string, label: string): { row: number; col: number } {
  const values = sheet.peekValues();
  const row = values.findIndex((l) => l[0] === lead) + 1;
  const col = values[0].indexOf(label) + 1;
  if (row < 2 || col < 1) throw new Error(`${lead} / ${label}`);
  return { row, col };
}

function marks(sheet: FakeSheet): Record<string, unknown> {
  const values = sheet.peekValues();
  const col = values[0].indexOf(MARK);
  return Object.fromEntries(values.slice(1).map((l) => [l[0], l[col]]));
}

/** The two counts under "Back to nurturing" on the Review tab (label in column A, count in B). */
function nurturingCounts(review: unknown[][]): [unknown, unknown] {
  const sent = review.find((l) => l[0] === 'Leads ever sent back to nurturing')!;
  const won = review.find((l) => l[0] === 'Sales made to former leads (sent back to nurturing, won in Leads)')!;
  return [sent[1], won[1]];
}

test('Sheets: a lead moved from "Back to nurturing" to "Won" stays a sale to a former lead; the mark is never cleared', () => {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  expect(new SettingsStore(w.properties.document).saveConfig(CONFIG).ok).toBe(true);
  const refresh = (now: Date): void => {
    expect(runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => now }).kind).toBe('done');
  };
  refresh(REPORT_NOW);
  const fb = w.app.spreadsheet.sheet('Feedback');
  expect(marks(fb)).toEqual({ L1: '', L2: '', L5: '', L6: '' });
  const type = (lead: string, value: string): void => {
    const { row, col } = cellOf(fb, lead, 'Sales verdict');
    fb.writeUserEntered(row, col, value);
  };
  type('L6', 'Back to nurturing');
  type('L2', 'возвращён в прогрев'); // the Russian label, typed in lower case, reads the same
  type('L1', 'Won');
  refresh(REPORT_NOW);
  expect(marks(fb)).toEqual({ L1: '', L2: '2026-11-25', L5: '', L6: '2026-11-25' });
  expect(nurturingCounts(w.app.spreadsheet.sheet('Review').peekValues())).toEqual([2, 1]);

  // Sorting moves the rows; the mark follows its lead (it is matched by lead id like every cell).
  fb.sort(1, false);
  type('L6', 'Won');
  refresh(msk('2026-11-27', '12:00'));
  // L7 (qualified on the 26th) is appended, unmarked.
  expect(marks(fb)).toEqual({ L1: '', L2: '2026-11-25', L5: '', L6: '2026-11-25', L7: '' });
  expect(fb.peek(cellOf(fb, 'L6', 'Sales verdict').row, cellOf(fb, 'L6', 'Sales verdict').col)).toBe('Won');
  // L6 still counts: sent back 2 (L2, L6), sales to former leads 1 (L6, won in Leads).
  expect(nurturingCounts(w.app.spreadsheet.sheet('Review').peekValues())).toEqual([2, 1]);
});

test('CLI: the mark travels in the report file; the next run counts the lead whose verdict became Won', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-nurture-'));
  const csv = handMadeLeads().map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v))).join(',')).join('\n');
  writeFileSync(join(dir, 'leads.csv'), csv);
  writeFileSync(join(dir, 'funnel.json'), JSON.stringify({ ...CONFIG, timeZone: 'Europe/Moscow' }));
  const run = async (args: string[]): Promise<void> => {
    const out = await runCli(['leads.csv', '--config', 'funnel.json', '--quiet', ...args], dir);
    expect(out.stderr.split('\n').filter((l) => l !== '' && !l.includes('skipped, no Spend file'))).toEqual([]);
    expect(out.code).toBe(0);
  };
  /** Opens `file`, lets `edit` change its Feedback sheet's verdicts, saves it as `to`. */
  const typeVerdicts = async (file: string, to: string, verdicts: Record<string, string>): Promise<void> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    const ws = wb.getWorksheet('Feedback')!;
    const col = (ws.getRow(1).values as unknown[]).indexOf('Sales verdict');
    for (let r = 2; r <= ws.rowCount; r++) {
      const lead = String(ws.getCell(r, 1).value);
      if (verdicts[lead] !== undefined) ws.getCell(r, col).value = verdicts[lead];
    }
    await wb.xlsx.writeFile(join(dir, to));
  };
  const fileMarks = async (file: string): Promise<Record<string, unknown>> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, file));
    const ws = wb.getWorksheet('Feedback')!;
    const col = (ws.getRow(1).values as unknown[]).indexOf(MARK);
    const out: Record<string, unknown> = {};
    for (let r = 2; r <= ws.rowCount; r++) out[String(ws.getCell(r, 1).value)] = ws.getCell(r, col).value ?? '';
    return out;
  };
  const nurturing = (file: string): unknown => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { review: { nurturing: unknown } }).review.nurturing;

  await run(['--as-of', '2026-11-25', '--out', 'w1.xlsx']);
  await typeVerdicts('w1.xlsx', 'w1-typed.xlsx', { L6: 'Back to nurturing', L2: 'Back to nurturing', L1: 'Won' });
  await run(['--feedback', 'w1-typed.xlsx', '--as-of', '2026-11-25', '--out', 'w2.xlsx', '--json', 'w2.json']);
  expect(await fileMarks('w2.xlsx')).toEqual({ L1: '', L2: '2026-11-25', L5: '', L6: '2026-11-25' });
  expect(nurturing('w2.json')).toEqual({ sentBack: 2, wonAfter: 1 });

  await typeVerdicts('w2.xlsx', 'w2-typed.xlsx', { L6: 'Won' });
  await run(['--feedback', 'w2-typed.xlsx', '--as-of', '2026-11-27', '--out', 'w3.xlsx', '--json', 'w3.json']);
  expect(await fileMarks('w3.xlsx')).toEqual({ L1: '', L2: '2026-11-25', L5: '', L6: '2026-11-25', L7: '' });
  expect(nurturing('w3.json')).toEqual({ sentBack: 2, wonAfter: 1 });
  // The monthly summary counts it too: all four were handed over in November.
  const months = (JSON.parse(readFileSync(join(dir, 'w3.json'), 'utf8')) as { review: { months: { month: string; wonAfterNurturing: number }[] } }).review.months;
  expect(months.map((m) => [m.month, m.wonAfterNurturing])).toEqual([['2026-11', 1]]);
}, 90_000);
