/**
 * Counters per period (week, month) for a million leads: each period met gets a slot (in order of
 * appearance), and the slot of a day is remembered in a flat array by day number, so a lead costs one
 * typed-array read however its rows are ordered; the period arithmetic and the Map are used once per day.
 */
import type { PeriodScheme } from '../periods';
import { DAY_MS } from '../time/wall-time';
import type { WallMs } from '../types';

/** Days remembered around the first day seen (2^15 days ≈ 90 years); days outside are computed each time. */
const WINDOW = 1 << 15;

export interface PeriodSlots {
  /** The slot of the period containing a wall-clock time (NaN has a slot of its own). */
  slotOf(wall: WallMs): number;
  /** Period index of each slot, in order of appearance. */
  periods: number[];
}

export function periodSlots(scheme: PeriodScheme): PeriodSlots {
  const periods: number[] = [];
  const slotOfPeriod = new Map<number, number>();
  const byDay = new Int32Array(WINDOW).fill(-1);
  let base = NaN;
  const lookup = (wall: WallMs): number => {
    const p = scheme.indexOf(wall);
    let slot = slotOfPeriod.get(p);
    if (slot === undefined) {
      slot = periods.length;
      slotOfPeriod.set(p, slot);
      periods.push(p);
    }
    return slot;
  };
  const slotOf = (wall: WallMs): number => {
    const day = Math.floor(wall / DAY_MS);
    if (base !== base) base = day - WINDOW / 2;
    const k = day - base;
    if (!(k >= 0 && k < WINDOW)) return lookup(wall);
    let slot = byDay[k];
    if (slot < 0) slot = byDay[k] = lookup(wall);
    return slot;
  };
  return { slotOf, periods };
}
