/**
 * Engine benchmark (run by bench/run.mjs, bundled to build/bench/engine-bench.js):
 *   node --expose-gc build/bench/engine-bench.js <count> <asOf> <runs> <out.json>
 * Phases on the same in-memory rows: generation (string[][], as a CSV parser would hand them over),
 * ingestRows with an explicit config, computeCohorts (weekly, fixed report date), and the naive
 * row-object reference (parse + count). Each timed phase runs `runs` times; the median is reported,
 * memory is taken from the first run. Weekly counts of engine and reference go to the JSON for
 * run.mjs to compare.
 */
import fs from 'node:fs';
import { computeCohorts } from '../src/core/cohorts';
import { parseConfig } from '../src/core/config';
import { ingestRows } from '../src/core/ingest';
import type { CohortReport } from '../src/core/model';
import type { IngestResult } from '../src/core/types';
import { naiveWeekly, parseLeadObjects } from './naive';
import { RssSampler } from './rss-sampler';
import { BENCH_CONFIG_JSON, HEADER, STAGES, generateRows } from './synthetic';
import { weeklyFromReport, type WeeklyCounts } from './weekly';

export interface PhaseFigures {
  phase: string;
  /** Median over runs (ms). */
  ms: number;
  runsMs: number[];
  /** RSS when the phase started and its peak during the first run (MB). */
  rssStartMb: number;
  rssPeakMb: number;
  /** Heap + external + array buffers still held after the phase, minus before (MB, after gc). */
  retainedMb: number;
}

export interface EngineBenchResult {
  count: number;
  leads: number;
  issues: number;
  asOf: string;
  phases: PhaseFigures[];
  engine: WeeklyCounts[];
  naive: WeeklyCounts[];
  maxRssMb: number;
  node: string;
}

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error('run with node --expose-gc');
});

const MB = 1024 * 1024;
/** Two full collections: array buffer backing stores freed by the first are released by the second. */
function settle(): void {
  gc();
  gc();
}
function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const log = (msg: string) => process.stderr.write(`  [engine] ${msg}\n`);

/**
 * Runs `fn` `runs` times. Memory figures come from the first run; the result of the first run is
 * returned (later runs' results are dropped before the next run starts).
 */
function phase<T>(name: string, runs: number, sampler: RssSampler, fn: () => T): { result: T; figures: PhaseFigures } {
  settle();
  const heldBefore = heldBytes();
  const rssStart = sampler.reset();
  let t0 = performance.now();
  const result = fn();
  const runsMs = [performance.now() - t0];
  const rssPeak = sampler.peak();
  settle();
  const retained = heldBytes() - heldBefore;
  for (let r = 1; r < runs; r++) {
    gc();
    t0 = performance.now();
    fn();
    runsMs.push(performance.now() - t0);
  }
  const figures: PhaseFigures = {
    phase: name,
    ms: median(runsMs),
    runsMs,
    rssStartMb: rssStart / 1024,
    rssPeakMb: rssPeak / 1024,
    retainedMb: retained / MB,
  };
  log(`${name}: ${runsMs.map((ms) => ms.toFixed(0)).join(' / ')} ms, RSS ${figures.rssStartMb.toFixed(0)} → peak ${figures.rssPeakMb.toFixed(0)} MB, retained ${figures.retainedMb.toFixed(0)} MB`);
  return { result, figures };
}

async function main(): Promise<void> {
  const [countArg, asOf, runsArg, out] = process.argv.slice(2);
  const count = Number(countArg);
  const runs = Number(runsArg);
  if (!Number.isInteger(count) || !asOf || !Number.isInteger(runs) || !out) {
    throw new Error('usage: engine-bench <count> <asOf> <runs> <out.json>');
  }
  const parsed = parseConfig(BENCH_CONFIG_JSON);
  if (!parsed.ok) throw new Error(`bench config invalid: ${parsed.errors.join('; ')}`);
  const config = parsed.config;
  const sampler = new RssSampler();
  const phases: PhaseFigures[] = [];

  const gen = phase('generate rows (string[][])', 1, sampler, () => generateRows({ count }));
  phases.push(gen.figures);
  let rows: string[][] | null = gen.result;

  const ingest = phase('ingestRows', runs, sampler, () => ingestRows(rows as string[][], { config, sheet: 'Leads' }));
  phases.push(ingest.figures);
  const data: IngestResult = ingest.result;

  const compute = phase('computeCohorts (weekly)', runs, sampler, () => computeCohorts(data, config, { asOf, grain: 'week' }));
  phases.push(compute.figures);
  const report: CohortReport = compute.result;

  const createdCol = HEADER.indexOf('Created at');
  const stageCols = STAGES.map((s) => HEADER.indexOf(s.column));
  const stageNames = STAGES.map((s) => s.name);
  const naiveParse = phase('naive: rows → lead objects', runs, sampler, () => parseLeadObjects(rows as string[][], createdCol, stageCols));
  phases.push(naiveParse.figures);
  const naiveCount = phase('naive: weekly counts', runs, sampler, () => naiveWeekly(naiveParse.result, stageNames, asOf));
  phases.push(naiveCount.figures);
  rows = null;

  const result: EngineBenchResult = {
    count,
    leads: data.leads.count,
    issues: data.issues.length,
    asOf,
    phases,
    engine: weeklyFromReport(report),
    naive: naiveCount.result,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    node: process.version,
  };
  fs.writeFileSync(out, JSON.stringify(result));
  await sampler.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
