/**
 * Spend amounts as pasted: `1 234,56 ₽`, `$1,234.56`, `1234.5`, `1.234,56 €`, `-500` (a refund). The
 * number is read by core/numbers.ts (the leads' amount reader); the currency mark around it, when there
 * is one, names the currency of that cell (a Currency column wins over it).
 */
import { INVALID_AMOUNT, parseAmount } from '../numbers';
import type { CellValue } from '../types';

/**
 * Currency marks → ISO code. Marks numbers.ts accepts but that name no single currency (`р.` is RUB).
 * The dollars with a letter prefix come before the bare `$` (which, like `US$`, is USD): `C$ 1 200` is
 * Canadian, not US. `¥` names both the yen and the yuan, so it maps to itself: no rate matches it and
 * the row becomes a "no rate" data issue instead of being read as the wrong currency.
 */
const MARKS: ReadonlyArray<[RegExp, string]> = [
  [/(^|[^a-z])c\$/i, 'CAD'],
  [/(^|[^a-z])a\$/i, 'AUD'],
  [/(^|[^a-z])nz\$/i, 'NZD'],
  [/(^|[^a-z])hk\$/i, 'HKD'],
  [/(^|[^a-z])s\$/i, 'SGD'],
  [/(^|[^a-z])r\$/i, 'BRL'],
  [/(^|[^a-z])(us)?\$|usd/i, 'USD'],
  [/€|eur/i, 'EUR'],
  [/£|gbp/i, 'GBP'],
  [/₽|руб|rub|rur|(^|[^a-zа-я])р\.?($|[^a-zа-я])/i, 'RUB'],
  [/₴|грн|uah/i, 'UAH'],
  [/₸|тг|тенге|kzt/i, 'KZT'],
  [/₹/, 'INR'],
  [/₺/, 'TRY'],
  [/бел\.?руб|byn|byr/i, 'BYN'],
  [/¥/, '¥'],
];

export interface SpendAmount {
  /** The amount (negative for a refund); NaN for a blank cell; INVALID_AMOUNT when it is not a number. */
  value: number;
  /** ISO code named by a mark in the cell, or null. */
  currency: string | null;
}

/** The ISO code a currency mark (or a currency cell such as "руб." or "usd") names, or null. */
export function currencyOfMark(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[A-Za-z]{3}$/.test(t)) return t.toUpperCase();
  // The Belarusian rouble before the Russian one: "бел.руб." contains "руб".
  if (/бел\.?\s*руб/i.test(t)) return 'BYN';
  for (const [re, code] of MARKS) if (re.test(t)) return code;
  return null;
}

export function parseSpendAmount(v: CellValue): SpendAmount {
  const value = parseAmount(v);
  if (typeof v !== 'string' || value !== value || value === INVALID_AMOUNT) return { value, currency: null };
  const marks = v.replace(/[\d\s.,'’\u00a0\u202f\u2009+\-\u2212]/g, '');
  return { value, currency: currencyOfMark(marks) };
}
