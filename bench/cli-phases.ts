/**
 * Where the CLI's time goes: the same modules the CLI runs, called one phase at a time on the same
 * CSV, each timed with its peak RSS. Diagnostic variants show what single changes would save.
 *   node --expose-gc build/bench/cli-phases.js <leads.csv> <config.json> <asOf> <out-dir> <out.json>
 * Module loading is measured as the time from process start to the first line of main (the bundle
 * requires exceljs and papaparse at the top, like the CLI bundle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readCsvFile } from '../src/cli/csv-reader';
import { stringifyReport } from '../src/cli/json-output';
import { XlsxReportWriter } from '../src/cli/xlsx-writer';
import { computeCohorts } from '../src/core/cohorts';
import { parseConfig, type FunnelConfig } from '../src/core/config';
import { computeSliceConversions } from '../src/core/conversions';
import { ingestRows } from '../src/core/ingest';
import type { FunnelReport } from '../src/core/model';
import { buildReportTabs } from '../src/report/tabs';
import { RssSampler } from './rss-sampler';

export interface CliPhase {
  phase: string;
  ms: number;
  rssPeakMb: number;
  /** Diagnostic variant, not part of the CLI's own path. */
  variant?: boolean;
}

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const log = (msg: string) => process.stderr.write(`  [cli-phases] ${msg}\n`);

async function main(): Promise<void> {
  const moduleLoadMs = performance.now();
  const [csv, configPath, asOf, outDir, out] = process.argv.slice(2);
  if (!csv || !configPath || !asOf || !outDir || !out) throw new Error('usage: cli-phases <csv> <config.json> <asOf> <out-dir> <out.json>');
  const parsed = parseConfig(JSON.parse(fs.readFileSync(configPath, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const config: FunnelConfig = parsed.config;
  const sampler = new RssSampler();
  const phases: CliPhase[] = [{ phase: 'node start + module load (exceljs, papaparse)', ms: moduleLoadMs, rssPeakMb: process.memoryUsage.rss() / 2 ** 20 }];

  async function timed<T>(phase: string, fn: () => T | Promise<T>, variant = false): Promise<T> {
    sampler.reset();
    const t0 = performance.now();
    const result = await fn();
    const ms = performance.now() - t0;
    const rssPeakMb = sampler.peak() / 1024;
    phases.push({ phase, ms, rssPeakMb, ...(variant ? { variant } : {}) });
    log(`${phase}: ${ms.toFixed(0)} ms, peak RSS ${rssPeakMb.toFixed(0)} MB`);
    return result;
  }

  const sheet = path.basename(csv, path.extname(csv));
  const rows = await timed('read + parse CSV (readCsvFile: papaparse)', () => readCsvFile(csv));
  const data = await timed('ingestRows', () => ingestRows(rows, { config, sheet }));
  const cohortReport = await timed('computeCohorts', () => computeCohorts(data, config, { asOf, grain: config.grain }));
  const conversions = await timed('computeSliceConversions', () => computeSliceConversions(data, config, { asOf }));
  const report: FunnelReport = {
    generatedAt: new Date().toISOString(),
    asOf,
    source: { name: path.basename(csv), sheet, rowsRead: data.rowsRead, leads: data.leads.count },
    stages: data.stageNames,
    cohortReport,
    conversions,
    dataIssues: data.issues,
  };
  const tabs = await timed('buildReportTabs', () => buildReportTabs(report, { locale: 'en', leadsSheet: sheet, maturityPercentile: config.maturityPercentile }));
  await timed('XLSX (exceljs) build + write', async () => {
    const writer = new XlsxReportWriter();
    tabs.forEach((t) => writer.writeTab(t));
    await writer.writeFile(path.join(outDir, 'phases.xlsx'));
  });
  await timed('JSON stringify + write', () => fs.writeFileSync(path.join(outDir, 'phases.json'), stringifyReport(report)));

  // Diagnostic variants: what single changes would save.
  gc();
  await timed('variant: ingestRows again, same config (warm JIT: compare with the next line)', () => ingestRows(rows, { config, sheet }), true);
  gc();
  const noId: FunnelConfig = { ...config, columns: { ...config.columns, id: undefined } };
  delete noId.columns.id;
  await timed('variant: ingestRows without the id column (no ids array, no duplicate-ID Map)', () => ingestRows(rows, { config: noId, sheet }), true);
  gc();
  await timed('variant: CSV read + split on "\\n" and "," (no quote handling; a lower bound)', () => {
    const text = fs.readFileSync(csv, 'utf8');
    const lines = text.split('\n');
    const out2: string[][] = new Array(lines.length);
    for (let i = 0; i < lines.length; i++) out2[i] = lines[i].split(',');
    return out2.length;
  }, true);

  fs.writeFileSync(out, JSON.stringify({ phases, leads: data.leads.count, issues: data.issues.length }));
  await sampler.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
