/**
 * The built-in reports: Cohorts, Conversions and Data issues (each with a tab), and Outcomes (won
 * revenue, lost deals: in `--json`, and read by tabs through the run's models). Their models make up
 * the run's FunnelReport, the `--json` schema version 1.
 */
import { computeCohortModel, computeConversionModel, computeOutcomeModel } from '../core/engine';
import type { CohortReport, ConversionReport } from '../core/model';
import type { OutcomeReport } from '../core/outcomes';
import type { DataIssue } from '../core/types';
import { buildCohortsTab } from './cohorts-tab';
import { buildConversionsTab } from './conversions-tab';
import { reportStrings } from './i18n';
import { buildIssuesTab } from './issues-tab';
import type { ReportDefinition } from './report-definition';

/** Stage names as shown: the engine's first step "Lead" in the report's language, then the labels. */
function shownStages(stages: string[], leadStep: string, labels: string[] | undefined): string[] {
  return [leadStep, ...(labels ?? stages.slice(1))];
}

export const cohortsReport: ReportDefinition<CohortReport> = {
  id: 'cohorts',
  title: { en: 'Cohorts', ru: 'Когорты' },
  needs: ['leads'],
  compute: computeCohortModel,
  layout(model, opts, ctx) {
    const strings = reportStrings(opts.locale);
    const outcomes = ctx.models.get(outcomesReport);
    return buildCohortsTab({ ...model, stages: shownStages(model.stages, strings.leadStep, opts.stageLabels) }, {
      strings,
      ...(outcomes ? { outcomes } : {}),
      notes: ctx.notes.map((n) => (opts.locale === 'ru' ? n.ru : n.en)),
      ...(opts.filtersLabel !== undefined ? { filtersLabel: opts.filtersLabel } : {}),
      ...(opts.maturityPercentile !== undefined ? { maturityPercentile: opts.maturityPercentile } : {}),
    });
  },
};

export const conversionsReport: ReportDefinition<ConversionReport> = {
  id: 'conversions',
  title: { en: 'Conversions', ru: 'Конверсии' },
  needs: ['leads'],
  compute: computeConversionModel,
  layout(model, opts, ctx) {
    const strings = reportStrings(opts.locale);
    const stages = shownStages(model.stages, strings.leadStep, opts.stageLabels);
    return buildConversionsTab({ ...model, stages }, strings, ctx.filters, ctx.models.get(outcomesReport));
  },
};

export const outcomesReport: ReportDefinition<OutcomeReport> = {
  id: 'outcomes',
  title: { en: 'Outcomes', ru: 'Итоги сделок' },
  needs: ['leads'],
  compute: computeOutcomeModel,
};

export const issuesReport: ReportDefinition<DataIssue[]> = {
  id: 'issues',
  title: { en: 'Data issues', ru: 'Ошибки в данных' },
  needs: ['leads'],
  compute: (run) => run.dataIssues,
  layout(model, opts) {
    return buildIssuesTab(model, {
      strings: reportStrings(opts.locale),
      locale: opts.locale,
      leadsSheet: opts.leadsSheet,
      ...(opts.maxIssueRows !== undefined ? { maxRows: opts.maxIssueRows } : {}),
    });
  },
};
