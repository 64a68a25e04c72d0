import { computeSliceConversions } from '../../src/core/conversions';
import { leadTable, testConfig, times, type TestLead } from '../helpers/leads';

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

describe('Conversions: immature leads, filters, totals and marks', () => {
  // Qualified 3 days after creation for everyone who qualifies, so the usual time is exactly 3 days.
  const rows: TestLead[] = [
    ...times(80, { created: '2024-01-02', channel: 'Ads', stages: ['2024-01-05', null] }),
    ...times(120, { created: '2024-01-02', channel: 'Ads' }),
    ...times(80, { created: '2024-01-02', channel: 'SEO', stages: ['2024-01-05', null] }),
    ...times(320, { created: '2024-01-02', channel: 'SEO' }),
    { created: '2024-01-02', channel: 'TV', stages: ['2024-01-05', null] },
    // 50 Ads leads created two days before the report date: too young to have qualified.
    ...times(50, { created: '2024-03-30', channel: 'Ads' }),
  ];
  const d = leadTable(STAGES, rows);
  const report = computeSliceConversions(d, testConfig(STAGES), { asOf: '2024-03-31' });
  const channel = report.tables.find((t) => t.dimension === 'channel')!;
  const row = (v: string) => channel.rows.find((r) => r.value === v)!;

  test('a step counts only leads old enough for it: Ads qualifies 80 of 200, not 80 of 250', () => {
    expect(report.countedTo[1]).toBe('2024-03-28'); // end of 31 Mar minus 3 days
    const ads = row('Ads');
    expect(ads.leads).toBe(250);
    expect(ads.counted[1]).toBe(200);
    expect(ads.reached[1]).toBe(80);
    expect(ads.stepRate[1]).toBe(0.4);
    expect(ads.overallRate[1]).toBe(0.4);
  });

  test('the totals row covers every lead of the range', () => {
    expect(report.total.leads).toBe(651);
    expect(report.total.counted[1]).toBe(601);
    expect(report.total.reached[1]).toBe(161);
  });

  test('a value is marked only when it differs from all other leads beyond noise; a 1-lead value never', () => {
    // Ads 80/200 = 40% vs the rest 81/401 = 20.2%: pooled 161/601, se = 0.0383, z = 5.2 → above.
    // SEO 80/400 = 20% vs 81/201 = 40.3%: below. TV 1/1: one lead, not tested.
    expect(row('Ads').stepTone[1]).toBe('high');
    // Lead→Won is not judged: nobody won, so Won's usual time is unknown.
    expect(report.countedTo[2]).toBeNull();
    expect(row('Ads').overallTone).toBeNull();
    expect(row('SEO').stepTone[1]).toBe('low');
    expect(row('TV').stepTone[1]).toBeNull();
    expect(row('TV').overallTone).toBeNull();
  });

  test('filters apply to the Conversions tab too, and are reported', () => {
    const ads = computeSliceConversions(d, testConfig(STAGES), { asOf: '2024-03-31', filters: { channel: 'Ads' } });
    expect(ads.filters).toEqual({ channel: 'Ads' });
    expect(ads.total.leads).toBe(250);
    expect(ads.tables.find((t) => t.dimension === 'channel')!.rows.map((r) => r.value)).toEqual(['Ads']);
  });

  test('a step whose usual time cannot be estimated counts every lead and is not judged', () => {
    const unknown = leadTable(STAGES, [
      ...times(100, { created: '2024-01-02', channel: 'Ads', stages: ['unknown', null] }),
      ...times(100, { created: '2024-01-02', channel: 'SEO' }),
    ]);
    const r = computeSliceConversions(unknown, testConfig(STAGES), { asOf: '2024-03-31' });
    expect(r.countedTo[1]).toBeNull();
    const ads = r.tables[0].rows.find((x) => x.value === 'Ads')!;
    expect([ads.counted[1], ads.reached[1], ads.stepTone[1]]).toEqual([100, 100, null]);
  });
});
