/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they are typed against the DOM.
/**
 * The Feedback section in real headless Chromium against the real server functions on an in-memory
 * spreadsheet: the hand-off stage saved as `feedback.handoffStage` (and renamed with its stage), the
 * accepted verdicts and SAL step, the reasons list edited, the day limits with the engine's messages;
 * then "Refresh now" and the Feedback tab holds the leads handed over (counted by hand).
 */
import type { Page } from 'playwright-core';
import { CONFIG_KEY } from '../../src/sheets/settings-store';
import type { FakeWorld } from '../fakes/services';
import { handMadeLeads, REPORT_NOW } from '../sheets/helpers';
import { eventually, focusedKey, OUT, tabTo } from './browser';
import { savedWorld, sectionHarness } from './section-harness';

const CONFIG = {
  columns: { createdAt: 'Created at', id: 'Lead ID', channel: 'Channel' },
  stages: [
    { name: 'Contacted', column: 'Contacted at' },
    { name: 'Qualified', column: 'Qualified at' },
    { name: 'Won', column: 'Won at' },
  ],
  timeZone: 'Europe/Moscow',
};

function world(): FakeWorld {
  return savedWorld({ Leads: handMadeLeads() }, CONFIG);
}

const open = sectionHarness(REPORT_NOW);

const field = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
const reasons = (page: Page) => page.$$eval('input[data-focus^="reason:"][data-focus$=":text"]', (els) => els.map((e) => (e as HTMLInputElement).value));
const saved = (w: FakeWorld) => JSON.parse(w.properties.document.store.get(CONFIG_KEY) as string);

describe('Feedback section in Chromium', () => {
  test('hand-off stage, verdicts, SAL, reasons and days saved; a renamed stage stays the hand-off; the Feedback tab lists the leads handed over', async () => {
    const w = world();
    const { page, errors, context } = await open(w);
    // The engine's defaults are shown, not written.
    expect(await reasons(page)).toEqual(['Price', 'Timing', 'Competitor', 'False expectations about the service', 'A service we do not offer', 'No budget', 'No decision maker', 'Other']);
    await expect(page.locator('input[data-focus="verdict:accepted"]').isChecked()).resolves.toBe(true);

    await field(page, 'feedback.handoffStage').selectOption('Qualified');
    await page.check('input[data-focus="verdict:active"]');
    await field(page, 'feedback.salStage').fill('SAL');
    await page.click('button[data-focus="reason:1:up"]'); // Timing first
    await page.click('button[aria-label="Remove Other"]');
    await page.fill('input[data-focus="newReason"]', 'Too small');
    await page.press('input[data-focus="newReason"]', 'Enter');
    await field(page, 'feedback.staleDays').fill('10');
    await field(page, 'feedback.noFeedbackDays').fill('0');
    await page.click('button[data-focus="save"]');
    await page.waitForSelector('[data-error-for="feedback.noFeedbackDays"]');
    await expect(page.locator('[data-error-for="feedback.noFeedbackDays"]').innerText()).resolves.toMatch(/\S/);
    expect(saved(w).feedback).toBeUndefined();
    await field(page, 'feedback.noFeedbackDays').fill('5');
    await page.click('button[data-focus="save"]');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Settings saved.')).toBe('Settings saved.');
    expect(saved(w).feedback).toEqual({
      handoffStage: 'Qualified',
      acceptedVerdicts: ['accepted', 'active'],
      salStage: 'SAL',
      reasons: ['Timing', 'Price', 'Competitor', 'False expectations about the service', 'A service we do not offer', 'No budget', 'No decision maker', 'Too small'],
      staleDays: 10,
      noFeedbackDays: 5,
      sheet: 'Feedback',
    });
    await page.locator('details[data-section="feedback"]').screenshot({ path: `${OUT}/sidebar-en-feedback-set.png` });

    // Renaming the stage in the Funnel section renames the hand-off stage with it.
    await field(page, 'stages[1].name').fill('SQL');
    await expect(field(page, 'feedback.handoffStage').locator('option:checked').innerText()).resolves.toBe('Qualified'); // until re-rendered
    await page.click('button[data-focus="refreshNow"]');
    await page.waitForSelector('.summary');
    expect(saved(w).feedback.handoffStage).toBe('SQL');
    await expect(field(page, 'feedback.handoffStage').inputValue()).resolves.toBe('SQL');
    // Handed over = reached SQL (Qualified) by 25 Nov, by hand: L1 (4 Nov), L2 (5 Nov), L5 (12 Nov) and
    // L6 (won 24 Nov implies it); L7 qualified on the 26th, after the report date.
    const tab = w.app.spreadsheet.sheet('Feedback').peekValues();
    const ids = new Set(tab.flat().filter((v): v is string => typeof v === 'string' && /^L\d+$/.test(v)));
    expect([...ids].sort()).toEqual(['L1', 'L2', 'L5', 'L6']);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('keyboard only, in Russian: a reason moved down and removed, a verdict ticked, saved', async () => {
    const w = world();
    const { page, context } = await open(w, 'ru-RU');
    await expect(page.locator('details[data-section="feedback"] summary').innerText()).resolves.toBe('Обратная связь');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, 'verdict:won');
    await page.keyboard.press('Space');
    await expect(page.locator('input[data-focus="verdict:won"]').isChecked()).resolves.toBe(true);
    await tabTo(page, 'reason:0:down');
    await page.keyboard.press('Enter');
    expect(await focusedKey(page)).toBe('reason:1:down');
    await tabTo(page, 'reason:7:remove');
    await page.keyboard.press('Enter');
    expect((await reasons(page)).slice(0, 2)).toEqual(['Timing', 'Price']);
    expect(await reasons(page)).toHaveLength(7);
    await tabTo(page, 'save');
    await page.keyboard.press('Enter');
    expect(await eventually(() => page.locator('[data-save-message]').innerText(), 'Настройки сохранены.')).toBe('Настройки сохранены.');
    expect(saved(w).feedback.acceptedVerdicts).toEqual(['accepted', 'won']);
    expect(saved(w).feedback.reasons).toEqual(['Timing', 'Price', 'Competitor', 'False expectations about the service', 'A service we do not offer', 'No budget', 'No decision maker']);
    const labels = await page.$$eval('fieldset.verdicts label', (els) => els.map((e) => e.textContent));
    expect(labels[0]).toBe('Принят');
    await page.waitForTimeout(300); // the unmatched-channels reload after a save re-renders once
    await page.locator('details[data-section="feedback"]').screenshot({ path: `${OUT}/sidebar-ru-feedback-set.png` });
    await context.close();
  });
});
