/**
 * Deterministic synthetic leads for the benchmarks: a seeded PRNG, realistic drop-off between five
 * stages, delays that grow further down the funnel, some skipped stages (blank timestamp, later stage
 * present) and slice columns that shift the conversion rates. The same generator feeds the in-memory
 * rows of the engine bench and the CSV of the CLI/DuckDB comparison, line by line, so both see
 * exactly the same data.
 */
import { mulberry32 } from '../src/core/sample-data';

export const HEADER = [
  'Lead ID', 'Created at', 'Channel', 'Manager', 'Product',
  'Contacted at', 'Qualified at', 'Accepted at', 'Proposal at', 'Won at',
] as const;

export const STAGES = [
  { name: 'Contacted', column: 'Contacted at' },
  { name: 'Qualified', column: 'Qualified at' },
  { name: 'Accepted', column: 'Accepted at' },
  { name: 'Proposal', column: 'Proposal at' },
  { name: 'Won', column: 'Won at' },
] as const;

/** The funnel config (as JSON for parseConfig / the CLI's --config) matching the generated columns. */
export const BENCH_CONFIG_JSON = {
  columns: { createdAt: 'Created at', id: 'Lead ID', channel: 'Channel', manager: 'Manager', product: 'Product' },
  stages: STAGES.map((s) => ({ name: s.name, column: s.column })),
  grain: 'week',
  weekStartsOn: 1,
  timeZone: 'UTC',
};

/** 104 ISO weeks of creation dates: Monday 2023-01-02 … Sunday 2024-12-29. */
export const FIRST_DAY = '2023-01-02';
export const DAYS = 104 * 7;
/** A Wednesday before the last creation day: leads and stage times after it must be ignored. */
export const DEFAULT_AS_OF = '2024-12-18';

const CHANNELS = ['Google Ads', 'Yandex Direct', 'Facebook', 'SEO', 'Referral', 'Email', 'Events'];
/** Relative weight of each channel in lead volume, and a multiplier on its conversion rates. */
const CHANNEL_WEIGHT = [30, 20, 15, 15, 8, 7, 5];
const CHANNEL_QUALITY = [1.0, 0.9, 0.7, 1.1, 1.4, 1.05, 1.2];
const MANAGERS = Array.from({ length: 12 }, (_, i) => `Manager ${String(i + 1).padStart(2, '0')}`);
const MANAGER_SKILL = MANAGERS.map((_, i) => 0.8 + (i % 5) * 0.1);
const PRODUCTS = ['Basic', 'Standard', 'Pro', 'Enterprise'];

/** P(reach stage k | reached k-1) before slice multipliers, and the mean delay from the previous step in days. */
const STEP_P = [0.85, 0.5, 0.6, 0.55, 0.4];
const STEP_DELAY_DAYS = [0.4, 2, 3, 7, 14];
/** P(a passed intermediate stage has no timestamp of its own): CRMs skip stages. */
const SKIP_P = [0.04, 0.06, 0.15, 0.05, 0];


const DAY_S = 86400;
const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * Formats epoch seconds as 'YYYY-MM-DD HH:MM:SS' with cached day and time-of-day strings (a million
 * rows hold up to six timestamps each, so Date formatting per value would dominate generation).
 */
function makeFormatter(): (sec: number) => string {
  const dayCache = new Map<number, string>();
  const timeCache: string[] = new Array(DAY_S);
  return (sec) => {
    const day = Math.floor(sec / DAY_S);
    let d = dayCache.get(day);
    if (d === undefined) {
      d = new Date(day * DAY_S * 1000).toISOString().slice(0, 10) + ' ';
      dayCache.set(day, d);
    }
    const s = sec - day * DAY_S;
    let t = timeCache[s];
    if (t === undefined) {
      t = pad2(Math.floor(s / 3600)) + ':' + pad2(Math.floor((s % 3600) / 60)) + ':' + pad2(s % 60);
      timeCache[s] = t;
    }
    return d + t;
  };
}

export interface GeneratorOptions {
  seed?: number;
  count: number;
}

/**
 * Yields CSV lines (no trailing newline; no value needs quoting), header first. Call `lines()` once
 * per consumer: each call restarts the PRNG from the seed, so every consumer gets identical data.
 */
export function* csvLines(opts: GeneratorOptions): Generator<string> {
  const rand = mulberry32(opts.seed ?? 20240601);
  const fmt = makeFormatter();
  const firstDaySec = Date.parse(`${FIRST_DAY}T00:00:00Z`) / 1000;
  const channelTotal = CHANNEL_WEIGHT.reduce((a, b) => a + b, 0);
  const width = String(opts.count).length;
  const fields: string[] = new Array(HEADER.length);
  yield HEADER.join(',');
  for (let i = 0; i < opts.count; i++) {
    // Creation: any day in range, weekends thinner, mostly business hours.
    let day = Math.floor(rand() * DAYS);
    const dow = (day + 1) % 7; // FIRST_DAY is a Monday: dow 5, 6 = Saturday, Sunday
    if (dow >= 5 && rand() < 0.6) day = Math.floor(rand() * DAYS);
    const hourSec = rand() < 0.85 ? 8 * 3600 + Math.floor(rand() * 11 * 3600) : Math.floor(rand() * DAY_S);
    const created = firstDaySec + day * DAY_S + hourSec;

    let w = rand() * channelTotal;
    let ch = 0;
    while (w >= CHANNEL_WEIGHT[ch] && ch < CHANNELS.length - 1) w -= CHANNEL_WEIGHT[ch++];
    const mgr = Math.floor(rand() * MANAGERS.length);
    const prod = Math.floor(rand() * PRODUCTS.length);
    const quality = CHANNEL_QUALITY[ch] * MANAGER_SKILL[mgr];

    fields[0] = 'L' + String(i + 1).padStart(width, '0');
    fields[1] = fmt(created);
    fields[2] = CHANNELS[ch];
    fields[3] = MANAGERS[mgr];
    fields[4] = PRODUCTS[prod];

    // Stage progression: the lead stops at the first failed step.
    let t = created;
    let top = 0;
    const times: number[] = [];
    for (let k = 0; k < STEP_P.length; k++) {
      const p = Math.min(0.97, STEP_P[k] * (k === 0 ? 1 : quality));
      if (rand() >= p) break;
      t += 60 + Math.floor(-Math.log(1 - rand()) * STEP_DELAY_DAYS[k] * DAY_S);
      times.push(t);
      top = k + 1;
    }
    for (let k = 0; k < STEP_P.length; k++) {
      const skipped = k < top - 1 && rand() < SKIP_P[k];
      fields[5 + k] = k < top && !skipped ? fmt(times[k]) : '';
    }
    yield fields.join(',');
  }
}

/** The same data as rows (header first), split the way a CSV parser would hand them over. */
export function generateRows(opts: GeneratorOptions): string[][] {
  const rows: string[][] = [];
  for (const line of csvLines(opts)) rows.push(line.split(','));
  return rows;
}
