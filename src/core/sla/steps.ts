/**
 * What speed and SLA read from the lead table: a step by name ("created" = step 0), and each lead's
 * real pass time of a step as an instant (epoch ms). Real means a timestamp of its own: never a pass
 * implied by a later stage or by a current-stage column (UNKNOWN_TIME), never a time after `bound`.
 */
import type { FunnelConfig } from '../config';
import type { LeadTable, WallMs } from '../types';
import { wallToInstant } from '../time/zone';
import { CREATED } from './config';

/** Step index of a `from`/`to` name: 0 for "created", k for the k-th configured stage; -1 if unknown. */
export function stepIndex(name: string, config: FunnelConfig): number {
  const n = name.trim().toLowerCase();
  if (n === CREATED) return 0;
  const idx = config.stages.findIndex((s) => s.name.trim().toLowerCase() === n);
  return idx < 0 ? -1 : idx + 1;
}

/** The wall-clock times of step k (0 = creation) per lead: NaN none, UNKNOWN_TIME passed at an unknown time. */
export function stepTimes(leads: LeadTable, k: number): Float64Array {
  return k === 0 ? leads.createdAt : leads.stageTimes[k - 1];
}

const HOUR_MS = 3_600_000;
/** Wall hours cached per zone: 2^18 hours ≈ 30 years around the first time seen. */
const HOUR_WINDOW = 1 << 18;
const UNSEEN = -0x80000000;
const VARIES = -0x7fffffff;
const converters = new Map<string, (wall: WallMs) => number>();

/**
 * Wall ms (in `zone`) → instant, as `wallToInstant` does, with the offset cached per wall hour: an hour
 * whose start and last second have the same offset (every hour but the ones clocks skip or repeat) is
 * one typed-array read; the others go through `wallToInstant`. UTC is the identity.
 */
export function toInstantFn(zone: string): (wall: WallMs) => number {
  if (zone === 'UTC') return (w) => w;
  let conv = converters.get(zone);
  if (conv) return conv;
  let windowStart = NaN;
  let offsets: Int32Array | null = null;
  conv = (w) => {
    const hour = Math.floor(w / HOUR_MS);
    if (offsets === null) {
      windowStart = hour - HOUR_WINDOW / 2;
      offsets = new Int32Array(HOUR_WINDOW).fill(UNSEEN);
    }
    const slot = hour - windowStart;
    if (slot < 0 || slot >= HOUR_WINDOW) return wallToInstant(w, zone);
    let off = offsets[slot];
    if (off === UNSEEN) {
      const start = hour * HOUR_MS;
      const a = start - wallToInstant(start, zone);
      const b = start + HOUR_MS - 1000 - wallToInstant(start + HOUR_MS - 1000, zone);
      off = offsets[slot] = a === b ? a : VARIES;
    }
    return off === VARIES ? wallToInstant(w, zone) : w - off;
  };
  if (converters.size > 50) converters.clear();
  converters.set(zone, conv);
  return conv;
}

/**
 * Instants of a step's real pass times by `boundInstant`: NaN where the lead has no real time of that
 * step by then (none, implied, unknown, or later).
 */
export function realInstants(times: Float64Array, toInstant: (w: WallMs) => number, boundInstant: number): Float64Array {
  const out = new Float64Array(times.length);
  for (let i = 0; i < times.length; i++) {
    const w = times[i];
    if (w !== w || w === -Infinity) {
      out[i] = NaN;
      continue;
    }
    const t = toInstant(w);
    out[i] = t <= boundInstant ? t : NaN;
  }
  return out;
}

/** The instant of one real pass time by `boundInstant`, NaN when there is none (as `realInstants`). */
export function realInstant(w: WallMs, toInstant: (w: WallMs) => number, boundInstant: number): number {
  if (w !== w || w === -Infinity) return NaN;
  const t = toInstant(w);
  return t <= boundInstant ? t : NaN;
}

/**
 * A zone offset is within ±14 h (a wall time in a skipped or repeated hour moves by at most a day more):
 * a wall time two days before the bound's instant is surely by it, two days after surely not.
 */
const SURE_MS = 2 * 24 * HOUR_MS;

/** Per lead, what "passed step k at an unknown time" needs (one pass shared by every rule). */
export interface PassSummary {
  /** Highest stage (1 …) with UNKNOWN_TIME (a current-stage pass), 0 for none. */
  lastUnknown: Uint16Array;
  /** Highest stage (1 …) with a real time by the bound, 0 for none. */
  lastReal: Uint16Array;
}

export function passSummary(leads: LeadTable, toInstant: (w: WallMs) => number, boundInstant: number): PassSummary {
  const n = leads.count;
  const lastUnknown = new Uint16Array(n);
  const lastReal = new Uint16Array(n);
  leads.stageTimes.forEach((times, k) => {
    const stage = k + 1;
    for (let i = 0; i < n; i++) {
      const w = times[i];
      if (w === -Infinity) lastUnknown[i] = stage;
      // Real by the bound: most times are days away from it, so the zone is asked only near it.
      else if (w === w && (w < boundInstant - SURE_MS || (w <= boundInstant + SURE_MS && toInstant(w) <= boundInstant))) lastReal[i] = stage;
    }
  });
  return { lastUnknown, lastReal };
}

/**
 * True when lead i passed step k without a real time by the bound: UNKNOWN_TIME at step max(k, 1) or
 * later, or a real time by the bound at a later stage.
 */
export function passedUnseen(pass: PassSummary, k: number, i: number): boolean {
  return pass.lastUnknown[i] >= (k > 1 ? k : 1) || pass.lastReal[i] > k;
}
