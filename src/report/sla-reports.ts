/**
 * The Speed and SLA reports (issue 8). `speed` feeds `--json` and the Speed section of the SLA tab;
 * `sla` has the SLA tab, written only when the settings have `sla` rules or `speedPairs` (a run
 * without them keeps exactly its former tabs).
 */
import { computeSla, type SlaReport } from '../core/sla/sla';
import { computeSpeed, type SpeedReport } from '../core/sla/speed';
import type { ReportDefinition } from './report-definition';
import { buildSlaTab } from './sla-tab';

export const speedReport: ReportDefinition<SpeedReport> = {
  id: 'speed',
  title: { en: 'Speed', ru: 'Скорость' },
  needs: ['leads'],
  compute: (run) => computeSpeed(run.data, run.config, { asOf: run.asOf, grain: run.grain }),
  json: (model) => ({ speed: model }),
};

/** The SLA model (null without rules), whether the tab is wanted, and the zone its times are shown in. */
export interface SlaModel {
  report: SlaReport | null;
  tab: boolean;
  timeZone: string;
}

export const slaReport: ReportDefinition<SlaModel> = {
  id: 'sla',
  title: { en: 'SLA', ru: 'SLA' },
  needs: ['leads'],
  compute: (run) => {
    const rules = run.config.sla !== undefined && run.config.sla.rules.length > 0;
    return {
      report: rules ? computeSla(run.data, run.config, { asOf: run.asOf, now: run.now, facts: run.facts, maturityDays: run.maturityDays }) : null,
      tab: rules || (run.config.speedPairs?.length ?? 0) > 0,
      timeZone: run.config.timeZone,
    };
  },
  layout(m, opts, ctx) {
    if (!m.tab) return null;
    return buildSlaTab(m.report, ctx.models.get(speedReport), { locale: opts.locale, leadsSheet: opts.leadsSheet, timeZone: m.timeZone });
  },
  json: ({ report: model }) => ({
    sla:
      model === null
        ? null
        : {
            at: model.at,
            rules: model.rules,
            owners: model.owners,
            openBreachCount: model.openBreachCount,
            openBreaches: model.openBreaches.map((b) => ({
              rule: b.rule,
              leadId: b.leadId,
              row: b.row,
              owner: b.owner,
              channel: b.channel,
              due: new Date(b.dueAt).toISOString(),
              overdueMinutes: Math.floor(b.overdueMs / 60_000),
              workingTime: b.workingTime,
            })),
            cost: model.cost,
          },
  }),
};
