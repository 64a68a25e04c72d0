/**
 * The Review model on a small hand-made funnel: every expected number is worked out by hand in the
 * comments from the rows below (report date 2026-03-31, end of day; whole days rounded down).
 */
import { parseConfig } from '../../src/core/config';
import { computeCohortModel, prepareRun } from '../../src/core/engine';
import { computeFeedback } from '../../src/report/feedback-report';
import { resolveHandoffStage } from '../../src/core/feedback/config';

const LEADS = [
  ['id', 'created', 'channel', 'manager', 'qualified', 'won'],
  ['L1', '2026-03-01', 'Ads', 'Ann', '2026-03-02', '2026-03-20'],
  ['L2', '2026-03-01', 'Ads', 'Ann', '2026-03-03', ''],
  ['L3', '2026-03-05', 'SEO', 'Bob', '2026-03-20', ''],
  ['L4', '2026-03-05', 'SEO', 'Bob', '', ''],
  ['L5', '2026-02-10', 'Ads', 'Bob', '2026-02-11', '2026-03-25'],
];

const FEEDBACK = [
  ['Lead ID', 'Sales verdict', 'Reason', 'Contact attempts', 'First contact attempt'],
  ['L1', 'Accepted', '', 2, '2026-03-04'],
  ['L2', 'Rejected - not qualified', 'Price', '3', '05.03.2026'],
  ['L5', 'back to nurturing', '', '', ''],
  ['L9', 'Maybe', '', 'many', 'soon'],
];

function run(feedbackRows = FEEDBACK) {
  const parsed = parseConfig({
    columns: { id: 'id', createdAt: 'created', channel: 'channel', manager: 'manager' },
    stages: [
      { name: 'Qualified', column: 'qualified' },
      { name: 'Won', column: 'won' },
    ],
    feedback: { staleDays: 10, noFeedbackDays: 5 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const prepared = prepareRun(LEADS, { config: parsed.config, sheet: 'Leads', sourceName: 't', asOf: '2026-03-31', inputs: { feedback: { sheet: 'Feedback', rows: feedbackRows } } });
  if (!prepared.ok) throw new Error(prepared.error);
  return computeFeedback(prepared.run);
}

test('per salesperson: handed over, feedback, accepted, rejected by reason, stalled, won', () => {
  const { review } = run();
  // Handed over (reached Qualified): L1, L2 (Ann); L3, L5 (Bob). L4 never qualified.
  // Ann: verdicts on both; L1 accepted; L2 rejected for Price; nothing stalled (L1 won, L2 rejected); L1 won.
  // Bob: L5 has a verdict (nurturing); L3 open, last change 03-20 → 11 days > 10: stalled; L5 won.
  expect(review.managers).toEqual([
    { manager: 'Ann', handedOver: 2, withFeedback: 2, feedbackRate: 1, accepted: 1, acceptedRate: 0.5, rejected: 1, rejectedByReason: { Price: 1 }, stalled: 0, won: 1 },
    { manager: 'Bob', handedOver: 2, withFeedback: 1, feedbackRate: 0.5, accepted: 0, acceptedRate: 0, rejected: 0, rejectedByReason: {}, stalled: 1, won: 1 },
  ]);
  expect(review.total).toMatchObject({ handedOver: 4, withFeedback: 3, accepted: 1, rejected: 1, stalled: 1, won: 2 });
  expect(review.handoffStage).toBe('Qualified');
});

test('to discuss first, wrongly qualified by channel, speed, attempts, nurturing, months', () => {
  const { review } = run();
  // L3: handed over 03-20, no verdict, 11 days > 5.
  expect(review.discuss).toEqual([{ lead: 'L3', manager: 'Bob', channel: 'SEO', why: 'noFeedback', days: 11 }]);
  // Ads: L1, L2, L5 with verdicts, L2 not qualified → 1/3. SEO: L3 without a verdict → no share.
  expect(review.quality).toEqual([
    {
      dimension: 'channel',
      rows: [
        { value: 'Ads', handedOver: 3, withFeedback: 3, notQualified: 1, share: 1 / 3 },
        { value: 'SEO', handedOver: 1, withFeedback: 0, notQualified: 0, share: null },
      ],
    },
  ]);
  // L1: 03-02 → 03-04 = 2 days; L2: 03-03 → 05.03 = 2 days. Attempts 2 and 3.
  expect(review.daysToFirstAttempt).toEqual({ n: 2, median: 2, mean: 2, p90: 2 });
  expect(review.attempts).toMatchObject({ n: 2, median: 2.5, mean: 2.5 });
  expect(review.attemptsHistogram).toEqual([0, 1, 1, 0, 0]);
  // L5 was sent back to nurturing and is won in Leads.
  expect(review.nurturing).toEqual({ sentBack: 1, wonAfter: 1 });
  expect(review.months).toEqual([
    { month: '2026-02', handedOver: 1, withFeedback: 1, accepted: 0, rejected: 0, won: 1, wonAfterNurturing: 1 },
    { month: '2026-03', handedOver: 3, withFeedback: 2, accepted: 1, rejected: 1, won: 1, wonAfterNurturing: 0 },
  ]);
});

test('cells that cannot be read are data issues naming row and column; the rest is used', () => {
  const { issues, review } = run();
  expect(issues.map((i) => [i.row, i.column, i.value])).toEqual([
    [5, 'Sales verdict', 'Maybe'],
    [5, 'First contact attempt', 'soon'],
    [5, 'Contact attempts', 'many'],
  ]);
  expect(issues[0].problemRu).toMatch(/не одно из решений/);
  expect(review.total.withFeedback).toBe(3);
});

test('the Feedback rows: computed cells per handed-over lead', () => {
  const { rows } = run();
  expect(rows.map((r) => r.key)).toEqual(['L1', 'L2', 'L3', 'L5']);
  // L2: handed over 03-03 → 28 whole days to the end of 03-31; last change the same day.
  expect(rows[1].values).toEqual({ created: '2026-03-01', channel: 'Ads', manager: 'Ann', stage: 'Qualified', sinceHandoff: 28, sinceChange: 28, outcome: '', sentBack: '' });
  expect(rows[0].values.outcome).toBe('Won');
});

test('default hand-off stage: the first stage named as sales, else the first stage', () => {
  expect(resolveHandoffStage(undefined, ['Contacted', 'MQL', 'SQL', 'Won'])).toBe(2);
  expect(resolveHandoffStage(undefined, ['Contacted', 'Qualified (MQL/SQL)', 'Accepted by sales (SAL)', 'Won'])).toBe(1);
  expect(resolveHandoffStage(undefined, ['Квалифицирован', 'Оплата'])).toBe(0);
  expect(resolveHandoffStage(undefined, ['Won'])).toBe(0);
  expect(resolveHandoffStage({ handoffStage: 'Won', reasons: [], acceptedVerdicts: [], staleDays: 1, noFeedbackDays: 1, sheet: 'F' }, ['SQL', 'Won'])).toBe(1);
});

test('config errors name their path', () => {
  const r = parseConfig({ columns: { createdAt: 'c' }, stages: [{ name: 'Won', column: 'w' }], feedback: { handoffStage: 'Sales', reasons: [], staleDays: 0, extra: 1 } });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.problems.map((p) => (p.params as { path: string }).path).sort()).toEqual(['feedback.extra', 'feedback.handoffStage', 'feedback.reasons', 'feedback.staleDays']);
});

describe('SAL from feedback', () => {
  function runSal(feedbackRows: (string | number)[][] | undefined, asOf = '2026-03-31') {
    const parsed = parseConfig({
      columns: { id: 'id', createdAt: 'created', channel: 'channel', manager: 'manager' },
      stages: [
        { name: 'Qualified', column: 'qualified' },
        { name: 'Won', column: 'won' },
      ],
      feedback: { salStage: 'SAL' },
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const prepared = prepareRun(LEADS, { config: parsed.config, sheet: 'Leads', sourceName: 't', asOf, ...(feedbackRows ? { inputs: { feedback: { sheet: 'Feedback', rows: feedbackRows } } } : {}) });
    if (!prepared.ok) throw new Error(prepared.error);
    return prepared.run;
  }

  test('acceptance is a step after the hand-off stage in the cohort report, with its conversion', () => {
    const run = runSal(FEEDBACK);
    const cohorts = computeCohortModel(run);
    expect(cohorts.stages).toEqual(['Lead', 'Qualified', 'SAL', 'Won']);
    // Lead 5; Qualified L1 L2 L3 L5; SAL: L1 accepted, L5 implied by Won (L2 rejected, L3 no verdict); Won L1 L5.
    expect(cohorts.total.reached).toEqual([5, 4, 2, 2]);
    // L1's SAL time is its first contact attempt (03-04): as of 03-03 it has not passed SAL yet.
    // Created by 03-03: L1, L2, L5; all three qualified by then; L5's win (03-25) is later.
    expect(computeCohortModel(runSal(FEEDBACK, '2026-03-03')).total.reached).toEqual([3, 3, 0, 0]);
  });

  test('without a feedback input the step is not added', () => {
    expect(computeCohortModel(runSal(undefined)).stages).toEqual(['Lead', 'Qualified', 'Won']);
  });
});

test('a SAL step put after the last stage is neither the hand-off stage nor "won"', () => {
  const parsed = parseConfig({
    columns: { id: 'id', createdAt: 'created', manager: 'manager' },
    stages: [{ name: 'Won', column: 'won' }],
    feedback: { salStage: 'SAL' },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const prepared = prepareRun(LEADS, { config: parsed.config, sheet: 'Leads', sourceName: 't', asOf: '2026-03-31', inputs: { feedback: { sheet: 'Feedback', rows: FEEDBACK } } });
  if (!prepared.ok) throw new Error(prepared.error);
  expect(prepared.run.data.stageNames).toEqual(['Lead', 'Won', 'SAL']);
  const { review } = computeFeedback(prepared.run);
  // Won: L1 and L5 are the handed-over leads, and both are won; L1 is the accepted one.
  expect(review.handoffStage).toBe('Won');
  expect(review.total).toMatchObject({ handedOver: 2, won: 2, accepted: 1 });
  expect(resolveHandoffStage({ salStage: 'SAL', reasons: [], acceptedVerdicts: [], staleDays: 1, noFeedbackDays: 1, sheet: 'F' }, ['Won', 'SAL'])).toBe(0);
});
