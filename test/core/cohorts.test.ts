import fc from 'fast-check';
import { computeCohorts } from '../../src/core/cohorts';
import { leadTable, testConfig, times, wall, type TestLead } from '../helpers/leads';

const STAGES = ['Target', 'Qualified', 'Proposal', 'Won'];
const config = testConfig(STAGES);

/**
 * The real team's cohort from the issue: 558 leads created 12–18 Sep 2022, report made 26 Sep:
 * 236 reached Target, 126 Qualified, 53 Proposal, 23 Won. Built lead by lead so every count is known.
 */
function realTeamCohort(): TestLead[] {
  const created = '2022-09-14 10:00';
  return [
    ...times(20, { created, stages: ['2022-09-13', '2022-09-15', '2022-09-19', '2022-09-23'] }),
    // Proposal skipped in the CRM: still counts as passed (implied).
    ...times(3, { created: '2022-09-12 09:00', stages: ['2022-09-13', '2022-09-16', null, '2022-09-24'] }),
    ...times(30, { created, stages: ['2022-09-15', '2022-09-17', '2022-09-21', null] }),
    ...times(73, { created: '2022-09-18 23:59', stages: ['2022-09-19', '2022-09-20', null, null] }),
    ...times(110, { created, stages: ['2022-09-16', null, null, null] }),
    // Reached Target only after the report date: must not count.
    ...times(12, { created, stages: ['2022-09-27', null, null, null] }),
    ...times(5, { created, stages: [null, null, null, '2022-10-03'] }),
    ...times(305, { created }),
  ];
}

/** The previous week: 532 leads, 18 won by 19 Sep (its age on 26 Sep minus a week) and 4 more on 22 Sep. */
function previousCohort(): TestLead[] {
  const created = '2022-09-06 12:00';
  return [
    ...times(18, { created, stages: ['2022-09-06', '2022-09-08', '2022-09-12', '2022-09-16'] }),
    ...times(4, { created, stages: ['2022-09-07', '2022-09-09', '2022-09-14', '2022-09-22'] }),
    ...times(510, { created }),
  ];
}

describe('computeCohorts on the real team example', () => {
  const data = leadTable(STAGES, [...previousCohort(), ...realTeamCohort()]);
  const report = computeCohorts(data, config, { asOf: '2022-09-26' });
  const cohort = report.cohorts[1];

  test('one row per week, oldest first, Monday starts', () => {
    expect(report.cohorts.map((c) => [c.start, c.end])).toEqual([
      ['2022-09-05', '2022-09-11'],
      ['2022-09-12', '2022-09-18'],
    ]);
  });

  test('reached counts, skipped stages passed, later timestamps ignored', () => {
    expect(cohort.leads).toBe(558);
    expect(cohort.reached).toEqual([558, 236, 126, 53, 23]);
    expect(cohort.implied).toEqual([0, 0, 0, 3, 0]);
  });

  test('step and overall rates: 42% / 53% / 42% / 43%, lead to sale 4.12%', () => {
    const pct = (v: number | null) => (v === null ? null : Math.round(v * 100));
    expect(cohort.stepRate.map(pct)).toEqual([null, 42, 53, 42, 43]);
    expect(cohort.overallRate[4]).toBeCloseTo(0.0412, 4);
  });

  test('compares with the previous cohort at the same age: +22% lead to sale', () => {
    expect(cohort.previous).toEqual({
      start: '2022-09-05',
      asOf: '2022-09-19',
      leads: 532,
      reached: [532, 22, 22, 22, 18],
    });
    expect(cohort.change[4]).toBeCloseTo(23 / 558 / (18 / 532) - 1, 10);
    expect(Math.round((cohort.change[4] ?? 0) * 100)).toBe(22);
    // 4.12% vs 3.38% on ~550 leads each is well within noise: no flag.
    expect(cohort.pValue[4]).toBeGreaterThan(0.3);
    expect(cohort.flag[4]).toBeNull();
  });

  test('the previous cohort is counted in full on its own row', () => {
    expect(report.cohorts[0].reached).toEqual([532, 22, 22, 22, 22]);
    expect(report.cohorts[0].previous).toBeNull();
  });

  test('totals add up over cohorts', () => {
    expect(report.total.leads).toBe(1090);
    expect(report.total.reached).toEqual([1090, 258, 148, 75, 45]);
  });
});

describe('computeCohorts details', () => {
  test('0/0 is no value, never 0%', () => {
    const data = leadTable(['Qualified', 'Won'], [{ created: '2024-01-02' }, { created: '2024-01-03' }]);
    const row = computeCohorts(data, testConfig(['Qualified', 'Won']), { asOf: '2024-01-10' }).cohorts[0];
    expect(row.reached).toEqual([2, 0, 0]);
    expect(row.stepRate).toEqual([null, 0, null]);
    expect(row.overallRate).toEqual([1, 0, 0]);
  });

  test('leads created after the report date are not in the report; empty weeks between cohorts are', () => {
    const data = leadTable(['Won'], [
      { created: '2024-01-01' },
      { created: '2024-01-20' },
      { created: '2024-02-01' },
    ]);
    const report = computeCohorts(data, testConfig(['Won']), { asOf: '2024-01-21' });
    expect(report.cohorts.map((c) => [c.start, c.leads])).toEqual([
      ['2024-01-01', 1],
      ['2024-01-08', 0],
      ['2024-01-15', 1],
    ]);
  });

  test('the as-of day is included up to its last minute', () => {
    const data = leadTable(['Won'], [{ created: '2024-01-01', stages: ['2024-01-05 23:59'] }]);
    const cfg = testConfig(['Won']);
    expect(computeCohorts(data, cfg, { asOf: '2024-01-05' }).cohorts[0].reached).toEqual([1, 1]);
    expect(computeCohorts(data, cfg, { asOf: '2024-01-04' }).cohorts[0].reached).toEqual([1, 0]);
  });

  test('weeks can start on Sunday; months and quarters bucket by calendar', () => {
    const rows: TestLead[] = [{ created: '2023-12-31' }, { created: '2024-01-01' }, { created: '2024-03-31' }, { created: '2024-04-01' }];
    const data = leadTable(['Won'], rows);
    const sunday = computeCohorts(data, testConfig(['Won'], { weekStartsOn: 0 }), { asOf: '2024-04-02' });
    expect(sunday.cohorts[0]).toMatchObject({ start: '2023-12-31', end: '2024-01-06', leads: 2 });
    const monday = computeCohorts(data, testConfig(['Won']), { asOf: '2024-04-02' });
    expect(monday.cohorts[0]).toMatchObject({ start: '2023-12-25', end: '2023-12-31', leads: 1 });
    const months = computeCohorts(data, testConfig(['Won']), { asOf: '2024-04-02', grain: 'month' });
    expect(months.cohorts.map((c) => [c.start, c.end, c.leads])).toEqual([
      ['2023-12-01', '2023-12-31', 1],
      ['2024-01-01', '2024-01-31', 1],
      ['2024-02-01', '2024-02-29', 0],
      ['2024-03-01', '2024-03-31', 1],
      ['2024-04-01', '2024-04-30', 1],
    ]);
    const quarters = computeCohorts(data, testConfig(['Won']), { asOf: '2024-04-02', grain: 'quarter' });
    expect(quarters.cohorts.map((c) => [c.start, c.end, c.leads])).toEqual([
      ['2023-10-01', '2023-12-31', 1],
      ['2024-01-01', '2024-03-31', 2],
      ['2024-04-01', '2024-06-30', 1],
    ]);
  });

  test('monthly comparison uses the same age in days: Feb observed 10 days in vs Jan 10 days in', () => {
    const stages = ['Won'];
    const data = leadTable(stages, [
      { created: '2024-01-02', stages: ['2024-01-05'] }, // won on day 4 of January: counted
      { created: '2024-01-03', stages: ['2024-01-20'] }, // won after Jan 11: not at the same age
      { created: '2024-01-15' }, // created after Jan 11: not part of January at that age
      { created: '2024-02-02', stages: ['2024-02-04'] },
    ]);
    const feb = computeCohorts(data, testConfig(stages), { asOf: '2024-02-11', grain: 'month' }).cohorts[1];
    expect(feb.previous).toEqual({ start: '2024-01-01', asOf: '2024-01-11', leads: 2, reached: [2, 1] });
  });

  test('strict mode counts only an unbroken run of timestamps', () => {
    const stages = ['Contacted', 'Qualified', 'Won'];
    const data = leadTable(stages, [
      { created: '2024-01-01', stages: ['2024-01-02', null, '2024-01-09'] },
      { created: '2024-01-01', stages: [null, '2024-01-03', null] },
    ]);
    const loose = computeCohorts(data, testConfig(stages), { asOf: '2024-02-01' }).cohorts[0];
    const strict = computeCohorts(data, testConfig(stages, { strictOrder: true }), { asOf: '2024-02-01' }).cohorts[0];
    expect(loose.reached).toEqual([2, 2, 2, 1]);
    expect(loose.implied).toEqual([0, 1, 1, 0]);
    expect(strict.reached).toEqual([2, 1, 0, 0]);
  });

  test('current-stage leads (passed at unknown time) count as reached and as implied', () => {
    const data = leadTable(['Contacted', 'Won'], [{ created: '2024-01-01', stages: ['unknown', 'unknown'] }]);
    const row = computeCohorts(data, testConfig(['Contacted', 'Won']), { asOf: '2024-01-01' }).cohorts[0];
    expect(row.reached).toEqual([1, 1, 1]);
    expect(row.implied).toEqual([0, 1, 1]);
  });

  test('filters keep only the slice asked for; an unknown value gives an empty report', () => {
    const data = leadTable(['Won'], [
      { created: '2024-01-01', channel: 'Ads', stages: ['2024-01-02'] },
      { created: '2024-01-01', channel: 'SEO' },
      { created: '2024-01-02', channel: 'Ads' },
    ]);
    const ads = computeCohorts(data, testConfig(['Won']), { asOf: '2024-01-31', filters: { channel: 'Ads' } });
    expect(ads.cohorts[0].reached).toEqual([2, 1]);
    expect(ads.filters).toEqual({ channel: 'Ads' });
    expect(computeCohorts(data, testConfig(['Won']), { asOf: '2024-01-31', filters: { channel: 'TV' } }).cohorts).toEqual([]);
  });

  test('immature cells: cohort younger than the 80th percentile of time to the stage', () => {
    // Days to Won: five leads created 1 Jan won after 1, 2, 3, 4 and 10 days; two leads created 15 and
    // 22 Jan have not won by the end of 28 Jan (ages 13.99 and 6.99 days: censored). Kaplan–Meier over the
    // 7 leads: S = 6/7, 5/7, 4/7, 3/7 after days 1–4; the 6.99-day lead leaves; at day 10, 2 at risk:
    // S = 3/7 × 1/2 = 3/14. G(4) = 4/7 = 0.571, G(10) = 11/14; F(4) = 0.571 / 0.786 = 0.727 < 0.8, so the
    // 80th percentile is 10 days (a plain percentile of the five delays would say 4 or 5.2).
    const rows: TestLead[] = [1, 2, 3, 4, 10].map((d) => ({
      created: '2024-01-01',
      stages: [`2024-01-${String(1 + d).padStart(2, '0')}`],
    }));
    rows.push({ created: '2024-01-15' }, { created: '2024-01-22' });
    const report = computeCohorts(leadTable(['Won'], rows), testConfig(['Won']), { asOf: '2024-01-28' });
    expect(report.maturityDays[1]).toBeCloseTo(10, 10);
    // Week of 15 Jan ended on the 21st: 7 days old < 10 → immature. Week of 8 Jan: 14 days → mature.
    expect(report.cohorts.map((c) => [c.start, c.ageDays, c.immature[1]])).toEqual([
      ['2024-01-01', 21, false],
      ['2024-01-08', 14, false],
      ['2024-01-15', 7, true],
      ['2024-01-22', 0, true],
    ]);
    expect(report.cohorts.every((c) => c.immature[0] === false)).toBe(true);
  });

  test('the mature-only total counts, per stage, only the cohorts mature for it', () => {
    // Same data: 5 of 5 leads of week 1 Jan won; the weeks of 15 and 22 Jan (1 lead each, no win) are
    // immature for Won. All cohorts: 5 / 7 = 71%; mature ones: 5 / 5 = 100%.
    const rows: TestLead[] = [1, 2, 3, 4, 10].map((d) => ({ created: '2024-01-01', stages: [`2024-01-${String(1 + d).padStart(2, '0')}`] }));
    rows.push({ created: '2024-01-15' }, { created: '2024-01-22' });
    const report = computeCohorts(leadTable(['Won'], rows), testConfig(['Won']), { asOf: '2024-01-28' });
    expect(report.total.overallRate[1]).toBeCloseTo(5 / 7, 12);
    expect(report.matureTotal).toEqual({ leads: [7, 5], reached: [7, 5], stepRate: [null, 1], overallRate: [1, 1] });
  });

  test('a significant change is flagged only for big enough cohorts', () => {
    const cohortPair = (n: number, wonPrev: number, wonNow: number): TestLead[] => [
      ...times(wonPrev, { created: '2024-01-02', stages: ['2024-01-03'] }),
      ...times(n - wonPrev, { created: '2024-01-02' }),
      ...times(wonNow, { created: '2024-01-09', stages: ['2024-01-10'] }),
      ...times(n - wonNow, { created: '2024-01-09' }),
    ];
    const cfg = testConfig(['Won']);
    // 10/100 vs 30/100: pooled 0.2, z = 0.2 / sqrt(0.2·0.8·0.02) = 3.54, p ≈ 0.0004.
    const big = computeCohorts(leadTable(['Won'], cohortPair(100, 10, 30)), cfg, { asOf: '2024-03-31' }).cohorts[1];
    expect(big.pValue[1]).toBeCloseTo(0.0004, 4);
    expect(big.change[1]).toBeCloseTo(2, 10);
    expect(big.flag[1]).toBe('up');
    const down = computeCohorts(leadTable(['Won'], cohortPair(100, 30, 10)), cfg, { asOf: '2024-03-31' }).cohorts[1];
    expect(down.flag[1]).toBe('down');
    // 1/20 vs 12/20 is significant too (p < 0.001), but 20 leads are below the 30-lead guard.
    const small = computeCohorts(leadTable(['Won'], cohortPair(20, 1, 12)), cfg, { asOf: '2024-03-31' }).cohorts[1];
    expect(small.pValue[1]).toBeLessThan(0.001);
    expect(small.flag[1]).toBeNull();
  });
});

describe('cohort invariants (property-based)', () => {
  const stageCount = 4;
  const leadArb = fc.record({
    createdDay: fc.integer({ min: 0, max: 120 }),
    createdMinute: fc.integer({ min: 0, max: 1439 }),
    // Days after creation per stage (negative: a data error, still a timestamp), or null.
    gaps: fc.array(fc.option(fc.integer({ min: -3, max: 90 }), { nil: null }), { minLength: stageCount, maxLength: stageCount }),
  });
  const base = wall('2024-01-01');
  const build = (leads: { createdDay: number; createdMinute: number; gaps: (number | null)[] }[]) => {
    const data = leadTable(['A', 'B', 'C', 'D'], []);
    const n = leads.length;
    data.leads.count = n;
    data.leads.createdAt = Float64Array.from(leads, (l) => base + l.createdDay * 86_400_000 + l.createdMinute * 60_000);
    data.leads.stageTimes = [0, 1, 2, 3].map((k) =>
      Float64Array.from(leads, (l, i) => (l.gaps[k] === null ? NaN : data.leads.createdAt[i] + (l.gaps[k] as number) * 86_400_000)),
    );
    return data;
  };
  const day = (offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
  const cfg = testConfig(['A', 'B', 'C', 'D']);

  test('reached counts never increase along the funnel', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 80 }), fc.integer({ min: 0, max: 220 }), fc.boolean(), (leads, asOf, strict) => {
        const report = computeCohorts(build(leads), { ...cfg, strictOrder: strict }, { asOf: day(asOf) });
        for (const row of [...report.cohorts, report.total]) {
          for (let k = 1; k < row.reached.length; k++) expect(row.reached[k]).toBeLessThanOrEqual(row.reached[k - 1]);
        }
      }),
    );
  });

  test('every lead created by the report date is in exactly one cohort, the one containing its creation day', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 80 }), fc.integer({ min: 0, max: 220 }), fc.constantFrom('week', 'month', 'quarter'), (leads, asOf, grain) => {
        const data = build(leads);
        const report = computeCohorts(data, cfg, { asOf: day(asOf), grain: grain as 'week' | 'month' | 'quarter' });
        const eligible = leads.filter((l) => l.createdDay <= asOf);
        expect(report.cohorts.reduce((s, c) => s + c.leads, 0)).toBe(eligible.length);
        for (const c of report.cohorts) {
          const inside = eligible.filter((l) => day(l.createdDay) >= c.start && day(l.createdDay) <= c.end).length;
          expect(c.leads).toBe(inside);
        }
      }),
    );
  });

  test('moving the report date earlier never increases a count', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 80 }), fc.integer({ min: 0, max: 220 }), fc.integer({ min: 0, max: 60 }), (leads, later, back) => {
        const data = build(leads);
        const lateReport = computeCohorts(data, cfg, { asOf: day(later) });
        const earlyReport = computeCohorts(data, cfg, { asOf: day(Math.max(0, later - back)) });
        for (const early of earlyReport.cohorts) {
          const late = lateReport.cohorts.find((c) => c.start === early.start);
          expect(late).toBeDefined();
          early.reached.forEach((r, k) => expect(r).toBeLessThanOrEqual(late!.reached[k]));
        }
      }),
    );
  });

  test('strict mode never counts more than the default mode', () => {
    fc.assert(
      fc.property(fc.array(leadArb, { maxLength: 60 }), fc.integer({ min: 0, max: 220 }), (leads, asOf) => {
        const data = build(leads);
        const loose = computeCohorts(data, cfg, { asOf: day(asOf) }).total.reached;
        const strict = computeCohorts(data, { ...cfg, strictOrder: true }, { asOf: day(asOf) }).total.reached;
        strict.forEach((r, k) => expect(r).toBeLessThanOrEqual(loose[k]));
      }),
    );
  });
});

describe('passes at unknown times (current-stage shape) are never age-matched or compared', () => {
  const stages = ['Contacted', 'Won'];
  // Two weekly cohorts from the same process, as a current-stage export shows them today: the older one
  // has had a week more, so more of its leads sit at Contacted (120 of 200 vs 80 of 200). Counted "at
  // the same age" through unknown times, this looked like a fall from 60% to 40%: pooled 0.5,
  // se = sqrt(0.25 × (1/200 + 1/200)) = 0.05, z = 0.2 / 0.05 = 4, p = 6e-5.
  const data = leadTable(stages, [
    ...times(120, { created: '2024-01-02', stages: ['unknown', null] }),
    ...times(80, { created: '2024-01-02' }),
    ...times(80, { created: '2024-01-09', stages: ['unknown', null] }),
    ...times(120, { created: '2024-01-09' }),
  ]);
  const report = computeCohorts(data, testConfig(stages), { asOf: '2024-01-14' });
  const [older, newer] = report.cohorts;

  test('no flag, no change, no p-value for the undated step', () => {
    expect(newer.reached).toEqual([200, 80, 0]);
    expect(newer.flag[1]).toBeNull();
    expect(newer.change[1]).toBeNull();
    expect(newer.pValue[1]).toBeNull();
  });

  test('undated passes are counted per cohort and in the total', () => {
    expect(older.undated).toEqual([0, 120, 0]);
    expect(newer.undated).toEqual([0, 80, 0]);
    expect(report.total.undated).toEqual([0, 200, 0]);
  });

  test('a step with no real timestamp has no usual time, so it is immature, not mature', () => {
    expect(report.maturityDays[1]).toBeNull();
    expect(report.cohorts.map((c) => c.immature[1])).toEqual([true, true]);
  });

  test('a pass known only to precede a later timestamp is dated by it; one after the comparison date is not', () => {
    // changedAt gives Won a real time; Contacted (unknown) is then known to be passed by that time.
    // The older cohort's wins on 20 Jan come after its same-age date (14 Jan): at that date its
    // Contacted passes have no known time, so Contacted is not compared; Won (dated on both sides) is.
    const d = leadTable(stages, [
      ...times(100, { created: '2024-01-02', stages: ['unknown', '2024-01-20'] }),
      ...times(100, { created: '2024-01-09', stages: ['unknown', '2024-01-10'] }),
    ]);
    const [a, b] = computeCohorts(d, testConfig(stages), { asOf: '2024-01-21' }).cohorts;
    expect(a.undated).toEqual([0, 0, 0]);
    expect(b.undated).toEqual([0, 0, 0]);
    expect(b.previous).toMatchObject({ asOf: '2024-01-14', leads: 100, reached: [100, 0, 0] });
    expect(b.pValue[1]).toBeNull();
    expect(b.change[1]).toBeNull();
    // Won: 100/100 vs 0/100 at the same age is a real, dated comparison.
    expect(b.pValue[2]).not.toBeNull();
  });
});
