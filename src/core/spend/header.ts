/**
 * The spend table's columns, found by header in English or Russian (like the leads'): date or period
 * start, optional period end, channel, optional campaign, amount, optional currency. A currency in the
 * amount header ("Amount, ₽", "Spend (USD)") is the currency of that column.
 */
import { normalizeHeader } from '../headers';
import type { CellValue } from '../types';
import { currencyOfMark } from './amount';

export type SpendField = 'start' | 'end' | 'channel' | 'campaign' | 'amount' | 'currency';

/** Synonyms per field, normalised (headers.ts normalizeHeader), in priority order. */
const SYNONYMS: Record<SpendField, readonly string[]> = {
  start: [
    'date',
    'day',
    'period',
    'period start',
    'start',
    'start date',
    'from',
    'date from',
    'month',
    'week',
    'reporting starts',
    'дата',
    'день',
    'период',
    'начало',
    'начало периода',
    'дата начала',
    'с',
    'дата с',
    'месяц',
    'неделя',
  ],
  end: [
    'end',
    'end date',
    'period end',
    'to',
    'until',
    'date to',
    'reporting ends',
    'конец',
    'конец периода',
    'дата окончания',
    'по',
    'дата по',
  ],
  channel: [
    'channel',
    'source',
    'utm source',
    'source / medium',
    'source/medium',
    'traffic source',
    'канал',
    'источник',
    'рекламный канал',
    'источник трафика',
  ],
  campaign: ['campaign', 'campaign name', 'utm campaign', 'campaign id', 'кампания', 'рекламная кампания', 'название кампании'],
  amount: [
    'amount',
    'spend',
    'spent',
    'amount spent',
    'cost',
    'costs',
    'budget',
    'расход',
    'расходы',
    'сумма',
    'стоимость',
    'затраты',
    'бюджет',
  ],
  currency: ['currency', 'валюта'],
};

export const SPEND_FIELDS: readonly SpendField[] = ['start', 'end', 'channel', 'campaign', 'amount', 'currency'];
export const REQUIRED_SPEND_FIELDS: readonly SpendField[] = ['start', 'channel', 'amount'];

export interface SpendColumns {
  /** Column index per field (-1: absent). */
  index: Record<SpendField, number>;
  /** Header text per found field. */
  names: Partial<Record<SpendField, string>>;
  /** Currency named in the amount header, or null. */
  amountCurrency: string | null;
}

/** "Amount, ₽" → ["amount", "₽"]; "Spend (USD)" → ["spend", "usd"]. */
function splitUnit(header: string): [string, string] {
  const m = /^(.*?)\s*(?:\((.*)\)|,\s*(.*))$/.exec(header);
  if (!m) return [header, ''];
  return [m[1].trim(), (m[2] ?? m[3] ?? '').trim()];
}

export function findSpendColumns(header: readonly CellValue[]): SpendColumns {
  const index = { start: -1, end: -1, channel: -1, campaign: -1, amount: -1, currency: -1 } as Record<SpendField, number>;
  const names: Partial<Record<SpendField, string>> = {};
  const keys = header.map((h) => splitUnit(normalizeHeader(h)));
  let amountCurrency: string | null = null;
  for (const field of SPEND_FIELDS) {
    for (const synonym of SYNONYMS[field]) {
      const i = keys.findIndex(([k], col) => k === synonym && !Object.values(index).includes(col));
      if (i < 0) continue;
      index[field] = i;
      names[field] = String(header[i]).trim();
      if (field === 'amount') amountCurrency = currencyOfMark(keys[i][1]);
      break;
    }
  }
  return { index, names, amountCurrency };
}

/** First of the top rows that has every required column, else 0 (the first row, reported as missing columns). */
export function findSpendHeaderRow(rows: readonly CellValue[][], scan = 10): number {
  for (let r = 0; r < Math.min(scan, rows.length); r++) {
    const c = findSpendColumns(rows[r]);
    if (REQUIRED_SPEND_FIELDS.every((f) => c.index[f] >= 0)) return r;
  }
  return 0;
}
