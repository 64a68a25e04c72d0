/**
 * A small hand-made report. The numbers of the 2026-09-12 cohort are the ones from DESIGN.md:
 * 558 leads → 236 → 126 → 53 → 23, i.e. step rates 236/558, 126/236, 53/126, 23/53 and lead→won 23/558.
 */
import type { CohortRow, FunnelReport, SliceConversionRow } from '../../src/core/model';
import type { OutcomeReport } from '../../src/core/outcomes';
import type { DataIssue } from '../../src/core/types';

const STAGES = ['Lead', 'Target', 'Qualified', 'Proposal', 'Won'];

function row(start: string, end: string, reached: number[], extra: Partial<CohortRow> = {}): CohortRow {
  const leads = reached[0];
  return {
    start,
    end,
    leads,
    reached,
    implied: reached.map(() => 0),
    undated: reached.map(() => 0),
    stepRate: reached.map((n, k) => (k === 0 || reached[k - 1] === 0 ? null : n / reached[k - 1])),
    overallRate: reached.map((n) => (leads === 0 ? null : n / leads)),
    previous: null,
    change: reached.map(() => null),
    pValue: reached.map(() => null),
    qValue: reached.map(() => null),
    flag: reached.map(() => null),
    immature: reached.map(() => false),
    ageDays: 20,
    lostStageUnknown: 0,
    stepTone: reached.map(() => null),
    overallTone: null,
    ...extra,
  };
}

/** A Conversions-tab row with every lead counted at every step; rates from the counts. */
export function slice(value: string, reached: number[], extra: Partial<SliceConversionRow> = {}): SliceConversionRow {
  const counted = reached.map(() => reached[0]);
  const stepBase = reached.map((_, k) => (k === 0 ? 0 : reached[k - 1]));
  return {
    value,
    leads: reached[0],
    counted,
    reached,
    stepBase,
    stepRate: reached.map((n, k) => (k === 0 || stepBase[k] === 0 ? null : n / stepBase[k])),
    overallRate: reached.map((n) => (reached[0] === 0 ? null : n / reached[0])),
    stepTone: reached.map(() => null),
    overallTone: null,
    ...extra,
  };
}

export function sampleReport(issues: DataIssue[] = []): FunnelReport {
  const empty = row('2026-08-29', '2026-09-04', [0, 0, 0, 0, 0], { ageDays: 22 });
  const older = row('2026-09-05', '2026-09-11', [400, 180, 90, 40, 15], { ageDays: 15 });
  const main = row('2026-09-12', '2026-09-18', [558, 236, 126, 53, 23], {
    ageDays: 8,
    previous: { start: '2026-09-05', asOf: '2026-09-19', leads: 400, reached: [400, 170, 80, 35, 12] },
    change: [null, 0.1, 0.15, 0.2, 0.22],
    pValue: [null, 0.3, 0.2, 0.1, 0.01],
    qValue: [null, 0.45, 0.4, 0.24, 0.03],
    flag: [null, null, null, null, 'up'],
  });
  const young = row('2026-09-19', '2026-09-25', [120, 50, 10, 0, 0], {
    ageDays: 1,
    immature: [false, false, false, true, true],
    previous: { start: '2026-09-12', asOf: '2026-09-20', leads: 558, reached: [558, 100, 30, 0, 0] },
    change: [null, 0.5, -0.2, null, null],
    pValue: [null, 0.001, 0.4, null, null],
    qValue: [null, 0.006, 0.48, null, null],
    flag: [null, 'up', null, null, null],
  });
  const cohorts = [empty, older, main, young];
  const sum = (k: number) => cohorts.reduce((a, c) => a + c.reached[k], 0);
  const totalReached = STAGES.map((_, k) => sum(k));
  return {
    generatedAt: '2026-09-26T10:00:00.000Z',
    asOf: '2026-09-26',
    source: { name: 'leads.csv', sheet: 'Leads', rowsRead: 1080, leads: 1078, createdAfterAsOf: 0, createdAfterAsOfNote: null },
    stages: STAGES,
    cohortReport: {
      asOf: '2026-09-26',
      grain: 'week',
      weekStartsOn: 1,
      timeZone: 'UTC',
      stages: STAGES,
      filters: {},
      cohorts,
      maturityDays: [null, 0.4, 4, 12.25, 21],
      testedCells: 6,
      total: {
        leads: totalReached[0],
        lostStageUnknown: 0,
        reached: totalReached,
        implied: [0, 312, 7, 0, 0],
        undated: [0, 0, 0, 0, 0],
        stepRate: totalReached.map((n, k) => (k === 0 ? null : n / totalReached[k - 1])),
        overallRate: totalReached.map((n) => n / totalReached[0]),
      },
      // Over the cohorts mature for each stage (the 09-19 cohort is immature for Proposal and Won):
      // Proposal 40 + 53 = 93 of 958 leads, 93 / (90 + 126) at the step; Won 15 + 23 = 38 of 958, 38 / 93.
      matureTotal: {
        leads: [1078, 1078, 1078, 958, 958],
        reached: [1078, 466, 226, 93, 38],
        stepRate: [null, 466 / 1078, 226 / 466, 93 / 216, 38 / 93],
        overallRate: [1, 466 / 1078, 226 / 1078, 93 / 958, 38 / 958],
      },
    },
    conversions: {
      asOf: '2026-09-26',
      from: '2026-08-29',
      to: '2026-09-25',
      stages: STAGES,
      filters: {},
      countedTo: ['2026-09-25', '2026-09-25', '2026-09-22', '2026-09-13', '2026-09-05'],
      total: slice('', [407, 160, 30, 10, 5]),
      tables: [
        {
          dimension: 'channel',
          column: 'Source',
          rows: [
            slice('Organic', [100, 60, 30, 10, 5]),
            slice('=IMPORTXML("http://x.example","//a")', [300, 100, 0, 0, 0]),
            slice('', [7, 0, 0, 0, 0]),
          ],
        },
        {
          dimension: 'manager',
          column: 'Ответственный',
          rows: [slice('Иван Петров', [50, 25, 10, 5, 1])],
        },
      ],
    },
    outcomes: SAMPLE_OUTCOMES,
    dataIssues: issues,
  };
}

const noOutcome = { won: 0, revenue: null, wonWithAmount: 0, averageDeal: null, lost: 0, lostStageUnknown: 0, topReasons: [], otherReasons: 0 };

/**
 * Outcomes of the sample cohorts: the 2026-09-12 cohort's 23 won deals, 20 of them with an amount
 * summing to 30,000 (average 1,500), and 110 lost deals: Price 60, Timing 30, Competitor 15, 5 others.
 */
export const SAMPLE_OUTCOMES: OutcomeReport = {
  hasAmount: true,
  hasLost: true,
  cohorts: [
    { start: '2026-09-05', ...noOutcome, won: 15, revenue: 18_000, wonWithAmount: 15, averageDeal: 1_200, lost: 40, topReasons: [{ reason: 'Price', count: 40 }] },
    {
      start: '2026-09-12', won: 23, revenue: 30_000, wonWithAmount: 20, averageDeal: 1_500, lost: 110, lostStageUnknown: 0,
      topReasons: [{ reason: 'Price', count: 60 }, { reason: 'Timing', count: 30 }, { reason: 'Competitor', count: 15 }], otherReasons: 5,
    },
  ],
  total: {
    won: 38, revenue: 48_000, wonWithAmount: 35, averageDeal: 48_000 / 35, lost: 150, lostStageUnknown: 0,
    topReasons: [{ reason: 'Price', count: 100 }, { reason: 'Timing', count: 30 }, { reason: 'Competitor', count: 15 }], otherReasons: 5,
  },
  slices: [{ dimension: 'channel', rows: [{ value: 'Organic', ...noOutcome, won: 5, revenue: 9_000, wonWithAmount: 5, averageDeal: 1_800 }] }],
};

export const ISSUES: DataIssue[] = [
  { sheet: 'Leads', row: 123, column: 'Created at', col: 1, value: 'soon', code: 'created.notDate', params: { reason: 'notADate' }, problem: 'Unreadable date', problemRu: 'Не удалось прочитать дату', severity: 'error' },
  { sheet: 'Leads', row: 7, column: 'Amount', value: '-5', code: 'amount.negative', params: {}, problem: 'Negative amount', problemRu: 'Отрицательная сумма', severity: 'warning' },
];
