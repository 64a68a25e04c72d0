/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they are typed against the DOM.
/**
 * The Spend section in real headless Chromium against the real server functions on an in-memory
 * spreadsheet: an alias pasted into the field is saved, and the refresh's Channels tab puts the spend
 * of the aliased channel beside its leads. Expected numbers are counted by hand from handMadeLeads
 * (test/sheets/helpers.ts) and the three spend rows below.
 */
import type { Page } from 'playwright-core';
import { CONFIG_KEY } from '../../src/sheets/settings-store';
import type { FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { handMadeLeads, REPORT_NOW } from '../sheets/helpers';
import { eventually, focusedKey, OUT, tabTo } from './browser';
import { savedWorld, sectionHarness } from './section-harness';

const HEADER = ['Lead ID', 'Created at', 'Source', 'Owner', 'Contacted at', 'Qualified at', 'Won at'];
const CONFIG = {
  columns: { createdAt: 'Created at', id: 'Lead ID', channel: 'Source' },
  stages: [
    { name: 'Contacted', column: 'Contacted at' },
    { name: 'Qualified', column: 'Qualified at' },
    { name: 'Won', column: 'Won at' },
  ],
  timeZone: 'Europe/Moscow',
};

/**
 * Spend as a marketer pastes it: "Google" matches the leads' channel; "Facebok" is one letter from
 * Facebook, a leads channel with no spend (the engine suggests it); "FB" matches nothing until the
 * alias FB → Facebook is pasted.
 */
const SPEND: Stored[][] = [
  ['Date', 'Channel', 'Amount'],
  ['2026-11-10', 'Google', 400],
  ['2026-11-10', 'Facebok', 200],
  ['2026-11-17', 'FB', 100],
];

function world(): FakeWorld {
  return savedWorld({ Leads: [HEADER, ...handMadeLeads().slice(1)], Spend: SPEND }, CONFIG);
}

const open = sectionHarness(REPORT_NOW);

const unmatchedSpend = (page: Page) => page.$$eval('[data-unmatched-spend]', (els) => els.map((e) => e.textContent ?? ''));

describe('Spend section in Chromium', () => {
  test('paste an alias, save, refresh: the Channels tab puts FB’s spend beside the Facebook leads', async () => {
    const w = world();
    const { page, errors, context } = await open(w);
    // The engine's unmatched names, offered with its suggestion.
    await page.waitForSelector('[data-unmatched-spend]');
    expect(await unmatchedSpend(page)).toEqual([
      'Spend “Facebok” matches no leads channel. Suggested: “Facebook”. Add alias',
      'Spend “FB” matches no leads channel. Add alias',
    ]);
    const leadsList = await page.$$eval('[data-leads-without-spend]', (els) => els.map((e) => e.getAttribute('data-leads-without-spend')));
    expect(leadsList).toEqual(['Facebook', 'Organic']);

    // Take the suggestion for Facebok; paste FB → Facebook into a new row.
    await page.click('[data-unmatched-spend="Facebok"] button');
    await expect(page.locator('input[data-focus="alias:0:from"]').inputValue()).resolves.toBe('Facebok');
    await expect(page.locator('input[data-focus="alias:0:to"]').inputValue()).resolves.toBe('Facebook');
    await page.click('button[data-focus="addAlias"]');
    expect(await focusedKey(page)).toBe('alias:1:from');
    // Pasted, as from the Spend sheet: an insertText input event, like Ctrl+V.
    await page.locator('input[data-focus="alias:1:from"]').focus();
    await page.keyboard.insertText('FB');
    await page.locator('input[data-focus="alias:1:to"]').fill('Facebook');
    await page.locator('details[data-section="spend"]').screenshot({ path: `${OUT}/sidebar-en-spend-aliases.png` });

    await page.click('button[data-focus="refreshNow"]');
    await page.waitForSelector('.summary');
    const saved = JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string);
    expect(saved.spend).toEqual({ rates: {}, aliases: { Facebok: 'Facebook', FB: 'Facebook' } });
    // The suggestions follow the saved aliases: nothing left unmatched on the spend side.
    expect(await eventually(() => page.locator('[data-unmatched-spend]').count(), 0)).toBe(0);

    // Channels tab by hand. Google: 400 over 5 leads (L1, L2, L5, L8, L10): CPL 80. Facebook: 200
    // (Facebok) + 100 (FB) = 300 over 3 leads (L3, L4, L9): CPL 100. Organic: no spend, 3 leads.
    const v = w.app.spreadsheet.sheet('Channels').peekValues();
    const head = v.findIndex((r) => r[0] === 'Channel');
    const col = (name: string) => v[head].indexOf(name);
    const row = (channel: string) => v.slice(head + 1).find((r) => r[0] === channel) as Stored[];
    expect([row('Google')[col('Spend')], row('Google')[col('Leads')], row('Google')[col('CPL')]]).toEqual([400, 5, 80]);
    expect([row('Facebook')[col('Spend')], row('Facebook')[col('Leads')], row('Facebook')[col('CPL')]]).toEqual([300, 3, 100]);
    expect([row('Organic')[col('Leads')], row('Organic')[col('CPL')]]).toEqual([3, '—']);
    expect(v.some((r) => r[0] === 'FB' || r[0] === 'Facebok')).toBe(false);
    // Saving again changes nothing and writes nothing.
    w.resetCalls();
    await page.click('button[data-focus="save"]');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Nothing changed: nothing was written.')).toBe('Nothing changed: nothing was written.');
    expect(w.properties.calls.count('Properties.setProperties')).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('rates, currency and margin: invalid values get the engine’s messages next to them; a duplicate rate is refused before saving', async () => {
    const w = world();
    const { page, context } = await open(w);
    await page.locator('input[data-path="spend.currency"]').fill('RUBLES');
    await page.click('button[data-focus="addRate"]');
    await page.locator('input[data-focus="rate:0:code"]').fill('USD');
    await page.locator('input[data-focus="rate:0:rate"]').fill('-1');
    await page.locator('input[data-path="spend.marginPercent"]').fill('150');
    await page.click('button[data-focus="save"]');
    await page.waitForSelector('[data-error-for="spend.marginPercent"]');
    const errorFor = (path: string) => page.locator(`[data-error-for="${path}"]`).innerText();
    await expect(errorFor('spend.marginPercent')).resolves.toMatch(/\S/);
    await expect(errorFor('spend.rates.USD')).resolves.toMatch(/\S/);
    await expect(errorFor('spend.currency')).resolves.toMatch(/\S/);
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string).spend).toBeUndefined();
    await page.screenshot({ path: `${OUT}/sidebar-en-spend-errors.png`, fullPage: true });

    // Fixed, plus a second USD row: refused in the sidebar, nothing sent.
    await page.locator('input[data-path="spend.currency"]').fill('rub');
    await page.locator('input[data-focus="rate:0:rate"]').fill('92,5');
    await page.locator('input[data-path="spend.marginPercent"]').fill('40');
    await page.click('button[data-focus="addRate"]');
    await page.locator('input[data-focus="rate:1:code"]').fill('usd');
    await page.locator('input[data-focus="rate:1:rate"]').fill('90');
    await page.click('button[data-focus="save"]');
    await expect(errorFor('spend.rates.USD#1')).resolves.toBe('appears twice: keep one row');
    expect(await page.locator('[data-error-for="spend.rates.USD"]').count()).toBe(0);
    await page.click('button[data-focus="rate:1:remove"]');
    await page.click('button[data-focus="save"]');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Settings saved.')).toBe('Settings saved.');
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string).spend).toEqual({ currency: 'RUB', rates: { USD: 92.5 }, aliases: {}, marginPercent: 40 });
    await context.close();
  });

  test('keyboard only and Russian: an alias added, typed and removed without a mouse', async () => {
    const w = world();
    const { page, context } = await open(w, 'ru-RU');
    await page.waitForSelector('[data-unmatched-spend]');
    await expect(page.locator('details[data-section="spend"] summary').innerText()).resolves.toBe('Расходы');
    expect(await unmatchedSpend(page)).toEqual([
      'Расходы «Facebok» не совпадают ни с одним каналом лидов. Предлагается: «Facebook». Добавить синоним',
      'Расходы «FB» не совпадают ни с одним каналом лидов. Добавить синоним',
    ]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'addAlias');
    await page.keyboard.press('Enter');
    expect(await focusedKey(page)).toBe('alias:0:from');
    await page.keyboard.type('FB');
    await page.keyboard.press('Tab');
    expect(await focusedKey(page)).toBe('alias:0:to');
    await page.keyboard.type('Facebook');
    await tabTo(page, 'suggest:spend:0');
    await page.keyboard.press('Enter');
    expect(await focusedKey(page)).toBe('alias:1:to');
    await expect(page.locator('input[data-focus="alias:1:from"]').inputValue()).resolves.toBe('Facebok');
    await page.keyboard.press('Tab');
    expect(await focusedKey(page)).toBe('alias:1:remove');
    await page.keyboard.press('Enter');
    expect(await page.locator('input[data-focus^="alias:"][data-focus$=":from"]').count()).toBe(1);
    await tabTo(page, 'save');
    await page.keyboard.press('Enter');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Настройки сохранены.')).toBe('Настройки сохранены.');
    expect(JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string).spend.aliases).toEqual({ FB: 'Facebook' });
    await page.locator('details[data-section="spend"]').screenshot({ path: `${OUT}/sidebar-ru-spend-aliases.png` });
    await context.close();
  });
});
