/** The XLSX face of keyed tabs: the previous report file is read, merged and written anew. */
import ExcelJS from 'exceljs';
import { XlsxKeyedTabWriter, extras } from '../../src/cli/xlsx-keyed';
import { EN_HEADER, SPEC, row } from './spec-fixture';
import { canonOfXlsx, xlsxSurface } from './xlsx-surface';

const THREE = [row('L1', 'Google', 'Lead'), row('L2', 'Facebook', 'Lead'), row('L3', 'Organic', 'Lead')];

async function tab() {
  const s = xlsxSurface();
  await s.refresh(THREE);
  const at = async (key: string, label: string) => {
    const grid = await s.read();
    const r = grid.findIndex((line, i) => i > 0 && line[grid[0].indexOf('Lead ID')] === key);
    if (r < 0) throw new Error(`no ${key}`);
    return s.sheet().getCell(r + 1, grid[0].indexOf(label) + 1).value;
  };
  return { s, at };
}

describe('XlsxKeyedTabWriter', () => {
  test('a first run (no previous file) makes the tab with styled headers and a note', async () => {
    const { s } = await tab();
    expect(await s.read()).toEqual([EN_HEADER, ['L1', 'Google', 'Lead', '', '', ''], ['L2', 'Facebook', 'Lead', '', '', ''], ['L3', 'Organic', 'Lead', '', '', '']]);
    const ws = s.sheet();
    expect((ws.getCell('E1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF2CC');
    expect((ws.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).not.toBe('FFFFF2CC');
    expect(String(ws.getCell('A1').note)).toMatch(/yellow header are yours/);
    expect(s.lastResult()?.appended).toEqual(['L1', 'L2', 'L3']);
  });

  test('people values keep their type exactly (text, number, date, formula) across sort, column move and refresh', async () => {
    const { s, at } = await tab();
    const when = new Date(Date.UTC(2026, 0, 5, 14, 30));
    s.sheet().getCell('E2').value = 17.5; // L1
    s.sheet().getCell('F2').value = when;
    s.sheet().getCell('E3').value = { formula: 'ROUND(1/3,2)', result: 0.33 } as ExcelJS.CellFormulaValue; // L2
    s.sheet().getCell('F3').value = '=not a formula, typed as text';
    s.sheet().getCell('F4').value = 'звонок во вторник'; // L3
    await s.sort(2, false); // Organic, Google, Facebook
    await s.moveColumn(6, 1); // Comment to the far left
    await s.refresh([row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Lost'), row('L3', 'Organic', 'Won')]);
    expect(await at('L1', 'Accepted?')).toBe(17.5);
    expect(await at('L1', 'Comment')).toEqual(when);
    expect(await at('L2', 'Accepted?')).toMatchObject({ formula: 'ROUND(1/3,2)' });
    expect(await at('L2', 'Comment')).toBe('=not a formula, typed as text');
    expect(await at('L3', 'Comment')).toBe('звонок во вторник');
    expect(await at('L2', 'Stage')).toBe('Lost');
    expect((await s.read())[0]).toEqual(['Comment', 'Lead ID', 'Channel', 'Stage', 'Status', 'Accepted?']);
  });

  test('a gone key is kept and flagged, comes back unflagged; an inserted blank row stays', async () => {
    const { s, at } = await tab();
    s.sheet().getCell('F3').value = 'keep me'; // L2
    await s.insertRowBefore(3);
    await s.refresh([THREE[0], THREE[2]]);
    expect(await at('L2', 'Status')).toBe('Not in Leads any more');
    expect(await at('L2', 'Comment')).toBe('keep me');
    expect((await s.read())[2]).toEqual(['', '', '', '', '', '']);
    await s.refresh(THREE);
    expect(await at('L2', 'Status')).toBe(null);
    expect(s.lastResult()).toMatchObject({ orphaned: [], blankRows: 1, matched: 3 });
  });

  test('CRM text that looks like a formula is written as text', async () => {
    const { s, at } = await tab();
    await s.refresh([row('L1', '=HYPERLINK("http://x")', '@risk'), ...THREE.slice(1)]);
    expect(await at('L1', 'Channel')).toBe('=HYPERLINK("http://x")');
    expect(await at('L1', 'Stage')).toBe('@risk');
  });

  test('a retitled people column is copied untouched and a new empty one is added; an owned column found by its Russian label is reused', async () => {
    const { s, at } = await tab();
    s.sheet().getCell('F2').value = 'typed';
    s.sheet().getCell('F1').value = 'My notes';
    s.sheet().getCell('B1').value = 'Канал';
    await s.refresh(THREE);
    expect((await s.read())[0]).toEqual(['Lead ID', 'Channel', 'Stage', 'Status', 'Accepted?', 'My notes', 'Comment']);
    expect(await at('L1', 'My notes')).toBe('typed');
    expect(s.lastResult()?.createdColumns).toEqual(['comment']);
  });

  test('previous and target may be the same workbook (merge in place)', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Feedback');
    ws.addRow(EN_HEADER);
    ws.addRow(['L1', 'Google', 'Lead', '', 'yes', 'x']);
    const result = new XlsxKeyedTabWriter(wb, wb, 'en').mergeKeyedTab(SPEC, [row('L1', 'Google', 'Won'), row('L2', 'F', 'Lead')]);
    expect(result).toMatchObject({ matched: 1, appended: ['L2'] });
    expect(wb.getWorksheet('Feedback')!.getRow(2).values).toEqual([undefined, 'L1', 'Google', 'Won', undefined, 'yes', 'x']);
    expect(canonOfXlsx(ws.getCell('A3').value)).toBe('L2');
  });

  test('a dropdown and a colour rule people added to their column survive the refresh', async () => {
    const { s } = await tab();
    s.sheet().getCell('E2').dataValidation = { type: 'list', allowBlank: true, formulae: ['"yes,no"'] };
    s.sheet().addConditionalFormatting({
      ref: 'E2:E4',
      rules: [{ type: 'containsText', operator: 'containsText', text: 'no', priority: 1, style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } }],
    });
    await s.refresh(THREE);
    expect(s.sheet().getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"yes,no"'] });
    expect((extras(s.sheet()).conditionalFormattings ?? []).map((c) => c.ref)).toEqual(['E2:E4']);
  });

  test('rows that only carry formatting below the data do not push new rows down', async () => {
    const { s } = await tab();
    for (let r = 5; r <= 40; r++) s.sheet().getCell(r, 5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    await s.refresh([...THREE, row('L4', 'Google', 'Lead')]);
    expect(canonOfXlsx(s.sheet().getCell('A5').value)).toBe('L4');
  });
});
