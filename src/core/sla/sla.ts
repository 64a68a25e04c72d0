/**
 * The SLA model of a run: per rule the counts by status, the open breaches (oldest deadline first),
 * per owner and per rule "% on time", median response and open breaches now, a weekly trend of
 * "% on time", and the cost of lateness. "% on time" = on time / (on time + closed late + open): a
 * breach still open is late already; pending and not-applicable leads are left out.
 *
 * The instant is `min(now, end of the report day)`: a report for a past date judges breaches at the
 * end of that day, so re-running last week's report gives last week's numbers (DESIGN "As-of date").
 */
import { asOfBound } from '../cohorts';
import type { FunnelConfig } from '../config';
import type { LeadFacts } from '../facts';
import { periodScheme } from '../periods';
import { percentileInPlace } from '../stats';
import { instantToWallConverter } from '../time/zone';
import { toIsoDay } from '../time/wall-time';
import type { IngestResult } from '../types';
import { STATUS, compileRules, evaluateRule, overdueAt } from './breaches';
import { CREATED } from './config';
import { HOUR_MS } from './duration';
import { latenessCost, type RuleCost } from './lateness-cost';
import { periodSlots } from './period-slots';
import { passSummary, toInstantFn } from './steps';

export interface SlaCounts {
  onTime: number;
  closedLate: number;
  open: number;
  pending: number;
  notApplicable: number;
}

export interface SlaSummaryRow {
  /** Leads judged: on time + closed late + open. */
  judged: number;
  onTime: number;
  open: number;
  /** onTime / judged, null for 0/0. */
  onTimeRate: number | null;
  /** Median response from → to (hours, in the rule's time) over leads that reached `to`. */
  medianResponseHours: number | null;
}

export interface OpenBreach {
  rule: string;
  leadId: string;
  /** Sheet row of the lead. */
  row: number;
  owner: string;
  channel: string;
  /** Deadline, wall-clock ms in the report's zone. */
  dueWall: number;
  /** Deadline instant (epoch ms). */
  dueAt: number;
  /** Overdue at the instant, ms in the rule's time (working time with a calendar). */
  overdueMs: number;
  workingTime: boolean;
}

export interface SlaRuleModel {
  name: string;
  from: string;
  to: string;
  limit: string;
  workingTime: boolean;
  counts: SlaCounts;
  summary: SlaSummaryRow;
  /** Per owner (the manager column; '' when absent or blank), most open breaches first. */
  owners: ({ owner: string } & SlaSummaryRow)[];
  /** "% on time" by week of `from` (the run's week start), oldest first; the last `TREND_WEEKS` weeks with leads. */
  weeks: { start: string; judged: number; onTime: number; onTimeRate: number | null }[];
}

export interface SlaReport {
  /** The instant breaches are judged at (ISO). */
  at: string;
  rules: SlaRuleModel[];
  /** Open breaches of every rule. */
  openBreachCount: number;
  /** The oldest `MAX_OPEN_LISTED` open breaches, oldest deadline first. */
  openBreaches: OpenBreach[];
  /** Owners over all rules, most open breaches first (what the meeting reads first). */
  owners: { owner: string; open: number; judged: number; onTime: number; onTimeRate: number | null }[];
  cost: RuleCost[];
}

export const TREND_WEEKS = 12;
/** Open breaches listed in the model (the tab shows fewer, `--json` up to this many; the count is exact). */
export const MAX_OPEN_LISTED = 5000;

export interface SlaOptions {
  asOf: string;
  now: Date;
  facts: LeadFacts;
  maturityDays: (number | null)[];
}

/** The instant of judgement: the clock, but never after the end of the report day. */
export function judgementInstant(asOf: string, now: Date, timeZone: string): number {
  const endOfDay = toInstantFn(timeZone)(asOfBound(asOf));
  return Math.min(now.getTime(), endOfDay);
}

function summaryRow(judged: number, onTime: number, open: number, responses: Float64Array): SlaSummaryRow {
  const med = percentileInPlace(responses, 0.5);
  return { judged, onTime, open, onTimeRate: judged === 0 ? null : onTime / judged, medianResponseHours: med === null ? null : med / HOUR_MS };
}

/** The counters twice as long, for one more slot. */
function grownCopy(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export function computeSla(data: IngestResult, config: FunnelConfig, options: SlaOptions): SlaReport {
  const leads = data.leads;
  const now = judgementInstant(options.asOf, options.now, config.timeZone);
  const toInstant = toInstantFn(config.timeZone);
  const toWall = instantToWallConverter(config.timeZone);
  const manager = leads.slices.manager;
  const channel = leads.slices.channel;
  const ownerOf = (i: number): string => (manager ? manager.values[manager.codes[i]] : '');
  const channelOf = (i: number): string => (channel ? channel.values[channel.codes[i]] : '');
  const weeks = periodScheme('week', config.weekStartsOn);
  const stepName = (k: number): string => (k === 0 ? CREATED : data.stageNames[k]);

  const rules: SlaRuleModel[] = [];
  const compiled = compileRules(config);
  const pass = passSummary(leads, toInstant, now);
  const evaluated = compiled.map((rule) => ({ name: rule.rule.name, to: rule.to, ev: evaluateRule(data, rule, now, toInstant, pass) }));
  // Open breaches as (deadline, rule, lead) in flat arrays sized by a count first; objects only for the
  // oldest MAX_OPEN_LISTED.
  let openTotal = 0;
  for (const { ev } of evaluated) for (let i = 0; i < ev.status.length; i++) if (ev.status[i] === STATUS.open) openTotal++;
  const openDue = new Float64Array(openTotal);
  const openRule = new Uint16Array(openTotal);
  const openLead = new Uint32Array(openTotal);
  let openCount = 0;
  const ownerTotals = new Map<string, { open: number; judged: number; onTime: number }>();
  compiled.forEach((rule, ruleIndex) => {
    const ev = evaluated[ruleIndex].ev;
    // Counters in locals (not object fields or the closure's openCount) while the loop runs.
    let onTimeN = 0;
    let closedLateN = 0;
    let openN = 0;
    let pendingN = 0;
    let notApplicableN = 0;
    let oc = openCount;
    // Per owner code (or one group without a manager column): judged, on time, open (flat, 3 per owner).
    const ownerCount = manager ? manager.values.length : 1;
    const ownerStats = new Int32Array(ownerCount * 3);
    // Response times of leads that reached `to`, and their owner codes, in flat arrays (grouped after the pass).
    const n = ev.status.length;
    const responses = new Float64Array(n);
    const responseOwner = new Int32Array(n);
    let responded = 0;
    // Per week of `from`: judged and on time, in counters indexed by the week's slot (period-slots.ts).
    const weekSlots = periodSlots(weeks);
    let weekJudged = new Int32Array(128);
    let weekOnTime = new Int32Array(128);
    // The per-lead columns as locals: the loop below runs a million times per rule.
    const { status, reason, response, fromWall, due } = ev;
    const codes = manager ? manager.codes : null;
    for (let i = 0; i < n; i++) {
      const s = status[i];
      if (s === STATUS.notApplicable) {
        if (reason[i] !== 0) notApplicableN++; // reason 0: created after the instant, not in the report
        continue;
      }
      if (s === STATUS.pending) {
        pendingN++;
        continue;
      }
      if (s === STATUS.onTime) onTimeN++;
      else if (s === STATUS.closedLate) closedLateN++;
      else openN++;
      const code = codes ? codes[i] : 0;
      ownerStats[code * 3]++;
      const r = response[i];
      if (s !== STATUS.open && r === r) {
        responses[responded] = r;
        responseOwner[responded++] = code;
      }
      if (s === STATUS.onTime) ownerStats[code * 3 + 1]++;
      if (s === STATUS.open) {
        ownerStats[code * 3 + 2]++;
        openDue[oc] = due[i];
        openRule[oc] = ruleIndex;
        openLead[oc] = i;
        oc++;
      }
      const slot = weekSlots.slotOf(fromWall[i]);
      if (slot === weekJudged.length) {
        weekJudged = grownCopy(weekJudged);
        weekOnTime = grownCopy(weekOnTime);
      }
      weekJudged[slot]++;
      if (s === STATUS.onTime) weekOnTime[slot]++;
    }
    openCount = oc;
    const counts: SlaCounts = { onTime: onTimeN, closedLate: closedLateN, open: openN, pending: pendingN, notApplicable: notApplicableN };
    // Responses grouped by owner (a counting sort), before the overall median reorders `responses`.
    const starts = new Int32Array(ownerCount + 1);
    for (let j = 0; j < responded; j++) starts[responseOwner[j] + 1]++;
    for (let c = 0; c < ownerCount; c++) starts[c + 1] += starts[c];
    const fill = starts.slice();
    const byOwner = new Float64Array(responded);
    for (let j = 0; j < responded; j++) byOwner[fill[responseOwner[j]]++] = responses[j];
    const ownerResponses = (c: number): Float64Array => byOwner.subarray(starts[c], starts[c + 1]);
    const owners: SlaRuleModel['owners'] = [];
    for (let code = 0; code < ownerCount; code++) {
      const judged = ownerStats[code * 3];
      const onTime = ownerStats[code * 3 + 1];
      const openNow = ownerStats[code * 3 + 2];
      if (judged === 0) continue;
      const owner = manager ? manager.values[code] : '';
      const row = summaryRow(judged, onTime, openNow, ownerResponses(code));
      owners.push({ owner, ...row });
      const t = ownerTotals.get(owner) ?? { open: 0, judged: 0, onTime: 0 };
      t.open += openNow;
      t.judged += judged;
      t.onTime += onTime;
      ownerTotals.set(owner, t);
    }
    owners.sort((a, b) => b.open - a.open || (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.owner.localeCompare(b.owner));
    const weekList = weekSlots.periods
      .map((w, slot) => ({ w, slot }))
      .filter(({ w }) => w === w) // judged leads always have a `from` time; never a week of NaN
      .sort((a, b) => a.w - b.w)
      .slice(-TREND_WEEKS)
      .map(({ w, slot }) => {
        const judged = weekJudged[slot];
        const onTime = weekOnTime[slot];
        return { start: toIsoDay(weeks.startOf(w)), judged, onTime, onTimeRate: judged === 0 ? null : onTime / judged };
      });
    rules.push({
      name: rule.rule.name,
      from: stepName(rule.from),
      to: stepName(rule.to),
      limit: rule.rule.limit,
      workingTime: rule.calendar !== null,
      counts,
      summary: summaryRow(counts.onTime + counts.closedLate + counts.open, counts.onTime, counts.open, responses.subarray(0, responded)),
      owners,
      weeks: weekList,
    });
  });
  // The oldest MAX_OPEN_LISTED deadlines: a selection for the threshold, then a sort of those only.
  const threshold = openCount > MAX_OPEN_LISTED ? percentileInPlace(openDue.slice(), (MAX_OPEN_LISTED - 1) / (openCount - 1))! : Infinity;
  const picked: number[] = [];
  for (let k = 0; k < openCount; k++) if (openDue[k] <= threshold) picked.push(k);
  picked.sort((a, b) => openDue[a] - openDue[b] || leads.rowNumbers[openLead[a]] - leads.rowNumbers[openLead[b]] || openRule[a] - openRule[b]);
  const open: OpenBreach[] = picked.slice(0, MAX_OPEN_LISTED).map((k) => {
    const i = openLead[k];
    const rule = compiled[openRule[k]];
    const due = openDue[k];
    return {
      rule: rule.rule.name,
      leadId: leads.ids[i] ?? '',
      row: leads.rowNumbers[i],
      owner: ownerOf(i),
      channel: channelOf(i),
      dueWall: toWall(due),
      dueAt: due,
      overdueMs: overdueAt(rule, due, now),
      workingTime: rule.calendar !== null,
    };
  });
  const owners = [...ownerTotals.entries()]
    .map(([owner, t]) => ({ owner, ...t, onTimeRate: t.judged === 0 ? null : t.onTime / t.judged }))
    .sort((a, b) => b.open - a.open || (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.owner.localeCompare(b.owner));
  const cost = latenessCost(evaluated, {
    facts: options.facts,
    maturityDays: options.maturityDays,
    stageNames: data.stageNames,
    significanceLevel: config.significanceLevel,
    minConversions: config.minConversions,
  });
  return { at: new Date(now).toISOString(), rules, openBreachCount: openCount, openBreaches: open, owners, cost };
}
