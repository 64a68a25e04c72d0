/**
 * Custom functions in the built bundle: FUNNEL_COHORTS and FUNNEL_CONVERSION, called as Sheets calls
 * them (top-level functions of dist/Code.js in their own V8 context, the range handed over as a 2D
 * array whose date cells are Date objects of that context), on synthetic leads. Figures are printed,
 * never asserted.
 *
 *   npm run bench:custom [-- --rows 1000,10000,50000,100000] [--runs 5]
 *
 * A custom function call must finish in 30 seconds, and each call receives and reads its whole range
 * again (nothing is shared between calls; up to 30 run at once per user). Apps Script's V8 is slower
 * than Node on this machine: the row limit printed assumes 3× and keeps a call within a third of the
 * budget (10 s in Apps Script), leaving room for Sheets handing the range over and for a slow day.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { DEFAULT_AS_OF, generateRows } from './synthetic';

const ROOT = path.resolve(__dirname, '../..');
const BUDGET_S = 30;
const SLOWDOWN = 3;
const TARGET_S = BUDGET_S / 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function parseArgs(argv: string[]): { rows: number[]; runs: number } {
  let rows = [1_000, 10_000, 50_000, 100_000];
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rows') rows = String(argv[++i]).split(',').map(Number);
    else if (argv[i] === '--runs') runs = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  for (const n of [...rows, runs]) if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${n}`);
  return { rows, runs };
}

function loadBundle(): vm.Context {
  const file = path.join(ROOT, 'dist/Code.js');
  if (!fs.existsSync(file)) throw new Error('dist/Code.js does not exist: run `npm run build` first');
  const context = vm.createContext({
    // The spreadsheet's zone, as the custom function reads it (read-only getters are allowed there).
    SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'UTC' }) },
    console,
  });
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: 'Code.js' });
  return context;
}

/** The synthetic leads as Sheets hands a range to a custom function: header strings, date cells as Dates. */
function sheetRows(count: number, VmDate: DateConstructor): unknown[][] {
  const rows = generateRows({ count });
  const dateCols = new Set([1, 5, 6, 7, 8, 9]);
  return rows.map((r, i) =>
    i === 0 ? r : r.map((v, j) => (dateCols.has(j) && v !== '' ? new VmDate(Date.parse(`${v.replace(' ', 'T')}Z`)) : v)),
  );
}

function main(): void {
  const { rows: counts, runs } = parseArgs(process.argv.slice(2));
  const context = loadBundle();
  const VmDate = vm.runInContext('Date', context) as DateConstructor;
  const fns = vm.runInContext('({ FUNNEL_COHORTS, FUNNEL_CONVERSION })', context) as {
    FUNNEL_COHORTS(leads: unknown, grain: unknown, asOf: unknown): unknown[][];
    FUNNEL_CONVERSION(leads: unknown, from: unknown, to: unknown, asOf: unknown): unknown;
  };
  const calls: { name: string; run: (rows: unknown[][]) => unknown }[] = [
    { name: 'FUNNEL_COHORTS(rows, "week", as_of)', run: (rows) => fns.FUNNEL_COHORTS(rows, 'week', DEFAULT_AS_OF) },
    { name: 'FUNNEL_CONVERSION(rows, "Qualified", "Won", as_of)', run: (rows) => fns.FUNNEL_CONVERSION(rows, 'Qualified', 'Won', DEFAULT_AS_OF) },
  ];
  console.log(`Custom functions in dist/Code.js, Node ${process.version}, median of ${runs} runs (first call warms up and is not counted)`);
  const perRow = new Map<string, number>();
  for (const count of counts) {
    const rows = sheetRows(count, VmDate);
    for (const c of calls) {
      c.run(rows); // warm-up
      const times: number[] = [];
      let result: unknown;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        result = c.run(rows);
        times.push(performance.now() - t0);
      }
      const ms = median(times);
      perRow.set(c.name, ms / count);
      const shape = Array.isArray(result) ? `${result.length} rows` : typeof result === 'number' ? result.toFixed(4) : String(result);
      console.log(`${count.toLocaleString('en-US').padStart(9)} rows  ${c.name.padEnd(52)} ${`${ms.toFixed(0)} ms`.padStart(8)}  (${shape})`);
    }
  }
  console.log('');
  console.log(`Row limit for ${TARGET_S} s in Apps Script (a third of the ${BUDGET_S} s limit), assuming V8 there is ${SLOWDOWN}× slower than here:`);
  for (const [name, msPerRow] of perRow) {
    const limit = Math.floor((TARGET_S * 1000) / (msPerRow * SLOWDOWN));
    console.log(`  ${name.padEnd(52)} ${(msPerRow * 1000).toFixed(1)} µs/row here → ~${limit.toLocaleString('en-US')} rows`);
  }
}

main();
