/** Small helpers on wall-clock milliseconds (local date/time encoded as UTC; see WallMs). */
import type { WallMs } from '../types';

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a wall-clock time. */
export function toIsoDay(ms: WallMs): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Start of the day of a `YYYY-MM-DD` string, or null when it is not a real calendar day. */
export function parseIsoDay(day: string): WallMs | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms;
}

/** Last millisecond of the day that contains `ms`: the inclusive bound used for "as of" dates. */
export function endOfDay(ms: WallMs): WallMs {
  return Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS - 1;
}
