/**
 * Conversions between instants (what Sheets hands over as Date objects) and wall-clock milliseconds
 * (the engine's local time encoded as UTC, see WallMs) in an IANA time zone, without any service call.
 */
import type { WallMs } from '../core/types';

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offsets only change on quarter-hour boundaries of UTC (modern zone offsets are multiples of 15
 * minutes and transitions happen on the hour or half hour of local time), so they are cached per
 * 15-minute bucket: a million dates cost a few thousand Intl calls instead of a million.
 */
const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, Map<number, number>>();
const OFFSET_CACHE_LIMIT = 200_000;

function offsetAt(instantMs: number, zone: string): number {
  let byBucket = offsetCache.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsetCache.set(zone, byBucket);
  }
  const bucket = Math.floor(instantMs / QUARTER_HOUR);
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    const start = bucket * QUARTER_HOUR;
    offset = formatWall(start, zone) - start;
    if (byBucket.size >= OFFSET_CACHE_LIMIT) byBucket.clear();
    byBucket.set(bucket, offset);
  }
  return offset;
}

/** The wall-clock time an instant shows in `zone`. */
export function instantToWall(instantMs: number, zone: string): WallMs {
  return instantMs + offsetAt(instantMs, zone);
}

function formatWall(instantMs: number, zone: string): WallMs {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const millis = ((instantMs % 1000) + 1000) % 1000;
  // Some engines print midnight as hour 24 even with h23.
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) + millis;
}

/**
 * The instant at which clocks in `zone` show `wall`. The zone's offsets a day before and a day after
 * give the two candidates; the earliest one that really shows `wall` wins (a repeated autumn hour
 * gives its first occurrence). A wall time inside a spring-forward gap does not exist: the later
 * candidate lands just after the gap, on the same calendar day.
 */
export function wallToInstant(wall: WallMs, zone: string): Date {
  const offset = (instant: number): number => offsetAt(instant, zone);
  const candidates = [...new Set([wall - offset(wall - DAY), wall - offset(wall + DAY)])].sort((a, b) => a - b);
  const exact = candidates.find((c) => instantToWall(c, zone) === wall);
  return new Date(exact ?? candidates[candidates.length - 1]);
}
