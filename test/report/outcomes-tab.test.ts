/**
 * Money and losses on the report tabs, the notes under the Cohorts title, and the one-stage funnel's
 * columns. Values come from the hand-made fixture (test/report/fixture.ts: SAMPLE_OUTCOMES).
 */
import type { FunnelReport } from '../../src/core/model';
import type { TabLayout } from '../../src/report/layout';
import { buildReportTabs } from '../../src/report/tabs';
import { sampleReport } from './fixture';

const header = (t: TabLayout, row: number) => t.values[row].map((x) => (x === null ? '' : String(x)));
const rowStarting = (t: TabLayout, first: string) => t.values.find((r) => r[0] === first) ?? [];

describe('Cohorts tab: won revenue, average deal and lost deals', () => {
  const [cohorts] = buildReportTabs(sampleReport(), { locale: 'en', leadsSheet: 'Leads' });
  // Columns: 0 period, 1 leads, 2–9 four stages × (reached, step %), 10 Lead→Won, 11 vs prev., then the outcomes.
  test('four outcome columns right of "vs prev."', () => {
    expect(header(cohorts, 2).slice(10, 16)).toEqual(['Lead→Won', 'vs prev.', 'Won revenue', 'Average deal', 'Lost', 'Top lost reasons']);
  });

  test('each cohort shows its own figures, joined by its start; a cohort with none shows — and 0', () => {
    const main = rowStarting(cohorts, '2026-09-12 – 2026-09-18');
    expect(main.slice(12, 16)).toEqual([30_000, 1_500, 110, 'Price 60, Timing 30, Competitor 15, +5 other']);
    const young = rowStarting(cohorts, '2026-09-19 – 2026-09-25');
    expect(young.slice(12, 16)).toEqual(['—', '—', 0, '']);
    const total = rowStarting(cohorts, 'Total');
    expect(total.slice(12, 15)).toEqual([48_000, 48_000 / 35, 150]);
  });

  test('no amount and no lost column in the input: no outcome columns', () => {
    const r = sampleReport();
    r.outcomes = { ...r.outcomes, hasAmount: false, hasLost: false };
    const [t] = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' });
    expect(header(t, 2)).not.toContain('Won revenue');
    expect(header(t, 2)).not.toContain('Lost');
  });

  test('in Russian', () => {
    const [t] = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' });
    expect(header(t, 2).slice(12, 16)).toEqual(['Выручка с выигранных', 'Средний чек', 'Проиграно', 'Главные причины отказа']);
    expect(rowStarting(t, '2026-09-12 – 2026-09-18')[15]).toBe('Price 60, Timing 30, Competitor 15, +5 других');
  });
});

describe('Conversions tab: money and losses per slice value', () => {
  const [, conversions] = buildReportTabs(sampleReport(), { locale: 'en', leadsSheet: 'Leads' });
  test('Organic carries its revenue; values without outcomes show — and 0', () => {
    const organic = rowStarting(conversions, 'Organic');
    // Columns: value, leads, 4 × (reached, step %), Lead→Won, then won revenue, average deal, lost, reasons.
    expect(organic.slice(11, 15)).toEqual([9_000, 1_800, 0, '']);
    const all = conversions.values.filter((r) => r[0] === 'All leads');
    expect(all[0].slice(11, 14)).toEqual([48_000, 48_000 / 35, 150]);
  });
});

describe('notes under the Cohorts title', () => {
  test('leads created after the report date are said in the report language', () => {
    const r = sampleReport();
    r.source.createdAfterAsOf = 12;
    r.source.createdAfterAsOfNote = { en: '12 leads created after 2026-09-26 are not in this report', ru: 'Лидов, созданных после 2026-09-26: 12' };
    expect(String(buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[0].values[1][0])).toContain('12 leads created after 2026-09-26 are not in this report');
    expect(String(buildReportTabs(r, { locale: 'ru', leadsSheet: 'Leads' })[0].values[1][0])).toContain('Лидов, созданных после 2026-09-26: 12');
  });

  test('lost deals at an unknown stage are explained under the table', () => {
    const r = sampleReport();
    r.cohortReport.total.lostStageUnknown = 7;
    const [t] = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' });
    const line = t.values.map((row) => String(row[0] ?? '')).find((x) => x.startsWith('7 lost deals'));
    expect(line).toContain('not as drop-offs before Target');
  });
});

/** The fixture reduced to one stage (Lead → Won), with the DESIGN cohort's 558 → 23. */
function oneStage(): FunnelReport {
  const r = sampleReport();
  const pick = <T>(a: T[]) => [a[0], a[4]];
  const stages = ['Lead', 'Won'];
  r.stages = stages;
  r.cohortReport.stages = stages;
  r.cohortReport.maturityDays = pick(r.cohortReport.maturityDays);
  for (const c of r.cohortReport.cohorts) {
    c.reached = pick(c.reached);
    c.implied = [0, 0];
    c.undated = [0, 0];
    c.stepRate = [null, c.leads === 0 ? null : c.reached[1] / c.leads];
    c.overallRate = [c.leads === 0 ? null : 1, c.leads === 0 ? null : c.reached[1] / c.leads];
    for (const key of ['change', 'pValue', 'qValue', 'flag', 'immature', 'stepTone'] as const) (c[key] as unknown[]) = pick(c[key] as unknown[]);
    if (c.previous) c.previous.reached = pick(c.previous.reached);
  }
  const t = r.cohortReport.total;
  r.cohortReport.total = { ...t, reached: pick(t.reached), implied: [0, 0], undated: [0, 0], stepRate: [null, t.reached[4] / t.leads], overallRate: [1, t.reached[4] / t.leads] };
  const m = r.cohortReport.matureTotal;
  r.cohortReport.matureTotal = { leads: pick(m.leads), reached: pick(m.reached), stepRate: pick(m.stepRate), overallRate: pick(m.overallRate) };
  r.conversions.stages = stages;
  r.conversions.countedTo = pick(r.conversions.countedTo);
  for (const row of [...r.conversions.tables.flatMap((x) => x.rows), r.conversions.total]) {
    for (const key of ['reached', 'counted', 'stepBase', 'stepRate', 'overallRate', 'stepTone'] as const) (row[key] as unknown[]) = pick(row[key] as unknown[]);
  }
  r.outcomes = { ...r.outcomes, hasAmount: false, hasLost: false };
  return r;
}

describe('a one-stage funnel', () => {
  const [cohorts, conversions] = buildReportTabs(oneStage(), { locale: 'en', leadsSheet: 'Leads' });

  test('Cohorts: the stage has no step column of its own (its step rate is Lead→Won)', () => {
    expect(header(cohorts, 2).slice(0, 5)).toEqual(['Period', 'Leads', 'Won', 'Lead→Won', 'vs prev.']);
    expect(header(cohorts, 3)).not.toContain('step %');
    const main = rowStarting(cohorts, '2026-09-12 – 2026-09-18');
    expect(main.slice(1, 4)).toEqual([558, 23, 23 / 558]);
  });

  test('Cohorts: no implied-passes block (no later stage can imply one)', () => {
    expect(cohorts.values.some((row) => String(row[0] ?? '').startsWith('Implied passes'))).toBe(false);
  });

  test('Conversions: no step column either', () => {
    const headerRow = conversions.values.findIndex((row) => row[0] === 'Channel' && row[1] === 'Leads');
    expect(header(conversions, headerRow).slice(0, 4)).toEqual(['Channel', 'Leads', 'Won', 'Lead→Won']);
    expect(header(conversions, headerRow + 1)).not.toContain('step %');
  });
});
