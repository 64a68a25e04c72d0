import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeCsvBytes, detectDelimiter, parseCsvText, readCsvFile } from '../../src/cli/csv-reader';
import { excelDateToWallText, readXlsxFile, SheetNotFoundError } from '../../src/cli/xlsx-reader';
import { workbookInfo } from '../../src/cli/xlsx-sheets';

const DATASETS = resolve(__dirname, '../../../shared/datasets');
function dataset(rel: string): string {
  const p = join(DATASETS, rel);
  if (!existsSync(p)) throw new Error(`dataset missing: ${p} (shared/datasets must sit beside the repo)`);
  return p;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-read-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV reader', () => {
  test('delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2,3,4')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"x,y,z";b;c\n')).toBe(';');
    // A title line above a ';' header, and commas inside a free-text column, do not decide.
    expect(detectDelimiter('Leads export, November\nID;Created at;Channel\n1;2026-11-02;Ads\n2;2026-11-03;SEO\n')).toBe(';');
    expect(detectDelimiter('Leads export\n\nID;Created at;Channel\n1;2026-11-02;Ads\n')).toBe(';');
    expect(detectDelimiter('ID;Comment;Channel\n1;a, b, c, d, e;Ads\n2;x;SEO\n')).toBe(';');
    expect(detectDelimiter('single\n1')).toBe(',');
  });

  test('BOM stripped, quotes and embedded newlines kept, blank lines inside kept, trailing ones dropped', () => {
    const rows = parseCsvText('\ufeffID;Name;Note\r\n1;"Smith; J";"two\r\nlines"\r\n\r\n2;=1+1;\r\n\r\n');
    expect(rows).toEqual([['ID', 'Name', 'Note'], ['1', 'Smith; J', 'two\r\nlines'], [''], ['2', '=1+1', '']]);
  });

  test('UTF-16 and Windows-1251 files are decoded', () => {
    const text = 'Имя\tДата\nАнна\t2026-11-16\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeCsvBytes(utf16)).toBe(text);
    // "Имя;Дата" in Windows-1251, byte by byte
    const cp1251 = Buffer.from([0xc8, 0xec, 0xff, 0x3b, 0xc4, 0xe0, 0xf2, 0xe0, 0x0a]);
    expect(decodeCsvBytes(cp1251)).toBe('Имя;Дата\n');
    expect(decodeCsvBytes(Buffer.from('\ufeffa,b', 'utf8'))).toBe('a,b');
  });

  test('progress reaches 1', () => {
    const seen: number[] = [];
    parseCsvText('a,b\n' + '1,2\n'.repeat(1000), (f) => seen.push(f));
    expect(seen[seen.length - 1]).toBe(1);
  });

  test('real amoCRM export: 20 deals, 76 columns, header with a trailing space, multi-line notes in one cell', () => {
    const rows = readCsvFile(dataset('amocrm-export-sample/leads_test.csv'));
    expect(rows).toHaveLength(21);
    expect(rows[0]).toHaveLength(76);
    for (const r of rows) expect(r).toHaveLength(76);
    expect(rows[0][2]).toBe('Бюджет ');
    expect(rows.slice(1).some((r) => r.some((c) => c.includes('\n')))).toBe(true);
  });

  test('real Facebook ads export: BOM and CRLF', () => {
    const rows = readCsvFile(dataset('facebook-ads-conversion-kag/KAG_conversion_data.csv'));
    expect(rows[0][0]).toBe('ad_id');
    expect(rows).toHaveLength(1144);
    expect(rows[1][0]).toBe('708746');
    expect(rows[1][rows[1].length - 1]).not.toMatch(/\r/);
  });
});

describe('XLSX reader', () => {
  async function makeFile(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Other').getCell('A1').value = 'x';
    const ws = wb.addWorksheet('Leads');
    ws.addRow(['Lead ID', 'Created at', 'Note', 'Calc', 'Link']);
    // exceljs writes a Date's UTC fields as the sheet's wall clock
    ws.addRow([1, new Date(Date.UTC(2026, 10, 16, 9, 30)), { richText: [{ text: 'Hello ' }, { text: 'world' }] }, { formula: 'A2*2', result: 2 }, { text: 'site', hyperlink: 'https://example.com' }]);
    ws.addRow([2, new Date(Date.UTC(2026, 10, 17)), '=not a formula', null, '']);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    ws.getCell('B3').numFmt = 'yyyy-mm-dd';
    const file = join(dir, `in${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    return file;
  }

  test.each(['UTC', 'America/New_York', 'Asia/Kolkata'])('dates arrive as wall-clock text whatever the process time zone (%s)', async (zone) => {
    const file = await makeFile();
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      const { rows, sheet } = await readXlsxFile(file, 'Leads');
      expect(sheet).toBe('Leads');
      expect(rows).toEqual([
        ['Lead ID', 'Created at', 'Note', 'Calc', 'Link'],
        [1, '2026-11-16 09:30', 'Hello world', 2, 'site'],
        [2, '2026-11-17', '=not a formula', '', ''],
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('first sheet by default; a missing sheet names the ones that exist', async () => {
    const file = await makeFile();
    expect((await readXlsxFile(file)).sheet).toBe('Other');
    await expect(readXlsxFile(file, 'Nope')).rejects.toEqual(expect.any(SheetNotFoundError));
    await readXlsxFile(file, 'Nope').catch((e: SheetNotFoundError) => expect(e.available).toEqual(['Other', 'Leads']));
  });

  test('serial noise is rounded to the second', () => {
    expect(excelDateToWallText(new Date(Date.UTC(2026, 0, 2, 14, 29, 59, 999)))).toBe('2026-01-02 14:30');
    expect(excelDateToWallText(new Date(Date.UTC(2026, 0, 2, 14, 30, 5)))).toBe('2026-01-02 14:30:05');
  });

  test('a file that is not an XLSX is rejected', async () => {
    const file = join(dir, 'fake.xlsx');
    writeFileSync(file, 'not a zip');
    await expect(readXlsxFile(file)).rejects.toBeTruthy();
  });
});

describe('XLSX written by another writer (openpyxl layout: sheets before xl/workbook.xml, absolute targets)', () => {
  // made by test/fixtures/make-openpyxl-like.py
  const FIXTURE = resolve(__dirname, '../fixtures/openpyxl-like.xlsx');

  test('real sheet names: the first tab by default, --sheet by name, and the names listed when missing', async () => {
    const first = await readXlsxFile(FIXTURE);
    expect(first.sheet).toBe('Notes');
    expect(first.rows).toEqual([['This tab is not the leads'], ['see the Leads tab']]);
    const leads = await readXlsxFile(FIXTURE, 'Leads');
    expect(leads.sheet).toBe('Leads');
    // serial days with a date format: 46327 = 2026-11-01 (46023 = 2026-01-01, + 304 days), 46330.4375 = 10:30
    expect(leads.rows).toEqual([
      ['Lead ID', 'Created at', 'Channel', 'Won at'],
      [1, '2026-11-01', 'Google Ads', '2026-11-08'],
      [2, '2026-11-02', 'SEO', ''],
      [3, '2026-11-03', 'Google Ads', ''],
      [4, '2026-11-04 10:30', 'Referral', '2026-11-14'],
      [5, '2026-11-05', 'SEO', ''],
      [6, '2026-11-06', 'Google Ads', ''],
    ]);
    await readXlsxFile(FIXTURE, 'Sheet1').then(
      () => {
        throw new Error('Sheet1 is not a sheet of this file');
      },
      (e: SheetNotFoundError) => expect(e.available).toEqual(['Notes', 'Leads']),
    );
  });

  test('relationships before the sheets and the workbook part after them (exceljs alone throws)', async () => {
    const file = resolve(__dirname, '../fixtures/rels-first.xlsx');
    expect((await readXlsxFile(file)).sheet).toBe('Notes');
    const leads = await readXlsxFile(file, 'Leads');
    expect(leads.sheet).toBe('Leads');
    expect(leads.rows[4]).toEqual([4, '2026-11-04 10:30', 'Referral', '2026-11-14']);
  });

  test('workbookInfo reads the tab order and parts from the zip', () => {
    expect(workbookInfo(FIXTURE)).toEqual({
      sheets: [
        { name: 'Notes', part: 'xl/worksheets/sheet1.xml' },
        { name: 'Leads', part: 'xl/worksheets/sheet2.xml' },
      ],
      date1904: false,
    });
    expect(workbookInfo(join(dir, 'no-such.xlsx'))).toEqual({ sheets: [], date1904: false });
  });
});
