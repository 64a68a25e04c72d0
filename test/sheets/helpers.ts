/** Shared data for the Sheets tests: a small hand-made Leads sheet and helpers to read fake tabs. */
import type { Stored } from '../fakes/spreadsheet';

/** An instant given as Moscow wall-clock time (UTC+3 all year since 2014). */
export function msk(day: string, time = '00:00'): Date {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - 3 * 3_600_000);
}

export const LEADS_HEADER = ['Lead ID', 'Created at', 'Channel', 'Manager', 'Contacted at', 'Qualified at', 'Won at'];

/**
 * Eleven leads over four Monday-start weeks (Europe/Moscow), report date 2026-11-25.
 * Hand counts (reached = has this stage or a later one on or before 2026-11-25):
 *   week 2026-11-02: 4 leads, contacted 3, qualified 2, won 1   (L1 is 22:30 UTC on Sunday 1 Nov)
 *   week 2026-11-09: 3 leads, contacted 3, qualified 2, won 2   (L6 skips to Won: two implied passes;
 *                                                               L7's qualification on 26 Nov is after the report date)
 *   week 2026-11-16: 3 leads, contacted 2, qualified 0, won 0
 *   week 2026-11-23: 1 lead,  nothing yet
 *   total: 11 leads, contacted 8, qualified 4, won 3
 * By channel: Google 5 → 5 → 3 → 2; Facebook 3 → 1 → 0 → 0; Organic 3 → 2 → 1 → 1.
 * By manager: Anna 6 → 5 → 3 → 2; Ivan 5 → 3 → 1 → 1.
 */
export function handMadeLeads(): Stored[][] {
  return [
    LEADS_HEADER,
    ['L1', msk('2026-11-02', '01:30'), 'Google', 'Anna', msk('2026-11-02', '10:00'), msk('2026-11-04', '12:00'), msk('2026-11-10', '12:00')],
    ['L2', msk('2026-11-03', '09:00'), 'Google', 'Anna', msk('2026-11-03', '12:00'), msk('2026-11-05', '12:00'), ''],
    ['L3', msk('2026-11-05', '14:00'), 'Facebook', 'Ivan', msk('2026-11-06', '10:00'), '', ''],
    ['L4', msk('2026-11-08', '23:30'), 'Facebook', 'Ivan', '', '', ''],
    ['L5', msk('2026-11-09', '10:00'), 'Google', 'Ivan', msk('2026-11-09', '11:00'), msk('2026-11-12', '12:00'), msk('2026-11-20', '12:00')],
    ['L6', msk('2026-11-10', '10:00'), 'Organic', 'Anna', '', '', msk('2026-11-24', '16:00')],
    ['L7', msk('2026-11-12', '15:00'), 'Organic', 'Anna', msk('2026-11-13', '10:00'), msk('2026-11-26', '10:00'), ''],
    ['L8', msk('2026-11-16', '09:00'), 'Google', 'Anna', msk('2026-11-16', '09:30'), '', ''],
    ['L9', msk('2026-11-18', '10:00'), 'Facebook', 'Ivan', '', '', ''],
    ['L10', msk('2026-11-22', '23:59'), 'Google', 'Ivan', msk('2026-11-23', '08:00'), '', ''],
    ['L11', msk('2026-11-23', '08:00'), 'Organic', 'Anna', '', '', ''],
  ];
}

/** The refresh clock used with handMadeLeads: Wednesday 2026-11-25 12:00 in Moscow. */
export const REPORT_NOW = msk('2026-11-25', '12:00');

/** A row of a fake sheet (1-based) trimmed to `n` cells. */
export function rowOf(values: Stored[][], row: number, n: number): Stored[] {
  return (values[row - 1] ?? []).slice(0, n);
}
