/**
 * The leads handed to sales and what the Feedback tab's computed columns show for each: one pass over
 * the lead table with the run's facts. A lead is handed over when it reached the hand-off stage by the
 * report date (reach as DESIGN defines it: a later stage implies it); its hand-off time is that stage's
 * real timestamp, else the earliest real timestamp of a later stage (null when none is known).
 */
import type { LeadFacts } from '../facts';
import type { KeyedRow } from '../keyed-spec';
import type { IngestResult, WallMs } from '../types';
import { toIsoDay } from '../time/wall-time';
import { FB } from './spec';

const DAY = 86_400_000;

export interface HandedLead {
  /** Index in the lead table. */
  index: number;
  id: string;
  created: WallMs;
  handoffAt: WallMs | null;
  /** Latest real timestamp (creation, stage, lost) by the report date. */
  lastChange: WallMs;
  channel: string;
  manager: string;
  /** Step reached (0 = lead), and whether the lead is won (reached the last step) or lost. */
  top: number;
  won: boolean;
  lost: boolean;
  /** Slice values besides channel and manager, by slice key. */
  product: string;
  region: string;
}

function sliceValue(data: IngestResult, key: 'channel' | 'manager' | 'product' | 'region', i: number): string {
  const s = data.leads.slices[key];
  return s ? s.values[s.codes[i]] : '';
}

/**
 * Leads with a non-blank id that reached stage `handoff` (0-based index among the stages after "lead").
 * `wonStep` is the step that means won: the last one, unless the SAL step from feedback was put after it.
 */
export function handedLeads(data: IngestResult, facts: LeadFacts, handoff: number, wonStep = data.leads.stageTimes.length): HandedLead[] {
  const leads = data.leads;
  const step = handoff + 1;
  const last = leads.stageTimes.length;
  const out: HandedLead[] = [];
  if (handoff < 0) return out;
  for (let i = 0; i < leads.count; i++) {
    if (facts.top[i] < step || leads.ids[i] === '' || leads.createdAt[i] > facts.asOfMs) continue;
    let handoffAt: number | null = null;
    for (let k = step; k <= last; k++) {
      const t = leads.stageTimes[k - 1][i];
      if (Number.isFinite(t) && t <= facts.asOfMs && (handoffAt === null || t < handoffAt)) {
        handoffAt = t;
        if (k === step) break;
      }
    }
    let lastChange = leads.createdAt[i];
    for (let k = 1; k <= last; k++) {
      const t = leads.stageTimes[k - 1][i];
      if (Number.isFinite(t) && t <= facts.asOfMs && t > lastChange) lastChange = t;
    }
    const lostAt = leads.lostAt[i];
    const lost = (Number.isFinite(lostAt) && lostAt <= facts.asOfMs) || lostAt === -Infinity;
    if (Number.isFinite(lostAt) && lostAt <= facts.asOfMs && lostAt > lastChange) lastChange = lostAt;
    out.push({
      index: i,
      id: leads.ids[i],
      created: leads.createdAt[i],
      handoffAt,
      lastChange,
      channel: sliceValue(data, 'channel', i),
      manager: sliceValue(data, 'manager', i),
      product: sliceValue(data, 'product', i),
      region: sliceValue(data, 'region', i),
      top: facts.top[i],
      won: facts.top[i] >= wonStep,
      lost: facts.top[i] < wonStep && lost,
    });
  }
  return out;
}

/** Whole days from `from` to `to` (wall ms), rounded down; null when `from` is unknown. */
export function daysBetween(from: WallMs | null, to: WallMs): number | null {
  return from === null ? null : Math.floor((to - from) / DAY);
}

export interface RowLabels {
  won: string;
  lost: string;
  /** Stage names, "Lead" first. */
  stages: readonly string[];
}

/**
 * The computed cells of the Feedback tab (dates as `YYYY-MM-DD` text: the same day in every zone,
 * sortable). `sentBack(lead)`: the lead's "Sent back to nurturing (first seen)" value (human.ts
 * `sentBackValue`), '' when never.
 */
export function feedbackRows(handed: readonly HandedLead[], asOfMs: WallMs, labels: RowLabels, sentBack: (lead: string) => string = () => ''): KeyedRow[] {
  return handed.map((h) => ({
    key: h.id,
    values: {
      [FB.created]: toIsoDay(h.created),
      [FB.channel]: h.channel,
      [FB.manager]: h.manager,
      [FB.stage]: labels.stages[h.top] ?? '',
      [FB.sinceHandoff]: daysBetween(h.handoffAt, asOfMs) ?? '',
      [FB.sinceChange]: daysBetween(h.lastChange, asOfMs) ?? '',
      [FB.outcome]: h.won ? labels.won : h.lost ? labels.lost : '',
      [FB.sentBack]: sentBack(h.id),
    },
  }));
}
