/**
 * On well-formed files the CSV byte reader must give exactly what papaparse + ingestRows give: the
 * same rows (tokenizer) and a deep-equal IngestResult (leads, typed arrays, slice dictionaries in
 * order, data issues). Where papaparse would swallow rows (a quote never closed), it must not.
 */
import fc from 'fast-check';
import { readFileSync } from 'fs';
import Papa from 'papaparse';
import { CsvRowSource, csvLayout, csvSampleRows } from '../../src/cli/csv-columnar';
import { openCsv } from '../../src/cli/csv-ingest';
import { decodeCsvBytes, detectDelimiter, isBlankRow, parseCsvText } from '../../src/cli/csv-reader';
import { parseConfig, type FunnelConfig } from '../../src/core/config';
import { detectConfig } from '../../src/core/detect';
import { ingestRows, ingestSource } from '../../src/core/ingest';
import { SAMPLE_CONFIG, sampleLeadRows } from '../../src/core/sample-data';
import type { CellValue, IngestResult } from '../../src/core/types';
import { datasetFile } from '../helpers/datasets';

/** The reference: papaparse on the decoded text, delimiter from the header line, trailing blank lines dropped. */
function papaRows(buf: Buffer): string[][] {
  const text = decodeCsvBytes(buf);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = Papa.parse<string[]>(body, { delimiter: detectDelimiter(body), header: false, dynamicTyping: false, skipEmptyLines: false }).data;
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1])) rows.pop();
  return rows;
}

function viaStrings(buf: Buffer, config: FunnelConfig): IngestResult {
  return ingestRows(papaRows(buf), { config, sheet: 'leads' });
}

/** The byte path itself (no fallback): fails the test if the reader declines the input. */
function viaBytes(buf: Buffer, config: FunnelConfig): IngestResult {
  const layout = csvLayout(buf);
  if (!layout) throw new Error('byte reader declined the file');
  return ingestSource(new CsvRowSource(layout), { config, sheet: 'leads' });
}

function expectSameRows(buf: Buffer): void {
  const layout = csvLayout(buf);
  if (!layout) throw new Error('byte reader declined the file');
  expect(csvSampleRows(layout, Number.MAX_SAFE_INTEGER)).toStrictEqual(papaRows(buf));
  expect(parseCsvText(decodeCsvBytes(buf))).toStrictEqual(papaRows(buf));
}

function config(json: unknown): FunnelConfig {
  const r = parseConfig(json);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

function detected(buf: Buffer): FunnelConfig {
  const d = detectConfig(papaRows(buf));
  if (!d.ok) throw new Error(d.error);
  return d.config;
}

function csvField(v: CellValue): string {
  const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

describe('CSV byte reader = papaparse + ingestRows', () => {
  test('demo sample written as CSV', () => {
    const rows = sampleLeadRows({ count: 3000, today: '2026-03-01' });
    const buf = Buffer.from(rows.map((r) => r.map(csvField).join(',')).join('\n') + '\n');
    expectSameRows(buf);
    const bytes = viaBytes(buf, SAMPLE_CONFIG);
    expect(bytes.leads.count).toBeGreaterThan(2900);
    expect(bytes).toStrictEqual(viaStrings(buf, SAMPLE_CONFIG));
  });

  test('amoCRM export: Russian headers, duplicate headers, multi-line quoted cells', () => {
    const buf = readFileSync(datasetFile('amocrm-export-sample', 'leads_test.csv'));
    expect(buf.toString('utf8')).toMatch(/,"[^"]*\n[^"]*"/); // quoted cells spanning lines
    expectSameRows(buf);
    const cfg = detected(buf);
    const bytes = viaBytes(buf, cfg);
    expect(bytes.leads.count).toBeGreaterThan(0);
    expect(bytes).toStrictEqual(viaStrings(buf, cfg));
  });

  test('Olist MQLs (origin read as a current-stage column; a missing column is the same InputError)', () => {
    const buf = readFileSync(datasetFile('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv'));
    expectSameRows(buf);
    const cfg = config({
      columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin' },
      stages: [{ name: 'Paid' }],
      currentStage: { column: 'origin', values: { paid_search: 'Paid' } },
      timeZone: 'America/Sao_Paulo',
    });
    const bytes = viaBytes(buf, cfg);
    expect(bytes.leads.count).toBe(8000);
    expect(bytes.issues.length).toBeGreaterThan(0);
    expect(bytes).toStrictEqual(viaStrings(buf, cfg));
    const missing = config({ columns: { createdAt: 'first_contact_date' }, stages: [{ name: 'Won', column: 'won_date' }] });
    expect(() => viaBytes(buf, missing)).toThrow('"won_date"');
    expect(() => viaStrings(buf, missing)).toThrow('"won_date"');
  });

  test('Maven CRM pipeline', () => {
    const buf = readFileSync(datasetFile('maven-crm-sales-opportunities', 'sales_pipeline.csv'));
    expectSameRows(buf);
    const explicit = config({
      columns: { createdAt: 'engage_date', id: 'opportunity_id', manager: 'sales_agent', product: 'product', amount: 'close_value' },
      stages: [{ name: 'Closed', column: 'close_date' }],
      grain: 'month',
    });
    const bytes = viaBytes(buf, explicit);
    expect(bytes.leads.count).toBe(8300); // 8,800 rows, 500 without an engage date (README)
    expect(bytes).toStrictEqual(viaStrings(buf, explicit));
  });

  const brokenConfig = config({
    columns: { id: 'ID', createdAt: 'Created', channel: 'Channel', manager: 'Manager', amount: 'Amount', lostReason: 'Reason' },
    stages: [{ name: 'Qualified', column: 'Qualified' }, { name: 'Won', column: 'Won' }],
  });

  test('hand-made broken CSV: BOM, semicolons, CRLF, quotes, blank lines, bad dates, duplicate ids', () => {
    const lines = [
      'ID;Created;Channel;Manager;Qualified;Won;Amount;Reason;',
      '1;2024-03-01 10:00;Ads;Ann;2024-03-02;;1 000;"price; too high";x',
      '2;2024-13-01;Ads;Bob;;;;;',
      '',
      '1;01.03.2024;" Ads ";"Ann ""A"" Smith";2024-02-28;2024-03-05 12:00:00;abc;"two',
      'lines";',
      '3;;SEO;;;;;;',
      ';;;;;;;;',
      '4;2024-03-04T09:30:00Z;SEO;Bob;not a date;2024-03-03;-5;;',
      '5;03/04/2024;"Ads";Bob;2024-03-04 25:00;;;"";"late"',
      '   ',
      '2;2024-03-06;Ads;"";2024-03-06 23:59:59;2024-03-06;12,5;;',
      '',
      '',
    ];
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]);
    expectSameRows(buf);
    const bytes = viaBytes(buf, brokenConfig);
    const strings = viaStrings(buf, brokenConfig);
    expect(bytes).toStrictEqual(strings);
    // The file does hold what it is meant to exercise.
    expect(bytes.leads.ids).toEqual(['1', '1', '4', '5', '2']);
    expect(bytes.leads.slices.channel?.values).toEqual(['Ads', 'SEO']);
    const problems = bytes.issues.map((i) => `${i.row}:${i.column}`);
    // Row 4 and the ;;; row 7 are empty; the quoted "two\nlines" keeps row 5 one record; row 10 is blank.
    expect(problems).toEqual(expect.arrayContaining(['2:I', '3:Created', '5:ID', '6:Created', '8:Qualified', '9:Qualified']));
    expect(bytes.issues.find((i) => i.row === 5 && i.column === 'ID')?.problem).toMatch(/row 2/);
  });

  test('Windows-1251 and UTF-16 files are decoded before the byte reader sees them', () => {
    expect(csvLayout(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBeNull();
    expect(csvLayout(Buffer.from([0xc8, 0xec, 0xff, 0x3b, 0x0a]))).toBeNull(); // "Имя;" in cp1251
    const cp1251 = Buffer.from([0xc8, 0xec, 0xff, 0x3b, 0xc4, 0xe0, 0xf2, 0xe0, 0x0a, 0x31, 0x3b, 0x32, 0x0a]); // Имя;Дата\n1;2\n
    expect(openCsv(cp1251).rows).toEqual([['Имя', 'Дата'], ['1', '2']]);
  });

  test('property: random small CSVs give the same rows and the same ingestion', () => {
    const cell = fc.oneof(
      fc.constantFrom('', ' ', '2024-03-01', '2024-03-01 10:00', '2024-02-30', '01.03.2024 09:15:00', '2024-03-01T10:00:00+03:00',
        '45000', 'abc', 'Ads', 'SEO', ' Ads', '"', '""', 'a,b', 'x\ny', 'r\r\nn', '1', '2', '-', 'не закрыта', 'Ёлка'),
      fc.string({ maxLength: 6 }),
    );
    const quoteIt = (s: string, force: boolean, d: string) => (force || /["\r\n]/.test(s) || s.includes(d) ? `"${s.replace(/"/g, '""')}"` : s);
    const arb = fc.record({
      rows: fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 0, maxLength: 7 }), { maxLength: 12 }),
      newline: fc.constantFrom('\n', '\r\n'),
      delimiter: fc.constantFrom(',', ';'),
      trailing: fc.boolean(),
    });
    let handled = 0;
    fc.assert(
      fc.property(arb, ({ rows, newline, delimiter, trailing }) => {
        const header = ['ID', 'Created', 'Channel', 'Qualified', 'Won', 'Amount', 'Manager'].join(delimiter);
        const body = rows.map((r) => r.map(([v, q]) => quoteIt(v, q, delimiter)).join(delimiter));
        const buf = Buffer.from([header, ...body].join(newline) + (trailing ? newline : ''));
        const cfg = config({
          columns: { id: 'ID', createdAt: 'Created', channel: 'Channel', manager: 'Manager', amount: 'Amount' },
          stages: [{ name: 'Qualified', column: 'Qualified' }, { name: 'Won', column: 'Won' }],
        });
        const expected = viaStrings(buf, cfg);
        const layout = csvLayout(buf);
        if (layout) {
          expect(csvSampleRows(layout, 1000)).toStrictEqual(papaRows(buf));
          expect(ingestSource(new CsvRowSource(layout), { config: cfg, sheet: 'leads' })).toStrictEqual(expected);
          handled++;
        }
        expect(openCsv(buf).ingest({ config: cfg, sheet: 'leads' })).toStrictEqual(expected);
      }),
      { numRuns: 400 },
    );
    expect(handled).toBeGreaterThan(300); // the byte path itself is what was compared
  });
});
