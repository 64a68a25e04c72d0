/** Every fixed string of the report tabs, in English and Russian. Data values are never translated. */
import type { Grain, SliceKey } from '../core/types';

export type ReportLocale = 'en' | 'ru';

export interface ReportStrings {
  tabCohorts: string;
  /** Display name of the first funnel step ("lead created"). */
  leadStep: string;
  tabConversions: string;
  tabIssues: string;
  cohortsTitle(grain: Grain, asOf: string, filters: string): string;
  cohortsSubtitle: string;
  filtersAll: string;
  period: string;
  leads: string;
  reached: string;
  stepRate: string;
  overall(first: string, last: string): string;
  vsPrev: string;
  total: string;
  matureTotal: string;
  matureTotalNote: string;
  immatureNote(stage: string, ageDays: number, maturityDays: number | null, percentile: number): string;
  flagNote(prevStart: string, prevAsOf: string, prevRate: string, rate: string, pValue: number | null, qValue: number | null, tested: number): string;
  /** A flagged cell's count and rate, first in its note: '28 of 560 leads (5.0%)'. */
  flagCount(reached: number, leads: number, rate: string): string;
  /** The previous rate inside a flagged cell: '(was 7.9%)'. */
  wasRate(rate: string): string;
  /** A rate as text in the report language: 0.079 → '7.9%' / '7,9%'. */
  rateText(rate: number | null, digits: number): string;
  impliedTitle: string;
  impliedHeader: [string, string, string];
  impliedLine(n: number, stage: string): string;
  maturityLine(parts: string): string;
  /** Under the table when some steps were passed at unknown times (current-stage column). */
  undatedLine(stages: string): string;
  /** Under the table when lost deals of a current-stage export have an unknown furthest stage. */
  lostStageUnknownLine(n: number, firstStage: string): string;
  wonRevenue: string;
  averageDeal: string;
  lostDeals: string;
  topLostReasons: string;
  /** The top lost reasons of a cohort or slice: 'Price 5, Timing 3, (none) 1, +2 other'. */
  reasonsText(top: readonly { reason: string; count: number }[], other: number): string;
  /** A number of days for display, e.g. '12.3 d' / '12,3 дн.'. */
  days(n: number): string;
  chartTitle(first: string, last: string): string;
  chartCohort: string;
  conversionsTitle(from: string, to: string, asOf: string): string;
  /** Under the title: filters, which leads each stage counts, and what the marks mean. */
  conversionsSubtitle(filters: string, counted: string): string;
  /** One stage's part of `counted`: 'Won: created by 2026-08-20' / '… not judged'. */
  countedStage(stage: string, lastDay: string | null): string;
  /** The Cohorts tab's filter, which the Conversions tab does not apply. */
  filterNotApplied(filters: string): string;
  /** Label of the totals row of each section. */
  allLeads: string;
  /** Note of a marked slice rate. */
  standoutNote(high: boolean, rate: string, rest: string): string;
  dimension(key: SliceKey): string;
  blankValue: string;
  noSlices: string;
  issuesTitle(n: number): string;
  issueHeaders: [string, string, string, string, string];
  severity(s: 'error' | 'warning'): string;
  noIssues: string;
  moreIssues(n: number): string;
}

const fmtInt = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pText = (p: number, decimal: string): string => (p < 0.001 ? `< 0${decimal}001` : p.toFixed(3).replace('.', decimal));

const EN: ReportStrings = {
  tabCohorts: 'Cohorts',
  leadStep: 'Lead',
  tabConversions: 'Conversions',
  tabIssues: 'Data issues',
  cohortsTitle: (grain, asOf, filters) =>
    `${{ week: 'Weekly', month: 'Monthly', quarter: 'Quarterly' }[grain]} cohorts · as of ${asOf} · filters: ${filters}`,
  cohortsSubtitle:
    'Each row is the leads created in one period, newest first; "reached" = reached this step or a later one by the report date, % = conversion from the previous step, grey = immature (too young to judge), ▲▼ = significant change vs the previous cohort at the same age, green / red = significantly above / below the other mature cohorts (other rates are not coloured: their differences are within noise).',
  filtersAll: 'all',
  period: 'Period',
  leads: 'Leads',
  reached: 'reached',
  stepRate: 'step %',
  overall: (first, last) => `${first}→${last}`,
  vsPrev: 'vs prev.',
  total: 'Total',
  matureTotal: 'Total, mature cohorts',
  matureTotalNote:
    'The rates to quote: each stage counts only the cohorts old enough for it (not grey). Step % = reached / previous step and the overall rate = reached / leads, both within those cohorts.',
  immatureNote: (stage, age, days, p) =>
    days === null
      ? `Immature: no lead has reached ${stage} with a real timestamp yet, so its usual time cannot be estimated.`
      : `Immature: the cohort is ${age} days old; ${Math.round(p * 100)}% of leads that reach ${stage} do so within ${days} days.`,
  flagNote: (prevStart, prevAsOf, prevRate, rate, p, q, tested) =>
    `Significant change vs the cohort of ${prevStart} counted as of ${prevAsOf}: ${prevRate} → ${rate}` +
    (p === null ? '.' : ` (p = ${pText(p, '.')}`) +
    (p === null ? '' : q === null ? ').' : `; ${pText(q, '.')} after the false-discovery-rate adjustment over the ${fmtInt(tested)} ${tested === 1 ? 'cell' : 'cells'} tested in this report).`),
  flagCount: (reached, leads, rate) => `${fmtInt(reached)} of ${fmtInt(leads)} leads (${rate}).`,
  wasRate: (rate) => `(was ${rate})`,
  rateText: (r, digits) => (r === null ? '—' : `${(r * 100).toFixed(digits)}%`),
  impliedTitle: 'Implied passes: leads counted as having passed a step only because they reached a later one',
  impliedHeader: ['Stage', 'Implied passes', 'Share of reached'],
  impliedLine: (n, stage) => `${fmtInt(n)} ${n === 1 ? 'pass' : 'passes'} of ${stage} ${n === 1 ? 'was' : 'were'} implied by later stages`,
  maturityLine: (parts) => `A cell stays grey while the cohort is younger than: ${parts}.`,
  undatedLine: (stages) =>
    `The report date applies only to stages passed at a known time. Passes of ${stages} have no time (current-stage column): they are counted as the data stands today, whatever the report date, and are not compared with the previous cohort.`,
  lostStageUnknownLine: (n, first) =>
    `${fmtInt(n)} lost ${n === 1 ? 'deal comes' : 'deals come'} from a current-stage export, which does not say where ${n === 1 ? 'it was' : 'they were'} lost: counted as leads and as lost, not as drop-offs before ${first} (the Lead→${first} step rate leaves ${n === 1 ? 'it' : 'them'} out).`,
  wonRevenue: 'Won revenue',
  averageDeal: 'Average deal',
  lostDeals: 'Lost',
  topLostReasons: 'Top lost reasons',
  reasonsText: (top, other) =>
    [...top.map((r) => `${r.reason === '' ? '(none given)' : r.reason} ${fmtInt(r.count)}`), ...(other > 0 ? [`+${fmtInt(other)} other`] : [])].join(', '),
  days: (n) => `${n} d`,
  chartTitle: (first, last) => `${first}→${last} by cohort (mature cohorts)`,
  chartCohort: 'Cohort',
  conversionsTitle: (from, to, asOf) => `Conversions by slice · leads created ${from} – ${to} · as of ${asOf}`,
  conversionsSubtitle: (filters, counted) =>
    `Filters: ${filters}. Each stage counts only leads old enough to have reached it (the usual time, as on the Cohorts tab): ${counted}. ▲▼ and green / red = significantly above / below all other leads (false-discovery rate controlled over this tab); other differences are within noise and not coloured.`,
  countedStage: (stage, lastDay) => (lastDay === null ? `${stage} — every lead (usual time unknown; not judged)` : `${stage} — created by ${lastDay}`),
  allLeads: 'All leads',
  filterNotApplied: (f) => `none (the filter ${f} applies to the Cohorts tab only; this tab shows every lead, so each slice is compared with the whole funnel)`,
  standoutNote: (high, rate, rest) => `Significantly ${high ? 'above' : 'below'} all other leads: ${rate} vs ${rest}.`,
  dimension: (key) => ({ channel: 'Channel', manager: 'Manager', product: 'Product', region: 'Region' })[key],
  blankValue: '(blank)',
  noSlices: 'No channel, manager, product or region column is configured, so there is nothing to slice by.',
  issuesTitle: (n) => `Data issues · ${fmtInt(n)} found · the rest of the data was used`,
  issueHeaders: ['Cell', 'Column', 'Value', 'Problem', 'Severity'],
  severity: (s) => (s === 'error' ? 'error' : 'warning'),
  noIssues: 'No data issues found: every row was read.',
  moreIssues: (n) => `… and ${fmtInt(n)} more issues not shown here.`,
};

const RU: ReportStrings = {
  tabCohorts: 'Когорты',
  leadStep: 'Лид',
  tabConversions: 'Конверсии',
  tabIssues: 'Ошибки данных',
  cohortsTitle: (grain, asOf, filters) =>
    `${{ week: 'Недельные', month: 'Месячные', quarter: 'Квартальные' }[grain]} когорты · на ${asOf} · фильтры: ${filters}`,
  cohortsSubtitle:
    'Каждая строка — лиды, созданные за один период, новые сверху; «дошли» = дошли до этого этапа или дальше к дате отчёта, % = конверсия из предыдущего этапа, серым — незрелые (слишком молодые для выводов), ▲▼ — значимое изменение к предыдущей когорте в том же возрасте, зелёным / красным — значимо выше / ниже остальных зрелых когорт (остальные не окрашены: разница в пределах шума).',
  filtersAll: 'все',
  period: 'Период',
  leads: 'Лиды',
  reached: 'дошли',
  stepRate: 'шаг %',
  overall: (first, last) => `${first}→${last}`,
  vsPrev: 'к пред.',
  total: 'Итого',
  matureTotal: 'Итого, зрелые когорты',
  matureTotalNote:
    'Эти конверсии и стоит называть: для каждого этапа учтены только когорты, достаточно старые для него (не серые). Шаг % = дошли / предыдущий этап, общая конверсия = дошли / лиды — внутри этих когорт.',
  immatureNote: (stage, age, days, p) =>
    days === null
      ? `Незрелая: до этапа «${stage}» ещё никто не дошёл с настоящей датой, обычный срок не оценить.`
      : `Незрелая: когорте ${age} дн.; ${Math.round(p * 100)}% лидов, дошедших до этапа «${stage}», доходят за ${String(days).replace('.', ',')} дн.`,
  flagNote: (prevStart, prevAsOf, prevRate, rate, p, q, tested) =>
    `Значимое изменение к когорте ${prevStart} (на ${prevAsOf}): ${prevRate} → ${rate}` +
    (p === null ? '.' : ` (p = ${pText(p, ',')}`) +
    (p === null ? '' : q === null ? ').' : `; ${pText(q, ',')} с поправкой на долю ложных открытий по ${fmtInt(tested).replace(/,/g, ' ')} проверенным ячейкам отчёта).`),
  flagCount: (reached, leads, rate) => `${fmtInt(reached).replace(/,/g, ' ')} из ${fmtInt(leads).replace(/,/g, ' ')} лидов (${rate}).`,
  wasRate: (rate) => `(было ${rate})`,
  rateText: (r, digits) => (r === null ? '—' : `${(r * 100).toFixed(digits).replace('.', ',')}%`),
  impliedTitle: 'Неявные проходы: лиды, засчитанные на этапе только потому, что дошли до более позднего',
  impliedHeader: ['Этап', 'Неявных проходов', 'Доля от дошедших'],
  impliedLine: (n, stage) => `Этап «${stage}»: неявных проходов (по более поздним этапам) — ${fmtInt(n).replace(/,/g, ' ')}`,
  maturityLine: (parts) => `Ячейка серая, пока когорта моложе: ${parts}${parts.endsWith('.') ? '' : '.'}`,
  undatedLine: (stages) =>
    `Дата отчёта действует только для этапов с известным временем прохода. Проходы этапов ${stages} без времени (столбец текущего этапа): они посчитаны по данным на сегодня, какой бы ни была дата отчёта, и не сравниваются с предыдущей когортой.`,
  lostStageUnknownLine: (n, first) =>
    `Проигранных сделок из выгрузки текущего этапа, где не сказано, на каком этапе они проиграны: ${fmtInt(n).replace(/,/g, ' ')}. Они учтены как лиды и как проигранные, но не как отсев до этапа «${first}» (конверсия шага Лид→${first} их не учитывает).`,
  wonRevenue: 'Выручка с выигранных',
  averageDeal: 'Средний чек',
  lostDeals: 'Проиграно',
  topLostReasons: 'Главные причины отказа',
  reasonsText: (top, other) =>
    [...top.map((r) => `${r.reason === '' ? '(не указана)' : r.reason} ${fmtInt(r.count).replace(/,/g, ' ')}`), ...(other > 0 ? [`+${fmtInt(other).replace(/,/g, ' ')} других`] : [])].join(', '),
  days: (n) => `${String(n).replace('.', ',')} дн.`,
  chartTitle: (first, last) => `${first}→${last} по когортам (зрелые когорты)`,
  chartCohort: 'Когорта',
  conversionsTitle: (from, to, asOf) => `Конверсии по срезам · лиды, созданные ${from} – ${to} · на ${asOf}`,
  conversionsSubtitle: (filters, counted) =>
    `Фильтры: ${filters}. Каждый этап учитывает только лиды, достаточно старые, чтобы до него дойти (обычный срок, как на вкладке когорт): ${counted}. ▲▼ и зелёный / красный — значимо выше / ниже всех остальных лидов (с контролем доли ложных открытий по вкладке); остальные различия в пределах шума и не окрашены.`,
  countedStage: (stage, lastDay) => (lastDay === null ? `${stage} — все лиды (обычный срок неизвестен; без оценки)` : `${stage} — созданные по ${lastDay}`),
  allLeads: 'Все лиды',
  filterNotApplied: (f) => `нет (фильтр ${f} действует только на вкладке когорт; здесь все лиды, и каждый срез сравнивается со всей воронкой)`,
  standoutNote: (high, rate, rest) => `Значимо ${high ? 'выше' : 'ниже'} всех остальных лидов: ${rate} против ${rest}.`,
  dimension: (key) => ({ channel: 'Канал', manager: 'Менеджер', product: 'Продукт', region: 'Регион' })[key],
  blankValue: '(пусто)',
  noSlices: 'Не настроены столбцы канала, менеджера, продукта или региона — срезов нет.',
  issuesTitle: (n) => `Ошибки данных · найдено: ${fmtInt(n).replace(/,/g, ' ')} · остальные данные учтены`,
  issueHeaders: ['Ячейка', 'Столбец', 'Значение', 'Проблема', 'Важность'],
  severity: (s) => (s === 'error' ? 'ошибка' : 'предупреждение'),
  noIssues: 'Ошибок в данных не найдено: все строки прочитаны.',
  moreIssues: (n) => `… и ещё ${fmtInt(n).replace(/,/g, ' ')} не показаны.`,
};

export function reportStrings(locale: ReportLocale): ReportStrings {
  return locale === 'ru' ? RU : EN;
}

/** "channel = Google Ads, manager = Anna", or "all" without filters. */
export function filtersText(filters: Partial<Record<SliceKey, string>>, s: ReportStrings): string {
  const parts = (Object.keys(filters) as SliceKey[])
    .filter((k) => filters[k] !== undefined && filters[k] !== '')
    .map((k) => `${s.dimension(k).toLowerCase()} = ${filters[k]}`);
  return parts.length ? parts.join(', ') : s.filtersAll;
}
