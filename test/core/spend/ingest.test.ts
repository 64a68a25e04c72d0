/**
 * Spend ingestion by hand: every amount format of the issue, dates and month names, total / blank /
 * unparseable rows as data issues naming their rows, currencies with and without a rate, overlapping
 * periods of the same channel and campaign. Expected values are worked out in the comments.
 */
import fc from 'fast-check';
import { parseConfig, type FunnelConfig } from '../../../src/core/config';
import { parseMonthText, parsePeriodCell, parseSpendAmount, readSpend } from '../../../src/core/spend';
import { makeDateParser } from '../../../src/core/time/date-parser';
import { daysFromCivil } from '../../../src/core/time/civil';
import type { CellValue } from '../../../src/core/types';

function config(spend?: unknown): FunnelConfig {
  const res = parseConfig({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won' }], timeZone: 'Europe/Moscow', ...(spend ? { spend } : {}) });
  if (!res.ok) throw new Error(res.errors.join('; '));
  return res.config;
}
const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);

describe('amounts as pasted', () => {
  test.each<[string, number, string | null]>([
    ['1 234,56 ₽', 1234.56, 'RUB'],
    ['$1,234.56', 1234.56, 'USD'],
    ['1234.5', 1234.5, null],
    ['1.234,56 €', 1234.56, 'EUR'],
    ['-500', -500, null],
    ['−1 200 руб.', -1200, 'RUB'],
    ['1\u00a0234\u00a0567 ₽', 1234567, 'RUB'],
    ['12 USD', 12, 'USD'],
    ['US$ 40', 40, 'USD'],
    ['C$ 1 200', 1200, 'CAD'],
    ['A$ 50', 50, 'AUD'],
    ['NZ$ 7,5', 7.5, 'NZD'],
    ['HK$ 300', 300, 'HKD'],
    ['S$ 20', 20, 'SGD'],
    ['R$ 1.234,56', 1234.56, 'BRL'],
    ['¥ 500', 500, '¥'], // the yen or the yuan: no ISO code, so no rate can match it by accident
  ])('%s → %d %s', (text, value, currency) => {
    expect(parseSpendAmount(text)).toEqual({ value, currency });
  });
  test('numbers from a sheet are taken as they are; text that is no amount is INVALID (Infinity)', () => {
    expect(parseSpendAmount(99.5)).toEqual({ value: 99.5, currency: null });
    expect(parseSpendAmount('about 300').value).toBe(Infinity);
  });
  test('property: any cents amount written "$1,234.56"-style or "1 234,56 ₽"-style reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_99 }), (cents) => {
        const whole = Math.floor(cents / 100);
        const frac = String(cents % 100).padStart(2, '0');
        const us = `$${whole.toLocaleString('en-US')}.${frac}`;
        const ru = `${String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${frac} ₽`;
        expect(parseSpendAmount(us).value).toBeCloseTo(cents / 100, 6);
        expect(parseSpendAmount(ru).value).toBeCloseTo(cents / 100, 6);
      }),
    );
  });
});

describe('dates and months', () => {
  const dates = makeDateParser({ timeZone: 'UTC', dateOrder: 'dmy' });
  test.each(['Mar 2024', 'March 2024', 'март 2024', 'Март 2024', 'марта 2024 г.', '2024-03', '03.2024', '03/2024'])('%s is all of March 2024', (text) => {
    expect(parseMonthText(text)).toEqual({ start: day(2024, 3, 1), end: day(2024, 3, 31) });
  });
  test('a leap February has 29 days', () => {
    expect(parseMonthText('Feb 2024')).toEqual({ start: day(2024, 2, 1), end: day(2024, 2, 29) });
    expect(parseMonthText('февраль 2023')).toEqual({ start: day(2023, 2, 1), end: day(2023, 2, 28) });
  });
  test.each<[CellValue, number]>([
    ['2024-03-05', day(2024, 3, 5)],
    ['05.03.2024', day(2024, 3, 5)],
    ['05/03/2024', day(2024, 3, 5)],
    ['2024-03-05 14:30', day(2024, 3, 5)],
    [45356, day(2024, 3, 5)], // a serial number: 45356 days after 1899-12-30
    [new Date(Date.UTC(2024, 2, 5, 12)), day(2024, 3, 5)],
  ])('date %p is one day', (v, d) => {
    expect(parsePeriodCell(v, dates)).toEqual({ start: d, end: d });
  });
  test('text that is neither a date nor a month says so', () => {
    expect(parsePeriodCell('spring', dates)).toEqual({ error: 'notAPeriod' });
    expect(parsePeriodCell('', dates)).toEqual({ blank: true });
  });
});

describe('readSpend', () => {
  test('total, subtotal and blank rows, missing and unparseable values: skipped, each a data issue naming its row and column', () => {
    const rows: CellValue[][] = [
      ['Дата', 'Канал', 'Кампания', 'Сумма'], // row 1
      ['Mar 2024', 'Google Ads', 'Brand', '1 000'], // row 2: used
      ['', '', '', ''], // row 3: blank inside the table
      ['Итого', '', '', '1 000'], // row 4: total
      ['2024-03-05', 'Facebook', '', 'n/a?'], // row 5: unparseable amount
      ['2024-03-06', '', '', '10'], // row 6: no channel
      ['sometime', 'Facebook', '', '10'], // row 7: not a date
      ['2024-03-07', 'Facebook', 'Subtotal', '20'], // row 8: a subtotal label in the campaign
      ['2024-03-08', 'Facebook', '', '-5'], // row 9: a refund, used
      ['', '', '', ''], // trailing blank rows are not issues
    ];
    const t = readSpend('Расходы', rows, config());
    expect(t.rows.map((r) => [r.row, r.channel, r.amount])).toEqual([
      [2, 'Google Ads', 1000],
      [9, 'Facebook', -5],
    ]);
    expect(t.issues.map((i) => [i.row, i.code, i.column, i.severity])).toEqual([
      [3, 'spend.blankRow', '', 'warning'],
      [4, 'spend.totalRow', '', 'warning'],
      [5, 'spend.badAmount', 'Сумма', 'error'],
      [6, 'spend.noChannel', 'Канал', 'error'],
      [7, 'spend.badDate', 'Дата', 'error'],
      [8, 'spend.totalRow', '', 'warning'],
    ]);
    for (const i of t.issues) {
      expect(i.sheet).toBe('Расходы');
      expect(i.problem.length).toBeGreaterThan(5);
      expect(i.problemRu).toMatch(/[а-я]/);
    }
  });

  test('period start and end columns; an end before the start is an issue', () => {
    const rows: CellValue[][] = [
      ['Title line of an export'],
      ['Period start', 'Period end', 'Source', 'Spend, ₽'],
      ['2024-03-28', '2024-04-03', 'PPC', '700'],
      ['2024-04-10', '2024-04-01', 'PPC', '700'],
    ];
    const t = readSpend('Spend', rows, config());
    expect(t.rows).toEqual([{ row: 3, start: day(2024, 3, 28), end: day(2024, 4, 3), channel: 'PPC', campaign: '', amount: 700 }]);
    expect(t.currency).toBe('RUB'); // from the amount header "Spend, ₽"
    expect(t.issues.map((i) => [i.row, i.code])).toEqual([[4, 'spend.endBeforeStart']]);
  });

  test('currencies: rows in the report currency as they are, others at the configured rate, a currency with no rate not summed', () => {
    const rows: CellValue[][] = [
      ['Date', 'Channel', 'Amount', 'Currency'],
      ['2024-03-01', 'PPC', '1 000 ₽', ''], // RUB: 1000
      ['2024-03-02', 'PPC', '$10', ''], // USD at 90: 900
      ['2024-03-03', 'PPC', '10', 'usd'], // the Currency column: 900
      ['2024-03-04', 'PPC', '1.234,56 €', ''], // EUR: no rate → issue, not summed
      ['2024-03-05', 'PPC', '5', 'руб.'], // RUB: 5
    ];
    const t = readSpend('Spend', rows, config({ currency: 'rub', rates: { USD: 90 } }));
    expect(t.currency).toBe('RUB');
    expect(t.rows.map((r) => [r.row, r.amount])).toEqual([
      [2, 1000],
      [3, 900],
      [4, 900],
      [6, 5],
    ]);
    expect(t.issues.map((i) => [i.row, i.code, i.params])).toEqual([[5, 'spend.noRate', { currency: 'EUR', reportCurrency: 'RUB' }]]);
  });

  test('prefixed dollars are their own currencies, not USD: converted with a rate or a "no rate" issue; ¥ is ambiguous', () => {
    const rows: CellValue[][] = [
      ['Date', 'Channel', 'Amount'],
      ['2024-03-01', 'PPC', '$10'], // USD at 90: 900
      ['2024-03-02', 'PPC', 'C$ 1 200'], // CAD at 65: 78 000
      ['2024-03-03', 'PPC', 'A$ 50'], // AUD: no rate → issue (was read as 50 USD = 4 500)
      ['2024-03-04', 'PPC', '¥ 500'], // JPY or CNY: no rate → issue
    ];
    const t = readSpend('Spend', rows, config({ currency: 'rub', rates: { USD: 90, CAD: 65 } }));
    expect(t.rows.map((r) => [r.row, r.amount])).toEqual([
      [2, 900],
      [3, 78000],
    ]);
    expect(t.issues.map((i) => [i.row, i.code, i.params])).toEqual([
      [4, 'spend.noRate', { currency: 'AUD', reportCurrency: 'RUB' }],
      [5, 'spend.noRate', { currency: '¥', reportCurrency: 'RUB' }],
    ]);
  });

  test('without a configured currency the first one named is the report currency; another with no rate is an issue', () => {
    const rows: CellValue[][] = [
      ['Date', 'Channel', 'Amount'],
      ['2024-03-01', 'PPC', '$5'],
      ['2024-03-02', 'PPC', '7'],
      ['2024-03-03', 'PPC', '8 ₽'],
    ];
    const t = readSpend('Spend', rows, config());
    expect(t.currency).toBe('USD');
    expect(t.rows.map((r) => r.amount)).toEqual([5, 7]);
    expect(t.issues.map((i) => [i.row, i.code])).toEqual([[4, 'spend.noRate']]);
  });

  test('overlapping periods of one channel and campaign: the later row is an issue naming the first; other campaigns and adjacent periods are fine', () => {
    const rows: CellValue[][] = [
      ['Date', 'End', 'Channel', 'Campaign', 'Amount'],
      ['Mar 2024', '', 'Google Ads', 'Brand', '3100'], // row 2
      ['2024-03-15', '2024-03-20', 'google ads', 'brand', '600'], // row 3: inside row 2 (same after normalising)
      ['2024-03-15', '2024-03-20', 'Google Ads', 'Generic', '600'], // row 4: another campaign
      ['Apr 2024', '', 'Google Ads', 'Brand', '3000'], // row 5: adjacent, no overlap
      ['2024-04-30', '', 'Google Ads', 'Brand', '100'], // row 6: the last day of row 5
    ];
    const t = readSpend('Spend', rows, config());
    expect(t.rows.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(t.issues.map((i) => [i.row, i.code, i.params])).toEqual([
      [3, 'spend.overlap', { otherRow: 2, channel: 'google ads', campaign: 'brand' }],
      [6, 'spend.overlap', { otherRow: 5, channel: 'Google Ads', campaign: 'Brand' }],
    ]);
  });

  test('a table without an amount column: one issue naming what is missing and the headers found', () => {
    const t = readSpend('Spend', [['Date', 'Channel'], ['2024-03-01', 'PPC']], config());
    expect(t.rows).toEqual([]);
    expect(t.issues.map((i) => [i.row, i.code, i.params])).toEqual([[1, 'spend.missingColumns', { missing: ['amount'], headers: ['Date', 'Channel'] }]]);
  });
});

describe('spend config', () => {
  test('valid block', () => {
    const c = config({ currency: 'usd', rates: { EUR: 1.1 }, aliases: { 'google / cpc': 'Google Ads' }, marginPercent: 40, sheet: 'Costs' });
    expect(c.spend).toEqual({ currency: 'USD', rates: { EUR: 1.1 }, aliases: { 'google / cpc': 'Google Ads' }, marginPercent: 40, sheet: 'Costs' });
  });
  test('each bad key is an error naming its path', () => {
    const res = parseConfig({ columns: { createdAt: 'C' }, stages: [{ name: 'Won', column: 'W' }], spend: { currency: 'dollars', rates: { USD: -1 }, aliases: { x: 3 }, marginPercent: 150, extra: 1 } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => ('path' in p.params ? p.params.path : ''))).toEqual(['spend.extra', 'spend.currency', 'spend.rates.USD', 'spend.aliases["x"]', 'spend.marginPercent']);
  });
});

test('a mistyped year is a data issue, as for the leads (plausible dates: 1990 … a year after the report date)', () => {
  const rows: CellValue[][] = [
    ['Date', 'End', 'Channel', 'Amount'],
    ['2024-03-01', '', 'PPC', '10'],
    ['1924-03-01', '', 'PPC', '10'], // too early
    ['2024-03-01', '2042-03-01', 'PPC', '10'], // ends too late: the end cell is named
  ];
  const t = readSpend('Spend', rows, config(), '2024-06-30');
  expect(t.rows.map((r) => r.row)).toEqual([2]);
  expect(t.issues.map((i) => [i.row, i.code, i.column, i.params])).toEqual([
    [3, 'spend.implausible', 'Date', { earliest: '1990-01-01', latest: '2025-06-30' }],
    [4, 'spend.implausible', 'End', { earliest: '1990-01-01', latest: '2025-06-30' }],
  ]);
});
