import fc from 'fast-check';
import { computeCohorts } from '../../src/core/cohorts';
import { computeOutcomes } from '../../src/core/outcomes';
import { leadTable, testConfig, type TestLead } from '../helpers/leads';

const STAGES = ['Contacted', 'Won'];
const config = testConfig(STAGES, { grain: 'week', weekStartsOn: 1 });

describe('computeOutcomes', () => {
  // Week of Mon 2024-03-04 and week of Mon 2024-03-11; report date Sun 2024-03-24.
  const rows: TestLead[] = [
    { created: '2024-03-04', stages: ['2024-03-05', '2024-03-08'], amount: 1000, channel: 'Ads' },
    { created: '2024-03-05', stages: [null, '2024-03-09'], amount: 3000, channel: 'Ads' },
    { created: '2024-03-06', stages: ['2024-03-06', '2024-03-20'], channel: 'SEO' }, // won, no amount
    { created: '2024-03-06', stages: ['2024-03-07', null], lost: '2024-03-10', lostReason: 'Price', channel: 'SEO' },
    { created: '2024-03-07', lost: '2024-03-08', lostReason: 'Price', channel: 'Ads' },
    { created: '2024-03-12', stages: ['2024-03-12', '2024-03-30'], amount: 500, channel: 'Ads' }, // won after the report date
    { created: '2024-03-12', lost: 'unknown', lostReason: '', channel: 'SEO' },
    { created: '2024-03-13', lost: '2024-03-14', lostReason: 'Timing', channel: 'Ads' },
    { created: '2024-03-13', lost: '2024-03-28', lostReason: 'Timing', channel: 'Ads' }, // lost after the report date
    { created: '2024-03-14', lost: '2024-03-15', lostReason: 'Competitor', channel: 'Ads' },
    { created: '2024-03-14', lost: '2024-03-15', lostReason: 'Budget', channel: 'Ads' },
    { created: '2024-03-14', lost: '2024-03-15', lostReason: 'Timing', channel: 'Ads' },
  ];
  const data = leadTable(STAGES, rows);
  const report = computeOutcomes(data, config, { asOf: '2024-03-24' });

  it('counts won deals, their revenue and the average over the deals that have an amount', () => {
    const [w1, w2] = report.cohorts;
    expect(w1.start).toBe('2024-03-04');
    // Won in week 1: leads 1, 2 (amounts 1000, 3000) and 3 (no amount).
    expect(w1.won).toBe(3);
    expect(w1.revenue).toBe(4000);
    expect(w1.wonWithAmount).toBe(2);
    expect(w1.averageDeal).toBe(2000);
    // Week 2's only won deal closes after the report date: no revenue, no average (not 0).
    expect(w2.start).toBe('2024-03-11');
    expect(w2.won).toBe(0);
    expect(w2.revenue).toBeNull();
    expect(w2.averageDeal).toBeNull();
  });

  it('counts lost deals as of the report date with their top reasons, the rest summed', () => {
    const [w1, w2] = report.cohorts;
    expect(w1.lost).toBe(2);
    expect(w1.topReasons).toEqual([{ reason: 'Price', count: 2 }]);
    expect(w1.otherReasons).toBe(0);
    // Week 2: unknown-time loss (no reason), Timing ×2 by the 24th, Competitor, Budget = 5 lost.
    expect(w2.lost).toBe(5);
    expect(w2.topReasons).toEqual([
      { reason: 'Timing', count: 2 },
      { reason: '', count: 1 },
      { reason: 'Budget', count: 1 },
    ]);
    expect(w2.otherReasons).toBe(1);
  });

  it('totals and slices add up to the same leads', () => {
    expect(report.total.won).toBe(3);
    expect(report.total.lost).toBe(7);
    expect(report.total.revenue).toBe(4000);
    const channel = report.slices.find((s) => s.dimension === 'channel');
    const ads = channel?.rows.find((r) => r.value === 'Ads');
    const seo = channel?.rows.find((r) => r.value === 'SEO');
    expect(ads).toMatchObject({ won: 2, revenue: 4000, lost: 5 });
    expect(seo).toMatchObject({ won: 1, revenue: null, lost: 2 });
    expect(report.hasAmount).toBe(true);
    expect(report.hasLost).toBe(true);
  });

  it('applies the cohort filter to cohorts and total, not to the slice tables', () => {
    const filtered = computeOutcomes(data, config, { asOf: '2024-03-24', filters: { channel: 'SEO' } });
    expect(filtered.total).toMatchObject({ won: 1, lost: 2 });
    expect(filtered.slices.find((s) => s.dimension === 'channel')?.rows.find((r) => r.value === 'Ads')?.won).toBe(2);
  });

  it('counts lost leads whose furthest stage is unknown', () => {
    const d = leadTable(STAGES, [{ created: '2024-03-04', lost: 'unknown' }, { created: '2024-03-04', lost: '2024-03-05' }]);
    d.leads.furthestUnknown = Uint8Array.from([1, 0]);
    const r = computeOutcomes(d, config, { asOf: '2024-03-24' });
    expect(r.total.lost).toBe(2);
    expect(r.total.lostStageUnknown).toBe(1);
  });

  it('property: won + lost never exceed the leads, and the cohort rows sum to the total', () => {
    const lead = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      won: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      lost: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      amount: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      reason: fc.constantFrom('', 'Price', 'Timing', 'Competitor', 'Budget', 'Other'),
    });
    fc.assert(
      fc.property(fc.array(lead, { maxLength: 60 }), (specs) => {
        const day = (base: number, plus: number) => new Date(Date.UTC(2024, 1, base + plus)).toISOString().slice(0, 10);
        const d = leadTable(STAGES, specs.map((s): TestLead => ({
          created: day(s.day, 0),
          stages: [null, s.won === null ? null : day(s.day, s.won)],
          ...(s.lost === null ? {} : { lost: day(s.day, s.lost), lostReason: s.reason }),
          ...(s.amount === undefined ? {} : { amount: s.amount }),
        })));
        const r = computeOutcomes(d, config, { asOf: '2024-03-10' });
        const sum = (f: (o: typeof r.total) => number) => r.cohorts.reduce((a, c) => a + f(c), 0);
        expect(sum((c) => c.won)).toBe(r.total.won);
        expect(sum((c) => c.lost)).toBe(r.total.lost);
        const inReport = specs.filter((s) => Date.UTC(2024, 1, s.day) <= Date.UTC(2024, 2, 10)).length;
        expect(r.total.won + r.total.lost).toBeLessThanOrEqual(inReport);
        for (const c of [...r.cohorts, r.total]) {
          expect(c.topReasons.reduce((a, x) => a + x.count, 0) + c.otherReasons).toBe(c.lost);
        }
      }),
    );
  });
});

describe('lost leads at an unknown stage in the cohort rates', () => {
  test('the shown step rate, the mature-only total and the colour test all leave them out of step 1', () => {
    // One old week: 10 leads contacted (dated), 5 not contacted, 5 lost at an unknown stage.
    const rows: TestLead[] = [
      ...Array.from({ length: 10 }, (): TestLead => ({ created: '2024-03-04', stages: ['2024-03-05', null] })),
      ...Array.from({ length: 5 }, (): TestLead => ({ created: '2024-03-05', stages: [null, null] })),
      ...Array.from({ length: 5 }, (): TestLead => ({ created: '2024-03-06', lost: 'unknown', lostReason: 'Price' })),
    ];
    const data = leadTable(STAGES, rows);
    data.leads.furthestUnknown = Uint8Array.from(rows, (_, i) => (i >= 15 ? 1 : 0));
    const report = computeCohorts(data, config, { asOf: '2024-12-31' });
    const [week] = report.cohorts;
    expect(week.lostStageUnknown).toBe(5);
    expect(week.stepRate[1]).toBe(10 / 15);
    expect(week.overallRate[1]).toBe(10 / 20);
    expect(report.matureTotal.stepRate[1]).toBe(10 / 15);
  });
});
