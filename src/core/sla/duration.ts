/**
 * SLA limits as text: `15s`, `30m`, `4h`, `2d`, and combinations largest unit first (`1h30m`,
 * `1d 4h`). A day is 24 hours in calendar time and 24 hours of working time with a calendar (it is a
 * duration, not "two working days"; write `18h` for two 9-hour working days). And the other way: a
 * duration in words ("2 h 15 min") for the SLA tab.
 */

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The accepted forms, for error messages. */
export const DURATION_FORMS = '"15s", "30m", "4h", "2d" or a combination such as "1h30m"';

const DURATION_RE = /^(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*(?:(\d+)\s*s)?$/;

/** Milliseconds of a limit, or null when the text is not one of the accepted forms or is zero. */
export function parseDuration(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const m = DURATION_RE.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined && m[4] === undefined)) return null;
  const part = (s: string | undefined, unit: number): number => (s === undefined ? 0 : Number(s) * unit);
  const ms = part(m[1], DAY_MS) + part(m[2], HOUR_MS) + part(m[3], MINUTE_MS) + part(m[4], SECOND_MS);
  return ms > 0 && Number.isSafeInteger(ms) ? ms : null;
}

const UNITS = {
  en: { d: 'd', h: 'h', min: 'min', s: 's' },
  ru: { d: 'д', h: 'ч', min: 'мин', s: 'с' },
} as const;

/**
 * A duration in words, the two largest non-zero units, rounded down: 8,100,000 ms → "2 h 15 min",
 * 93,600,000 → "1 d 2 h" (or "26 h" without days, for working time), 15,000 → "15 s" ("2 ч 15 мин"
 * in Russian). Under a second: "0 s".
 */
export function durationWords(ms: number, locale: 'en' | 'ru', withDays = true): string {
  const u = UNITS[locale];
  let rest = Math.max(0, Math.floor(ms / SECOND_MS));
  const parts: [number, string][] = [];
  // Working time is said in hours: "1 d" of working time would read as one working day, not 24 hours.
  const d = withDays ? Math.floor(rest / 86_400) : 0;
  rest -= d * 86_400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const min = Math.floor(rest / 60);
  const s = rest - min * 60;
  for (const [v, name] of [[d, u.d], [h, u.h], [min, u.min], [s, u.s]] as [number, string][]) {
    if (v > 0 || parts.length > 0) parts.push([v, name]);
  }
  const shown = parts.slice(0, 2).filter(([v], i) => v > 0 || i === 0);
  if (shown.length === 0) return `0 ${u.s}`;
  return shown.map(([v, name]) => `${v} ${name}`).join(' ');
}
