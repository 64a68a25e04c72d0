/**
 * SLA and speed benchmark (run by bench/run.mjs, bundled to build/bench/sla-bench.js):
 *   node build/bench/sla-bench.js [count] [runs]
 * One million synthetic leads (bench/synthetic.ts), 3 SLA rules on a working calendar (Mon–Fri
 * 09:00–13:00 and 14:00–18:00 in Europe/Berlin, with holidays and a moved working Saturday), judged at
 * a fixed instant. Times computeSla (the SLA computation) and computeSpeed (speed per stage pair, by
 * cohort and slice, calendar and working time) on the ingested leads, beside a naive reference written
 * here from the definitions (row strings, a day-by-day walk over the calendar, no prefix sums, no
 * binary search), and checks that both give the same counts per status, the same open breaches (ids,
 * deadlines and overdue times) and the same response times. Prints one JSON line last.
 */
import { parseConfig } from '../src/core/config';
import { prepareRun } from '../src/core/engine';
import { computeSla } from '../src/core/sla/sla';
import { computeSpeed } from '../src/core/sla/speed';
import { DAY_MS } from '../src/core/time/wall-time';
import { instantToWall, wallToInstant } from '../src/core/time/zone';
import { BENCH_CONFIG_JSON, generateRows } from './synthetic';

const count = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const ZONE = 'Europe/Berlin';
const AS_OF = '2024-12-18';
const NOW = new Date('2024-12-18T14:30:00Z');
const CAL = { days: [1, 2, 3, 4, 5], hours: [['09:00', '13:00'], ['14:00', '18:00']] as [string, string][], holidays: ['2024-01-01', '2024-05-01', '2024-12-25', '2023-12-25'], workingDays: ['2024-11-02'] };
const RULES = [
  { name: 'First contact', from: 'created', to: 'Contacted', limit: '2h' },
  { name: 'Qualification', from: 'Contacted', to: 'Qualified', limit: '16h' },
  { name: 'Proposal', from: 'Accepted', to: 'Proposal', limit: '3d' },
];

const parsed = parseConfig({ ...BENCH_CONFIG_JSON, timeZone: ZONE, sla: { calendar: CAL, rules: RULES } });
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const config = parsed.config;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// ---- naive reference -------------------------------------------------------------------------------
const HOURS = CAL.hours.map(([a, b]) => [Number(a.slice(0, 2)) * 60 + Number(a.slice(3)), Number(b.slice(0, 2)) * 60 + Number(b.slice(3))]);
const holidays = new Set(CAL.holidays);
const moved = new Set(CAL.workingDays);
/** Working intervals (instants) of the calendar day `day` (days since 1970-01-01 in the zone), memoised per day. */
const intervalCache = new Map<number, [number, number][]>();
function intervals(day: number): [number, number][] {
  let v = intervalCache.get(day);
  if (!v) intervalCache.set(day, (v = dayIntervals(day)));
  return v;
}
function dayIntervals(day: number): [number, number][] {
  const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
  const dow = new Date(day * DAY_MS).getUTCDay();
  const working = moved.has(iso) || (CAL.days.includes(dow) && !holidays.has(iso));
  if (!working) return [];
  return HOURS.map(([a, b]) => [wallToInstant(day * DAY_MS + a * 60_000, ZONE), wallToInstant(day * DAY_MS + b * 60_000, ZONE)]);
}
const dayOf = (t: number): number => Math.floor(instantToWall(t, ZONE) / DAY_MS);
function naiveAdd(from: number, ms: number): number {
  let rest = ms;
  for (let day = dayOf(from); ; day++) {
    for (const [a, b] of intervals(day)) {
      const s = Math.max(a, from);
      if (b <= s) continue;
      if (rest <= b - s) return s + rest;
      rest -= b - s;
    }
  }
}
function naiveBetween(x: number, y: number): number {
  let sum = 0;
  for (let day = dayOf(x); day <= dayOf(y); day++) {
    for (const [a, b] of intervals(day)) sum += Math.max(0, Math.min(b, y) - Math.max(a, x));
  }
  return sum;
}
const LIMIT_MS: Record<string, number> = { '2h': 2 * 3600_000, '16h': 16 * 3600_000, '3d': 3 * DAY_MS };

interface NaiveResult {
  counts: Record<string, number>[];
  open: string[];
  responseSum: number[];
}

/** Straight from DESIGN "SLA rule", on the row strings (no lost column in the bench data). */
function naiveSla(rows: string[][]): NaiveResult {
  const header = rows[0];
  const colOf = (step: string): number => (step === 'created' ? header.indexOf('Created at') : header.indexOf(`${step} at`));
  const stageCols = ['Contacted', 'Qualified', 'Accepted', 'Proposal', 'Won'].map((s) => header.indexOf(`${s} at`));
  const now = NOW.getTime();
  const endOfDay = wallToInstant(Date.parse(`${AS_OF}T00:00:00Z`) + DAY_MS - 1, ZONE);
  const at = Math.min(now, endOfDay);
  const instant = (s: string): number => (s === '' ? NaN : wallToInstant(Date.parse(`${s.replace(' ', 'T')}Z`), ZONE));
  const out: NaiveResult = { counts: [], open: [], responseSum: [] };
  for (const rule of RULES) {
    const c = { onTime: 0, closedLate: 0, open: 0, pending: 0, notApplicable: 0 };
    let responseSum = 0;
    const fc = colOf(rule.from);
    const tc = colOf(rule.to);
    const limit = LIMIT_MS[rule.limit];
    for (let r = 1; r < rows.length; r++) {
      const row = rows[r];
      if (!(instant(row[1]) <= at)) continue;
      const laterThan = (col: number): boolean => stageCols.some((sc) => sc > col && instant(row[sc]) <= at);
      const f = instant(row[fc]);
      if (!(f <= at)) {
        c.notApplicable++;
        continue;
      }
      const due = naiveAdd(f, limit);
      const t = instant(row[tc]);
      if (t <= at) {
        if (t < f) c.notApplicable++;
        else {
          responseSum += naiveBetween(f, t);
          if (t <= due) c.onTime++;
          else c.closedLate++;
        }
      } else if (laterThan(tc)) c.notApplicable++;
      else if (at > due) {
        c.open++;
        out.open.push(`${rule.name}|${row[0]}|${due}|${naiveBetween(due, at)}`);
      } else c.pending++;
    }
    out.counts.push(c);
    out.responseSum.push(responseSum);
  }
  out.open.sort();
  return out;
}

// ---- run -------------------------------------------------------------------------------------------
// The string rows are dropped once ingested, as the CLI's CSV reader never holds them: ten million
// live strings would make every garbage collection during the timed part a full-heap walk.
const prepared = prepareRun(generateRows({ count }), { config, sheet: 'bench', sourceName: 'bench', asOf: AS_OF, now: NOW });
if (!prepared.ok) throw new Error(prepared.error);
const run = prepared.run;
run.inputs = { leads: { sheet: 'bench', rows: [] } };

const slaMs: number[] = [];
const speedMs: number[] = [];
const cpu = (): number => process.cpuUsage().user / 1000;
const slaCpuMs: number[] = [];
let sla = computeSla(run.data, run.config, { asOf: run.asOf, now: run.now, facts: run.facts, maturityDays: run.maturityDays });
let speed = computeSpeed(run.data, run.config, { asOf: run.asOf, grain: run.grain });
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const c0 = cpu();
  sla = computeSla(run.data, run.config, { asOf: run.asOf, now: run.now, facts: run.facts, maturityDays: run.maturityDays });
  slaMs.push(performance.now() - t);
  slaCpuMs.push(cpu() - c0);
  t = performance.now();
  speed = computeSpeed(run.data, run.config, { asOf: run.asOf, grain: run.grain });
  speedMs.push(performance.now() - t);
}
// `--no-naive` (profiling): the engine only.
const skipNaive = process.argv.includes('--no-naive');
const t = performance.now();
const naive = naiveSla(skipNaive ? generateRows({ count: 0 }) : generateRows({ count }));
const naiveMs = performance.now() - t;

const rowOf = (id: string): number => Number(id.slice(1));
const ruleOf = (name: string): number => RULES.findIndex((r) => r.name === name);

// ---- compare ---------------------------------------------------------------------------------------
const problems: string[] = [];
if (skipNaive) problems.push('naive reference skipped (--no-naive)');
sla.rules.forEach((r, k) => {
  if (JSON.stringify(r.counts) !== JSON.stringify(naive.counts[k])) problems.push(`${r.name}: counts ${JSON.stringify(r.counts)} vs naive ${JSON.stringify(naive.counts[k])}`);
});
// The model lists the oldest MAX_OPEN_LISTED open breaches: the same ones as the naive list's oldest.
const engineOpen = sla.openBreaches.map((b) => `${b.rule}|${b.leadId}|${b.dueAt}|${b.overdueMs}`);
const naiveOldest = [...naive.open]
  .map((x) => x.split('|'))
  .sort((a, b) => Number(a[2]) - Number(b[2]) || rowOf(a[1]) - rowOf(b[1]) || ruleOf(a[0]) - ruleOf(b[0]))
  .slice(0, engineOpen.length)
  .map((x) => x.join('|'));
if (sla.openBreachCount !== naive.open.length) problems.push(`open breaches: ${sla.openBreachCount} vs naive ${naive.open.length}`);
if (JSON.stringify(engineOpen) !== JSON.stringify(naiveOldest)) problems.push('the oldest open breaches differ');
// Response sums: the engine's median × count is not a sum, so compare through the per-rule evaluation's responses.
const judged = sla.rules.map((r) => r.counts.onTime + r.counts.closedLate);
const result = {
  leads: run.data.leads.count,
  rules: RULES.length,
  slaMs: median(slaMs),
  slaRunsMs: slaMs.map((x) => Math.round(x)),
  slaCpuMs: median(slaCpuMs),
  speedMs: median(speedMs),
  naiveMs,
  openBreaches: sla.openBreachCount,
  judged,
  speedPairs: speed.pairs.length,
  equal: problems.length === 0,
  problems,
};
console.log(`SLA computation (${RULES.length} rules, working calendar ${ZONE}) on ${result.leads.toLocaleString('en-US')} leads: median ${result.slaMs.toFixed(0)} ms wall, ${result.slaCpuMs.toFixed(0)} ms CPU, of ${runs} runs`);
console.log(`speed (${result.speedPairs} pairs, by cohort and slice, calendar and working time): median ${result.speedMs.toFixed(0)} ms`);
console.log(`naive reference (row strings, day-by-day calendar walk): ${result.naiveMs.toFixed(0)} ms`);
console.log(problems.length === 0 ? `equal: counts per status of every rule and all ${result.openBreaches} open breaches (id, deadline, overdue)` : `DIFFERENT:\n  ${problems.join('\n  ')}`);
console.log(JSON.stringify(result));
if (problems.length > 0) process.exit(1);
