/** FUNNEL_CPL by hand on a small range; the same figure as the Channels tab for the same data. */
import { prepareRun } from '../../src/core/engine';
import { detectConfig } from '../../src/core/detect';
import type { CellValue } from '../../src/core/types';
import { channelsReport } from '../../src/report/channels-report';
import { funnelCpl } from '../../src/sheets/funnel-cpl';

const LEADS: CellValue[][] = [
  ['Created at', 'Channel', 'Qualified at', 'Won at'],
  ['2024-03-05 10:00', 'Google Ads', '2024-03-07 10:00', '2024-03-20 10:00'],
  ['2024-03-10 10:00', 'Google Ads', '2024-03-12 10:00', ''],
  ['2024-03-15 10:00', 'Google Ads', '', ''],
  ['2024-03-20 10:00', 'Google Ads', '', ''],
  ['2024-03-02 10:00', 'Facebook', '2024-03-03 10:00', '2024-03-10 10:00'],
];
const SPEND: CellValue[][] = [
  ['Дата', 'Канал', 'Сумма'],
  ['март 2024', 'google ads', '2 000 ₽'],
  ['2024-03-01', 'Facebook', '$10'], // USD with no rate (RUB is the first currency named): not summed
  ['2024-03-10', 'Partners', '300 ₽'],
];
const env = { timeZone: () => 'UTC', now: () => new Date('2024-06-30T12:00:00Z') };
const cpl = (channel: string, stage?: unknown, from?: unknown, to?: unknown) => funnelCpl(LEADS, SPEND, channel, stage, from, to, env);

test('spend over leads of the channel (its name matched like the tab: case and punctuation ignored)', () => {
  expect(cpl('Google Ads')).toBeCloseTo(2000 / 4, 9);
  expect(cpl('GOOGLE-ADS')).toBeCloseTo(500, 9);
});

test('over the leads that reached a stage: cost per qualified lead, cost per sale', () => {
  expect(cpl('Google Ads', 'Qualified')).toBeCloseTo(1000, 9);
  expect(cpl('Google Ads', 'Won')).toBeCloseTo(2000, 9);
});

test('dates: the month spread over its 31 days, 15 of them in Mar 1–15; leads created Mar 5, 10 and 15', () => {
  expect(cpl('Google Ads', '', '2024-03-01', '2024-03-15')).toBeCloseTo((2000 * 15) / 31 / 3, 9);
  expect(cpl('Google Ads', '', new Date(Date.UTC(2024, 2, 16)), '')).toBeCloseTo((2000 * 16) / 31 / 1, 9);
});

test('no leads gives "—", never 0 or infinity; a currency with no rate is not summed', () => {
  expect(cpl('Partners')).toBe('—');
  expect(cpl('Facebook')).toBe(0);
  expect(cpl('Google Ads', 'Won', '2024-03-21', '2024-03-31')).toBe('—');
});

test('bad arguments are errors in both languages', () => {
  expect(() => cpl('Google Ads', 'Demo')).toThrow(/stage "Demo" not found/);
  expect(() => cpl('Google Ads', '', 'someday')).toThrow(/from_date "someday" is not a date.*не дата/);
});

test('the same CPL as the Channels tab for the same data and report date', () => {
  const detected = detectConfig(LEADS, { timeZone: 'UTC' });
  if (!detected.ok) throw new Error(detected.error);
  const prepared = prepareRun(LEADS, { config: detected.config, sheet: 'Leads', sourceName: 't', asOf: '2024-06-30', inputs: { spend: { sheet: 'Spend', rows: SPEND } } });
  if (!prepared.ok) throw new Error(prepared.error);
  const tab = channelsReport.compute(prepared.run);
  const google = tab.channels.find((c) => c.channel === 'Google Ads')!;
  expect(cpl('Google Ads')).toBeCloseTo(google.total.costPerStage[0]!, 9);
});
