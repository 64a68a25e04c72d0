#!/usr/bin/env node
/**
 * `npm run bench` (after scripts/build-cli.mjs has built build/cli/funnel-report.js):
 *   node --expose-gc bench/run.mjs [--rows 1000000] [--runs 3] [--e2e-runs 3] [--as-of 2024-12-18]
 *                                  [--keep] [--profile] [--no-phases] [--skip-engine] [--skip-e2e]
 *                                  [--skip-sheets] [--skip-sla] [--sheets-counts 1000,100000]
 *                                  [--skip-channels] [--spend-rows 50000]
 *
 * 1. builds the bench entries (bench/build-bench.mjs → build/bench/*.js);
 * 2. writes the synthetic leads as CSV into a fresh directory under os.tmpdir();
 * 3. engine: generation, ingestRows and computeCohorts on the same leads in memory, beside a naive
 *    row-object reference (own process, --expose-gc);
 * 4. end to end: the CLI on the CSV, and DuckDB computing the same weekly reached counts from the
 *    same CSV, each as its own process (wall clock includes node start), alternated, median of runs;
 * 5. checks that engine, naive reference, CLI and DuckDB give identical weekly counts: exit 1 if not;
 * 6. Sheets refresh on fakes (bench/sheets-refresh.ts): service calls per refresh, compute time per
 *    100,000 leads.
 * 7. Channels (bench/channels-bench.ts): spend allocation and channel metrics beside a naive
 *    reference in the same process, results checked equal (exit 1 if not).
 * 8. SLA and speed (bench/sla-bench.ts): 3 rules on a working calendar beside a naive reference,
 *    results checked equal (exit 1 if not).
 * 9. Feedback tab refresh on fakes (bench/feedback-refresh.ts): service calls, refresh and merge time,
 *    beside a naive whole-grid rewrite in the same run; the two grids must be identical.
 * Figures are printed, never asserted: only the correctness check can fail the run.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBench, BENCH_OUT } from './build-bench.mjs';
import { diffWeekly, totals, weeklyFromCliJson } from './compare.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '..');
const CLI = path.join(ROOT, 'build/cli/funnel-report.js');
const PROBE = path.join(BENCH_DIR, 'rss-probe.cjs');

function parseArgs(argv) {
  const opts = { rows: 1_000_000, runs: 3, e2eRuns: 3, asOf: '2024-12-18', keep: false, profile: false, skipEngine: false, skipE2e: false, skipSheets: false, skipChannels: false, skipSla: false, spendRows: 50_000, phases: true, sheetsCounts: [1000, 100000] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') opts.rows = Number(next());
    else if (a === '--runs') opts.runs = Number(next());
    else if (a === '--e2e-runs') opts.e2eRuns = Number(next());
    else if (a === '--as-of') opts.asOf = next();
    else if (a === '--keep') opts.keep = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--skip-engine') opts.skipEngine = true;
    else if (a === '--skip-e2e') opts.skipE2e = true;
    else if (a === '--no-phases') opts.phases = false;
    else if (a === '--skip-sheets') opts.skipSheets = true;
    else if (a === '--skip-channels') opts.skipChannels = true;
    else if (a === '--spend-rows') opts.spendRows = Number(next());
    else if (a === '--skip-sla') opts.skipSla = true;
    else if (a === '--sheets-counts') opts.sheetsCounts = next().split(',').map(Number);
    else throw new Error(`unknown option ${a}`);
  }
  for (const k of ['rows', 'runs', 'e2eRuns']) {
    if (!Number.isInteger(opts[k]) || opts[k] < 1) throw new Error(`--${k}: must be a positive integer`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw new Error('--as-of: YYYY-MM-DD');
  return opts;
}

const loadAvg = () => os.loadavg().map((x) => x.toFixed(2)).join(' / ');
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMb = (mb) => (mb === null || mb === undefined ? '—' : `${mb.toFixed(0)} MB`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

function table(headers, rows) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => `| ${cells.map((x, c) => String(x).padEnd(widths[c])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Runs a node script as a child process; wall clock includes process start. Throws on failure. */
function runNode(label, args, { tmp, env = {} } = {}) {
  const rssFile = path.join(tmp, `rss-${process.pid}-${Date.now()}.txt`);
  const started = performance.now();
  const res = spawnSync(process.execPath, ['--require', PROBE, ...args], {
    env: { ...process.env, ...env, FUNNEL_BENCH_RSS_OUT: rssFile },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${label} failed (exit ${res.status}${res.signal ? `, ${res.signal}` : ''}): node ${args.join(' ')}\n${res.stdout}`);
  }
  let peakRssMb = null;
  if (fs.existsSync(rssFile)) {
    peakRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    fs.rmSync(rssFile);
  }
  return { ms, peakRssMb, stdout: String(res.stdout) };
}

/** Top self-time functions of a .cpuprofile (V8 format), as printable rows. */
function summariseProfile(file, top = 25) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.startsWith('file:') ? path.relative(ROOT, fileURLToPath(f.url)) : f.url.startsWith('/') ? path.relative(ROOT, f.url) : f.url}:${f.lineNumber + 1}`;
    const d = dt[i] ?? 0;
    total += d;
    self.set(key, (self.get(key) ?? 0) + d);
  });
  return [...self.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, top)
    .map(([k, us]) => [k, `${(us / 1000).toFixed(0)} ms`, `${((us / total) * 100).toFixed(1)}%`]);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  console.log(`Funnel report benchmarks — ${opts.rows.toLocaleString('en-US')} synthetic leads, report date ${opts.asOf}`);
  console.log(`Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}, node ${process.version}`);
  console.log(`Load average at start: ${loadAvg()} (figures are only comparable on an otherwise idle machine)`);

  await buildBench();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-bench-'));
  const failures = [];
  const summary = [];
  try {
    const csv = path.join(tmp, 'leads.csv');
    const gen = runNode('CSV generator', [path.join(BENCH_OUT, 'write-csv.js'), csv, String(opts.rows)], { tmp });
    const genInfo = JSON.parse(gen.stdout);
    console.log(`\nCSV: ${csv} (${(genInfo.bytes / 2 ** 20).toFixed(0)} MB, written in ${fmtMs(genInfo.ms)})`);

    let engine = null;
    if (!opts.skipEngine) {
      console.log(`\n== Engine in memory (median of ${opts.runs}; memory from the first run) ==`);
      const out = path.join(tmp, 'engine.json');
      runNode('engine bench', ['--expose-gc', path.join(BENCH_OUT, 'engine-bench.js'), String(opts.rows), opts.asOf, String(opts.runs), out], { tmp });
      engine = JSON.parse(fs.readFileSync(out, 'utf8'));
      console.log(table(
        ['phase', 'time (median)', 'runs (ms)', 'RSS at start', 'peak RSS', 'peak − start', 'retained after gc'],
        engine.phases.map((p) => [p.phase, fmtMs(p.ms), p.runsMs.map((x) => x.toFixed(0)).join('/'), fmtMb(p.rssStartMb), fmtMb(p.rssPeakMb), fmtMb(p.rssPeakMb - p.rssStartMb), fmtMb(p.retainedMb)]),
      ));
      const ph = Object.fromEntries(engine.phases.map((p) => [p.phase, p]));
      const engineMs = ph['ingestRows'].ms + ph['computeCohorts (weekly)'].ms;
      const naiveMs = ph['naive: rows → lead objects'].ms + ph['naive: weekly counts'].ms;
      console.log(`leads ingested: ${engine.leads.toLocaleString('en-US')}, data issues: ${engine.issues}, process peak RSS ${fmtMb(engine.maxRssMb)}`);
      console.log(`engine (ingest + compute) ${fmtMs(engineMs)} vs naive reference (parse + count) ${fmtMs(naiveMs)}: ratio engine/naive ${(engineMs / naiveMs).toFixed(2)}`);
      console.log(`computeCohorts vs naive weekly count: ${(ph['computeCohorts (weekly)'].ms / ph['naive: weekly counts'].ms).toFixed(2)}`);
      const d = diffWeekly('engine', engine.engine, 'naive', engine.naive);
      if (d.length) failures.push(['engine vs naive reference', d]);
      const extra = (p) => `+${fmtMb(p.rssPeakMb - p.rssStartMb)} over the rows held in memory`;
      summary.push([`engine: ingestRows, ${engine.count.toLocaleString('en-US')} rows (median of ${opts.runs})`, fmtMs(ph['ingestRows'].ms), fmtMb(ph['ingestRows'].rssPeakMb), extra(ph['ingestRows'])]);
      summary.push([`engine: computeCohorts weekly (median of ${opts.runs})`, fmtMs(ph['computeCohorts (weekly)'].ms), fmtMb(ph['computeCohorts (weekly)'].rssPeakMb), `${extra(ph['computeCohorts (weekly)'])}; target < 1 s`]);
      summary.push(['naive reference: parse + count', fmtMs(naiveMs), '', `engine/naive = ${(engineMs / naiveMs).toFixed(2)}`]);
    }

    let duck = null;
    let cli = null;
    if (!opts.skipE2e) {
      if (!fs.existsSync(CLI)) throw new Error(`${CLI} not found: run node scripts/build-cli.mjs first (npm run bench does)`);
      const configFile = path.join(tmp, 'config.json');
      fs.writeFileSync(configFile, JSON.stringify(genInfo.config, null, 2));
      console.log(`\n== End to end on the CSV (separate processes, wall clock incl. node start; median of ${opts.e2eRuns}, alternated) ==`);
      const cliRuns = [];
      const duckRuns = [];
      for (let r = 0; r < opts.e2eRuns; r++) {
        const cliJson = path.join(tmp, `cli-${r}.json`);
        const cliXlsx = path.join(tmp, `cli-${r}.xlsx`);
        const c = runNode('CLI', [CLI, csv, '--config', configFile, '--as-of', opts.asOf, '--out', cliXlsx, '--json', cliJson, '--quiet'], { tmp });
        cliRuns.push({ ...c, json: cliJson, xlsx: cliXlsx });
        const duckJson = path.join(tmp, `duck-${r}.json`);
        const k = runNode('DuckDB', [path.join(BENCH_DIR, 'duckdb-weekly.mjs'), csv, opts.asOf, duckJson], { tmp });
        duckRuns.push({ ...k, json: duckJson });
        console.log(`  run ${r + 1}: CLI ${fmtMs(c.ms)} (peak RSS ${fmtMb(c.peakRssMb)}), DuckDB ${fmtMs(k.ms)} (peak RSS ${fmtMb(k.peakRssMb)})`);
      }
      const cliMs = median(cliRuns.map((x) => x.ms));
      const duckMs = median(duckRuns.map((x) => x.ms));
      const cliRss = Math.max(...cliRuns.map((x) => x.peakRssMb ?? 0));
      const duckRss = Math.max(...duckRuns.map((x) => x.peakRssMb ?? 0));
      duck = JSON.parse(fs.readFileSync(duckRuns[0].json, 'utf8'));
      cli = weeklyFromCliJson(JSON.parse(fs.readFileSync(cliRuns[0].json, 'utf8')));
      const duckQuery = median(duckRuns.map((x) => JSON.parse(fs.readFileSync(x.json, 'utf8')).queryMs));
      console.log(table(
        ['phase', 'time (median)', 'peak RSS', 'note'],
        [
          ['CLI end to end', fmtMs(cliMs), fmtMb(cliRss), `CSV → ${fs.statSync(cliRuns[0].xlsx).size > 0 ? 'XLSX + JSON' : 'JSON'}`],
          ['DuckDB end to end', fmtMs(duckMs), fmtMb(duckRss), `read_csv + weekly counts → JSON; query ${fmtMs(duckQuery)}`],
        ],
      ));
      console.log(`ratio CLI / DuckDB: ${(cliMs / duckMs).toFixed(2)} (target ≤ 1)`);
      summary.push([`CLI end to end (median of ${opts.e2eRuns})`, fmtMs(cliMs), fmtMb(cliRss), 'CSV → XLSX + JSON']);
      summary.push([`DuckDB end to end (median of ${opts.e2eRuns})`, fmtMs(duckMs), fmtMb(duckRss), `CLI/DuckDB = ${(cliMs / duckMs).toFixed(2)}; target ≤ 1`]);
      for (const r of cliRuns.slice(1)) {
        const d = diffWeekly('CLI run 1', cli, `CLI run ${cliRuns.indexOf(r) + 1}`, weeklyFromCliJson(JSON.parse(fs.readFileSync(r.json, 'utf8'))));
        if (d.length) failures.push(['CLI runs disagree', d]);
      }
      const d = diffWeekly('CLI', cli, 'DuckDB', duck.cohorts);
      if (d.length) failures.push(['CLI vs DuckDB', d]);
      if (engine) {
        const e = diffWeekly('engine', engine.engine, 'DuckDB', duck.cohorts);
        if (e.length) failures.push(['engine vs DuckDB', e]);
      }

      if (opts.phases) {
        // The CLI's own phase timer (FUNNEL_REPORT_TIMINGS=1), so the breakdown is of the real code path.
        console.log('\nCLI phases (one more run of the real CLI with FUNNEL_REPORT_TIMINGS=1)');
        const res = spawnSync(process.execPath, [CLI, csv, '--config', configFile, '--as-of', opts.asOf, '--out', path.join(tmp, 'phases.xlsx'), '--json', path.join(tmp, 'phases.json'), '--quiet'], {
          env: { ...process.env, FUNNEL_REPORT_TIMINGS: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        if (res.status !== 0) throw new Error(`CLI phases run failed (exit ${res.status}): ${res.stderr}`);
        const phases = String(res.stderr)
          .split('\n')
          .map((line) => /^timing (.+) (\d+) ms$/.exec(line))
          .filter(Boolean)
          .map((m) => ({ phase: m[1], ms: Number(m[2]) }));
        const sum = phases.reduce((acc, p) => acc + p.ms, 0);
        console.log(table(
          ['phase', 'time', 'share'],
          [...phases.map((p) => [p.phase, fmtMs(p.ms), `${((p.ms / sum) * 100).toFixed(0)}%`]), ['sum (after node start)', fmtMs(sum), '100%']],
        ));
      }

      if (opts.profile) {
        const profDir = path.join(tmp, 'prof');
        fs.mkdirSync(profDir);
        runNode('CLI (profiled)', ['--cpu-prof', '--cpu-prof-dir', profDir, CLI, csv, '--config', configFile, '--as-of', opts.asOf, '--out', path.join(tmp, 'prof.xlsx'), '--json', path.join(tmp, 'prof.json'), '--quiet'], { tmp });
        const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
        if (file) {
          const keep = path.join(os.tmpdir(), `funnel-cli-${Date.now()}.cpuprofile`);
          fs.copyFileSync(path.join(profDir, file), keep);
          console.log(`\nCLI CPU profile (top self time; full profile: ${keep})`);
          console.log(table(['function (file:line)', 'self', 'share'], summariseProfile(keep)));
        }
      }
    }

    if (!opts.skipSheets) {
      // Issue 3: bench/sheets-refresh.ts (written by the Sheets helper) on the typed fakes.
      console.log(`\n== Sheets refresh on fakes (refreshReports on in-memory SpreadsheetApp fakes; median of ${opts.runs}) ==`);
      const s = runNode('Sheets refresh bench', [path.join(BENCH_OUT, 'sheets-refresh.js'), ...opts.sheetsCounts.map(String), '--runs', String(opts.runs), '--json'], { tmp });
      const figures = JSON.parse(s.stdout.trim().split('\n').pop());
      console.log(table(
        ['leads', 'service calls: first refresh', 'later refresh', 'refresh time (compute)', 'per 100,000 leads'],
        figures.map((f) => [f.leads.toLocaleString('en-US'), f.calls, f.callsLater, fmtMs(f.computeMs), f.leads >= 100_000 ? fmtMs(f.computeMsPer100k) : '— (fixed costs dominate)']),
      ));
      console.log('  (compute only: Google\'s latency per call is what the call count stands for)');
      const last = figures[figures.length - 1];
      summary.push([`Sheets refresh on fakes, ${last.leads.toLocaleString('en-US')} leads`, fmtMs(last.computeMs), '', `${last.calls} calls; ${fmtMs(last.computeMsPer100k)} per 100,000 leads`]);
    }

    if (!opts.skipChannels) {
      // Issue 9: spend allocation and channel metrics beside a naive reference (bench/channels-bench.ts).
      console.log(`\n== Channels: spend allocation + channel metrics, ${opts.rows.toLocaleString('en-US')} leads, ${opts.spendRows.toLocaleString('en-US')} spend rows ==`);
      const c = runNode('Channels bench', ['--expose-gc', path.join(BENCH_OUT, 'channels-bench.js'), String(opts.rows), String(opts.spendRows), opts.asOf], { tmp });
      const f = JSON.parse(c.stdout.trim().split('\n').pop());
      console.log(table(
        ['side', 'time', 'note'],
        [
          ['engine: readSpend', fmtMs(f.readMs), `${f.rowsUsed.toLocaleString('en-US')} rows used, ${f.issues} issues`],
          ['engine: computeChannels', fmtMs(f.computeMs), `${f.channels} channels, weekly`],
          ['naive reference', fmtMs(f.naiveMs), 'row objects, day-by-day Date arithmetic'],
        ],
      ));
      console.log(`  results equal (spend, leads and reached per channel × week): ${f.equal ? 'yes' : `NO: ${f.problems.join('; ')}`}`);
      if (!f.equal) failures.push(['channels engine vs naive reference', f.problems]);
      summary.push([`Channels, ${f.leads.toLocaleString('en-US')} leads + ${f.spendRows.toLocaleString('en-US')} spend rows`, fmtMs(f.readMs + f.computeMs), fmtMb(c.peakRssMb), `naive ${fmtMs(f.naiveMs)}; equal: ${f.equal}`]);
    }

    if (!opts.skipSla) {
      // Issue 8: bench/sla-bench.ts, SLA and speed beside a naive reference (its own correctness check).
      console.log('\n== SLA and speed (3 rules, working calendar; naive reference in the same run) ==');
      const r = runNode('SLA bench', [path.join(BENCH_OUT, 'sla-bench.js'), String(opts.rows), String(opts.runs)], { tmp });
      const lines = r.stdout.trim().split('\n');
      const f = JSON.parse(lines.pop());
      console.log(lines.map((l) => `  ${l}`).join('\n'));
      if (!f.equal) failures.push(['SLA engine vs naive reference', f.problems]);
      summary.push([`SLA computation, ${f.leads.toLocaleString('en-US')} leads, 3 rules`, fmtMs(f.slaMs), '', `${fmtMs(f.slaCpuMs)} CPU; speed ${fmtMs(f.speedMs)}; naive ${fmtMs(f.naiveMs)}; ${f.equal ? 'equal' : 'DIFFERENT'}`]);
    }

    if (!opts.skipSheets) {
      // Issue 10: bench/feedback-refresh.ts, the Feedback keyed tab on the fakes beside a naive rewrite.
      console.log(`\n== Feedback tab refresh on fakes (keyed merge vs a naive whole-grid rewrite; median of ${opts.runs}) ==`);
      const f = runNode('Feedback refresh bench', [path.join(BENCH_OUT, 'feedback-refresh.js'), ...opts.sheetsCounts.map(String), '--runs', String(opts.runs), '--json'], { tmp });
      const figures = JSON.parse(f.stdout.trim().split('\n').pop());
      console.log(table(
        ['rows', 'service calls', 'refresh on fakes', 'merge plan', 'naive reference', 'same grid'],
        figures.map((x) => [x.rows.toLocaleString('en-US'), x.calls, fmtMs(x.refreshMs), fmtMs(x.planMs), fmtMs(x.naiveMs), x.identical ? 'yes' : 'NO']),
      ));
      for (const x of figures) if (!x.identical) failures.push([`Feedback merge, ${x.rows} rows`, ['the merged tab differs from the naive reference']]);
      const last = figures[figures.length - 1];
      summary.push([`Feedback refresh on fakes, ${last.rows.toLocaleString('en-US')} rows`, fmtMs(last.refreshMs), '', `${last.calls} calls; naive ${fmtMs(last.naiveMs)}`]);
    }

    console.log('\n== Correctness: identical weekly counts ==');
    const sides = [engine && ['engine', engine.engine], engine && ['naive reference', engine.naive], cli && ['CLI', cli], duck && ['DuckDB', duck.cohorts]].filter(Boolean);
    for (const [name, w] of sides) {
      const t = totals(w);
      console.log(`  ${name.padEnd(16)} ${t.weeks} weeks, ${t.leads} leads, reached ${Object.entries(t.reached).map(([s, n]) => `${s} ${n}`).join(', ')}`);
    }
    if (sides.length < 2) console.log('  nothing to compare (engine and end-to-end parts skipped)');
    else if (failures.length === 0) console.log(`  OK: ${sides.map(([n]) => n).join(', ')} agree on every week and stage.`);

    if (summary.length) {
      console.log('\n== Summary ==');
      console.log(table(['phase', 'time', 'peak RSS', 'note'], summary));
    }
    console.log(`Load average at end: ${loadAvg()}`);
  } finally {
    if (opts.keep) console.log(`\nkept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }

  if (failures.length > 0) {
    console.error('\nCORRECTNESS CHECK FAILED: weekly counts differ');
    for (const [what, problems] of failures) {
      console.error(`  ${what}: ${problems.length} difference(s)`);
      for (const p of problems.slice(0, 15)) console.error(`    ${p}`);
    }
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
