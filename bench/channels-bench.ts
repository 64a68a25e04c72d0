/**
 * Spend allocation and channel metrics (issue 9), beside a naive reference in the same run:
 *   node --expose-gc build/bench/channels-bench.js [leads=1000000] [spendRows=50000] [asOf=2024-12-18]
 * Leads: the synthetic generator (bench/synthetic.ts), ingested once (not timed here: that is the
 * engine bench). Spend: seeded rows over the same two years — one-day rows, weeks and months, in
 * several pasted shapes, each row its own campaign (no overlaps), channel names written differently
 * from the leads' ("google-ads", "YANDEX DIRECT"). Timed: reading the spend table (readSpend) and
 * computeChannels. The naive reference works on row objects: each spend row walked day by day with
 * Date arithmetic into its week, channel names compared by normalising both sides every time, each
 * lead's reach found by scanning its stage columns. Results (spend, leads and reached per channel ×
 * week, channel totals) must be equal; the last stdout line is JSON for bench/run.mjs.
 */
import { parseConfig } from '../src/core/config';
import { computeLeadFacts } from '../src/core/facts';
import { ingestRows } from '../src/core/ingest';
import { maturityDays } from '../src/core/maturity';
import { asOfBound } from '../src/core/cohorts';
import { mulberry32 } from '../src/core/sample-data';
import { computeChannels, readSpend } from '../src/core/spend';
import type { ChannelReport } from '../src/core/spend/model';
import { DAY_MS } from '../src/core/time/wall-time';
import type { CellValue } from '../src/core/types';
import { BENCH_CONFIG_JSON, DAYS, FIRST_DAY, generateRows } from './synthetic';

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => {
  throw new Error('run with node --expose-gc');
});
const held = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

const [count = 1_000_000, spendCount = 50_000] = process.argv.slice(2, 4).map(Number);
const asOf = process.argv[4] ?? '2024-12-18';

const SPEND_NAMES = ['google-ads', 'YANDEX DIRECT', 'facebook', 'Email', 'Events', 'TV'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function spendRows(n: number): CellValue[][] {
  const rand = mulberry32(99);
  const first = Date.parse(`${FIRST_DAY}T00:00:00Z`) / DAY_MS;
  const iso = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  const rows: CellValue[][] = [['Date', 'End', 'Channel', 'Campaign', 'Amount']];
  for (let i = 0; i < n; i++) {
    const channel = SPEND_NAMES[Math.floor(rand() * SPEND_NAMES.length)];
    const start = first + Math.floor(rand() * DAYS);
    const kind = rand();
    const cents = Math.floor(rand() * 500_000);
    const amount = kind < 0.3 ? `${(cents / 100).toFixed(2)}` : kind < 0.6 ? `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} ₽` : String(cents / 100);
    if (kind < 0.5) rows.push([iso(start), '', channel, `c${i}`, amount]);
    else if (kind < 0.8) rows.push([iso(start), iso(start + 6), channel, `c${i}`, amount]);
    else {
      const d = new Date(start * DAY_MS);
      rows.push([`${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`, '', channel, `c${i}`, amount]);
    }
  }
  return rows;
}

/** Per channel name → per week start (YYYY-MM-DD) → [spend, leads, reached…]. */
type Table = Map<string, Map<string, number[]>>;

function fromModel(r: ChannelReport): Table {
  const t: Table = new Map();
  for (const c of r.channels) t.set(c.channel, new Map(c.periods.map((p) => [p.start, [p.spend, ...p.reached]])));
  return t;
}

/** The naive reference: objects, Date arithmetic, string comparisons, no shared structures. */
function naive(leadRows: string[][], spend: CellValue[][], stageCols: number[], asOfDay: string): Table {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const weekStart = (dayMs: number) => {
    const d = new Date(dayMs);
    const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
    return new Date(dayMs - dow * DAY_MS).toISOString().slice(0, 10);
  };
  const asOfEnd = Date.parse(`${asOfDay}T00:00:00Z`) + DAY_MS - 1;
  const t: Table = new Map();
  const leadNames = [...new Set(leadRows.slice(1).map((r) => r[2]))];
  const cell = (channel: string, week: string, width: number) => {
    let m = t.get(channel);
    if (!m) t.set(channel, (m = new Map()));
    let v = m.get(week);
    if (!v) m.set(week, (v = new Array(width).fill(0)));
    return v;
  };
  const width = 2 + stageCols.length;
  for (const r of leadRows.slice(1)) {
    const created = Date.parse(r[1].replace(' ', 'T') + 'Z');
    if (created > asOfEnd) continue;
    let top = 0;
    stageCols.forEach((c, k) => {
      if (r[c] !== '' && Date.parse(r[c].replace(' ', 'T') + 'Z') <= asOfEnd) top = k + 1;
    });
    const v = cell(r[2], weekStart(Math.floor(created / DAY_MS) * DAY_MS), width);
    for (let k = 0; k <= top; k++) v[1 + k]++;
  }
  const monthIndex = (m: string) => MONTHS.indexOf(m);
  for (const r of spend.slice(1)) {
    const s = String(r[0]);
    let start: number;
    let end: number;
    const month = /^([A-Z][a-z]{2}) (\d{4})$/.exec(s);
    if (month) {
      start = Date.UTC(Number(month[2]), monthIndex(month[1]), 1);
      end = Date.UTC(Number(month[2]), monthIndex(month[1]) + 1, 0);
    } else {
      start = Date.parse(`${s}T00:00:00Z`);
      end = r[1] === '' ? start : Date.parse(`${String(r[1])}T00:00:00Z`);
    }
    const text = String(r[4]);
    const amount = text.includes(',') ? Number(text.replace(/[\s₽]/g, '').replace(',', '.')) : Number(text);
    const name = leadNames.find((n) => norm(n) === norm(String(r[2]))) ?? String(r[2]);
    const days = (end - start) / DAY_MS + 1;
    for (let d = start; d <= end && d <= asOfEnd; d += DAY_MS) cell(name, weekStart(d), width)[0] += amount / days;
  }
  return t;
}

function diff(a: Table, b: Table): string[] {
  const out: string[] = [];
  for (const [ch, weeks] of b) {
    for (const [w, v] of weeks) {
      const x = a.get(ch)?.get(w);
      if (!x) {
        if (v.some((n) => Math.abs(n) > 1e-6)) out.push(`${ch} ${w}: missing in the engine`);
        continue;
      }
      if (Math.abs(x[0] - v[0]) > 1e-6 * Math.max(1, Math.abs(v[0])) || x.slice(1).some((n, k) => n !== v[1 + k])) out.push(`${ch} ${w}: engine ${x.join('/')} vs naive ${v.join('/')}`);
    }
  }
  for (const [ch, weeks] of a) for (const w of weeks.keys()) if (!b.get(ch)?.has(w)) out.push(`${ch} ${w}: missing in the naive reference`);
  return out;
}

function main(): void {
  const parsed = parseConfig({ ...BENCH_CONFIG_JSON, spend: { aliases: {} } });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const config = parsed.config;
  const leadRows = generateRows({ count });
  const spend = spendRows(spendCount);
  const data = ingestRows(leadRows, { config, sheet: 'Leads', asOf });
  const asOfMs = asOfBound(asOf);
  const facts = computeLeadFacts(data.leads, asOfMs, false);
  const maturity = maturityDays(data.leads, asOfMs, config.maturityPercentile);

  const before = held();
  let t0 = performance.now();
  const table = readSpend('Spend', spend, config);
  const readMs = performance.now() - t0;
  t0 = performance.now();
  const report = computeChannels(data, config, table, { asOf, grain: 'week', facts, maturityDays: maturity });
  const computeMs = performance.now() - t0;
  const engineMb = (held() - before) / 1e6;

  const before2 = held();
  t0 = performance.now();
  const stageCols = config.stages.map((s) => leadRows[0].indexOf(s.column ?? ''));
  const reference = naive(leadRows, spend, stageCols, asOf);
  const naiveMs = performance.now() - t0;
  const naiveMb = (held() - before2) / 1e6;

  const problems = diff(fromModel(report), reference);
  const figures = {
    leads: data.leads.count,
    spendRows: spend.length - 1,
    rowsUsed: table.rows.length,
    issues: table.issues.length,
    channels: report.channels.length,
    readMs,
    computeMs,
    engineMb,
    naiveMs,
    naiveMb,
    equal: problems.length === 0,
    problems: problems.slice(0, 5),
  };
  console.log(`spend read ${readMs.toFixed(0)} ms, channel metrics ${computeMs.toFixed(0)} ms (${engineMb.toFixed(0)} MB held); naive ${naiveMs.toFixed(0)} ms (${naiveMb.toFixed(0)} MB); equal: ${figures.equal}`);
  console.log(JSON.stringify(figures));
}

main();
