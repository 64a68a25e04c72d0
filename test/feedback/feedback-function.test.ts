/** FUNNEL_FEEDBACK over a hand-made Feedback range: counts worked out by hand from the rows. */
import { funnelFeedback } from '../../src/sheets/feedback-function';

const RANGE = [
  ['Lead ID', 'Created', 'Channel', 'Manager', 'Won / lost', 'Sales verdict', 'Reason'],
  ['L1', '2026-01-05', 'Ads', 'Ann', 'Won', 'Accepted', ''],
  ['L2', '2026-01-20', 'Ads', 'Ann', '', 'Rejected — not qualified', 'Price'],
  ['L3', '2026-02-02', 'SEO', 'Bob', '', '', ''],
  ['L4', '2026-02-03', 'SEO', 'Bob', 'Выигран', 'принят', ''],
  ['', '', '', '', '', 'note row people added', ''],
  ['L5', '2026-02-09', 'Ads', 'Ann', '', 'Rejected - duplicate', ''],
];

test('by manager (default), every measure, with a Total row', () => {
  // Ann: L1, L2, L5 → feedback 3, accepted 1 (L1), rejected 2, not qualified 1, won 1. Bob: L3, L4 → feedback 1 (RU label), accepted 1, won 1 (RU "Выигран").
  expect(funnelFeedback(RANGE)).toEqual([
    ['Manager', 'Handed over', 'Feedback given', 'Feedback %', 'Accepted', 'Accepted %', 'Rejected', 'Not qualified', 'Won'],
    ['Ann', 3, 3, 1, 1, 1 / 3, 2, 1, 1],
    ['Bob', 2, 1, 0.5, 1, 0.5, 0, 0, 1],
    ['Total', 5, 4, 0.8, 2, 0.4, 2, 1, 2],
  ]);
});

test('by channel, one metric; by month', () => {
  expect(funnelFeedback(RANGE, 'channel', 'not qualified')).toEqual([
    ['Channel', 'Not qualified'],
    ['Ads', 1],
    ['SEO', 0],
    ['Total', 1],
  ]);
  expect(funnelFeedback(RANGE, 'month', 'handed')).toEqual([
    ['Created', 'Handed over'],
    ['2026-02', 3],
    ['2026-01', 2],
    ['Total', 5],
  ]);
});

test('bad arguments say what is wrong in EN and RU', () => {
  expect(() => funnelFeedback(RANGE, 'Budget')).toThrow(/group_by "Budget" is not a column.*не столбец/);
  expect(() => funnelFeedback(RANGE, 'Manager', 'profit')).toThrow(/metric must be summary/);
  expect(() => funnelFeedback([['Name'], ['x']])).toThrow(/Lead ID/);
  expect(() => funnelFeedback('x')).toThrow(/range/);
});

test('a Russian-header range gets Russian headers, "(пусто)" and "Итого"; a configured locale wins over the headers', () => {
  const ru = [
    ['ID лида', 'Создан', 'Канал', 'Менеджер', 'Выигран / проигран', 'Решение продаж', 'Причина'],
    ['L1', '2026-01-05', 'Реклама', 'Анна', 'Выигран', 'Принят', ''],
    ['L2', '2026-01-20', 'Реклама', '', '', 'Отклонён — не квалифицирован', 'Цена'],
    ['L3', '2026-02-02', 'SEO', 'Анна', '', '', ''],
  ];
  // Анна: L1, L3 → feedback 1 (L1), accepted 1, won 1. No manager: L2 → feedback 1, rejected 1, not qualified 1.
  expect(funnelFeedback(ru)).toEqual([
    ['Менеджер', 'Передано', 'С обратной связью', 'Обратная связь, %', 'Принято', 'Принято, %', 'Отклонено', 'Не квалифицировано', 'Выиграно'],
    ['Анна', 2, 1, 0.5, 1, 0.5, 0, 0, 1],
    ['(пусто)', 1, 1, 1, 0, 0, 1, 1, 0],
    ['Итого', 3, 2, 2 / 3, 1, 1 / 3, 1, 1, 1],
  ]);
  expect(funnelFeedback(ru, 'Канал', 'handed', { baseConfig: () => ({ locale: 'en' }) })).toEqual([
    ['Канал', 'Handed over'],
    ['Реклама', 2],
    ['SEO', 1],
    ['Total', 3],
  ]);
  expect(funnelFeedback(RANGE, 'Manager', 'won', { baseConfig: () => ({ locale: 'ru' }) })).toEqual([
    ['Manager', 'Выиграно'],
    ['Ann', 1],
    ['Bob', 1],
    ['Итого', 2],
  ]);
});
