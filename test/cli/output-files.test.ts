/** Output paths are checked before anything is written, and a failed write leaves the old report intact. */
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxReportWriter } from '../../src/cli/xlsx-writer';
import { runCli } from './run-helper';

const AS_OF = '2026-11-22';
const CSV = 'Created at,Won at\n2026-11-02 10:00,2026-11-05 12:00\n2026-11-03 11:00,\n';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-out-'));
  writeFileSync(join(dir, 'leads.csv'), CSV);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function goodReport(name: string): Promise<Buffer> {
  const r = await runCli(['leads.csv', '--as-of', AS_OF, '--out', name, '--quiet'], dir);
  expect(r.code).toBe(0);
  return readFileSync(join(dir, name));
}

describe('refused before anything is written (exit 2)', () => {
  test('--out that is the input file, spelled another way', async () => {
    const before = await goodReport('crm.xlsx');
    mkdirSync(join(dir, 'sub'));
    const r = await runCli(['crm.xlsx', '--out', './sub/../crm.xlsx'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is the input file');
    expect(readFileSync(join(dir, 'crm.xlsx')).equals(before)).toBe(true);
  });

  test('--out reaching the input through a symlinked directory', async () => {
    const before = await goodReport('crm.xlsx');
    symlinkSync(dir, join(dir, 'link'));
    const r = await runCli([join(dir, 'crm.xlsx'), '--out', 'link/crm.xlsx', '--lang', 'ru'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('это входной файл');
    expect(readFileSync(join(dir, 'crm.xlsx')).equals(before)).toBe(true);
  });

  test('--json that is the input CSV or the config', async () => {
    writeFileSync(join(dir, 'funnel.json'), JSON.stringify({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }] }));
    expect((await runCli(['leads.csv', '--json', 'leads.csv'], dir)).code).toBe(2);
    expect((await runCli(['leads.csv', '--config', 'funnel.json', '--json', 'funnel.json'], dir)).code).toBe(2);
    expect(readFileSync(join(dir, 'leads.csv'), 'utf8')).toBe(CSV);
    expect(JSON.parse(readFileSync(join(dir, 'funnel.json'), 'utf8')).stages).toHaveLength(1);
    expect(existsSync(join(dir, 'report.xlsx'))).toBe(false);
  });

  test('--out and --json naming the same file', async () => {
    const r = await runCli(['leads.csv', '--out', 'x.xlsx', '--json', './x.xlsx'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out and --json are the same file');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  test('--out that is not .xlsx', async () => {
    const r = await runCli(['leads.csv', '--out', 'report.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.xlsx');
    expect(existsSync(join(dir, 'report.csv'))).toBe(false);
    expect((await runCli(['leads.csv', '--out', 'REPORT.XLSX', '--as-of', AS_OF, '--quiet'], dir)).code).toBe(0);
  });
});

describe('atomic writes', () => {
  test('a run that fails half-way through writing the XLSX leaves the previous report byte-identical', async () => {
    const before = await goodReport('weekly.xlsx');
    copyFileSync(join(dir, 'weekly.xlsx'), join(dir, 'copy.xlsx'));
    jest.spyOn(XlsxReportWriter.prototype, 'writeFile').mockImplementation(async (path: string) => {
      writeFileSync(path, before.subarray(0, 100)); // the first bytes of a zip, then the disk fills up
      throw new Error('ENOSPC: no space left on device');
    });
    const r = await runCli(['leads.csv', '--as-of', AS_OF, '--out', 'weekly.xlsx', '--json', 'weekly.json', '--quiet'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ENOSPC');
    expect(readFileSync(join(dir, 'weekly.xlsx')).equals(before)).toBe(true);
    expect(existsSync(join(dir, 'weekly.json'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['copy.xlsx', 'leads.csv', 'weekly.xlsx']); // no temporary file left behind
  });

  test('a successful run replaces the report and leaves no temporary file', async () => {
    await goodReport('weekly.xlsx');
    const r = await runCli(['leads.csv', '--as-of', AS_OF, '--out', 'weekly.xlsx', '--json', 'weekly.json', '--quiet'], dir);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['leads.csv', 'weekly.json', 'weekly.xlsx']);
    expect(JSON.parse(readFileSync(join(dir, 'weekly.json'), 'utf8')).total.leads).toBe(2);
  });
});

test('--out through a symlink replaces the file it points at and keeps the link', async () => {
  mkdirSync(join(dir, 'reports'));
  writeFileSync(join(dir, 'reports/real.xlsx'), 'old');
  symlinkSync(join(dir, 'reports/real.xlsx'), join(dir, 'latest.xlsx'));
  const r = await runCli(['leads.csv', '--as-of', AS_OF, '--out', 'latest.xlsx', '--quiet'], dir);
  expect(r.code).toBe(0);
  expect(lstatSync(join(dir, 'latest.xlsx')).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(dir, 'reports/real.xlsx')).subarray(0, 2).toString()).toBe('PK'); // a zip now
  expect(readdirSync(join(dir, 'reports'))).toEqual(['real.xlsx']);
});
