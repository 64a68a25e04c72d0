/**
 * The whole CSV is checked for its encoding, not the first 64 KB: Windows-1251 text far into a file
 * must not silently become U+FFFD.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/cli/json-output';
import { checkUtf8 } from '../../src/cli/utf8-check';
import { encode1251 } from './encode1251';
import { runCli } from './run-helper';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-enc-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAD = 'x'.repeat(40);
/** Lead i on spreadsheet row i + 1: odd → Реклама, even → Сайт, all managed by Анна. */
function line(i: number, latinNames = false): string {
  const channel = latinNames ? (i % 2 ? 'Ads' : 'Web') : i % 2 ? 'Реклама' : 'Сайт';
  return `${i},2026-11-${String((i % 20) + 1).padStart(2, '0')} 10:00,${channel},${latinNames ? 'Anna' : 'Анна'},${PAD},\n`;
}
const HEADER = 'ID,Created at,Channel,Manager,Note,Won at\n';

async function report(name: string, bytes: Buffer): Promise<JsonReport> {
  writeFileSync(join(dir, name), bytes);
  const r = await runCli([name, '--as-of', '2026-11-22', '--out', `${name}.xlsx`, '--json', `${name}.json`, '--quiet'], dir);
  // Without --spend the Channels report is skipped with its one line (issue 9).
  expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as JsonReport;
}

const slice = (j: JsonReport, d: 'channel' | 'manager') => Object.fromEntries(j.conversions.dimensions[d]!.rows.map((r) => [r.value, r.leads]));

test('UTF-8 file with two Windows-1251 rows after 130 KB: decoded right, and each such cell listed by row', async () => {
  const parts: Buffer[] = [Buffer.from(HEADER)];
  let offset = HEADER.length;
  for (let i = 1; i <= 2000; i++) {
    const cp1251 = i === 1900 || i === 1950;
    if (i === 1900) expect(offset).toBeGreaterThan(130 * 1024);
    const b = cp1251 ? encode1251(line(i)) : Buffer.from(line(i), 'utf8');
    parts.push(b);
    offset += b.length;
  }
  const j = await report('mixed.csv', Buffer.concat(parts));
  expect(j.total.leads).toBe(2000);
  expect(slice(j, 'channel')).toEqual({ Реклама: 1000, Сайт: 1000 });
  expect(slice(j, 'manager')).toEqual({ Анна: 2000 });
  // lead 1900 is on row 1901: "Сайт" (even), lead 1950 on row 1951
  expect(j.dataIssues.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([
    [1901, 'Channel', 'Сайт', 'warning'], [1901, 'Manager', 'Анна', 'warning'],
    [1951, 'Channel', 'Сайт', 'warning'], [1951, 'Manager', 'Анна', 'warning'],
  ]);
  expect(j.dataIssues[0].problem).toContain('Windows-1251');
  expect(j.dataIssues[0].problemRu).toContain('Windows-1251');
});

test('Windows-1251 file whose first 130 KB are plain ASCII: the whole file is read as Windows-1251', async () => {
  let text = HEADER;
  for (let i = 1; i <= 2000; i++) text += line(i, i < 1900);
  const j = await report('late1251.csv', encode1251(text));
  expect(j.total.leads).toBe(2000);
  // leads 1900–2000: 101 leads, 51 even (Сайт: 1900, 1902, …, 2000) and 50 odd
  expect(slice(j, 'channel')).toEqual({ Ads: 950, Web: 949, Сайт: 51, Реклама: 50 });
  expect(j.dataIssues).toEqual([]);
});

test('checkUtf8', () => {
  expect(checkUtf8(Buffer.from('plain, Кириллица'))).toEqual({ kind: 'utf8' });
  expect(checkUtf8(encode1251('Кириллица'))).toEqual({ kind: 'single-byte' });
  const mixed = Buffer.concat([Buffer.from('Кириллица, '), encode1251('Да')]);
  expect(checkUtf8(mixed)).toEqual({ kind: 'mixed', invalid: Int32Array.from([20, 21]) }); // 9 Cyrillic × 2 bytes + ", "
  expect(checkUtf8(Buffer.from([0xe2, 0x82]))).toEqual({ kind: 'single-byte' }); // a truncated 3-byte sequence
});
