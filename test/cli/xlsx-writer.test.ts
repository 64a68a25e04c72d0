import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxReportWriter } from '../../src/cli/xlsx-writer';
import type { TabLayout } from '../../src/report/layout';
import { buildReportTabs } from '../../src/report/tabs';
import { ISSUES, sampleReport } from '../report/fixture';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(tabs: TabLayout[], setup?: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Workbook> {
  const writer = new XlsxReportWriter();
  setup?.(writer.workbook);
  for (const t of tabs) writer.writeTab(t);
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.xlsx`);
  await writer.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

const INJECTIONS = ['=IMPORTXML("http://x.example","//a")', '+SUM(1,2)', '-1+2', '@cmd', '=1+1', '00123', '2026-01-01'];

const tab: TabLayout = {
  name: 'Test',
  values: [
    ['Title', null, null],
    ['text', 0.4229, 1234567],
    [{ wallMs: Date.UTC(2026, 10, 16, 9, 30) }, '—', true],
    ...INJECTIONS.map((s) => [s, null, null]),
  ],
  numberFormats: [
    [null, null, null],
    [null, '0.0%', '#,##0'],
    ['yyyy-mm-dd hh:mm', null, null],
    ...INJECTIONS.map(() => [null, null, null]),
  ],
  backgrounds: [[null, null, null], [null, '#ededed', null], [null, null, null], ...INJECTIONS.map(() => [null, null, null])],
  fontColors: [['#1f3864', null, null], [null, '#9e9e9e', null], [null, null, null], ...INJECTIONS.map(() => [null, null, null])],
  fontWeights: [['bold', null, null], [null, null, null], [null, null, null], ...INJECTIONS.map(() => [null, null, null])],
  fontStyles: [[null, null, null], [null, 'italic', null], [null, null, null], ...INJECTIONS.map(() => [null, null, null])],
  notes: [{ row: 1, col: 1, text: 'Immature' }],
  merges: [{ row: 0, col: 0, numRows: 1, numCols: 3 }],
  frozenRows: 2,
  frozenColumns: 1,
  columnWidths: [140, 70, 0],
  colorScales: [{ range: { row: 1, col: 1, numRows: 2, numCols: 1 }, minColor: '#f8696b', midColor: '#ffeb84', maxColor: '#63be7b' }],
};

describe('XlsxReportWriter', () => {
  test('values, formats, fills, fonts, notes, merges, frozen panes, widths and colour scales survive a round trip', async () => {
    const wb = await roundTrip([tab]);
    const ws = wb.getWorksheet('Test')!;
    expect(ws.getCell('A2').value).toBe('text');
    expect(ws.getCell('B2').value).toBeCloseTo(0.4229, 10);
    expect(ws.getCell('B2').numFmt).toBe('0.0%');
    expect(ws.getCell('C2').value).toBe(1234567);
    expect(ws.getCell('C2').numFmt).toBe('#,##0');
    expect(ws.getCell('B3').value).toBe('—');
    expect(ws.getCell('C3').value).toBe(true);
    expect((ws.getCell('B2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFEDEDED');
    expect(ws.getCell('B2').font.color?.argb).toBe('FF9E9E9E');
    expect(ws.getCell('B2').font.italic).toBe(true);
    expect(ws.getCell('A1').font.bold).toBe(true);
    const note = ws.getCell('B2').note;
    const noteText = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
    expect(noteText).toBe('Immature');
    expect(ws.getCell('A1').isMerged && ws.getCell('C1').isMerged).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(ws.getColumn(1).width).toBeCloseTo(20, 0); // 140 px / 7
    expect(ws.getColumn(2).width).toBeCloseTo(10, 0);
  });

  test.each(['UTC', 'America/New_York', 'Asia/Tokyo'])('a wall-clock date is stored as that wall-clock time (process TZ %s)', async (zone) => {
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      const wb = await roundTrip([tab]);
      const d = wb.getWorksheet('Test')!.getCell('A3').value as Date;
      expect(d).toBeInstanceOf(Date);
      expect(d.toISOString()).toBe('2026-11-16T09:30:00.000Z'); // exceljs reads serials back as UTC = wall clock
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('strings that look like formulas, numbers or dates come back as plain strings', async () => {
    const wb = await roundTrip([tab]);
    const ws = wb.getWorksheet('Test')!;
    INJECTIONS.forEach((s, i) => {
      const cell = ws.getCell(4 + i, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(s);
      expect(cell.formula).toBeUndefined();
    });
  });

  test('colour scales become conditional formatting', async () => {
    const writer = new XlsxReportWriter();
    writer.writeTab(tab);
    const ws = writer.workbook.getWorksheet('Test')!;
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; color: { argb: string }[] }[] }[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0].ref).toBe('B2:B3');
    expect(cf[0].rules[0].type).toBe('colorScale');
    expect(cf[0].rules[0].color.map((c) => c.argb)).toEqual(['FFF8696B', 'FFFFEB84', 'FF63BE7B']);
  });

  test('writing a tab twice replaces it', async () => {
    const wb = await roundTrip([tab, { ...tab, values: tab.values.map((r) => r.map(() => 'x')) }]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Test']);
    expect(wb.getWorksheet('Test')!.getCell('B2').value).toBe('x');
  });

  test('the report tabs: three sheets, link text only without a leads sheet, real links with one', async () => {
    const tabs = buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' });
    const plain = await roundTrip(tabs);
    expect(plain.worksheets.map((w) => w.name)).toEqual(['Cohorts', 'Conversions', 'Data issues']);
    const issues = plain.getWorksheet('Data issues')!;
    expect(issues.getCell('A3').value).toBe('Leads!B123');
    const cohorts = plain.getWorksheet('Cohorts')!;
    expect(cohorts.getCell('A1').value).toBe('Weekly cohorts · as of 2026-09-26 · filters: all');
    expect(cohorts.getCell('K6').value).toBeCloseTo(23 / 558, 10);
    // the flagged lead→won change: the tested rate carries the arrow and the previous rate
    expect(cohorts.getCell('K6').numFmt).toBe('"▲ "0.00%" (was 3.00%)"');
    expect(cohorts.getCell('L6').numFmt).toBe('+0%;-0%;0%');
    expect(cohorts.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    const dashes: ExcelJS.Cell[] = [];
    cohorts.eachRow((row) => row.eachCell((c) => c.value === '—' && dashes.push(c)));
    expect(dashes.length).toBeGreaterThan(0);
    for (const d of dashes) expect(d.alignment).toMatchObject({ horizontal: 'right' });
    const conv = plain.getWorksheet('Conversions')!;
    const injected: ExcelJS.Cell[] = [];
    conv.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && c.value.startsWith('=IMPORTXML') && injected.push(c)));
    expect(injected).toHaveLength(1);
    expect(injected[0].type).toBe(ExcelJS.ValueType.String);

    const linked = await roundTrip(tabs, (wb) => wb.addWorksheet('Leads'));
    const cell = linked.getWorksheet('Data issues')!.getCell('A3');
    expect(cell.value).toEqual({ text: 'Leads!B123', hyperlink: "#'Leads'!B123" });
  });

  test('every tab prints landscape, one page wide, with its frozen header rows repeated', async () => {
    const tabs = buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' });
    const wb = await roundTrip(tabs);
    for (const t of tabs) {
      const ps = wb.getWorksheet(t.name)!.pageSetup;
      expect(ps).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ps.printTitlesRow).toBe(`1:${t.frozenRows}`);
    }
  });

  test('the problem text of a data issue wraps', async () => {
    const wb = await roundTrip(buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' }));
    expect(wb.getWorksheet('Data issues')!.getCell('D3').alignment).toMatchObject({ wrapText: true });
    expect(wb.getWorksheet('Data issues')!.getCell('C3').alignment?.wrapText).toBeFalsy();
    // A problem too long for one line of its column gets a taller row, so printed lines do not overlap.
    const long = 'x'.repeat(300);
    const tabs = buildReportTabs(sampleReport([{ ...ISSUES[0], problem: long }]), { locale: 'en', leadsSheet: 'Leads' });
    const problemPx = tabs[2].columnWidths![3];
    const tall = (await roundTrip(tabs)).getWorksheet('Data issues')!;
    // 300 characters at ~6.5 px each need at least 300 * 6.5 / width lines of 15 pt.
    expect(tall.getRow(3).height).toBeGreaterThanOrEqual(Math.floor((300 * 6.5) / problemPx) * 15);
    expect(tall.getRow(2).height ?? 15).toBeLessThanOrEqual(15);
  });

  test('the explanation under a title wraps across the table instead of running past it (and widening the printed page)', async () => {
    const tabs = buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' });
    const [cohorts, conversions] = tabs;
    const wb = await roundTrip(tabs);
    for (const t of [cohorts, conversions]) {
      const p = t.paragraphs?.find((x) => x.row === 1);
      expect(p).toBeDefined();
      const ws = wb.getWorksheet(t.name)!;
      // Merged from A2 across the table's columns, wrapped, and taller than one line.
      expect(ws.getCell(2, p!.numCols).master.address).toBe('A2');
      expect(ws.getCell(2, p!.numCols + 1).isMerged).toBe(false);
      expect(ws.getCell('A2').alignment).toMatchObject({ wrapText: true });
      expect(ws.getRow(2).height).toBeGreaterThan(15);
    }
  });

  test('cells that only feed a chart are left out: no untitled table beside the report', async () => {
    const tabs = buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' });
    const cohorts = tabs[0];
    expect(cohorts.charts).toHaveLength(1);
    const range = cohorts.charts![0].range;
    // The layout holds the chart's data (Sheets draws the chart from it)...
    expect(cohorts.values[range.row][range.col]).not.toBeNull();
    const ws = (await roundTrip(tabs)).getWorksheet(cohorts.name)!;
    // ...and the workbook, which has no chart, has nothing in or right of those columns.
    let rightmost = 0;
    ws.eachRow((row) => row.eachCell((c) => (rightmost = Math.max(rightmost, Number(c.col)))));
    expect(rightmost).toBeLessThanOrEqual(range.col);
  });
});
