/**
 * What the sidebar section tests share: an in-memory spreadsheet with saved settings, and one
 * Chromium for the test file that opens the sidebar on a preview server with a fixed clock.
 */
import type { Browser } from 'playwright-core';
import { CONFIG_KEY, LEADS_SHEET_KEY } from '../../src/sheets/settings-store';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { launch, sidebarPage } from './browser';
import { startPreview, type PreviewServer } from './preview-server';

/** A spreadsheet in Moscow time with these sheets (the first is the leads sheet) and these settings saved. */
export function savedWorld(sheets: Record<string, Stored[][]>, config: unknown): FakeWorld {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  for (const [name, rows] of Object.entries(sheets)) w.app.spreadsheet.addSheet(name, rows);
  w.properties.document.store.set(CONFIG_KEY, JSON.stringify(config));
  w.properties.document.store.set(LEADS_SHEET_KEY, Object.keys(sheets)[0]);
  w.resetCalls();
  return w;
}

/**
 * Registers the file's beforeAll/afterAll (one browser, every preview server closed) and returns
 * `open`: the sidebar on a new preview server of `w`, in a browser locale, at the instant `now`
 * (each clock reading 250 ms after the last, so step durations are not zero).
 */
export function sectionHarness(now: Date) {
  let browser: Browser;
  const servers: PreviewServer[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
  });
  return async function open(w: FakeWorld, locale = 'en-US') {
    let t = now.getTime();
    const server = await startPreview({ world: w, run: { now: () => now, clock: () => (t += 250) } });
    servers.push(server);
    return { server, ...(await sidebarPage(browser, server.url, locale)) };
  };
}
