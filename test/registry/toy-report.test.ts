/**
 * The registry in use: a toy report defined here (not in src) appears in the CLI's XLSX, in `--json`
 * and in a Sheets refresh with no change in src, only by being in the registry those faces are given.
 * A second toy needs the `spend` input: skipped with a status line while there is none, computed from
 * one read of the Spend sheet once there is one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { RunContext } from '../../src/core/run-context';
import { REPORTS } from '../../src/report/registry';
import type { AnyReport, ReportDefinition } from '../../src/report/report-definition';
import { run } from '../../src/cli/run';
import { runRefreshReports } from '../../src/sheets/app';
import { createFakeServices } from '../fakes/services';
import { handMadeLeads, REPORT_NOW } from '../sheets/helpers';

interface ToyModel {
  leads: number;
  /** Leads at the last step by the report date, from the run's per-lead facts (not recomputed). */
  atLastStep: number;
}

const toyReport: ReportDefinition<ToyModel> = {
  id: 'toy',
  title: { en: 'Toy', ru: 'Игрушка' },
  needs: ['leads'],
  compute(ctx: RunContext): ToyModel {
    const last = ctx.facts.steps - 1;
    let atLastStep = 0;
    for (let i = 0; i < ctx.data.leads.count; i++) if (ctx.facts.top[i] === last && ctx.data.leads.createdAt[i] <= ctx.facts.asOfMs) atLastStep++;
    return { leads: ctx.source.leads, atLastStep };
  },
  layout: (model, opts) => ({
    name: opts.locale === 'ru' ? 'Игрушка' : 'Toy',
    values: [['Toy report', ''], ['Leads', model.leads], ['At the last step', model.atLastStep]],
    frozenRows: 1,
    frozenColumns: 0,
  }),
  json: (model) => ({ toy: model }),
};

const spendToy: ReportDefinition<number> = {
  id: 'spend-toy',
  title: { en: 'Spend toy', ru: 'Расходы (игрушка)' },
  needs: ['leads', 'spend'],
  compute: (ctx) => (ctx.inputs.spend?.rows.length ?? 0) - 1,
  layout: (rows) => ({ name: 'Spend toy', values: [['Spend rows', rows]], frozenRows: 0, frozenColumns: 0 }),
  json: (rows) => ({ spendRows: rows }),
};

const registry: readonly AnyReport[] = [...REPORTS, toyReport, spendToy];

describe('a toy report in a test registry', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toy-report-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(reports: readonly AnyReport[], name: string): Promise<{ code: number; stderr: string; json: Record<string, unknown>; workbook: ExcelJS.Workbook }> {
    const err: string[] = [];
    const code = await run(
      [path.resolve('examples/leads.csv'), '--as-of', '2026-11-22', '--out', path.join(dir, `${name}.xlsx`), '--json', path.join(dir, `${name}.json`), '--quiet'],
      { stdout: { write: () => true }, stderr: { isTTY: false, write: (s: string) => err.push(s) }, env: {}, cwd: dir, reports },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, `${name}.xlsx`));
    return { code, stderr: err.join(''), json: JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>, workbook };
  }

  test('CLI: its tab is in the XLSX after the built-in ones, its field in --json after the schema fields; the spend toy is skipped with a line', async () => {
    const plain = await cli(REPORTS, 'plain');
    const toy = await cli(registry, 'toy');
    expect(toy.code).toBe(0);
    expect(toy.workbook.worksheets.map((w) => w.name)).toEqual(['Cohorts', 'Conversions', 'Data issues', 'Toy']);
    const sheet = toy.workbook.getWorksheet('Toy');
    const leads = (plain.json.source as { leads: number }).leads;
    const won = (plain.json.total as { reached: Record<string, number> }).reached.Won;
    expect(sheet?.getRow(2).values).toEqual([undefined, 'Leads', leads]);
    expect(sheet?.getRow(3).values).toEqual([undefined, 'At the last step', won]);
    expect(toy.json.toy).toEqual({ leads, atLastStep: won });
    expect(Object.keys(toy.json)).toEqual([...Object.keys(plain.json), 'toy']);
    const { generatedAt: _a, toy: _t, ...rest } = toy.json;
    const { generatedAt: _b, ...plainRest } = plain.json;
    expect(rest).toEqual(plainRest);
    expect(toy.stderr).toContain('funnel-report: Spend toy: skipped, no Spend file');
    // The built-in registry's Channels report needs spend too: skipped the same way; the toy's line is the toy's only.
    expect(plain.stderr).toContain('funnel-report: Channels: skipped, no Spend file');
    expect(plain.stderr).not.toContain('Spend toy');
  });

  test('Sheets refresh: its tab is written; the spend toy is skipped in the status line until a Spend sheet exists, then read in one getValues', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    const out = runRefreshReports(w.services, { now: () => REPORT_NOW, reports: registry });
    expect(out.kind).toBe('done');
    const ss = w.app.spreadsheet;
    expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'Data issues', 'Toy']);
    // 11 hand-counted leads, 3 of them won by the report date (test/sheets/helpers.ts).
    expect(ss.sheet('Toy').peekValues().slice(1, 3)).toEqual([['Leads', 11], ['At the last step', 3]]);
    expect(String(ss.sheet('Cohorts').peek(1, 9))).toMatch(/ · 0 data issues · Channels: skipped, no Spend sheet · Spend toy: skipped, no Spend sheet$/);
    if (out.kind === 'done') expect(out.record.skippedReports).toEqual(['Channels: skipped, no Spend sheet', 'Spend toy: skipped, no Spend sheet']);

    w.app.calls.reset();
    runRefreshReports(w.services, { now: () => REPORT_NOW, reports: registry });
    const readsWithout = w.app.calls.count('Range.getValues');
    ss.addSheet('Spend', [['Month', 'Channel', 'Spend'], ['2026-11', 'Google', 1200], ['2026-11', 'Facebook', 800]]);
    w.app.calls.reset();
    const again = runRefreshReports(w.services, { now: () => REPORT_NOW, reports: registry });
    expect(again.kind).toBe('done');
    expect(w.app.calls.count('Range.getValues')).toBe(readsWithout + 1);
    expect(ss.sheet('Spend toy').peekValues()).toEqual([['Spend rows', 2]]);
    expect(String(ss.sheet('Cohorts').peek(1, 9))).not.toContain('skipped');
  });

  test('Russian status line for a skipped report', () => {
    const w = createFakeServices({ timeZone: 'Europe/Moscow', locale: 'ru' });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    runRefreshReports(w.services, { now: () => REPORT_NOW, reports: registry });
    const status = w.app.spreadsheet.sheets.map((s) => s.peekValues()[0]?.find((v) => typeof v === 'string' && v.startsWith('Обновлено'))).find((v) => v !== undefined);
    expect(String(status)).toContain('Расходы (игрушка): пропущен, нет листа «Расходы»');
  });
});
