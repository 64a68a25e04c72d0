import { pickLocale, uiStrings } from '../../src/sheets/i18n';
import { localMinute } from '../../src/sheets/status';

test('the UI language follows the user locale: ru, ru_RU, ru-RU are Russian; anything else English', () => {
  expect(['ru', 'ru_RU', 'ru-RU', 'RU'].map(pickLocale)).toEqual(['ru', 'ru', 'ru', 'ru']);
  expect(['en', 'en_GB', 'de', 'rus', 'uk', '', null, undefined].map(pickLocale)).toEqual(Array(8).fill('en'));
});

test('status lines: thousands grouped, singular and Russian plural forms', () => {
  const en = uiStrings('en');
  const ru = uiStrings('ru');
  const f = (leads: number, issues: number) => ({ at: '2026-11-22 10:15', durationMs: 2345, leads, issues });
  expect(en.statusLine(f(1500, 7))).toBe('Refreshed 2026-11-22 10:15 · 2.3 s · 1,500 leads · 7 data issues');
  expect(en.statusLine(f(1, 1))).toBe('Refreshed 2026-11-22 10:15 · 2.3 s · 1 lead · 1 data issue');
  expect(ru.statusLine(f(1500, 7))).toBe('Обновлено 2026-11-22 10:15 · 2,3 с · 1\u00a0500 лидов · 7 ошибок в данных');
  const ruLeads = (n: number) => ru.statusLine(f(n, 0)).split(' · ')[2];
  expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(ruLeads)).toEqual([
    '1 лид', '2 лида', '4 лида', '5 лидов', '11 лидов', '12 лидов', '14 лидов', '21 лид', '22 лида', '25 лидов', '101 лид', '111 лидов',
  ]);
  expect(ru.statusLine(f(3, 2)).endsWith('2 ошибки в данных')).toBe(true);
  expect(ru.statusLine(f(3, 21)).endsWith('21 ошибка в данных')).toBe(true);
});

test('the refresh time is shown in the spreadsheet zone', () => {
  const at = new Date('2026-11-22T07:15:30Z');
  expect(localMinute(at, 'Europe/Moscow')).toBe('2026-11-22 10:15');
  expect(localMinute(at, 'America/Los_Angeles')).toBe('2026-11-21 23:15');
});
