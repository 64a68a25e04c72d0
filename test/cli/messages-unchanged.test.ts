/**
 * Messages became codes rendered from catalogues (src/core/messages) with the same texts as before: the
 * data issues of the demo, Olist, amoCRM and a messy file, and the errors of a bad config, compared with
 * what the CLI wrote before the change (test/fixtures/messages-before.json, captured at commit b586146
 * with `--json`). Each JSON data issue's code and params also render to its problem and problemRu.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import type { JsonReport } from '../../src/cli/json-output';
import { run } from '../../src/cli/run';
import { parseConfig } from '../../src/core/config';
import { render, type Message } from '../../src/core/messages';
import { datasetFile, readCsvRows } from '../helpers/datasets';

type IssueRow = [string, number, string, string, string, string, string];
interface Before {
  messyCsv: string;
  messyConfig: unknown;
  badConfig: unknown;
  badConfigErrors: string[];
  issues: Record<'demo' | 'amocrm' | 'olist' | 'messy' | 'messyDetected', IssueRow[]>;
}

const ROOT = resolve(__dirname, '../..');
const before = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/messages-before.json'), 'utf8')) as Before;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fr-messages-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function issuesOf(args: string[]): Promise<JsonReport['dataIssues']> {
  const json = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const err: string[] = [];
  const io = { stdout: { write: () => undefined }, stderr: { isTTY: false, write: (s: string) => err.push(s) }, env: {}, cwd: dir };
  const code = await run([...args, '--out', `${json}.xlsx`, '--json', json, '--quiet'], io);
  expect({ code, err: err.join('').replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '') }).toEqual({ code: 0, err: '' });
  return (JSON.parse(readFileSync(json, 'utf8')) as JsonReport).dataIssues;
}

function expectUnchanged(issues: JsonReport['dataIssues'], expected: IssueRow[]): void {
  expect(issues.map((i): IssueRow => [i.sheet, i.row, i.column, i.value, i.problem, i.problemRu, i.severity])).toEqual(expected);
  for (const i of issues) {
    const m = { code: i.code, params: i.params } as Message;
    expect([render(m, 'en'), render(m, 'ru')]).toEqual([i.problem, i.problemRu]);
  }
}

/** The Olist MQLs with their won date joined in, as the fixture's run read them. */
function olistCsv(): string {
  const mqls = readCsvRows('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv');
  const deals = readCsvRows('olist-marketing-funnel', 'olist_closed_deals_dataset.csv');
  const won = new Map(deals.slice(1).map((d) => [d[deals[0].indexOf('mql_id')], d[deals[0].indexOf('won_date')]]));
  const rows = [['mql_id', 'first_contact_date', 'origin', 'won_date'], ...mqls.slice(1).map((m) => [m[0], m[1], m[3], won.get(m[0]) ?? ''])];
  const path = join(dir, 'olist.csv');
  writeFileSync(path, Papa.unparse(rows));
  return path;
}

describe('message texts are those of before the catalogues', () => {
  test('demo', async () => {
    const issues = await issuesOf([join(ROOT, 'examples/leads.csv'), '--config', join(ROOT, 'examples/funnel.json'), '--as-of', '2026-11-22']);
    expectUnchanged(issues, before.issues.demo);
  });

  test('amoCRM export, detected', async () => {
    expectUnchanged(await issuesOf([datasetFile('amocrm-export-sample', 'leads_test.csv'), '--as-of', '2024-01-01']), before.issues.amocrm);
  });

  test('Olist, detected', async () => {
    expectUnchanged(await issuesOf([olistCsv(), '--as-of', '2019-01-01']), before.issues.olist);
  });

  test('a messy file: every kind of cell problem, with settings and detected', async () => {
    const csv = join(dir, 'messy.csv');
    const cfg = join(dir, 'messy.json');
    writeFileSync(csv, before.messyCsv);
    writeFileSync(cfg, JSON.stringify(before.messyConfig));
    expectUnchanged(await issuesOf([csv, '--config', cfg, '--as-of', '2024-04-01']), before.issues.messy);
    expectUnchanged(await issuesOf([csv, '--as-of', '2024-04-01']), before.issues.messyDetected);
  });

  test('config errors, in Russian: translated now (before, the English errors stood inside the Russian sentence)', async () => {
    const csv = join(dir, 'a.csv');
    const cfg = join(dir, 'bad.json');
    writeFileSync(csv, 'Created at,Won at\n2026-11-02 10:00,\n');
    writeFileSync(cfg, JSON.stringify({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }], grain: 'daily' }));
    const err: string[] = [];
    const io = { stdout: { write: () => undefined }, stderr: { isTTY: false, write: (s: string) => err.push(s) }, env: {}, cwd: dir };
    expect(await run([csv, '--config', cfg, '--lang', 'ru', '--out', join(dir, 'ru.xlsx')], io)).toBe(2);
    expect(err.join('')).toBe(`funnel-report: неверные настройки ${cfg}: grain: должно быть "week", "month" или "quarter"\n`);
  });

  test('config errors, in English', () => {
    const r = parseConfig(before.badConfig);
    expect(r.ok ? [] : r.errors).toEqual(before.badConfigErrors);
  });
});
