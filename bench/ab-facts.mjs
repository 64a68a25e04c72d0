#!/usr/bin/env node
/**
 * Same-process A/B of the engine's compute phase (everything after ingestion: cohorts, slice
 * conversions, outcomes, with their maturity thresholds and per-lead reach) between a base checkout
 * and this one, on the same ingested leads in the same process, alternated A, B, A, B, …:
 *   A = the base engine's buildFunnelReport (each report computes each lead's reach itself);
 *   B = this checkout's buildFunnelReport (per-lead facts computed once per run, shared).
 * Both are called with `ingest: () => data`, so ingestion is done once, outside the timing, and the
 * figure is the engine's compute phase only. The models must be deep-equal. The same is then done for
 * `computeCohorts` called on its own (what `npm run bench` times as its engine phase): there B
 * computes the per-lead facts inside the call, since nobody hands them over. Two warm-up runs of each
 * come first (JIT), then `runs` timed runs of each, the order alternating; medians and fastest runs
 * are compared (on a shared machine the fastest run is the steadier figure).
 *
 *   node --expose-gc bench/ab-facts.mjs [--rows 1000000] [--runs 7] [--as-of 2024-12-18] [--base-ref main | --base-dir DIR]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

import { openBaseCheckout, shortRev } from './base-checkout.mjs';

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
  let checkout = null;
  try {
    checkout = openBaseCheckout(ROOT, o, tmp);
    const baseDir = checkout.dir;
    const rev = shortRev;
    const data = await bundle(path.join(ROOT, 'bench/ab-data.ts'), path.join(tmp, 'data.cjs'));
    const A = await bundle(path.join(baseDir, 'src/core/engine.ts'), path.join(tmp, 'engine-a.cjs'));
    const B = await bundle(path.join(ROOT, 'src/core/engine.ts'), path.join(tmp, 'engine-b.cjs'));
    const cohortsA = await bundle(path.join(baseDir, 'src/core/cohorts.ts'), path.join(tmp, 'cohorts-a.cjs'));
    const cohortsB = await bundle(path.join(ROOT, 'src/core/cohorts.ts'), path.join(tmp, 'cohorts-b.cjs'));
    process.stderr.write(`generating and ingesting ${o.rows} leads…\n`);
    const { rows, config, ingested } = data.benchLeads(o.rows, o.asOf);
    const options = { config, sheet: 'Leads', sourceName: 'bench', asOf: o.asOf, now: new Date(0), ingest: () => ingested };
    const head = rows.slice(0, 2);
    const timed = (fn) => {
      gc();
      const t0 = performance.now();
      const result = fn();
      return { ms: performance.now() - t0, result };
    };
    const fmt = (xs) => xs.map((x) => x.toFixed(0)).join(' / ');
    const compare = (label, a, b) => {
      const ra = timed(a).result;
      const rb = timed(b).result;
      if (!isDeepStrictEqual(ra, rb)) throw new Error(`${label}: the two checkouts disagree, so A/B figures would mean nothing`);
      for (let w = 0; w < 2; w++) {
        timed(a);
        timed(b);
      }
      const times = { A: [], B: [] };
      for (let r = 0; r < o.runs; r++) {
        for (const [k, f] of r % 2 === 0 ? [['A', a], ['B', b]] : [['B', b], ['A', a]]) times[k].push(timed(f).ms);
      }
      const ma = median(times.A);
      const mb = median(times.B);
      console.log(`${label}: results deep-equal`);
      const na = Math.min(...times.A);
      const nb = Math.min(...times.B);
      console.log(`  A base ${rev(baseDir)}: median ${ma.toFixed(0)} ms, fastest ${na.toFixed(0)} ms (runs ${fmt(times.A)})`);
      console.log(`  B this ${rev(ROOT)}: median ${mb.toFixed(0)} ms, fastest ${nb.toFixed(0)} ms (runs ${fmt(times.B)})`);
      console.log(`  B / A = ${(mb / ma).toFixed(2)} by medians, ${(nb / na).toFixed(2)} by fastest runs; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
    };
    const report = (engine) => () => {
      const out = engine.buildFunnelReport(head, options);
      if (!out.ok) throw new Error(out.error);
      return out.report;
    };
    console.log(`${ingested.leads.count} leads, ${ingested.stageNames.length - 1} stages, as of ${o.asOf}, ${o.runs} runs each after 2 warm-ups`);
    compare('engine compute phase (buildFunnelReport after ingestion: cohorts, conversions, outcomes)', report(A), report(B));
    const cohortOptions = { asOf: o.asOf, grain: 'week' };
    compare('computeCohorts on its own (npm run bench engine phase)', () => cohortsA.computeCohorts(ingested, config, cohortOptions), () => cohortsB.computeCohorts(ingested, config, cohortOptions));
  } finally {
    checkout?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
