/**
 * Money amounts from CRM exports: `1 234,50`, `1,234.50`, `₽ 1 200`, `$1,200`, `1 200 руб.`, with
 * ordinary, non-breaking or thin spaces as thousands separators. Char-code based like the date parser.
 */
import type { CellValue } from './types';

/** Returned by `parseAmount` for a value that is not an amount. */
export const INVALID_AMOUNT = Number.POSITIVE_INFINITY;

const BLANK_PLACEHOLDERS: ReadonlySet<string> = new Set(['-', '--', '—', '–', 'n/a', 'null', 'none']);

/** Currency marks allowed before or after the number (lower-case, spaces removed). */
const CURRENCY_MARKS: ReadonlySet<string> = new Set([
  '$', 'us$', '€', '£', '¥', '₽', '₴', '₸', '₹', '₺', 'р', 'р.', 'руб', 'руб.', 'рубль', 'рубля', 'рублей',
  'rub', 'rur', 'usd', 'eur', 'gbp', 'uah', 'kzt', 'byn', 'грн', 'грн.', 'тг', 'тенге', 'byr', 'бел.руб.',
  'c$', 'a$', 'nz$', 'hk$', 's$', 'r$',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 160 || c === 0x202f || c === 0x2009 || c === 0x2007 || c === 0xfeff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** Sign and currency around the digits: returns -1/+1, or 0 when something else is there. */
function affixSign(s: string, from: number, to: number, prefix: boolean): number {
  let sign = 1;
  let mark = '';
  for (let p = from; p < to; p++) {
    const c = s.charCodeAt(p);
    if (isSpace(c)) continue;
    if (prefix && (c === 45 || c === 0x2212) && sign === 1) sign = -1;
    else if (prefix && c === 43) continue;
    else mark += s[p];
  }
  if (mark !== '' && !CURRENCY_MARKS.has(mark.toLowerCase())) return 0;
  return sign;
}

/**
 * An amount from a cell: a finite number; NaN for a blank cell (or `-`, `n/a`); INVALID_AMOUNT for
 * anything else. A single `,` or `.` followed by exactly three digits after 1–3 digits is read as a
 * thousands separator only for the comma (`1,234` = 1234, `1.234` = 1.234); `1.234.567` and
 * `1 234,5` work as expected.
 */
export function parseAmount(v: CellValue): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID_AMOUNT;
  if (v === null || v === undefined) return NaN;
  if (typeof v !== 'string') return INVALID_AMOUNT;
  let a = 0;
  let b = v.length;
  while (a < b && isSpace(v.charCodeAt(a))) a++;
  while (b > a && isSpace(v.charCodeAt(b - 1))) b--;
  if (a === b) return NaN;

  let first = a;
  while (first < b && !isDigit(v.charCodeAt(first))) first++;
  if (first === b) return BLANK_PLACEHOLDERS.has(v.slice(a, b).toLowerCase()) ? NaN : INVALID_AMOUNT;
  let last = b - 1;
  while (!isDigit(v.charCodeAt(last))) last--;

  let sign = 1;
  if (first > a || last < b - 1) {
    // Accounting negatives "(1 200)" are not supported on purpose: rare in CRM exports, easy to misread.
    sign = affixSign(v, a, first, true);
    if (sign === 0 || affixSign(v, last + 1, b, false) === 0) return INVALID_AMOUNT;
  }

  // Separators in the digit run.
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  for (let p = first; p <= last; p++) {
    const c = v.charCodeAt(p);
    if (isDigit(c)) continue;
    if (c === 44) {
      commas++;
      lastComma = p;
    } else if (c === 46) {
      dots++;
      lastDot = p;
    } else if (!isSpace(c) && c !== 39 && c !== 0x2019) {
      return INVALID_AMOUNT;
    }
  }
  let decimalAt = -1;
  if (commas > 0 && dots > 0) {
    decimalAt = Math.max(lastComma, lastDot);
    if ((decimalAt === lastComma ? commas : dots) !== 1) return INVALID_AMOUNT;
  } else if (dots === 1) {
    decimalAt = lastDot;
  } else if (commas === 1) {
    const after = last - lastComma;
    let before = 0;
    for (let p = lastComma - 1; p >= first && isDigit(v.charCodeAt(p)); p--) before++;
    const isGrouping = after === 3 && before >= 1 && before <= 3 && !(before === 1 && v.charCodeAt(lastComma - 1) === 48);
    if (!isGrouping) decimalAt = lastComma;
  }

  let mantissa = 0;
  let fracDigits = 0;
  for (let p = first; p <= last; p++) {
    const c = v.charCodeAt(p);
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      if (decimalAt >= 0 && p > decimalAt) fracDigits++;
    } else if (decimalAt >= 0 && p > decimalAt) {
      return INVALID_AMOUNT; // a separator inside the decimals
    }
  }
  if (fracDigits >= POW10.length) return INVALID_AMOUNT;
  // Both operands exact (below 2^53), so the division rounds exactly like parseFloat would.
  const value = fracDigits > 0 ? mantissa / POW10[fracDigits] : mantissa;
  return sign * value;
}
