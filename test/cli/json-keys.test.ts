/** `--json` keys are the engine's stage names whatever the language; only the XLSX labels are translated. */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonReport } from '../../src/cli/json-output';
import { datasetFile } from '../helpers/datasets';
import { runCli } from './run-helper';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('amoCRM export: the same JSON keys with --lang en, --lang ru and LANG=ru; Russian labels in the Russian XLSX', async () => {
  const csv = datasetFile('amocrm-export-sample', 'leads_test.csv');
  const runs: [string[], Record<string, string>][] = [
    [['--lang', 'en'], {}],
    [['--lang', 'ru'], {}],
    [[], { LANG: 'ru_RU.UTF-8' }],
  ];
  const reports: JsonReport[] = [];
  for (const [i, [args, env]] of runs.entries()) {
    const r = await runCli([csv, '--as-of', '2026-11-22', '--out', `k${i}.xlsx`, '--json', `k${i}.json`, '--quiet', ...args], dir, env);
    // Without --spend the Channels report is skipped with its one line (issue 9).
    expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
    expect(r.code).toBe(0);
    reports.push(JSON.parse(readFileSync(join(dir, `k${i}.json`), 'utf8')) as JsonReport);
  }
  // amoCRM's default pipeline in the built-in English names, "Lead" first
  const stages = ['Lead', 'Contacted', 'Negotiation', 'Decision', 'Contract', 'Won'];
  for (const j of reports) {
    expect(j.stages).toEqual(stages);
    expect(Object.keys(j.total.reached)).toEqual(stages);
    expect(j.cohorts).toEqual(reports[0].cohorts);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'k1.xlsx'));
  const texts: string[] = [];
  wb.getWorksheet('Когорты')!.eachRow((row) => row.eachCell((c) => void texts.push(String(c.value))));
  expect(texts).toContain('Успешно реализовано');
  expect(texts).not.toContain('Won');
});
