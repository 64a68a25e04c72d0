/**
 * The closed-loop feedback report (issue 10): from the run's leads and its `feedback` input (the
 * Feedback tab as read at the start of the run), the Feedback tab's fresh computed rows (which the
 * faces merge into the keyed tab with their KeyedTabWriter) and the Review model and tab.
 *
 * It needs the `feedback` input: in Sheets, a Feedback sheet (or `feedback` in the settings, which
 * makes the refresh create the tab); in the CLI, `--feedback FILE` (or `feedback` in the config).
 */
import { DEFAULT_FEEDBACK, resolveHandoffStage, type FeedbackConfig } from '../core/feedback/config';
import { feedbackRows, handedLeads } from '../core/feedback/handed';
import { readHumanFeedback, sentBackValue } from '../core/feedback/human';
import { computeReview, type ReviewModel } from '../core/feedback/review';
import { feedbackSpec } from '../core/feedback/spec';
import type { KeyedRow, KeyedTabSpec } from '../core/keyed-spec';
import type { RunContext } from '../core/run-context';
import type { DataIssue } from '../core/types';
import type { ReportDefinition } from './report-definition';
import { reviewStrings } from './review-strings';
import { buildReviewTab } from './review-tab';

export interface FeedbackModel {
  config: FeedbackConfig;
  spec: KeyedTabSpec;
  /** Fresh computed cells of the Feedback tab, one per handed-over lead (labels in the report's language). */
  rows: KeyedRow[];
  review: ReviewModel;
  /** Cells of the Feedback tab that could not be read (also in the run's data issues: the Data issues tab and `--json` dataIssues). */
  issues: DataIssue[];
}

export function feedbackConfigOf(run: Pick<RunContext, 'config'>): FeedbackConfig {
  return run.config.feedback ?? DEFAULT_FEEDBACK;
}

export function computeFeedback(run: RunContext): FeedbackModel {
  const config = feedbackConfigOf(run);
  const spec = feedbackSpec(config.sheet, config.reasons);
  const stageNames = run.data.stageNames;
  const handoff = resolveHandoffStage(config, stageNames.slice(1));
  // With the SAL step put after the last stage (hand-off = won, as in a funnel of won deals), won is the step before it.
  const salAt = config.salStage ? stageNames.indexOf(config.salStage) : -1;
  const wonStep = salAt === stageNames.length - 1 ? salAt - 1 : stageNames.length - 1;
  const handed = handedLeads(run.data, run.facts, handoff, wonStep);
  const strings = reviewStrings(run.config.locale);
  const input = run.inputs.feedback;
  // Read once by the engine (its issues are also on the Data issues tab); a context built without it reads it here.
  const human = run.feedback ?? readHumanFeedback(spec, input?.sheet ?? config.sheet, input?.rows ?? [], run.config.timeZone);
  const labels = { won: strings.won, lost: strings.lost, stages: stageNames };
  const rows = feedbackRows(handed, run.facts.asOfMs, labels, (lead) => sentBackValue(human.byLead.get(lead), run.asOf));
  const review = computeReview(handed, human.byLead, config, run.facts.asOfMs, run.asOf, stageNames[handoff + 1] ?? '');
  return { config, spec, rows, review, issues: human.issues };
}

export const feedbackReport: ReportDefinition<FeedbackModel> = {
  id: 'review',
  title: { en: 'Review', ru: 'Разбор' },
  needs: ['feedback'],
  compute: computeFeedback,
  layout: (model, opts) => buildReviewTab(model.review, opts.locale, model.issues),
  json: (model) => ({ review: { ...model.review, feedbackIssues: model.issues.map(({ row, column, value, problem }) => ({ row, column, value, problem })) } }),
};
