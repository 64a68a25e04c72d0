import { computeSliceConversions } from '../../src/core/conversions';
import { leadTable, testConfig } from '../helpers/leads';

const STAGES = ['Qualified', 'Won'];
const data = leadTable(STAGES, [
  { created: '2024-01-01', channel: 'Ads', manager: 'Anna', stages: ['2024-01-02', '2024-01-10'] },
  { created: '2024-01-02', channel: 'Ads', manager: 'Anna', stages: ['2024-01-03', null] },
  { created: '2024-01-03', channel: 'Ads', manager: 'Boris', stages: [null, null] },
  { created: '2024-01-04', channel: 'SEO', manager: 'Boris', stages: [null, '2024-01-05'] },
  { created: '2024-01-05', channel: 'SEO', manager: 'Anna', stages: ['2024-02-20', null] },
  { created: '2024-01-20', channel: '', manager: 'Anna' },
]);

test('per channel: leads, reached (skips count as passed), step and overall rates', () => {
  const report = computeSliceConversions(data, testConfig(STAGES), { asOf: '2024-01-31' });
  const channel = report.tables.find((t) => t.dimension === 'channel');
  expect(channel?.column).toBe('Channel');
  expect(channel?.rows.map((r) => [r.value, r.reached])).toEqual([
    ['Ads', [3, 2, 1]],
    ['SEO', [2, 1, 1]], // the Qualified timestamp of 20 Feb is after the report date
    ['', [1, 0, 0]],
  ]);
  const ads = channel!.rows[0];
  expect(ads.stepRate).toEqual([null, 2 / 3, 1 / 2]);
  expect(ads.overallRate).toEqual([1, 2 / 3, 1 / 3]);
  const blank = channel!.rows[2];
  expect(blank.stepRate).toEqual([null, 0, null]);
});

test('per manager, restricted to a creation range', () => {
  const report = computeSliceConversions(data, testConfig(STAGES), { asOf: '2024-01-31', from: '2024-01-02', to: '2024-01-05' });
  expect(report.from).toBe('2024-01-02');
  expect(report.to).toBe('2024-01-05');
  const manager = report.tables.find((t) => t.dimension === 'manager');
  expect(manager?.rows.map((r) => [r.value, r.leads, r.reached[2]])).toEqual([
    ['Anna', 2, 0],
    ['Boris', 2, 1],
  ]);
});
