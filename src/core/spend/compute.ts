/**
 * Channel metrics: spend allocated to cohort periods (allocate.ts) beside the leads of each channel
 * (matched by match.ts) and how far they got, per channel, per cohort period and in total. One pass
 * over the spend rows and one over the leads, into dense per channel × period × step counters.
 */
import { asOfBound } from '../cohorts';
import type { FunnelConfig } from '../config';
import { sharedFacts, type LeadFacts } from '../facts';
import { dataIssue, msg } from '../messages';
import { periodScheme } from '../periods';
import { highestReached } from '../reach';
import { DAY_MS, toIsoDay } from '../time/wall-time';
import type { DataIssue, Grain, IngestResult } from '../types';
import { allocateRow, amountInDays } from './allocate';
import { DEFAULT_SPEND_CONFIG } from './config';
import { channelKey, channelMatcher, suggestAlias } from './match';
import type { ChannelMetrics, ChannelPeriod, ChannelReport, ChannelRow } from './model';
import type { SpendTable } from './read';

export interface ChannelOptions {
  asOf: string;
  grain: Grain;
  facts?: LeadFacts;
  /** Usual days to reach each step (maturity.ts), index 0 = 0. */
  maturityDays: (number | null)[];
}

/** Lead channels where no spend is expected. */
const ORGANIC_RE = /^(organic|organicsearch|seo|direct|none|typein|органика|органический|органическийпоиск|прямыезаходы|сео)$/;

export function isOrganic(channel: string): boolean {
  return ORGANIC_RE.test(channelKey(channel));
}

/** The leads' channel values ([''] when the leads have no channel column: every lead in one unnamed channel). */
function leadChannels(data: IngestResult): { values: string[]; codes: Int32Array | null } {
  const col = data.leads.slices.channel;
  return col ? { values: col.values, codes: col.codes } : { values: [''], codes: null };
}

/** Spend channels matching no leads channel, as warnings naming the first row of each (with a suggested alias). */
export function unmatchedSpendIssues(spend: SpendTable, data: IngestResult, config: FunnelConfig): DataIssue[] {
  const { values } = leadChannels(data);
  const matcher = channelMatcher(values, (config.spend ?? DEFAULT_SPEND_CONFIG).aliases);
  const seen = new Set<string>();
  const matched = new Set<number>();
  for (const r of spend.rows) {
    const i = matcher.match(r.channel);
    if (i >= 0) matched.add(i);
  }
  const free = values.filter((_, i) => !matched.has(i));
  const out: DataIssue[] = [];
  for (const r of spend.rows) {
    const key = channelKey(r.channel);
    if (seen.has(key) || matcher.match(r.channel) >= 0) continue;
    seen.add(key);
    const suggestion = suggestAlias(r.channel, free);
    out.push(
      dataIssue(
        { sheet: spend.sheet, row: r.row, column: '', value: r.channel, severity: 'warning' },
        msg('spend.unmatched', { channel: r.channel, suggestion }),
      ),
    );
  }
  return out;
}

function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

function romiOf(revenue: number | null, spend: number, margin: number): number | null {
  return revenue === null || !(spend > 0) ? null : (revenue * margin - spend) / spend;
}

export function computeChannels(data: IngestResult, config: FunnelConfig, spend: SpendTable, opts: ChannelOptions): ChannelReport {
  const spendConfig = config.spend ?? DEFAULT_SPEND_CONFIG;
  const leads = data.leads;
  const steps = leads.stageTimes.length + 1;
  const last = steps - 1;
  const asOfMs = asOfBound(opts.asOf);
  const asOfDay = Math.floor(asOfMs / DAY_MS);
  const scheme = periodScheme(opts.grain, config.weekStartsOn);
  const facts = sharedFacts(leads, asOfMs, config.strictOrder, opts.facts);
  const margin = spendConfig.marginPercent !== undefined ? spendConfig.marginPercent / 100 : 1;

  // Channels: the leads' values first (index = slice code), then spend names matching none.
  const { values, codes } = leadChannels(data);
  const matcher = channelMatcher(values, spendConfig.aliases);
  const names = [...values];
  const extraByKey = new Map<string, number>();
  const rowChannel = spend.rows.map((r) => {
    const i = matcher.match(r.channel);
    if (i >= 0) return i;
    const key = channelKey(r.channel);
    let j = extraByKey.get(key);
    if (j === undefined) {
      j = names.length;
      names.push(r.channel);
      extraByKey.set(key, j);
    }
    return j;
  });
  const C = names.length;

  // Period range: the first period with leads or spend … the report date's period.
  const pMax = scheme.indexOf(asOfMs);
  let pMin = pMax;
  for (let i = 0; i < leads.count; i++) if (leads.createdAt[i] <= asOfMs) pMin = Math.min(pMin, scheme.indexOf(leads.createdAt[i]));
  for (const r of spend.rows) if (r.start <= asOfDay) pMin = Math.min(pMin, scheme.indexOf(r.start * DAY_MS));
  const P = pMax - pMin + 1;

  const spendAt = new Float64Array(C * P);
  const reached = new Int32Array(C * P * steps);
  const won = new Int32Array(C * P);
  const revenue = new Float64Array(C * P);
  const hasSpend = new Uint8Array(C);
  const campaigns = names.map(() => new Map<string, number>());
  let spendAfterAsOf = 0;
  spend.rows.forEach((r, idx) => {
    const c = rowChannel[idx];
    hasSpend[c] = 1;
    let inRange = 0;
    spendAfterAsOf += allocateRow(r.start, r.end, r.amount, asOfDay, scheme, (p, share) => {
      spendAt[c * P + (p - pMin)] += share;
      inRange += share;
    });
    if (r.campaign !== '') campaigns[c].set(r.campaign, (campaigns[c].get(r.campaign) ?? 0) + inRange);
  });

  // Leads: reach per channel × period × step, won revenue; and the leads of the CPL comparison.
  const startDay = (p: number) => Math.round(scheme.startOf(p) / DAY_MS);
  const elapsed = asOfDay - startDay(pMax);
  const prevEndDay = P > 1 ? Math.min(startDay(pMax - 1) + elapsed, startDay(pMax) - 1) : -Infinity;
  const compareLeads = new Int32Array(C * 2);
  let hasAmount = false;
  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created > asOfMs) continue;
    const c = codes ? codes[i] : 0;
    const p = scheme.indexOf(created) - pMin;
    const top = facts ? facts.top[i] : highestReached(leads, i, asOfMs, config.strictOrder);
    const base = (c * P + p) * steps;
    for (let k = 0; k <= top; k++) reached[base + k]++;
    const amount = leads.amount[i];
    if (amount === amount) hasAmount = true;
    if (top === last && last > 0) {
      won[c * P + p]++;
      if (amount === amount) revenue[c * P + p] += amount;
    }
    if (p === P - 1) compareLeads[c * 2]++;
    else if (p === P - 2 && Math.floor(created / DAY_MS) <= prevEndDay) compareLeads[c * 2 + 1]++;
  }

  // Maturity per period and step, by the Cohorts tab's rule (cohorts.ts): age from the period's last day.
  const immatureAt = (p: number): boolean[] => {
    const periodEnd = scheme.startOf(p + pMin + 1) - 1;
    const ageDays = Math.floor((asOfMs - periodEnd) / DAY_MS);
    return opts.maturityDays.map((days, k) => k > 0 && (days === null || ageDays < days));
  };
  const periodImmature = Array.from({ length: P }, (_, p) => immatureAt(p));

  const metrics = (s: number, spent: boolean, r: number[], w: number, rev: number | null, immature: boolean[]): ChannelMetrics => ({
    spend: s,
    leads: r[0],
    reached: r,
    costPerStage: r.map((n) => (spent ? ratio(s, n) : null)),
    immature,
    won: w,
    revenue: rev,
    romi: spent ? romiOf(rev, s, margin) : null,
  });

  /** Totals over a set of channels: spend and counts over every period, costs per step over the periods mature for it. */
  const totalOf = (chs: number[]): ChannelMetrics => {
    let s = 0;
    let w = 0;
    let rev = 0;
    const r = new Array<number>(steps).fill(0);
    const matureSpend = new Array<number>(steps).fill(0);
    const matureReached = new Array<number>(steps).fill(0);
    const anyMature = new Array<boolean>(steps).fill(false);
    let matureRevenue = 0;
    for (let p = 0; p < P; p++) {
      const imm = periodImmature[p];
      for (const c of chs) {
        const sp = spendAt[c * P + p];
        s += sp;
        w += won[c * P + p];
        rev += revenue[c * P + p];
        const base = (c * P + p) * steps;
        for (let k = 0; k < steps; k++) {
          r[k] += reached[base + k];
          if (imm[k]) continue;
          anyMature[k] = true;
          matureSpend[k] += sp;
          matureReached[k] += reached[base + k];
        }
        if (!imm[last]) matureRevenue += revenue[c * P + p];
      }
    }
    // Without spend there is no cost at all ("—"), not a cost of 0.
    const spent = chs.some((c) => hasSpend[c] === 1);
    const costPerStage = r.map((n, k) => (!spent ? null : k === 0 ? ratio(s, n) : ratio(matureSpend[k], matureReached[k])));
    return {
      spend: s,
      leads: r[0],
      reached: r,
      costPerStage,
      immature: anyMature.map((m, k) => k > 0 && !m),
      won: w,
      revenue: hasAmount ? rev : null,
      romi: spent && hasAmount && anyMature[last] ? romiOf(matureRevenue, matureSpend[last], margin) : null,
    };
  };

  const comparisonSpend = new Float64Array(C * 2);
  if (P > 1) {
    const curFrom = startDay(pMax);
    const prevFrom = startDay(pMax - 1);
    spend.rows.forEach((r, idx) => {
      const c = rowChannel[idx];
      comparisonSpend[c * 2] += amountInDays(r.start, r.end, r.amount, curFrom, asOfDay);
      comparisonSpend[c * 2 + 1] += amountInDays(r.start, r.end, r.amount, prevFrom, prevEndDay);
    });
  }

  const rows: ChannelRow[] = [];
  for (let c = 0; c < C; c++) {
    const total = totalOf([c]);
    if (total.leads === 0 && hasSpend[c] === 0) continue;
    const periods: ChannelPeriod[] = [];
    for (let p = 0; p < P; p++) {
      const base = (c * P + p) * steps;
      const r = Array.from(reached.subarray(base, base + steps));
      const sp = spendAt[c * P + p];
      if (r[0] === 0 && sp === 0) continue;
      periods.push({
        start: toIsoDay(scheme.startOf(p + pMin)),
        end: toIsoDay(scheme.startOf(p + pMin + 1) - DAY_MS),
        // A period with no spend dated in it (one-date spend elsewhere) has no cost: "—", not 0.
        ...metrics(sp, hasSpend[c] === 1 && sp !== 0, r, won[c * P + p], hasAmount ? revenue[c * P + p] : null, periodImmature[p]),
      });
    }
    const cplNow = ratio(comparisonSpend[c * 2], compareLeads[c * 2]);
    const cplPrev = ratio(comparisonSpend[c * 2 + 1], compareLeads[c * 2 + 1]);
    rows.push({
      channel: names[c],
      inLeads: c < values.length,
      hasSpend: hasSpend[c] === 1,
      total,
      cplChange: cplNow !== null && cplPrev !== null && cplNow > 0 && cplPrev > 0 ? cplNow / cplPrev - 1 : null,
      campaigns: [...campaigns[c].entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([campaign, s]) => ({ campaign, spend: s })),
      periods,
    });
  }
  rows.sort(
    (a, b) =>
      Number(b.hasSpend) - Number(a.hasSpend) ||
      b.total.spend - a.total.spend ||
      b.total.leads - a.total.leads ||
      (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0),
  );

  const spentChannels = new Set(rows.filter((r) => r.hasSpend && r.inLeads).map((r) => r.channel));
  const withoutSpend = rows.filter((r) => !r.hasSpend).map((r) => r.channel);
  const unmatchedSpend = rows
    .filter((r) => r.hasSpend && !r.inLeads)
    .map((r) => ({ channel: r.channel, spend: r.total.spend, suggestion: suggestAlias(r.channel, withoutSpend) }));
  const spendNames = unmatchedSpend.map((u) => u.channel);
  const leadsWithoutSpend = rows
    .filter((r) => !r.hasSpend && !spentChannels.has(r.channel))
    .map((r) => ({
      channel: r.channel,
      leads: r.total.leads,
      organic: isOrganic(r.channel),
      suggestion: suggestAlias(r.channel, spendNames),
    }));

  const comparison =
    P > 1 ? { current: toIsoDay(startDay(pMax) * DAY_MS), previous: toIsoDay(startDay(pMax - 1) * DAY_MS), days: elapsed + 1 } : null;
  return {
    asOf: opts.asOf,
    grain: opts.grain,
    currency: spend.currency,
    romiBasis: spendConfig.marginPercent !== undefined ? 'margin' : 'revenue',
    marginPercent: spendConfig.marginPercent ?? null,
    stages: data.stageNames,
    maturityDays: opts.maturityDays,
    hasAmount,
    channels: rows,
    // Paid channels only: leads that nobody paid for (organic, referral) would make the blended CPL look cheaper.
    total: totalOf(Array.from({ length: C }, (_, c) => c).filter((c) => hasSpend[c] === 1)),
    unmatchedSpend,
    leadsWithoutSpend,
    spendAfterAsOf,
    rowsUsed: spend.rows.length,
    comparison,
  };
}
