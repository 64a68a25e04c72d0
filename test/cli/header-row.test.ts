/** Excel's `sep=` line and title lines above the header: found by the CLI, rows numbered as the file shows them. */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvText } from '../../src/cli/csv-reader';
import { findHeaderRow } from '../../src/core/headers';
import type { JsonReport } from '../../src/cli/json-output';
import { runCli } from './run-helper';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-header-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(args: string[], name: string): Promise<JsonReport> {
  const r = await runCli([...args, '--as-of', '2026-11-22', '--out', `${name}.xlsx`, '--json', `${name}.json`, '--quiet'], dir);
  // Without --spend the Channels report is skipped with its one line (issue 9).
  expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as JsonReport;
}

const issueRows = (j: JsonReport) => j.dataIssues.map((i) => [i.row, i.column, i.severity]);

test('sep=; names the delimiter even when the header has more commas; the line still counts in row numbers', async () => {
  const csv = 'sep=;\r\nCreated at;Note, with, commas;Won at\r\n2026-11-02;a, b;2026-11-05\r\nnot a date;c;\r\n';
  expect(parseCsvText(csv)).toEqual([['Created at', 'Note, with, commas', 'Won at'], ['2026-11-02', 'a, b', '2026-11-05'], ['not a date', 'c', '']]);
  writeFileSync(join(dir, 'sep.csv'), csv);
  const j = await report(['sep.csv'], 'sep');
  expect(j.total.leads).toBe(1);
  // line 1 sep=;, line 2 the header, line 4 "not a date" (Google Sheets and editors show the sep= line)
  expect(issueRows(j)).toEqual([[4, 'Created at', 'error']]);
  expect(parseCsvText('SEP=\t\nA\tB\n1\t2')).toEqual([['A', 'B'], ['1', '2']]);
  // not a sep= line: an ordinary first row, whose one ';' makes ';' the delimiter
  expect(parseCsvText('sep=;x\n1;2')).toEqual([['sep=', 'x'], ['1', '2']]);
});

const TITLED = [
  'Leads export',
  'Generated 2026-11-22 by the CRM',
  '',
  'ID,Created at,Channel,Won at',
  '1,2026-11-02,Ads,2026-11-05',
  '2,sometime,SEO,',
  '3,2026-11-03,Ads,',
  '1,2026-11-04,SEO,',
].join('\n');

test('CSV with title lines: the header on line 4 is found; issues name the file lines', async () => {
  writeFileSync(join(dir, 'titled.csv'), TITLED + '\n');
  const j = await report(['titled.csv'], 'titled');
  expect(j.total.leads).toBe(3); // leads 1, 3 and the second "1"; "sometime" is not a date
  expect(j.stages).toEqual(['Lead', 'Won']);
  expect(issueRows(j)).toEqual([[6, 'Created at', 'error'], [8, 'ID', 'warning']]);
  expect(j.dataIssues[1].problem).toContain('row 5'); // the first lead with ID 1 is on line 5
});

test('sep= and title lines together, with a config: the header is found; a configured column it lacks stops the run naming it', async () => {
  writeFileSync(join(dir, 'both.csv'), `sep=,\n${TITLED}\n`);
  writeFileSync(join(dir, 'cfg.json'), JSON.stringify({ columns: { createdAt: 'Created at', id: 'ID' }, stages: [{ name: 'Won', column: 'Won at' }] }));
  const j = await report(['both.csv', '--config', 'cfg.json'], 'both');
  expect(j.total.leads).toBe(3);
  // The sep= line counts, as Sheets and editors show it (only Excel hides it): the header is line 5.
  expect(issueRows(j)).toEqual([[7, 'Created at', 'error'], [9, 'ID', 'warning']]);
  expect(j.dataIssues[1].problem).toContain('row 6');

  writeFileSync(join(dir, 'cfg-missing.json'), JSON.stringify({ columns: { createdAt: 'Created at', id: 'ID', lostReason: 'Why lost' }, stages: [{ name: 'Won', column: 'Won at' }] }));
  const r = await runCli(['both.csv', '--config', 'cfg-missing.json', '--as-of', '2026-11-22', '--out', 'missing.xlsx', '--quiet'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('"Why lost"');
  expect(r.stderr).toContain('"Created at"'); // the headers that do exist are listed
});

test('XLSX with a title and a blank row above the header', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Leads');
  ws.getCell('A1').value = 'Weekly export';
  ws.getRow(3).values = ['ID', 'Created at', 'Channel', 'Won at'];
  ws.getRow(4).values = [1, '2026-11-02', 'Ads', '2026-11-05'];
  ws.getRow(5).values = [2, 'sometime', 'SEO', ''];
  ws.getRow(6).values = [3, '2026-11-03', 'Ads', ''];
  await wb.xlsx.writeFile(join(dir, 'titled.xlsx'));
  const j = await report(['titled.xlsx'], 'titledx');
  expect(j.total.leads).toBe(2);
  expect(issueRows(j)).toEqual([[5, 'Created at', 'error']]);
});

test('findHeaderRow: title lines only above the header; a data row that happens to say "Создана" is not a header', () => {
  const header = ['ID', 'Статус', 'Дата', 'Канал'];
  expect(findHeaderRow([header, ['1', 'Создана', '2026-11-02', 'Ads']])).toBe(-1); // no creation-date header at all (the CLI then takes row 0)
  expect(findHeaderRow([['Выгрузка'], ['за ноябрь', ''], ['ID', 'Создана', 'Канал'], ['1', '2026-11-02', 'Ads']])).toBe(2);
  expect(findHeaderRow([['Leads'], ['ID', 'Created at'], ['1', '2026-11-02']])).toBe(1);
  expect(findHeaderRow([['Leads', 'x', 'y'], ['ID', 'Created at'], ['1', '2026-11-02']])).toBe(-1); // a "title" wider than the header: none qualifies (row 0 is used)
  expect(findHeaderRow([['Title'], ['ID', 'Arrived']], 'Arrived')).toBe(1);
});
