/**
 * The plausible-date window (DESIGN.md, "Plausible dates"): dates before `earliest` (default 1990-01-01)
 * or more than `yearsAfterReportDate` years (default 1) after the report date are data issues and are
 * not used. A single 0001-01-01 or spreadsheet zero date (1899-12-30) would otherwise stretch the cohort
 * table over a hundred thousand empty weeks.
 */
import type { WallMs } from './types';
import { endOfDay, parseIsoDay, toIsoDay } from './time/wall-time';

export interface PlausibleDatesConfig {
  /** First plausible day, `YYYY-MM-DD`. */
  earliest: string;
  /** Dates later than the report date plus this many years are implausible. */
  yearsAfterReportDate: number;
}

export const DEFAULT_PLAUSIBLE_DATES: PlausibleDatesConfig = { earliest: '1990-01-01', yearsAfterReportDate: 1 };

export interface PlausibleWindow {
  /** First plausible instant (start of the earliest day). */
  earliest: WallMs;
  /** Last plausible instant (end of the latest day); +Infinity when the report date is not known. */
  latest: WallMs;
  /** The same as days, for messages: `1990-01-01 … 2027-11-22` (latest '' when unbounded). */
  earliestDay: string;
  latestDay: string;
}

/** The same calendar day `years` later (29 February → 1 March when that year has none). */
function addYears(day: WallMs, years: number): WallMs {
  const d = new Date(day);
  return Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), d.getUTCDate());
}

/** The window for a report date `YYYY-MM-DD` (no upper bound when `asOf` is absent or not a day). */
export function plausibleWindow(settings: Partial<PlausibleDatesConfig> | undefined, asOf?: string): PlausibleWindow {
  const earliestDay = settings?.earliest ?? DEFAULT_PLAUSIBLE_DATES.earliest;
  const years = settings?.yearsAfterReportDate ?? DEFAULT_PLAUSIBLE_DATES.yearsAfterReportDate;
  const earliest = parseIsoDay(earliestDay) ?? (parseIsoDay(DEFAULT_PLAUSIBLE_DATES.earliest) as WallMs);
  const asOfDay = asOf === undefined ? null : parseIsoDay(asOf);
  const latestDayMs = asOfDay === null ? null : addYears(asOfDay, years);
  return {
    earliest,
    latest: latestDayMs === null ? Number.POSITIVE_INFINITY : endOfDay(latestDayMs),
    earliestDay: toIsoDay(earliest),
    latestDay: latestDayMs === null ? '' : toIsoDay(latestDayMs),
  };
}
