/**
 * Deterministic demo spend matching the sample leads (sample-data.ts: 26 weeks ending `today`), pasted
 * the way marketers paste it: Google Ads per month with start and end dates, Yandex Direct per month as
 * a month name, Facebook per week in dollars, Events as one date per event, a partner channel that no
 * lead names, and a total row (skipped as a data issue). Organic and Referral leads have no spend.
 * Amounts are text in several formats so both faces read the forgiving way.
 */
import { mulberry32 } from '../sample-data';
import { civilFromDays } from '../periods';
import { DAY_MS, parseIsoDay, toIsoDay } from '../time/wall-time';
import type { CellValue } from '../types';

export const SAMPLE_SPEND_HEADERS = ['Date', 'End date', 'Channel', 'Campaign', 'Amount', 'Currency'] as const;
/** Rates the demo reports with: the sample's amounts are roubles, Facebook is billed in dollars. */
export const SAMPLE_SPEND_CONFIG = { currency: 'RUB', rates: { USD: 90 }, aliases: {} as Record<string, string> };

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "1 234 567" with a thin-space-free plain space, the way a Russian export writes it. */
function spaced(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

export function sampleSpendRows(opts: { today?: string; seed?: number } = {}): CellValue[][] {
  const { today = '2026-11-22', seed = 7 } = opts;
  const todayMs = parseIsoDay(today);
  if (todayMs === null) throw new Error(`sampleSpendRows: today must be YYYY-MM-DD, got "${today}"`);
  const rand = mulberry32(seed);
  const lastDay = Math.floor(todayMs / DAY_MS);
  const firstDay = lastDay - (26 * 7 - 1);
  const rows: CellValue[][] = [[...SAMPLE_SPEND_HEADERS]];
  const first = civilFromDays(firstDay);
  const last = civilFromDays(lastDay);
  let total = 0;
  for (let y = first.year, m = first.month; y < last.year || (y === last.year && m <= last.month); m === 12 ? ((m = 1), y++) : m++) {
    const start = Date.UTC(y, m - 1, 1);
    const end = Date.UTC(y, m, 0);
    const google = 20_000 + Math.round(rand() * 8_000);
    const yandex = 14_000 + Math.round(rand() * 5_000);
    total += google + yandex;
    rows.push([toIsoDay(start), toIsoDay(end), 'Google Ads', 'Search', `${spaced(google)} ₽`, 'RUB']);
    rows.push([`${MONTHS_EN[m - 1]} ${y}`, '', 'Yandex.Direct', '', spaced(yandex), '']);
  }
  // Facebook: weekly invoices in dollars, starting on the first Monday on or after the first lead day.
  let monday = firstDay + ((8 - new Date(firstDay * DAY_MS).getUTCDay()) % 7);
  for (; monday <= lastDay; monday += 7) {
    const usd = 40 + Math.round(rand() * 30 * 100) / 100;
    rows.push([toIsoDay(monday * DAY_MS), toIsoDay((monday + 6) * DAY_MS), 'facebook', 'Lookalike', `$${usd.toFixed(2)}`, 'USD']);
  }
  // Events: a conference fee on one date every four weeks.
  for (let d = firstDay + 10; d <= lastDay; d += 28) {
    rows.push([toIsoDay(d * DAY_MS), '', 'Events', 'Conference', spaced(8_000 + Math.round(rand() * 4_000)), 'RUB']);
  }
  // A partner programme no lead names (listed as spend with no leads).
  rows.push([toIsoDay((lastDay - 40) * DAY_MS), toIsoDay((lastDay - 11) * DAY_MS), 'Partners', '', '6 000', 'RUB']);
  rows.push(['Total', '', '', '', spaced(total), 'RUB']);
  return rows;
}
