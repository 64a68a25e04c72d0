/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they are typed against the DOM.
/**
 * Real headless Chromium for the sidebar tests: Debian's `chromium` package at /usr/bin/chromium
 * (`.ci/run` installs it), driven by playwright-core. A missing browser fails the test with the fix.
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUT = path.resolve(__dirname, '../../out');

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A 300 px wide page (the sidebar's width) in the given browser language; page errors and dialogs are collected. */
export async function sidebarPage(browser: Browser, url: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 300, height: 900 }, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForSelector('details[data-section="schedule"]');
  return { context, page, errors, dialogs };
}

/** Presses Tab until the focused element has `data-focus` = key; fails after `max` presses. */
export async function tabTo(page: Page, key: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    const current = await page.evaluate(() => document.activeElement?.getAttribute('data-focus') ?? null);
    if (current === key) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached [data-focus="${key}"]`);
}

export async function focusedKey(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-focus') ?? null);
}

export async function screenshotSections(page: Page, prefix: string): Promise<string[]> {
  fs.mkdirSync(OUT, { recursive: true });
  const files: string[] = [];
  const ids = await page.$$eval('details[data-section]', (els) => els.map((e) => e.getAttribute('data-section') ?? ''));
  for (const id of ids) {
    const file = path.join(OUT, `${prefix}-${id}.png`);
    await page.locator(`details[data-section="${id}"]`).screenshot({ path: file });
    files.push(file);
  }
  const full = path.join(OUT, `${prefix}-full.png`);
  await page.screenshot({ path: full, fullPage: true });
  files.push(full);
  return files;
}

/** The value of `read()` once it equals `expected`, or its last value after `timeoutMs` (for the assertion to show). */
export async function eventually<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last = await read();
  while (last !== expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}
