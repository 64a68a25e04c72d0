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
