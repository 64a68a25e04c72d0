/**
 * The Spend sheet and the Channels tab on the fakes: the spend is read in one getValues, the Channels
 * tab (with its bar chart) is written in a number of calls that does not depend on how many spend rows
 * or leads there are, and the chart is built like Sheets builds one (EmbeddedChartBuilder → asBarChart).
 */
import { runAddSpendSheet, runRefreshReports } from '../../src/sheets/app';
import { sampleSpendRows } from '../../src/core/spend/sample';
import type { FakeWorld } from '../fakes/services';
import { SAMPLE_CONFIG } from '../../src/core/sample-data';
import { SettingsStore } from '../../src/sheets/settings-store';
import { SAMPLE_NOW, SAMPLE_TODAY, worldWithSampleLeads } from '../fakes/sample-leads';

/**
 * Sample spend repeated with distinct campaigns (so no overlaps) up to `rows` rows. `withUsd: false`
 * leaves out the dollar rows, which have no rate without saved settings: each would be a data issue,
 * and the Data issues tab growing past the sheet's 1,000 rows costs one insertRows call of its own.
 */
function spendRows(rows: number, withUsd = true): (string | number)[][] {
  const base = sampleSpendRows({ today: SAMPLE_TODAY }).filter((r) => r[0] !== 'Total' && (withUsd || r[5] !== 'USD'));
  const out: (string | number)[][] = [base[0] as string[]];
  for (let copy = 0; out.length <= rows; copy++) {
    for (const r of base.slice(1)) out.push(r.map((v, c) => (c === 3 ? `${String(v)} #${copy}` : (v as string))));
  }
  return out.slice(0, rows + 1);
}

function refresh(w: FakeWorld): Record<string, number> {
  w.resetCalls();
  const out = runRefreshReports(w.services, { now: () => SAMPLE_NOW });
  if (out.kind !== 'done') throw new Error(JSON.stringify(out));
  return w.app.calls.snapshot();
}

test('calls per refresh are the same for 50 spend rows with 1,000 leads and 5,000 spend rows with 20,000 leads', () => {
  const small = worldWithSampleLeads(1_000);
  small.app.spreadsheet.addSheet('Spend', spendRows(50, false));
  const big = worldWithSampleLeads(20_000);
  big.app.spreadsheet.addSheet('Spend', spendRows(5_000, false));
  const a = refresh(small);
  expect(refresh(big)).toEqual(a);
  expect(a['Range.getValues']).toBe(2); // the leads and the spend, once each
  expect(refresh(big)).toEqual(refresh(small)); // again, over the existing tabs
  expect(big.app.spreadsheet.sheet('Channels').peekValues().length).toBeGreaterThan(small.app.spreadsheet.sheet('Channels').peekValues().length);
});

test('the Channels tab gets one bar chart of CPL and cost per sale by channel, reading the helper range beside the table', () => {
  const w = worldWithSampleLeads(1_000);
  w.app.spreadsheet.addSheet('Spend', spendRows(60));
  refresh(w);
  const tab = w.app.spreadsheet.sheet('Channels');
  expect(tab.charts).toHaveLength(1);
  const spec = tab.charts[0].spec;
  expect(spec.type).toBe('bar');
  expect(spec.title).toBe('CPL and cost per sale by channel');
  expect(spec.numHeaders).toBe(1);
  const r = spec.ranges[0];
  const values = tab.peekValues();
  expect([values[r.row - 1][r.col - 1], values[r.row - 1][r.col], values[r.row - 1][r.col + 1]]).toEqual(['Channel', 'CPL', 'Cost per sale']);
  // One row per channel with spend and leads. No settings are saved here, so the sample's Facebook rows
  // (in USD, the report currency being RUB, the first one the sheet names) have no rate: not summed.
  const names = values.slice(r.row, r.row - 1 + r.numRows).map((row) => row[r.col - 1]);
  expect([...names].sort()).toEqual(['Events', 'Google Ads', 'Yandex Direct']);
  const noRate = w.app.spreadsheet.sheet('Data issues').peekValues().filter((row) => String(row[3]).includes('no exchange rate from USD'));
  expect(noRate.length).toBeGreaterThan(0);
  // The issue points at the Spend sheet's Currency cell (column F), not at the leads.
  expect(String(noRate[0][0])).toMatch(/^Spend!F\d+$/);
  // A second refresh replaces the chart instead of adding one.
  refresh(w);
  expect(w.app.spreadsheet.sheet('Channels').charts).toHaveLength(1);
});

test('"Add Spend sheet" creates the sample Spend sheet once and never rewrites one a person has', () => {
  const w = worldWithSampleLeads(200);
  const first = runAddSpendSheet(w.services, { now: () => SAMPLE_NOW });
  expect(first).toContain('"Spend"');
  const sheet = w.app.spreadsheet.sheet('Spend');
  expect(sheet.peekValues()[0]).toEqual(['Date', 'End date', 'Channel', 'Campaign', 'Amount', 'Currency']);
  sheet.writeRaw(2, 5, '999');
  const again = runAddSpendSheet(w.services, { now: () => SAMPLE_NOW });
  expect(again).toContain('already exists');
  expect(w.app.spreadsheet.sheet('Spend').peek(2, 5)).toBe('999');
  expect(w.app.spreadsheet.sheets.filter((s) => /spend|расход/i.test(s.name))).toHaveLength(1);
});

test('spend.sheet in the settings names the spend sheet; with a rate for USD the Facebook rows count', () => {
  const w = worldWithSampleLeads(500);
  const props = w.services.PropertiesService.getDocumentProperties();
  if (!props) throw new Error('no document properties');
  const saved = new SettingsStore(props).saveConfig({ ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow', spend: { rates: { USD: 90 }, aliases: {}, sheet: 'Costs 2026' } });
  expect(saved.ok).toBe(true);
  w.app.spreadsheet.addSheet('Costs 2026', spendRows(60));
  refresh(w);
  const tab = w.app.spreadsheet.sheet('Channels').peekValues();
  const facebook = tab.find((r) => r[0] === 'Facebook')!;
  expect(Number(facebook[1])).toBeGreaterThan(0);
});
