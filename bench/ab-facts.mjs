#!/usr/bin/env node
/**
 * Same-process A/B of the engine's compute phase (everything after ingestion: cohorts, slice
 * conversions, outcomes, with their maturity thresholds and per-lead reach) between a base checkout
 * and this one, on the same ingested leads in the same process, alternated A, B, A, B, …:
 *   A = the base engine's buildFunnelReport (each report computes each lead's reach itself);
 *   B = this checkout's buildFunnelReport (per-lead facts computed once per run, shared).
 * Both are called with `ingest: () => data`, so ingestion is done once, outside the timing, and the
 * figure is the engine's compute phase only. The models must be deep-equal. Two warm-up runs of each
 * come first (JIT), then `runs` timed runs of each, the order alternating; medians are compared.
 *
 *   node --expose-gc bench/ab-facts.mjs [--rows 1000000] [--runs 7] [--as-of 2024-12-18] [--base-ref main | --base-dir DIR]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const o = { rows: 1_000_000, runs: 7, asOf: '2024-12-18', baseRef: 'main', baseDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rows') o.rows = Number(argv[++i]);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--as-of') o.asOf = argv[++i];
    else if (a === '--base-ref') o.baseRef = argv[++i];
    else if (a === '--base-dir') o.baseDir = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function bundle(entry, outfile) {
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', external: ['exceljs', 'papaparse', 'date-fns'] });
  return require(outfile);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const gc = globalThis.gc ?? (() => undefined);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-ab-'));
  let baseDir = o.baseDir;
  let worktree = null;
  try {
    if (!baseDir) {
      worktree = path.join(tmp, 'base');
      const r = spawnSync('git', ['worktree', 'add', '--detach', worktree, o.baseRef], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      baseDir = worktree;
    }
    const rev = (d) => spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: d, encoding: 'utf8' }).stdout.trim();
    const data = await bundle(path.join(ROOT, 'bench/ab-data.ts'), path.join(tmp, 'data.cjs'));
    const A = await bundle(path.join(baseDir, 'src/core/engine.ts'), path.join(tmp, 'engine-a.cjs'));
    const B = await bundle(path.join(ROOT, 'src/core/engine.ts'), path.join(tmp, 'engine-b.cjs'));
    process.stderr.write(`generating and ingesting ${o.rows} leads…\n`);
    const { rows, config, ingested } = data.benchLeads(o.rows, o.asOf);
    const options = { config, sheet: 'Leads', sourceName: 'bench', asOf: o.asOf, now: new Date(0), ingest: () => ingested };
    const head = rows.slice(0, 2);
    const runOf = (engine) => {
      gc();
      const t0 = performance.now();
      const out = engine.buildFunnelReport(head, options);
      const ms = performance.now() - t0;
      if (!out.ok) throw new Error(out.error);
      return { ms, report: out.report };
    };
    const a0 = runOf(A);
    const b0 = runOf(B);
    if (!isDeepStrictEqual(a0.report, b0.report)) throw new Error('the two engines disagree: A/B figures would mean nothing');
    for (let w = 0; w < 2; w++) {
      runOf(A);
      runOf(B);
    }
    const times = { A: [], B: [] };
    for (let r = 0; r < o.runs; r++) {
      for (const [k, e] of r % 2 === 0 ? [['A', A], ['B', B]] : [['B', B], ['A', A]]) times[k].push(runOf(e).ms);
    }
    const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' / ');
    const ma = median(times.A);
    const mb = median(times.B);
    console.log(`${ingested.leads.count} leads, ${ingested.stageNames.length - 1} stages, as of ${o.asOf}; models deep-equal`);
    console.log(`A base ${rev(baseDir)}: compute median ${ma.toFixed(0)} ms (runs ${fmt(times.A)})`);
    console.log(`B this ${rev(ROOT)}: compute median ${mb.toFixed(0)} ms (runs ${fmt(times.B)})`);
    console.log(`B / A = ${(mb / ma).toFixed(2)}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  } finally {
    if (worktree) spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: ROOT });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
