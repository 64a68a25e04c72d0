/**
 * Sheets refresh on the typed fakes: service calls per refresh and compute time, for several lead
 * counts. Figures are printed, never asserted (test/sheets/call-count.test.ts asserts that the calls
 * do not depend on the count).
 *
 *   node build/bench/sheets-refresh.js [count ...] [--runs N] [--json]
 *   (built by bench/build-bench.mjs; default counts 1000 and 100000, 3 runs, median time)
 *
 * "Compute time" is the wall time of refreshReports on the fakes: the one read of the leads, the
 * engine, the layouts and the writes to in-memory sheets. It leaves out Google's latency per call,
 * which is what the call count stands for.
 */
import { runRefreshReports } from '../src/sheets/app';
import { SAMPLE_NOW, worldWithSampleLeads } from '../test/fakes/sample-leads';

export interface SheetsRefreshFigure {
  leads: number;
  /** Round trips of the first refresh (creates the tabs) and of a later one (replaces them). */
  calls: number;
  callsLater: number;
  /** Median wall time of a refresh, ms. */
  computeMs: number;
  computeMsPer100k: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export async function benchSheetsRefresh(counts: number[], runs = 3): Promise<SheetsRefreshFigure[]> {
  const out: SheetsRefreshFigure[] = [];
  for (const count of counts) {
    const world = worldWithSampleLeads(count);
    const times: number[] = [];
    let calls = 0;
    let callsLater = 0;
    for (let i = 0; i < Math.max(2, runs); i++) {
      world.resetCalls();
      const t0 = performance.now();
      const result = runRefreshReports(world.services, { now: () => SAMPLE_NOW });
      times.push(performance.now() - t0);
      if (result.kind !== 'done') throw new Error(`refresh of ${count} leads did not finish: ${JSON.stringify(result)}`);
      if (i === 0) calls = world.callTotals().total;
      else callsLater = world.callTotals().total;
    }
    const computeMs = median(times.slice(0, Math.max(1, runs)));
    out.push({ leads: count, calls, callsLater, computeMs, computeMsPer100k: (computeMs / count) * 100_000 });
  }
  return out;
}

function parseArgs(argv: string[]): { counts: number[]; runs: number; json: boolean } {
  const counts: number[] = [];
  let runs = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--runs') runs = Number(argv[++i]);
    else counts.push(Number(a));
  }
  for (const n of [...counts, runs]) if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${n}`);
  return { counts: counts.length > 0 ? counts : [1_000, 100_000], runs, json };
}

async function main(): Promise<void> {
  const { counts, runs, json } = parseArgs(process.argv.slice(2));
  const figures = await benchSheetsRefresh(counts, runs);
  if (json) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  console.log(`Sheets refresh on fakes (median of ${runs} runs)`);
  console.log('leads      calls (first / later refresh)   refresh time   per 100,000 leads');
  for (const f of figures) {
    console.log(
      `${f.leads.toLocaleString('en-US').padEnd(10)} ${`${f.calls} / ${f.callsLater}`.padEnd(31)} ${`${f.computeMs.toFixed(0)} ms`.padEnd(14)} ${f.computeMsPer100k.toFixed(0)} ms`,
    );
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
