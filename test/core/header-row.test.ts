/**
 * The header under a few title lines: detection finds it among the first 10 rows (the row naming the
 * creation column and the most known fields), ingestion starts after it, and data issues keep the real
 * sheet row numbers. The byte CSV path agrees.
 */
import fc from 'fast-check';
import { CsvRowSource, csvLayout } from '../../src/cli/csv-columnar';
import { parseConfig } from '../../src/core/config';
import { detectConfig } from '../../src/core/detect';
import { buildFunnelReport } from '../../src/core/engine';
import { findHeaderRow } from '../../src/core/headers';
import { ingestRows, ingestSource } from '../../src/core/ingest';
import type { CellValue, DataIssue } from '../../src/core/types';

const W = Date.UTC;
const rows: CellValue[][] = [
  ['Leads export', '', '', ''], // 1: title
  ['Created at 2024-03-20 by Ann', '', '', ''], // 2: a title that mentions a date
  ['Lead ID', 'Created at', 'Qualified at', 'Won at'], // 3: the header
  ['L1', '2024-03-04', '2024-03-05', ''], // 4
  ['L2', 'soon', '', ''], // 5: not a date
  ['L3', '2024-03-06', 'tbd', '2024-03-09'], // 6: not a date
  ['L4', '2024-03-06', '2024-03-07', ''], // 7
  ['L5', '2024-03-07', '2024-03-08', ''], // 8
  ['L6', '2024-03-07', '2024-03-09', ''], // 9
];

describe('a header under title lines', () => {
  test('findHeaderRow: the row naming the creation column (and the most known fields)', () => {
    expect(findHeaderRow(rows)).toBe(2);
    expect(findHeaderRow(rows.slice(2))).toBe(0);
    expect(findHeaderRow([['Created at'], ['Created at', 'Won at', 'Channel']])).toBe(1);
    expect(findHeaderRow([['Name'], ['Phone']])).toBe(-1);
  });

  test('detection: headerRow 3, the columns of row 3, a note saying so', () => {
    const d = detectConfig(rows);
    if (!d.ok) throw new Error(d.error);
    expect(d.config.headerRow).toBe(3);
    expect(d.config.columns).toEqual({ createdAt: 'Created at', id: 'Lead ID' });
    expect(d.config.stages.map((s) => s.column)).toEqual(['Qualified at', 'Won at']);
    expect(d.notes[0]).toBe('The header is row 3; the rows above it are titles');
    expect(parseConfig(JSON.parse(JSON.stringify(d.config)))).toEqual({ ok: true, config: d.config });
  });

  test('ingestion: leads from row 4 on, issues at the real rows 5 and 6', () => {
    const d = detectConfig(rows);
    if (!d.ok) throw new Error(d.error);
    const r = ingestRows(rows, { config: d.config, sheet: 'Leads' });
    expect(Array.from(r.leads.rowNumbers)).toEqual([4, 6, 7, 8, 9]);
    expect(Array.from(r.leads.createdAt)).toEqual([W(2024, 2, 4), W(2024, 2, 6), W(2024, 2, 6), W(2024, 2, 7), W(2024, 2, 7)]);
    expect(r.rowsRead).toBe(6);
    expect(r.issues.map((i) => [i.row, i.column, i.value])).toEqual([[5, 'Created at', 'soon'], [6, 'Qualified at', 'tbd']]);
  });

  test('a stored config without headerRow finds the header itself; an explicit one is used as given', () => {
    const { headerRow: _h, ...rest } = (() => {
      const d = detectConfig(rows);
      if (!d.ok) throw new Error(d.error);
      return d.config;
    })();
    const found = ingestRows(rows, { config: rest, sheet: 'Leads' });
    expect(Array.from(found.leads.rowNumbers)).toEqual([4, 6, 7, 8, 9]);
    expect(() => ingestRows(rows, { config: { ...rest, headerRow: 2 }, sheet: 'Leads' })).toThrow('in its header row (row 2)');
  });

  test('detection warnings are listed at the header row', () => {
    const withText: CellValue[][] = [...rows.slice(0, 3).map((r) => [...r, r === rows[2] ? 'Paid at' : '']), ...rows.slice(3).map((r) => [...r, 'later'])];
    const out = buildFunnelReport(withText, { sheet: 'Leads', sourceName: 't', asOf: '2024-03-31' });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.dataIssues.map((i) => [i.row, i.column])).toEqual([[3, 'Paid at'], [5, 'Created at'], [6, 'Qualified at']]);
    expect(out.report.source.leads).toBe(5);
  });

  test('the CSV byte reader gives the same leads and issues', () => {
    const d = detectConfig(rows);
    if (!d.ok) throw new Error(d.error);
    const csv = rows.map((r) => r.join(',')).join('\n') + '\n';
    const layout = csvLayout(Buffer.from(csv));
    if (!layout) throw new Error('byte reader declined the file');
    const strings = csv.split('\n').map((l) => l.split(','));
    expect(ingestSource(new CsvRowSource(layout), { config: d.config, sheet: 'Leads' })).toStrictEqual(ingestRows(strings, { config: d.config, sheet: 'Leads' }));
  });
});

describe('title lines change nothing but the row numbers (property)', () => {
  test('k title lines above the header: the same leads and issues, every row number k higher', () => {
    const body: CellValue[][] = [
      ['Lead ID', 'Created at', 'Channel', 'Qualified at', 'Won at'],
      ['L1', '2024-03-04', 'Ads', '2024-03-05', ''],
      ['L2', 'soon', 'SEO', '', ''],
      ['L1', '2024-03-06', 'Ads', '2024-03-01', '2024-03-09'],
      ['L4', '2024-03-06', '', '2024-03-07', 'x'],
      [],
      ['L5', '2024-03-07', 'SEO', '2024-03-08', ''],
    ];
    const d = detectConfig(body);
    if (!d.ok) throw new Error(d.error);
    const plain = ingestRows(body, { config: d.config, sheet: 'Leads' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom<CellValue[]>(['Report'], [], ['', ''], ['Exported 2024-03-20'], ['Created by Ann']), { maxLength: 9 }), (titles) => {
        const rows = [...titles, ...body];
        const k = titles.length;
        const detected = detectConfig(rows);
        if (!detected.ok) throw new Error(detected.error);
        expect(detected.config.stages).toEqual(d.config.stages);
        expect(detected.config.headerRow ?? 1).toBe(k + 1);
        const shifted = ingestRows(rows, { config: detected.config, sheet: 'Leads' });
        expect(Array.from(shifted.leads.rowNumbers)).toEqual(Array.from(plain.leads.rowNumbers).map((r) => r + k));
        // Messages that name another row ("the same ID is in row 2") name it k rows lower too.
        const shift = (text: string) => text.replace(/(row|строке) (\d+)/g, (_, w: string, n: string) => `${w} ${Number(n) + k}`);
        const shiftParams = (i: DataIssue) => (i.code === 'id.duplicate' ? { params: { firstRow: i.params.firstRow + k } } : {});
        expect(shifted.issues).toEqual(
          plain.issues.map((i) => ({ ...i, row: i.row + k, ...shiftParams(i), problem: shift(i.problem), problemRu: shift(i.problemRu) })),
        );
        expect({ ...shifted.leads, rowNumbers: null }).toEqual({ ...plain.leads, rowNumbers: null });
      }),
    );
  });
});
