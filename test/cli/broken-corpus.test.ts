/**
 * A corpus of broken inputs, generated into a temporary directory. Every case states its outcome:
 * exit code, a message substring, and how many leads were still counted. No input may end in exit 1
 * (a bug) or print a stack trace.
 */
import ExcelJS from 'exceljs';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { JsonReport } from '../../src/cli/json-output';
import { encode1251 } from './encode1251';
import { runCli } from './run-helper';

const AS_OF = '2026-11-22';
const HEADER = 'ID,Created at,Channel,Won at';
/** Lead i: created 2026-11-(i+1) 10:00 (i ≤ 20), odd → Ads, even → SEO; lead 1 won on 2026-11-10. */
function lead(i: number, d = ','): string {
  return [i, `2026-11-${String(i + 1).padStart(2, '0')} 10:00`, i % 2 ? 'Ads' : 'SEO', i === 1 ? '2026-11-10' : ''].join(d);
}
/** Header + leads 1…n, one per line; `edit` may replace a line (index 1 = lead 1). */
function csv(n: number, edit: (line: string, i: number) => string = (l) => l, nl = '\n', d = ','): string {
  const lines = [HEADER.replace(/,/g, d)];
  for (let i = 1; i <= n; i++) lines.push(lead(i, d));
  return lines.map((l, i) => edit(l, i)).join(nl) + nl;
}

interface Case {
  name: string;
  /** File name → content; the first is the input unless `args` names another. */
  files: Record<string, string | Buffer>;
  args?: string[];
  code: 0 | 2;
  /** For exit 2: a substring of the one-line message. */
  message?: string;
  /** For exit 0: leads counted. */
  leads?: number;
  /** For exit 0: [row, column] of data issues that must be listed (others may be too). */
  issues?: [number, string][];
  check?: (j: JsonReport, dir: string) => Promise<void> | void;
}

const FORMULAS = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)'];
const wide = ['Created at', 'Won at', ...Array.from({ length: 9998 }, (_, i) => `c${i + 1}`)];
const wideRow = (day: number) => [`2026-11-0${day}`, '', ...Array.from({ length: 9998 }, (_, i) => String(i))].join(',');

const CASES: Case[] = [
  { name: 'unclosed quote on row 3', files: { 'q.csv': csv(10, (l, i) => (i === 2 ? l.replace('SEO', '"SEO') : l)) }, code: 0, leads: 10, issues: [[3, 'Channel']] },
  { name: 'unclosed quote in the header row', files: { 'qh.csv': csv(3, (l, i) => (i === 0 ? l.replace('Created', '"Created') : l)) }, code: 2, message: 'No lead creation date column' },
  {
    name: 'quote "closed" by the quote of a later field',
    files: { 'ql.csv': csv(10, (l, i) => (i === 2 ? l.replace('SEO', '"SEO') : i === 7 ? l.replace('Ads', '"Ads, Inc"') : l)) },
    code: 0, leads: 10, issues: [[3, 'Channel']],
    check: (j) => expect(j.conversions.dimensions.channel!.rows.map((r) => r.value)).toContain('Ads, Inc'),
  },
  { name: 'text after a closing quote', files: { 'qt.csv': csv(10, (l, i) => (i === 4 ? l.replace('SEO', '"SEO"x') : l)) }, code: 0, leads: 10, issues: [[5, 'Channel']] },
  {
    name: 'Windows-1251 file with Russian headers',
    files: { 'ru.csv': encode1251('ID;Дата создания;Источник;Дата оплаты\n1;02.11.2026;Реклама;09.11.2026\n2;03.11.2026;Сайт;\n3;04.11.2026;Реклама;\n') },
    code: 0, leads: 3,
    check: (j) => expect(j.conversions.dimensions.channel!.rows.map((r) => r.value)).toEqual(['Реклама', 'Сайт']),
  },
  {
    // the rest of the file is UTF-8 Cyrillic, so that row is the odd one out (an all-ASCII file with
    // one Windows-1251 row is simply read as Windows-1251, correctly, with nothing to report)
    name: 'UTF-8 file with one Windows-1251 row',
    files: { 'mix.csv': Buffer.concat([Buffer.from(csv(5).replace(/SEO/g, 'Сайт')), encode1251(`6,2026-11-07 10:00,Сайт,\n`)]) },
    code: 0, leads: 6, issues: [[7, 'Channel']],
    check: (j) => expect(j.conversions.dimensions.channel!.rows.map((r) => [r.value, r.leads]).sort()).toEqual([['Ads', 3], ['Сайт', 3]]),
  },
  {
    name: 'UTF-16LE with a BOM, tab-separated',
    files: { 'u16.csv': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(5, undefined, '\r\n', '\t'), 'utf16le')]) },
    code: 0, leads: 5,
  },
  { name: 'binary file', files: { 'bin.csv': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)) }, code: 2, message: 'binary data' },
  { name: 'an XLSX saved as .csv', files: { 'book.csv': readFileSync(resolve(__dirname, '../fixtures/openpyxl-like.xlsx')) }, code: 2, message: 'zip file' },
  { name: 'empty file', files: { 'empty.csv': '' }, code: 2, message: 'is empty' },
  { name: 'only blank lines', files: { 'blank.csv': '\n\n  \n\r\n' }, code: 2, message: 'is empty' },
  { name: 'header only', files: { 'header.csv': `${HEADER}\n` }, code: 0, leads: 0 },
  { name: 'BOM and CRLF', files: { 'bom.csv': `\ufeff${csv(10, undefined, '\r\n')}` }, code: 0, leads: 10 },
  { name: 'semicolon-delimited', files: { 'semi.csv': csv(10, undefined, '\n', ';') }, code: 0, leads: 10 },
  {
    name: 'Excel sep= line (row 1; the header is row 2)',
    files: { 'sep.csv': `sep=;\n${csv(10, (l, i) => (i === 5 ? l.replace(/2026-11-06 10:00/, 'soon') : l), '\n', ';')}` },
    code: 0, leads: 9, issues: [[7, 'Created at']],
  },
  {
    name: 'title lines above the header',
    files: { 'title.csv': `Leads export\nMade on 2026-11-22\n\n${csv(10, (l, i) => (i === 5 ? l.replace(/2026-11-06 10:00/, 'soon') : l))}` },
    code: 0, leads: 9, issues: [[9, 'Created at']], // header on line 4, lead 5 on line 9
  },
  {
    name: 'one huge cell (5 MB) in a notes column',
    files: { 'hugecell.csv': csv(10, (l, i) => (i === 0 ? `${l},Note` : i === 3 ? `${l},"${'x\n'.repeat(5 << 19)}"` : `${l},short`)) },
    code: 0, leads: 10,
  },
  { name: 'one huge line without a newline (5 MB)', files: { 'hugeline.csv': 'a,'.repeat(5 << 19) }, code: 2, message: 'No lead creation date column' },
  { name: '10,000 columns', files: { 'wide.csv': [wide.join(','), wideRow(2), wideRow(3), wideRow(4)].join('\n') + '\n' }, code: 0, leads: 3 },
  {
    name: 'duplicate headers (the first one is used)',
    files: { 'dup.csv': csv(4, (l, i) => (i === 0 ? `${l},Channel` : `${l},Other`)) },
    code: 0, leads: 4,
    check: (j) => expect(j.conversions.dimensions.channel!.rows.map((r) => r.value)).toEqual(['Ads', 'SEO']),
  },
  {
    name: 'formula-like text stays text',
    files: { 'formula.csv': csv(4, (l, i) => (i === 0 ? l : l.replace(/Ads|SEO/, `"${FORMULAS[i - 1].replace(/"/g, '""')}"`))) },
    code: 0, leads: 4,
    check: async (j, dir) => {
      expect(j.conversions.dimensions.channel!.rows.map((r) => r.value).sort()).toEqual([...FORMULAS].sort());
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'formula-formula-like-text-stays-text.xlsx'));
      const found: ExcelJS.Cell[] = [];
      wb.getWorksheet('Conversions')!.eachRow((row) => row.eachCell((c) => void (FORMULAS.includes(String(c.value)) && found.push(c))));
      expect(found).toHaveLength(4);
      for (const c of found) expect(c.type).toBe(ExcelJS.ValueType.String);
    },
  },
  { name: 'more cells than headers', files: { 'extra.csv': csv(10, (l, i) => (i === 4 ? `${l},surprise` : l)) }, code: 0, leads: 10, issues: [[5, 'E']] },
  { name: 'CR-only line ends (old Mac)', files: { 'cr.csv': csv(10, undefined, '\r') }, code: 0, leads: 10 },
  {
    name: 'creation dates that are all text',
    files: { 'text.csv': csv(5, (l, i) => (i === 0 ? l : l.replace(/2026-11-\d\d 10:00/, 'soon'))) },
    args: ['text.csv', '--column', 'createdAt=Created at'],
    code: 0, leads: 0, issues: [[2, 'Created at'], [6, 'Created at']],
  },
  { name: 'wrong-type config JSON', files: { 'a.csv': csv(3), 'cfg.json': '{"columns": "Created at", "stages": {}}' }, args: ['a.csv', '--config', 'cfg.json'], code: 2, message: 'columns: must be an object' },
  { name: 'config that is a JSON array', files: { 'a.csv': csv(3), 'arr.json': '[]' }, args: ['a.csv', '--config', 'arr.json'], code: 2, message: 'must be a JSON object' },
  { name: 'config that is not JSON', files: { 'a.csv': csv(3), 'bad.json': "{ columns: 'x' " }, args: ['a.csv', '--config', 'bad.json'], code: 2, message: 'not valid JSON' },
  { name: '--out equal to the input', files: { 'a.csv': csv(3) }, args: ['a.csv', '--json', './a.csv'], code: 2, message: 'it is the input file' },
  { name: '--out report.csv', files: { 'a.csv': csv(3) }, args: ['a.csv', '--out', 'report.csv'], code: 2, message: 'ending in .xlsx' },
  { name: '--out and --json the same file', files: { 'a.csv': csv(3) }, args: ['a.csv', '--out', 'r.xlsx', '--json', 'r.xlsx'], code: 2, message: 'same file' },
  { name: '--column naming a header that does not exist', files: { 'a.csv': csv(3) }, args: ['a.csv', '--column', 'manager=Owner'], code: 2, message: '"ID", "Created at", "Channel", "Won at"' },
  {
    name: 'XLSX from openpyxl (workbook part after the sheets), --sheet Leads',
    files: { 'py.xlsx': readFileSync(resolve(__dirname, '../fixtures/openpyxl-like.xlsx')) }, args: ['py.xlsx', '--sheet', 'Leads'],
    code: 0, leads: 6, // made by test/fixtures/make-openpyxl-like.py: six leads, 2026-11-01 … 2026-11-06
  },
  {
    name: 'XLSX from openpyxl, first sheet by default is a notes tab',
    files: { 'py.xlsx': readFileSync(resolve(__dirname, '../fixtures/openpyxl-like.xlsx')) },
    code: 2, message: 'No lead creation date column',
  },
  {
    name: 'XLSX with the relationships first and the workbook part last',
    files: { 'rf.xlsx': readFileSync(resolve(__dirname, '../fixtures/rels-first.xlsx')) }, args: ['rf.xlsx', '--sheet', 'Leads'],
    code: 0, leads: 6,
  },
  { name: '.xls input', files: { 'old.xls': 'whatever' }, code: 2, message: 'unsupported input type' },
  { name: 'an XLSX that is not a zip', files: { 'fake.xlsx': 'not a zip' }, code: 2, message: 'cannot read' },
  { name: 'a directory as the input', files: {}, args: ['.'], code: 2, message: 'not a file' },
  { name: 'missing file', files: {}, args: ['nope.csv'], code: 2, message: 'input file not found' },
];

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fr-corpus-'));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Leads');
  ws.addRow(HEADER.split(','));
  ws.addRow(lead(1).split(','));
  await wb.xlsx.writeFile(join(dir, 'leads.xlsx'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function runCase(c: Case) {
  const caseDir = join(dir, slug(c.name));
  mkdirSync(caseDir, { recursive: true });
  for (const [name, content] of Object.entries(c.files)) writeFileSync(join(caseDir, name), content);
  copyFileSync(join(dir, 'leads.xlsx'), join(caseDir, 'leads.xlsx'));
  const input = Object.keys(c.files)[0];
  const out = `${input ? input.replace(/\..*$/, '') : 'x'}-${slug(c.name)}`;
  const args = [...(c.args ?? [input]), '--as-of', AS_OF, '--quiet'];
  if (!args.includes('--out')) args.push('--out', `${out}.xlsx`);
  if (!args.includes('--json')) args.push('--json', `${out}.json`);
  const started = Date.now();
  const r = await runCli(args, caseDir);
  return { r, caseDir, out, seconds: (Date.now() - started) / 1000 };
}

function expectNoBug(r: { code: number; stderr: string; stdout: string }) {
  expect(r.code).not.toBe(1);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
  expect(r.stdout).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const { r, caseDir, out } = await runCase(c);
  expectNoBug(r);
  expect(r.code).toBe(c.code);
  if (c.code === 2) {
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(c.message!);
    return;
  }
  // Without --spend the Channels report is skipped with its one line (issue 9).
  expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
  const jsonFile = join(caseDir, `${out}.json`);
  expect(statSync(jsonFile).size).toBeLessThan(1 << 20);
  const j = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport;
  expect(j.total.leads).toBe(c.leads);
  const listed = j.dataIssues.map((i) => `${i.row}:${i.column}`);
  for (const [row, column] of c.issues ?? []) expect(listed).toContain(`${row}:${column}`);
  await c.check?.(j, caseDir);
});

test('missing --sheet: exit 2 naming the sheets that exist', async () => {
  const { r } = await runCase({ name: 'missing sheet', files: {}, args: ['leads.xlsx', '--sheet', 'Nope'], code: 2 });
  expectNoBug(r);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('sheet "Nope" not found in leads.xlsx (sheets: Leads)');
});

// Engineer C is making implausible dates (before 1990, more than a year after the report date) data
// issues that are not used. Until then only this is asserted: no bug, a bounded run and output.
// Implausible dates (DESIGN.md, "Plausible dates": before 1990 or more than a year after the report date)
// are data issues at their cell and are not used; a zero date once made a 105,000-week table (73 MB JSON).
const PLAUSIBILITY = [
  {
    name: 'far-future dates',
    text: `${HEADER}\n1,9999-12-31,,\n2,2026-11-02 10:00,Ads,2999-01-01\n3,2026-11-03 10:00,SEO,\n`,
    // Row 2's creation date is unusable (not a lead); row 3's Won date is ignored (a lead that did not win).
    leads: 2, issues: [[2, 'Created at'], [3, 'Won at']],
  },
  {
    name: 'zero dates (0001-01-01, 1899-12-30, 1900-01-01)',
    text: `${HEADER}\n1,0001-01-01,Ads,\n2,2026-11-02 10:00,SEO,\n3,1899-12-30,Ads,\n4,1900-01-01 00:00,SEO,\n`,
    leads: 1, issues: [[2, 'Created at'], [4, 'Created at'], [5, 'Created at']],
  },
];
test.each(PLAUSIBILITY.map((c) => [c.name, c] as const))('%s: data issues at their rows, the rest counted, small output', async (_n, c) => {
  const { r, caseDir, out, seconds } = await runCase({ name: c.name, files: { 'dates.csv': c.text }, code: 0 });
  expectNoBug(r);
  expect(r.code).toBe(0);
  expect(seconds).toBeLessThan(20);
  const json = join(caseDir, `${out}.json`);
  expect(statSync(json).size).toBeLessThan(1 << 20);
  const report = JSON.parse(readFileSync(json, 'utf8')) as { total: { leads: number }; dataIssues: { row: number; column: string }[] };
  expect(report.total.leads).toBe(c.leads);
  expect(report.dataIssues.map((i) => [i.row, i.column])).toEqual(c.issues);
});
