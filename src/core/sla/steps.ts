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

/** Wall ms (in `zone`) → instant through the zone's cached converter; UTC is the identity. */
export function toInstantFn(zone: string): (wall: WallMs) => number {
  if (zone === 'UTC') return (w) => w;
  return (w) => wallToInstant(w, zone);
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
