/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they are typed against the DOM.
/**
 * The SLA section in real headless Chromium against the real server functions on an in-memory
 * spreadsheet: a rule and a working calendar with a lunch break set in the sidebar, then "Refresh now"
 * and the SLA tab checked against numbers worked out by hand below.
 */
import type { Page } from 'playwright-core';
import { CONFIG_KEY } from '../../src/sheets/settings-store';
import type { FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { eventually, focusedKey, OUT, tabTo } from './browser';
import { savedWorld, sectionHarness } from './section-harness';

/** Wall time in Moscow (UTC+3, no DST) as an instant. */
const msk = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00Z`) - 3 * 3_600_000);
/** Wednesday 25 Nov 2026, 12:00 in Moscow. */
const NOW = msk('2026-11-25', '12:00');

/**
 * Five leads against "first contact within 4 h of working time", Mon–Fri 09:00–13:00 and 14:00–18:00:
 * A Mon 23rd 10:00, contacted 11:00: 1 h → on time.
 * B Fri 20th 17:00, contacted Mon 11:30: Fri 17–18 (1 h) + Mon 09–11:30 (2.5 h) = 3.5 h → on time.
 * C Tue 24th 16:00, no contact: Tue 16–18 (2 h) + Wed 09–11 (2 h) → due Wed 11:00; at 12:00 an open breach, 1 h over.
 * D Wed 25th 10:00, no contact: due Wed 10–13 + 14–15 → 15:00, still ahead → pending.
 * E Sat 21st 12:00, contacted Mon 15:00: the clock starts Mon 09:00; 09–13 + 14–15 = 5 h → closed late.
 * Judged: A, B, C, E = 4; on time 2 (50%); open now 1; pending 1; median response of A, B, E = 3.5 h.
 */
const ROWS: Stored[][] = [
  ['ID', 'Created', 'Contacted'],
  ['A', msk('2026-11-23', '10:00'), msk('2026-11-23', '11:00')],
  ['B', msk('2026-11-20', '17:00'), msk('2026-11-23', '11:30')],
  ['C', msk('2026-11-24', '16:00'), ''],
  ['D', msk('2026-11-25', '10:00'), ''],
  ['E', msk('2026-11-21', '12:00'), msk('2026-11-23', '15:00')],
];
const CONFIG = { columns: { createdAt: 'Created', id: 'ID' }, stages: [{ name: 'Contacted', column: 'Contacted' }], timeZone: 'Europe/Moscow' };

function world(): FakeWorld {
  return savedWorld({ Leads: ROWS }, CONFIG);
}

const open = sectionHarness(NOW);

const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
const errorFor = (page: Page, path: string) => page.locator(`[data-error-for="${path}"]`);

describe('SLA section in Chromium', () => {
  test('set an SLA rule and a calendar with a lunch break, Refresh now: the SLA tab holds the hand-worked numbers', async () => {
    const w = world();
    const { page, errors, context } = await open(w);
    await page.click('button[data-focus="addRule"]');
    expect(await focusedKey(page)).toBe('rule:0:name');
    await page.keyboard.type('First contact');
    // From defaults to "Lead created"; the stages are offered by name.
    await expect(field(page, 'sla.rules[0].from').inputValue()).resolves.toBe('created');
    const toOptions = await field(page, 'sla.rules[0].to').locator('option').allTextContents();
    expect(toOptions).toEqual(['— none —', 'Lead created', 'Contacted']);
    await field(page, 'sla.rules[0].to').selectOption('Contacted');
    // A limit the engine cannot read: its message next to the field, nothing saved.
    await field(page, 'sla.rules[0].limit').fill('4 hours');
    await page.click('button[data-focus="save"]');
    await page.waitForSelector('[data-error-for="sla.rules[0].limit"]');
    await expect(errorFor(page, 'sla.rules[0].limit').innerText()).resolves.toMatch(/4 hours/);
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string).sla).toBeUndefined();
    await field(page, 'sla.rules[0].limit').fill('4h');

    // Calendar: 09:00–13:00 and 14:00–18:00, a holiday and a moved working day (outside these weeks).
    await page.locator('input[data-focus="hours:0:to"]').fill('13:00');
    await page.click('button[data-focus="addHours"]');
    expect(await focusedKey(page)).toBe('hours:1:from');
    await page.keyboard.type('14:00');
    await page.locator('input[data-focus="hours:1:to"]').fill('18:00');
    await field(page, 'sla.calendar.holidays').fill('2026-12-31, 2027-01-01');
    await field(page, 'sla.calendar.workingDays').fill('2026-12-26');
    await page.locator('details[data-section="sla"]').screenshot({ path: `${OUT}/sidebar-en-sla-rule.png` });

    await page.click('button[data-focus="refreshNow"]');
    await page.waitForSelector('.summary');
    const saved = JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string);
    expect(saved.sla).toEqual({
      calendar: { hours: [['09:00', '13:00'], ['14:00', '18:00']], holidays: ['2026-12-31', '2027-01-01'], workingDays: ['2026-12-26'] },
      rules: [{ name: 'First contact', from: 'created', to: 'Contacted', limit: '4h' }],
    });
    const v = w.app.spreadsheet.sheet('SLA').peekValues();
    expect(v.some((r) => r[0] === 'Open breaches now: 1')).toBe(true);
    const breach = v.find((r) => r[0] === 'First contact' && r[1] === 'C') as Stored[];
    expect((breach[4] as Date).getTime()).toBe(msk('2026-11-25', '11:00').getTime());
    expect(breach[5]).toBe('1 h of working time');
    const rules = v.findIndex((r) => r[0] === 'Rule' && r[1] === 'From → to');
    expect(v[rules + 1]).toEqual(['First contact', 'Lead created → Contacted', '4h', 4, 2, 2 / 4, 3.5, 1, 1, 0]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('keyboard only, in Russian: a rule added and set, a working day unticked, saved', async () => {
    const w = world();
    const { page, context } = await open(w, 'ru-RU');
    await expect(page.locator('details[data-section="sla"] summary').innerText()).resolves.toBe('SLA');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'addRule');
    await page.keyboard.press('Enter');
    expect(await focusedKey(page)).toBe('rule:0:name');
    await page.keyboard.type('Первый контакт');
    await tabTo(page, 'path:sla.rules[0].to');
    await page.keyboard.press('ArrowDown'); // — нет — → Лид создан
    await page.keyboard.press('ArrowDown'); // → Contacted
    await tabTo(page, 'path:sla.rules[0].limit');
    await page.keyboard.type('2h');
    await tabTo(page, 'day:5');
    await page.keyboard.press('Space'); // Friday off
    await tabTo(page, 'save');
    await page.keyboard.press('Enter');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Настройки сохранены.')).toBe('Настройки сохранены.');
    const saved = JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string);
    expect(saved.sla).toEqual({ calendar: { days: [1, 2, 3, 4] }, rules: [{ name: 'Первый контакт', from: 'created', to: 'Contacted', limit: '2h' }] });
    await expect(page.locator('details[data-section="sla"] legend').first().innerText()).resolves.toBe('Рабочий календарь (для всех правил)');
    await page.locator('details[data-section="sla"]').screenshot({ path: `${OUT}/sidebar-ru-sla-rule.png` });
    await context.close();
  });
});
