/**
 * Allocation, channel matching and channel metrics by hand. Allocation: a row's amount spread evenly
 * over its days, each period getting amount × its days / the row's days. Metrics on a 7-lead funnel
 * whose CPL, cost per stage, revenue and ROMI are worked out in the comments.
 */
import fc from 'fast-check';
import { computeCohortModel, prepareRun } from '../../../src/core/engine';
import { parseConfig } from '../../../src/core/config';
import { periodScheme } from '../../../src/core/periods';
import { allocateRow, channelMatcher, suggestAlias } from '../../../src/core/spend';
import type { ChannelReport } from '../../../src/core/spend/model';
import { daysFromCivil } from '../../../src/core/time/civil';
import { DAY_MS, toIsoDay } from '../../../src/core/time/wall-time';
import type { CellValue } from '../../../src/core/types';
import { channelsReport } from '../../../src/report/channels-report';
import { buildChannelsTab } from '../../../src/report/channels-tab';
import { reportStrings } from '../../../src/report/i18n';

const day = (y: number, m: number, d: number) => daysFromCivil(y, m, d);
const iso = (d: number) => toIsoDay(d * DAY_MS);

function spread(start: number, end: number, amount: number, grain: 'week' | 'month', lastDay = Infinity): Record<string, number> {
  const scheme = periodScheme(grain, 1);
  const out: Record<string, number> = {};
  allocateRow(start, end, amount, lastDay, scheme, (p, share) => {
    out[toIsoDay(scheme.startOf(p))] = (out[toIsoDay(scheme.startOf(p))] ?? 0) + share;
  });
  return out;
}

describe('allocation', () => {
  test('March 2024 (31 days, 100 a day) into Monday weeks: 3 days in the week of Feb 26, then 7, 7, 7, 7', () => {
    expect(spread(day(2024, 3, 1), day(2024, 3, 31), 3100, 'week')).toEqual({
      '2024-02-26': 300,
      '2024-03-04': 700,
      '2024-03-11': 700,
      '2024-03-18': 700,
      '2024-03-25': 700,
    });
  });
  test('leap February 2024 (29 days, 100 a day) into weeks: Feb 1–4 and Feb 26–29 are 4 days each', () => {
    expect(spread(day(2024, 2, 1), day(2024, 2, 29), 2900, 'week')).toEqual({
      '2024-01-29': 400,
      '2024-02-05': 700,
      '2024-02-12': 700,
      '2024-02-19': 700,
      '2024-02-26': 400,
    });
  });
  test('Feb 15 – Mar 14 2024 (29 days incl. Feb 29) into months: 15 days in February, 14 in March', () => {
    expect(spread(day(2024, 2, 15), day(2024, 3, 14), 2900, 'month')).toEqual({ '2024-02-01': 1500, '2024-03-01': 1400 });
  });
  test('a week across a month boundary (Mar 28 – Apr 3) into months: 4 days and 3 days', () => {
    expect(spread(day(2024, 3, 28), day(2024, 4, 3), 700, 'month')).toEqual({ '2024-03-01': 400, '2024-04-01': 300 });
  });
  test('one date goes whole to its period; days after the report date are left out and returned', () => {
    expect(spread(day(2024, 3, 3), day(2024, 3, 3), 123, 'week')).toEqual({ '2024-02-26': 123 });
    const scheme = periodScheme('week', 1);
    const kept: number[] = [];
    const left = allocateRow(day(2024, 3, 1), day(2024, 3, 31), 3100, day(2024, 3, 10), scheme, (_p, s) => kept.push(s));
    expect(kept).toEqual([300, 700]);
    expect(left).toBe(2100);
  });
  test('property: the shares of any row sum to its amount, each share proportional to its days', () => {
    fc.assert(
      fc.property(fc.integer({ min: day(2020, 1, 1), max: day(2030, 1, 1) }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom<'week' | 'month'>('week', 'month'), (start, len, amount, grain) => {
        const shares = Object.values(spread(start, start + len, amount, grain));
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(amount, 4);
        for (const s of shares) expect(Math.abs(s)).toBeLessThanOrEqual(Math.abs(amount) + 1e-9);
      }),
    );
  });
});

describe('channel matching', () => {
  const leads = ['Google Ads', 'Yandex Direct', 'Facebook', 'Organic'];
  test('case, spaces and punctuation are ignored; then the alias table (its keys matched the same way)', () => {
    const m = channelMatcher(leads, { 'google / cpc': 'google ads', 'FB Ads': 'Facebook' });
    expect(m.match('GOOGLE ADS')).toBe(0);
    expect(m.match('Yandex.Direct')).toBe(1);
    expect(m.match('yandex-direct ')).toBe(1);
    expect(m.match('Google / CPC')).toBe(0);
    expect(m.match('google/cpc')).toBe(0);
    expect(m.match('fb-ads')).toBe(2);
    expect(m.match('Partners')).toBe(-1);
  });
  test('property: a leads channel written with any case, spaces and punctuation still matches it, and only it', () => {
    const names = ['Google Ads', 'Yandex Direct', 'Facebook', 'Organic', 'Яндекс Директ', 'E-mail 2'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: names.length - 1 }), fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), fc.array(fc.constantFrom(' ', '.', '-', '/', '_', ''), { minLength: 20, maxLength: 20 }), (i, upper, seps) => {
        const m = channelMatcher(names, {});
        const written = [...names[i]].map((ch, k) => (upper[k % 20] ? ch.toUpperCase() : ch.toLowerCase()) + seps[k % 20]).join('');
        expect(m.match(written)).toBe(i);
      }),
    );
  });
  test('a close name is suggested (small edit distance, or one name inside the other); a far one is not', () => {
    expect(suggestAlias('Google Ads (search)', leads)).toBe('Google Ads'); // "googleads" is inside "googleadssearch"
    expect(suggestAlias('Google AdWords', leads)).toBe(''); // 4 letters apart in 13: too far to guess
    expect(suggestAlias('Facebok', leads)).toBe('Facebook'); // one letter missing
    expect(suggestAlias('Yandex Direkt', leads)).toBe('Yandex Direct'); // one letter changed
    expect(suggestAlias('Partners', leads)).toBe('');
    expect(suggestAlias('TV', leads)).toBe('');
  });
});

/** 7 leads in March 2024 (and one in June), timestamps of Qualified and Won, amounts on won deals. */
const LEADS: CellValue[][] = [
  ['Created', 'Channel', 'Qualified', 'Won', 'Amount'],
  ['2024-03-05 10:00', 'Google Ads', '2024-03-07 10:00', '2024-03-20 10:00', '1000'],
  ['2024-03-10 10:00', 'Google Ads', '2024-03-12 10:00', '', ''],
  ['2024-03-15 10:00', 'Google Ads', '', '', ''],
  ['2024-03-20 10:00', 'Google Ads', '', '', ''],
  ['2024-03-02 10:00', 'Facebook', '2024-03-03 10:00', '2024-03-10 10:00', '500'],
  ['2024-03-25 10:00', 'Facebook', '', '', ''],
  ['2024-03-03 10:00', 'Organic', '', '', ''],
  ['2024-06-28 10:00', 'Google Ads', '', '', ''],
];
const SPEND: CellValue[][] = [
  ['Month', 'End', 'Channel', 'Amount', 'Currency'],
  ['Mar 2024', '', 'google ads', '2 000', 'RUB'],
  ['2024-03-01', '2024-03-31', 'Facebook', '$10', ''], // USD at 100: 1000
  ['Jun 2024', '', 'Google Ads', '600', 'RUB'],
  ['2024-03-10', '', 'Partners', '300', 'RUB'], // no leads
];

function channels(spendConfig: Record<string, unknown>, spend: CellValue[][] = SPEND, leads: CellValue[][] = LEADS): { report: ChannelReport; issues: string[]; cohortsImmature: Map<string, boolean[]> } {
  const res = parseConfig({
    columns: { createdAt: 'Created', channel: 'Channel', amount: 'Amount' },
    stages: [
      { name: 'Qualified', column: 'Qualified' },
      { name: 'Won', column: 'Won' },
    ],
    grain: 'month',
    timeZone: 'UTC',
    spend: spendConfig,
  });
  if (!res.ok) throw new Error(res.errors.join('; '));
  const prepared = prepareRun(leads, { config: res.config, sheet: 'Leads', sourceName: 't', asOf: '2024-06-30', inputs: { spend: { sheet: 'Spend', rows: spend } } });
  if (!prepared.ok) throw new Error(prepared.error);
  const cohorts = computeCohortModel(prepared.run);
  return {
    report: channelsReport.compute(prepared.run),
    issues: prepared.run.dataIssues.filter((i) => i.sheet === 'Spend').map((i) => `${i.row} ${i.code}`),
    cohortsImmature: new Map(cohorts.cohorts.map((c) => [c.start, c.immature])),
  };
}

describe('channel metrics', () => {
  const { report, issues, cohortsImmature } = channels({ currency: 'RUB', rates: { USD: 100 } });
  const row = (name: string) => report.channels.find((c) => c.channel === name)!;

  test('Google Ads: spend 2000 + 600, 5 leads; March is mature: cost per Qualified 2000 / 2, CAC 2000 / 1; ROMI over March (1000 − 2000) / 2000', () => {
    const g = row('Google Ads');
    expect(g.total.spend).toBeCloseTo(2600, 9);
    expect(g.total.leads).toBe(5);
    expect(g.total.costPerStage[0]).toBeCloseTo(520, 9); // 2600 / 5
    expect(g.total.costPerStage[1]).toBeCloseTo(1000, 9);
    expect(g.total.costPerStage[2]).toBeCloseTo(2000, 9);
    expect(g.total.revenue).toBe(1000);
    expect(g.total.romi).toBeCloseTo(-0.5, 9);
    const march = g.periods.find((p) => p.start === '2024-03-01')!;
    expect([march.spend, march.leads, march.costPerStage[0]]).toEqual([2000, 4, 500]);
  });

  test('the June cohort (2 days old) is immature for Qualified and Won exactly as on the Cohorts tab; its cost per stage is "—" (no lead reached them)', () => {
    const june = row('Google Ads').periods.find((p) => p.start === '2024-06-01')!;
    expect(june.immature).toEqual([false, true, true]);
    expect(june.immature).toEqual(cohortsImmature.get('2024-06-01'));
    expect(row('Google Ads').periods.find((p) => p.start === '2024-03-01')!.immature).toEqual(cohortsImmature.get('2024-03-01'));
    expect([june.spend, june.leads, june.costPerStage[0], june.costPerStage[1], june.costPerStage[2]]).toEqual([600, 1, 600, null, null]);
  });

  test('Facebook in dollars at 100: spend 1000, 2 leads, CPL 500, cost per Qualified 1000, CAC 1000, ROMI (500 − 1000) / 1000', () => {
    const f = row('Facebook');
    expect(f.total.spend).toBeCloseTo(1000, 9);
    expect(f.total.costPerStage.map((v) => (v === null ? null : Math.round(v * 1e6) / 1e6))).toEqual([500, 1000, 1000]);
    expect(f.total.romi).toBeCloseTo(-0.5, 9);
  });

  test('a channel with spend and no leads: listed, CPL "—" (null), never 0 or infinity; its first row is a data issue', () => {
    const p = row('Partners');
    expect([p.total.spend, p.total.leads, p.total.costPerStage[0], p.inLeads]).toEqual([300, 0, null, false]);
    expect(report.unmatchedSpend).toEqual([{ channel: 'Partners', spend: 300, suggestion: '' }]);
    expect(issues).toEqual(['5 spend.unmatched']);
  });

  test('leads with no spend are listed, organic as expected; they have no cost ("—")', () => {
    expect(report.leadsWithoutSpend).toEqual([{ channel: 'Organic', leads: 1, organic: true, suggestion: '' }]);
    expect(row('Organic').total.costPerStage).toEqual([null, null, null]);
  });

  test('the total is over channels with spend: 3900 over 7 leads; per stage over mature March: 3300 / 3 qualified, 3300 / 2 won', () => {
    expect(report.total.spend).toBeCloseTo(3900, 9);
    expect(report.total.leads).toBe(7); // 5 Google + 2 Facebook + 0 Partners
    expect(report.total.costPerStage[1]).toBeCloseTo(1100, 9);
    expect(report.total.costPerStage[2]).toBeCloseTo(1650, 9);
    expect(report.total.romi).toBeCloseTo((1500 - 3300) / 3300, 9);
  });

  test('sorted by spend: Google Ads, Facebook, Partners, then Organic (no spend)', () => {
    expect(report.channels.map((c) => c.channel)).toEqual(['Google Ads', 'Facebook', 'Partners', 'Organic']);
    expect(report.romiBasis).toBe('revenue');
  });

  test('margin-based ROMI with marginPercent 50: Google (1000 × 0.5 − 2000) / 2000', () => {
    const m = channels({ currency: 'RUB', rates: { USD: 100 }, marginPercent: 50 }).report;
    expect(m.romiBasis).toBe('margin');
    expect(m.channels.find((c) => c.channel === 'Google Ads')!.total.romi).toBeCloseTo(-0.75, 9);
  });

  test('a currency with no rate: the Facebook row is an issue and not summed (Facebook has leads, no spend)', () => {
    const { report: r, issues: i } = channels({ currency: 'RUB' });
    expect(i).toContain('3 spend.noRate');
    const f = r.channels.find((c) => c.channel === 'Facebook')!;
    expect(f.hasSpend).toBe(false);
    expect(f.total.spend).toBe(0);
    expect(r.total.spend).toBeCloseTo(2900, 9);
  });

  test('an alias joins a spend name to a leads channel; an unmatched close name gets a suggestion', () => {
    const spend: CellValue[][] = [['Date', 'Channel', 'Amount'], ['2024-03-01', 'fb / paid', '100'], ['2024-03-01', 'Organik', '5']];
    const withAlias = channels({ aliases: { 'FB / Paid': 'Facebook' } }, spend).report;
    expect(withAlias.channels.find((c) => c.channel === 'Facebook')!.total.spend).toBe(100);
    expect(withAlias.unmatchedSpend).toEqual([{ channel: 'Organik', spend: 5, suggestion: 'Organic' }]);
    const without = channels({}, spend);
    expect(without.report.unmatchedSpend.map((u) => u.channel)).toEqual(['fb / paid', 'Organik']);
    expect(without.issues).toEqual(['2 spend.unmatched', '3 spend.unmatched']);
  });

  test('CPL change at the same age: the latest month (June 1–30) against May 1–30', () => {
    // June: Google spend 600, 1 lead → CPL 600; May: no Google spend or leads → no comparison.
    expect(row('Google Ads').cplChange).toBeNull();
    expect(report.comparison).toEqual({ current: '2024-06-01', previous: '2024-05-01', days: 30 });
  });

  test(`dates in the model are ISO days (${iso(day(2024, 3, 1))})`, () => {
    expect(row('Google Ads').periods.map((p) => [p.start, p.end])).toEqual([
      ['2024-03-01', '2024-03-31'],
      ['2024-06-01', '2024-06-30'],
    ]);
  });
});

describe('CPL change at the same age', () => {
  test('weekly, report date Wednesday 2024-03-20: Mon–Wed of this week against Mon–Wed of the last one', () => {
    const res = parseConfig({ columns: { createdAt: 'Created', channel: 'Channel' }, stages: [{ name: 'Won', column: 'Won' }], grain: 'week', timeZone: 'UTC' });
    if (!res.ok) throw new Error(res.errors.join('; '));
    const leads: CellValue[][] = [
      ['Created', 'Channel', 'Won'],
      ['2024-03-11 10:00', 'PPC', ''], // last week, day 1
      ['2024-03-13 22:00', 'PPC', ''], // last week, day 3
      ['2024-03-15 10:00', 'PPC', ''], // last week, day 5: later than this week's age, not compared
      ['2024-03-19 10:00', 'PPC', ''], // this week, day 2
    ];
    const spend: CellValue[][] = [['Month', 'Channel', 'Amount'], ['Mar 2024', 'PPC', '3100']]; // 100 a day
    const prepared = prepareRun(leads, { config: res.config, sheet: 'Leads', sourceName: 't', asOf: '2024-03-20', inputs: { spend: { sheet: 'Spend', rows: spend } } });
    if (!prepared.ok) throw new Error(prepared.error);
    const report = channelsReport.compute(prepared.run);
    expect(report.comparison).toEqual({ current: '2024-03-18', previous: '2024-03-11', days: 3 });
    // This week: 300 / 1 lead = 300; last week's first 3 days: 300 / 2 leads = 150; +100%.
    expect(report.channels[0].cplChange).toBeCloseTo(1, 9);
    // Spend of March after the report date (Mar 21–31, 11 days) is left out.
    expect(report.spendAfterAsOf).toBeCloseTo(1100, 9);
    expect(report.channels[0].total.spend).toBeCloseTo(2000, 9);
  });
});

test('a lead with an empty channel is one "(blank)" row in the English tab and "(пусто)" in the Russian one', () => {
  const { report } = channels({ currency: 'RUB', rates: { USD: 100 } }, SPEND, [...LEADS, ['2024-03-06 10:00', '', '', '', '']]);
  const tab = (locale: 'en' | 'ru') => buildChannelsTab(report, { locale, strings: reportStrings(locale), stages: ['Lead', 'Qualified', 'Won'], maturityPercentile: 0.8 });
  const firstColumn = (locale: 'en' | 'ru') => tab(locale).values.map((r) => r[0]);
  const cells = (locale: 'en' | 'ru') => tab(locale).values.flat();
  // One channel row (the channel column is the first); the by-period table lists channels with spend only.
  expect(firstColumn('ru').filter((v) => v === '(пусто)')).toHaveLength(1);
  expect(cells('ru')).not.toContain('(blank)');
  expect(firstColumn('en').filter((v) => v === '(blank)')).toHaveLength(1);
  expect(cells('en')).not.toContain('(пусто)');
});
