/**
 * The Channels report (issue 9): needs the `spend` input (the Spend sheet, `--spend FILE`); its model
 * is core/spend's ChannelReport, its tab channels-tab.ts, and its `--json` block `channels`.
 */
import { computeChannels } from '../core/spend';
import type { ChannelReport } from '../core/spend/model';
import { buildChannelsTab } from './channels-tab';
import { reportStrings } from './i18n';
import type { ReportDefinition } from './report-definition';

export const channelsReport: ReportDefinition<ChannelReport> = {
  id: 'channels',
  title: { en: 'Channels', ru: 'Каналы' },
  needs: ['leads', 'spend'],
  compute(run) {
    // The engine reads the spend input once per run (run.spend); an empty table when it could not.
    const spend = run.spend ?? { sheet: run.inputs.spend?.sheet ?? 'Spend', rows: [], issues: [], currency: null };
    return computeChannels(run.data, run.config, spend, { asOf: run.asOf, grain: run.grain, facts: run.facts, maturityDays: run.maturityDays });
  },
  layout(model, opts) {
    const strings = reportStrings(opts.locale);
    const stages = [strings.leadStep, ...(opts.stageLabels ?? model.stages.slice(1))];
    return buildChannelsTab(model, { locale: opts.locale, strings, stages, maturityPercentile: opts.maturityPercentile ?? 0.8 });
  },
  json: (model) => ({ channels: model }),
};
