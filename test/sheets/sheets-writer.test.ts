import type { TabLayout } from '../../src/report/layout';
import { SpreadsheetWorkbook } from '../../src/sheets/spreadsheet-workbook';
import { OWNER_KEY } from '../../src/sheets/tab-owner';
import { SheetTakenError } from '../../src/sheets/workbook';
import { createFakeServices } from '../fakes/services';
import type { FakeSheet } from '../fakes/spreadsheet';

function world(zone = 'Europe/Moscow') {
  const w = createFakeServices({ timeZone: zone });
  const leads = w.app.spreadsheet.addSheet('Leads', [['Lead ID', 'Created at']]);
  const wb = new SpreadsheetWorkbook(w.app, w.app.spreadsheet);
  return { w, wb, leads, ss: w.app.spreadsheet };
}

const NOV2 = Date.UTC(2026, 10, 2);

function sampleLayout(): TabLayout {
  return {
    name: 'Cohorts',
    values: [
      ['Weekly cohorts', null, null, null],
      ['Period', 'Leads', 'Rate', 'Start'],
      ['=HACK()', 10, 0.5, { wallMs: NOV2 }],
      ['2024-01-01', 20, 0.25, { wallMs: NOV2 + 7 * 86_400_000 }],
    ],
    numberFormats: [
      [null, null, null, null],
      [null, null, null, null],
      [null, '#,##0', '0.0%', 'yyyy-mm-dd'],
      [null, '#,##0', '0.0%', 'yyyy-mm-dd'],
    ],
    backgrounds: [[null, null, null, null], ['#dfe7f3', '#dfe7f3', '#dfe7f3', '#dfe7f3'], [null, null, null, null], [null, null, '#ededed', null]],
    fontWeights: [['bold', null, null, null], ['bold', 'bold', 'bold', 'bold'], [null, null, null, null], [null, null, null, null]],
    notes: [{ row: 2, col: 1, text: 'Immature' }],
    merges: [{ row: 0, col: 1, numRows: 1, numCols: 3 }],
    frozenRows: 2,
    frozenColumns: 1,
    columnWidths: [170, 70, 70, 100],
    colorScales: [{ range: { row: 2, col: 2, numRows: 2, numCols: 1 }, minColor: '#f8696b', midColor: '#ffeb84', maxColor: '#63be7b' }],
    links: [
      { row: 2, col: 0, sheet: 'Leads', a1: 'A5' },
      { row: 3, col: 0, sheet: 'Leads', a1: 'A9' },
    ],
    charts: [{ type: 'line', title: 'Lead→Won', range: { row: 1, col: 2, numRows: 3, numCols: 2 }, anchor: { row: 1, col: 5 }, percentAxis: true }],
  };
}

/** A Data-issues-like layout with `n` linked rows, for call counting. */
function tallLayout(n: number): TabLayout {
  const values: TabLayout['values'] = [['Data issues', null, null], ['Cell', 'Row', 'Problem']];
  const links: TabLayout['links'] = [];
  for (let i = 0; i < n; i++) {
    values.push([`Leads!A${i + 2}`, i + 2, `problem ${i}`]);
    links.push({ row: i + 2, col: 0, sheet: 'Leads', a1: `A${i + 2}` });
  }
  const grid = <T>(v: T) => values.map((r) => r.map(() => v));
  return {
    name: 'Data issues',
    values,
    numberFormats: grid<string | null>('0'),
    fontColors: grid<string | null>('#c0392b'),
    fontWeights: grid<'bold' | null>(null),
    fontStyles: grid<'italic' | null>(null),
    backgrounds: grid<string | null>(null),
    frozenRows: 2,
    frozenColumns: 0,
    columnWidths: [110, 60, 420],
    links,
  };
}

describe('SheetsReportWriter', () => {
  test('writes values, formats, merges, notes, widths, frozen panes, colour scale, links and chart', () => {
    const { w, wb, leads, ss } = world();
    const writer = wb.reportWriter();
    writer.writeTab(sampleLayout());
    const s = ss.sheet('Cohorts');

    expect(s.peekValues()).toEqual([
      ['Weekly cohorts', '', '', ''],
      ['Period', 'Leads', 'Rate', 'Start'],
      ['=HACK()', 10, 0.5, new Date('2026-11-01T21:00:00Z')],
      ['2024-01-01', 20, 0.25, new Date('2026-11-08T21:00:00Z')],
    ]);
    expect(s.formulaCount()).toBe(0);
    expect(s.format(3, 3)).toMatchObject({ numberFormat: '0.0%' });
    expect(s.format(3, 1)).toMatchObject({ numberFormat: 'General', link: `#gid=${leads.id}&range=A5` });
    expect(s.format(4, 1).link).toBe(`#gid=${leads.id}&range=A9`);
    expect(s.format(4, 3).background).toBe('#ededed');
    expect(s.format(2, 4).fontWeight).toBe('bold');
    expect(s.format(3, 2).note).toBe('Immature');
    expect(s.merges).toEqual([{ row: 1, col: 2, numRows: 1, numCols: 3 }]);
    expect([s.frozenRows, s.frozenCols]).toEqual([2, 1]);
    expect([...s.columnWidths.entries()]).toEqual([[1, 170], [2, 70], [3, 70], [4, 100]]);
    expect(s.conditionalRules).toHaveLength(1);
    expect(s.conditionalRules[0].gradient).toEqual({ min: '#f8696b', mid: { color: '#ffeb84', type: 'PERCENTILE', value: '50' }, max: '#63be7b' });
    expect(s.conditionalRules[0].ranges.map((r) => r.block())).toEqual([{ row: 3, col: 3, numRows: 2, numCols: 1 }]);
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0].spec).toMatchObject({
      type: 'line',
      title: 'Lead→Won',
      ranges: [{ row: 2, col: 3, numRows: 3, numCols: 2 }],
      numHeaders: 1,
      position: { row: 2, col: 6, offsetX: 0, offsetY: 0 },
      options: { 'vAxis.format': '0%' },
    });
    // Project visibility: no other script on the document can read or forge the owner tag.
    expect(s.metadata.map((m) => [m.key, m.value, m.visibility])).toEqual([[OWNER_KEY, 'report', 'PROJECT']]);
    expect(writer.sheetNameOf('Cohorts')).toBe('Cohorts');
    expect(w.app.calls.count('Range.setValues')).toBe(1);
  });

  test('the number of service calls does not depend on the number of rows', () => {
    const calls = (n: number): Record<string, number> => {
      const { w, wb } = world();
      wb.reportWriter().writeTab(tallLayout(n));
      return w.app.calls.snapshot();
    };
    // Past the 1000 rows of a new sheet the grid grows once (insertRowsAfter), whatever the size.
    const small = calls(1_500);
    expect(calls(15_000)).toEqual(small);
    expect(small['Range.setRichTextValues']).toBe(1);
    const { ['Sheet.insertRowsAfter']: grow, ...rest } = small;
    expect(grow).toBe(1);
    expect(calls(10)).toEqual(rest);
  });

  test('rewriting an own tab replaces everything: no stale cells, merges, notes, rules or charts', () => {
    const { wb, ss } = world();
    wb.reportWriter().writeTab(sampleLayout());
    const second: TabLayout = { name: 'Cohorts', values: [['Only this', 1]], frozenRows: 0, frozenColumns: 0 };
    wb.reportWriter().writeTab(second);
    const s = ss.sheet('Cohorts');
    expect(s.peekValues()).toEqual([['Only this', 1]]);
    expect(s.merges).toEqual([]);
    expect(s.format(3, 2).note).toBeUndefined();
    expect(s.format(3, 1).link).toBeUndefined();
    expect(s.format(3, 3).numberFormat).toBeUndefined();
    expect(s.conditionalRules).toEqual([]);
    expect(s.charts).toEqual([]);
    expect([s.frozenRows, s.frozenCols]).toEqual([0, 0]);
    expect(ss.sheets.map((x) => x.name)).toEqual(['Leads', 'Cohorts']);
  });

  test('writing the same layout twice leaves exactly one chart and one set of rules', () => {
    const { wb, ss } = world();
    wb.reportWriter().writeTab(sampleLayout());
    wb.reportWriter().writeTab(sampleLayout());
    const s = ss.sheet('Cohorts');
    expect(s.charts).toHaveLength(1);
    expect(s.conditionalRules).toHaveLength(1);
    expect(s.merges).toHaveLength(1);
  });

  test("a person's own sheet called Cohorts is never touched; the report goes to Cohorts (funnel)", () => {
    const { w, wb, ss } = world();
    const mine = ss.addSheet('Cohorts', [['my notes', 42]]);
    const writer = wb.reportWriter();
    writer.writeTab(sampleLayout());
    expect(mine.peekValues()).toEqual([['my notes', 42]]);
    expect(mine.metadata).toEqual([]);
    expect(writer.sheetNameOf('Cohorts')).toBe('Cohorts (funnel)');
    expect(ss.sheet('Cohorts (funnel)').peek(2, 1)).toBe('Period');
    // The next refresh (a new execution) finds its own fallback tab again instead of making another.
    const again = new SpreadsheetWorkbook(w.app, ss).reportWriter();
    again.writeTab(sampleLayout());
    expect(again.sheetNameOf('Cohorts')).toBe('Cohorts (funnel)');
    expect(ss.sheets.map((x) => x.name)).toEqual(['Leads', 'Cohorts', 'Cohorts (funnel)']);
    expect(mine.peekValues()).toEqual([['my notes', 42]]);
  });

  test('when both names belong to a person, the tab is refused and nothing is written', () => {
    const { wb, ss } = world();
    ss.addSheet('Cohorts', [['a']]);
    ss.addSheet('Cohorts (funnel)', [['b']]);
    expect(() => wb.reportWriter().writeTab(sampleLayout())).toThrow(SheetTakenError);
    expect(ss.sheet('Cohorts').peekValues()).toEqual([['a']]);
    expect(ss.sheet('Cohorts (funnel)').peekValues()).toEqual([['b']]);
    expect(ss.sheets).toHaveLength(3);
  });

  test('the grid grows for layouts larger than a new sheet (1000 rows, 26 columns)', () => {
    const { wb, ss } = world();
    const wide = Array.from({ length: 30 }, (_, i) => i);
    wb.reportWriter().writeTab({ name: 'Big', values: Array.from({ length: 1500 }, () => wide), frozenRows: 1, frozenColumns: 0 });
    const s: FakeSheet = ss.sheet('Big');
    expect(s.maxRows).toBeGreaterThanOrEqual(1500);
    expect(s.maxCols).toBeGreaterThanOrEqual(30);
    expect(s.peek(1500, 30)).toBe(29);
  });

  test('a link to a sheet that does not exist is written as plain text', () => {
    const { wb, ss } = world();
    const layout = sampleLayout();
    layout.links = [{ row: 2, col: 0, sheet: 'Gone', a1: 'A5' }];
    wb.reportWriter().writeTab(layout);
    const s = ss.sheet('Cohorts');
    expect(s.peek(3, 1)).toBe('=HACK()');
    expect(s.format(3, 1).link).toBeNull();
  });
});
