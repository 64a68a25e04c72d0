/**
 * The Sheets refresh writes the SLA tab when the saved settings have SLA rules, judged at the refresh's
 * clock, and its service calls stay the same for 1,000 and 20,000 leads (one setValues more: the tab).
 */
import { runRefreshReports } from '../../src/sheets/app';
import { SAMPLE_CONFIG, SAMPLE_SLA_SETTINGS } from '../../src/core/sample-data';
import { CONFIG_KEY } from '../../src/sheets/settings-store';
import type { FakeWorld } from '../fakes/services';
import { SAMPLE_NOW, worldWithSampleLeads } from '../fakes/sample-leads';

function withSla(count: number): FakeWorld {
  const w = worldWithSampleLeads(count);
  w.properties.document.store.set(CONFIG_KEY, JSON.stringify({ ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow', sla: SAMPLE_SLA_SETTINGS }));
  w.resetCalls();
  return w;
}

function refresh(w: FakeWorld) {
  w.resetCalls();
  const out = runRefreshReports(w.services, { now: () => SAMPLE_NOW });
  if (out.kind !== 'done') throw new Error(`refresh did not finish: ${JSON.stringify(out)}`);
  return { totals: w.callTotals(), spreadsheet: w.app.calls.snapshot() };
}

test('the refresh writes the SLA tab, open breaches first, judged at the clock of the refresh', () => {
  const w = withSla(1_000);
  refresh(w);
  const ss = w.app.spreadsheet;
  expect(ss.sheets.map((s) => s.name)).toEqual(['Leads', 'Cohorts', 'Conversions', 'SLA', 'Data issues']);
  const values = ss.sheet('SLA').getDataRange().getValues();
  // SAMPLE_NOW is 2026-11-22 12:00 in Moscow: the title says so.
  expect(String(values[0][0])).toContain('2026-11-22 12:00 (Europe/Moscow)');
  expect(String(values[3][0])).toMatch(/^Open breaches now: \d+$/);
  expect(values[4].slice(0, 6)).toEqual(['Rule', 'Lead ID', 'Owner', 'Channel', 'Due', 'Overdue']);
  // Oldest deadline first; the overdue time in words.
  const dues = [];
  for (let r = 5; values[r][0] !== '' && values[r][4] instanceof Date; r++) dues.push((values[r][4] as Date).getTime());
  expect(dues.length).toBeGreaterThan(0);
  expect(dues).toEqual([...dues].sort((a, b) => a - b));
  expect(String(values[5][5])).toMatch(/of working time$/);
});

test('the SLA tab costs the same calls for 1,000 and 20,000 leads', () => {
  const small = refresh(withSla(1_000));
  const big = refresh(withSla(20_000));
  expect(big).toEqual(small);
  expect(small.spreadsheet['Range.getValues']).toBe(1);
  expect(small.spreadsheet['Range.setValues']).toBe(4 + 1);
});
