/** Fixed strings of the Channels tab, in English and Russian (kept beside the tab, not in i18n.ts). */
import type { Grain } from '../core/types';
import type { ReportLocale } from './i18n';

export interface ChannelStrings {
  tab: string;
  title(asOf: string, currency: string | null): string;
  subtitle(o: { rows: number; grain: Grain; romi: 'revenue' | 'margin'; margin: number | null; comparison: { current: string; previous: string; days: number } | null; after: number }): string;
  channel: string;
  spend: string;
  leads: string;
  cpl: string;
  cplChange: string;
  costPer(stage: string, last: boolean): string;
  won: string;
  revenue: string;
  romi(basis: 'revenue' | 'margin'): string;
  total: string;
  /** A channel cell left empty in the leads. */
  blank: string;
  campaign(name: string): string;
  otherCampaigns(n: number): string;
  noLeadsNote: string;
  byPeriod: string;
  period: string;
  unmatchedTitle: string;
  spendNoLeads(channel: string, suggestion: string): string;
  leadsNoSpend(channel: string, leads: number, organic: boolean, suggestion: string): string;
  allMatched: string;
  noSpend: string;
  chartTitle: string;
  chartChannel: string;
  chartCostPerSale: string;
}

const grainEn: Record<Grain, string> = { week: 'week', month: 'month', quarter: 'quarter' };
const grainRu: Record<Grain, string> = { week: 'неделя', month: 'месяц', quarter: 'квартал' };

const EN: ChannelStrings = {
  tab: 'Channels',
  title: (asOf, cur) => `Channels: spend, cost per lead and ROMI as of ${asOf}${cur ? ` (${cur})` : ''}`,
  subtitle: (o) =>
    [
      `${o.rows} spend ${o.rows === 1 ? 'row' : 'rows'} spread over the days of their periods into ${grainEn[o.grain]}s; leads counted by the ${grainEn[o.grain]} they were created in.`,
      'Cost per stage = spend / leads that reached it; on channel rows it is over the cohorts mature for the stage (grey = not mature yet, as on the Cohorts tab).',
      o.romi === 'margin' ? `ROMI is margin-based: (revenue × ${o.margin}% − spend) / spend, over cohorts mature for the last stage.` : 'ROMI is revenue-based: (revenue − spend) / spend, over cohorts mature for the last stage.',
      o.comparison ? `CPL change: ${o.comparison.current} (first ${o.comparison.days} ${o.comparison.days === 1 ? 'day' : 'days'}) vs ${o.comparison.previous} at the same age.` : '',
      o.after > 0 ? `Spend dated after the report date (${Math.round(o.after).toLocaleString('en-US')}) is left out.` : '',
    ]
      .filter((s) => s !== '')
      .join(' '),
  channel: 'Channel',
  spend: 'Spend',
  leads: 'Leads',
  cpl: 'CPL',
  cplChange: 'CPL vs prev.',
  costPer: (stage, last) => (last ? `Cost per sale (CAC)` : `Cost per ${stage}`),
  won: 'Won',
  revenue: 'Revenue',
  romi: (b) => (b === 'margin' ? 'ROMI (margin)' : 'ROMI (revenue)'),
  total: 'Total (channels with spend)',
  blank: '(blank)',
  campaign: (name) => `  campaign: ${name}`,
  otherCampaigns: (n) => `  ${n} other ${n === 1 ? 'campaign' : 'campaigns'}`,
  noLeadsNote: 'No leads from this channel: cost per lead is "—".',
  byPeriod: 'By cohort period',
  period: 'Period',
  unmatchedTitle: 'Channel names',
  spendNoLeads: (c, s) => `Spend with no leads: "${c}"${s ? ` — did you mean "${s}"? Add it to spend.aliases in the settings.` : ' (no leads channel is close; add an alias in spend.aliases if it has another name there).'}`,
  leadsNoSpend: (c, n, organic, s) =>
    `Leads with no spend: "${c || '(blank)'}" (${n} ${n === 1 ? 'lead' : 'leads'})${organic ? ' — organic, no spend expected.' : s ? ` — close to the spend channel "${s}": an alias in spend.aliases would join them.` : '.'}`,
  allMatched: 'Every spend channel matches a leads channel.',
  noSpend: 'The spend sheet has no usable rows: see the Data issues tab.',
  chartTitle: 'CPL and cost per sale by channel',
  chartChannel: 'Channel',
  chartCostPerSale: 'Cost per sale',
};

const RU: ChannelStrings = {
  tab: 'Каналы',
  title: (asOf, cur) => `Каналы: расходы, цена лида и ROMI на ${asOf}${cur ? ` (${cur})` : ''}`,
  subtitle: (o) =>
    [
      `Строк расходов: ${o.rows}; сумма каждой распределена по дням её периода и сложена по периодам (${grainRu[o.grain]}); лиды считаются по периоду создания.`,
      'Цена этапа = расходы / лиды, дошедшие до этапа; в строках каналов — по когортам, созревшим для этапа (серым — ещё не созрело, как на листе «Когорты»).',
      o.romi === 'margin' ? `ROMI по марже: (выручка × ${o.margin}% − расходы) / расходы, по когортам, созревшим для последнего этапа.` : 'ROMI по выручке: (выручка − расходы) / расходы, по когортам, созревшим для последнего этапа.',
      o.comparison ? `Изменение CPL: ${o.comparison.current} (первые дни: ${o.comparison.days}) против ${o.comparison.previous} в том же возрасте.` : '',
      o.after > 0 ? `Расходы после даты отчёта (${Math.round(o.after).toLocaleString('ru-RU')}) не учтены.` : '',
    ]
      .filter((s) => s !== '')
      .join(' '),
  channel: 'Канал',
  spend: 'Расходы',
  leads: 'Лиды',
  cpl: 'CPL',
  cplChange: 'CPL к пред.',
  costPer: (stage, last) => (last ? 'Цена продажи (CAC)' : `Цена этапа «${stage}»`),
  won: 'Продажи',
  revenue: 'Выручка',
  romi: (b) => (b === 'margin' ? 'ROMI (маржа)' : 'ROMI (выручка)'),
  total: 'Итого (каналы с расходами)',
  blank: '(пусто)',
  campaign: (name) => `  кампания: ${name}`,
  otherCampaigns: (n) => `  другие кампании: ${n}`,
  noLeadsNote: 'Лидов из этого канала нет: цена лида «—».',
  byPeriod: 'По периодам когорт',
  period: 'Период',
  unmatchedTitle: 'Названия каналов',
  spendNoLeads: (c, s) => `Расходы без лидов: «${c}»${s ? ` — возможно, это «${s}»? Добавьте псевдоним в spend.aliases в настройках.` : ' (похожего канала лидов нет; если там он называется иначе, добавьте псевдоним в spend.aliases).'}`,
  leadsNoSpend: (c, n, organic, s) =>
    `Лиды без расходов: «${c || '(пусто)'}» (лидов: ${n})${organic ? ' — органика, расходов и не ожидается.' : s ? ` — похоже на канал расходов «${s}»: псевдоним в spend.aliases их объединит.` : '.'}`,
  allMatched: 'Каждый канал расходов совпал с каналом лидов.',
  noSpend: 'На листе расходов нет пригодных строк: см. лист «Ошибки в данных».',
  chartTitle: 'CPL и цена продажи по каналам',
  chartChannel: 'Канал',
  chartCostPerSale: 'Цена продажи',
};

export function channelStrings(locale: ReportLocale): ChannelStrings {
  return locale === 'ru' ? RU : EN;
}
