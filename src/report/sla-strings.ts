/** Fixed strings of the SLA tab (issue 8), English and Russian, kept beside its layout. */
import type { SliceKey } from '../core/types';
import type { ReportLocale } from './i18n';

export interface SlaStrings {
  tab: string;
  title(at: string, zone: string): string;
  subtitle: string;
  openTitle(n: number): string;
  noOpen: string;
  openHeaders: string[];
  moreOpen(n: number): string;
  overdue(words: string, working: boolean): string;
  ownersTitle: string;
  ownerHeaders: string[];
  noOwner: string;
  rulesTitle: string;
  ruleHeaders: string[];
  ruleOwnersTitle: string;
  ruleOwnerHeaders: string[];
  trendTitle: string;
  trendWeek: string;
  costTitle: string;
  costSubtitle: string;
  costHeaders: string[];
  allMonths: string;
  targetKind(kind: 'next' | 'final', stage: string): string;
  costNote(flagged: boolean, mature: boolean, tested: boolean): string;
  speedTitle(working: boolean): string;
  speedHeaders(working: boolean): string[];
  speedKind(kind: 'step' | 'configured' | 'salesCycle'): string;
  all: string;
  dimension(d: SliceKey): string;
  cohort(start: string): string;
  noRules: string;
  /** How the step "created" of the settings is shown. */
  created: string;
}

const EN: SlaStrings = {
  tab: 'SLA',
  title: (at, zone) => `SLA and speed — breaches judged at ${at} (${zone})`,
  subtitle: '% on time = on time / (on time + closed late + open); pending leads (deadline ahead) and not applicable ones are left out.',
  openTitle: (n) => `Open breaches now: ${n}`,
  noOpen: 'No open breaches.',
  openHeaders: ['Rule', 'Lead ID', 'Owner', 'Channel', 'Due', 'Overdue', 'Row'],
  moreOpen: (n) => `… and ${n} more open breaches (see --json).`,
  overdue: (w, working) => (working ? `${w} of working time` : w),
  ownersTitle: 'Owners, all rules (most open breaches first)',
  ownerHeaders: ['Owner', 'Open now', 'Judged', 'On time', '% on time'],
  noOwner: '(no owner)',
  rulesTitle: 'Rules',
  ruleHeaders: ['Rule', 'From → to', 'Limit', 'Judged', 'On time', '% on time', 'Median response, h', 'Open now', 'Pending', 'Not applicable'],
  ruleOwnersTitle: 'Per rule and owner',
  ruleOwnerHeaders: ['Rule', 'Owner', 'Judged', 'On time', '% on time', 'Median response, h', 'Open now'],
  trendTitle: 'Weekly % on time (week of the "from" event)',
  trendWeek: 'Week',
  costTitle: 'What lateness costs: conversion of leads handled on time vs late',
  costSubtitle: 'Leads that reached the rule\'s "to" stage: on time vs after the deadline (still-open breaches are left out: they cannot convert yet). Flagged only when the cohort month is mature, both sides are big enough and the difference is significant after the false-discovery correction.',
  costHeaders: ['Rule', 'To stage', 'Cohort month', 'On time: leads', 'On time: conv.', 'Late: leads', 'Late: conv.', 'Difference', '95% interval', 'Note'],
  allMonths: 'all mature months',
  targetKind: (kind, stage) => `${stage} (${kind === 'next' ? 'next' : 'final'})`,
  costNote: (flagged, mature, tested) => (flagged ? 'significant' : !mature ? 'immature' : !tested ? 'too few to test' : 'not significant'),
  speedTitle: (working) => `Speed: time between stages (real timestamps only)${working ? '; working time in hours of the calendar' : ''}`,
  speedHeaders: (working) => ['From → to', 'Group', 'Leads', 'Median, d', 'Mean, d', 'P90, d', ...(working ? ['Working median, h', 'Working mean, h', 'Working P90, h'] : [])],
  speedKind: (k) => (k === 'salesCycle' ? 'sales cycle' : k === 'configured' ? 'configured' : 'step'),
  all: 'All leads',
  dimension: (d) => ({ channel: 'Channel', manager: 'Manager', product: 'Product', region: 'Region' })[d],
  cohort: (start) => `Cohort ${start}`,
  noRules: 'No SLA rules configured: add "sla" to the settings (see the README).',
  created: 'Lead created',
};

const RU: SlaStrings = {
  tab: 'SLA',
  title: (at, zone) => `SLA и скорость — нарушения на ${at} (${zone})`,
  subtitle: '% в срок = в срок / (в срок + закрыто с опозданием + открыто); лиды, у которых срок ещё не наступил, и неприменимые не учитываются.',
  openTitle: (n) => `Открытые нарушения сейчас: ${n}`,
  noOpen: 'Открытых нарушений нет.',
  openHeaders: ['Правило', 'ID лида', 'Ответственный', 'Канал', 'Срок', 'Просрочка', 'Строка'],
  moreOpen: (n) => `… и ещё ${n} открытых нарушений (см. --json).`,
  overdue: (w, working) => (working ? `${w} рабочего времени` : w),
  ownersTitle: 'Ответственные, все правила (больше всего открытых нарушений — сверху)',
  ownerHeaders: ['Ответственный', 'Открыто сейчас', 'Оценено', 'В срок', '% в срок'],
  noOwner: '(не указан)',
  rulesTitle: 'Правила',
  ruleHeaders: ['Правило', 'От → до', 'Срок', 'Оценено', 'В срок', '% в срок', 'Медиана ответа, ч', 'Открыто сейчас', 'Срок не наступил', 'Неприменимо'],
  ruleOwnersTitle: 'По правилам и ответственным',
  ruleOwnerHeaders: ['Правило', 'Ответственный', 'Оценено', 'В срок', '% в срок', 'Медиана ответа, ч', 'Открыто сейчас'],
  trendTitle: '% в срок по неделям (неделя события «от»)',
  trendWeek: 'Неделя',
  costTitle: 'Во что обходится опоздание: конверсия лидов, обработанных в срок и с опозданием',
  costSubtitle: 'Лиды, дошедшие до этапа «до» правила: в срок и после срока (открытые нарушения не учитываются: они ещё не могут сконвертироваться). Отмечается, только если месяц когорты созрел, обе группы достаточно велики и разница значима с поправкой на множественные сравнения.',
  costHeaders: ['Правило', 'До этапа', 'Месяц когорты', 'В срок: лиды', 'В срок: конв.', 'С опозд.: лиды', 'С опозд.: конв.', 'Разница', '95% интервал', 'Примечание'],
  allMonths: 'все созревшие месяцы',
  targetKind: (kind, stage) => `${stage} (${kind === 'next' ? 'следующий' : 'последний'})`,
  costNote: (flagged, mature, tested) => (flagged ? 'значимо' : !mature ? 'не созрело' : !tested ? 'мало данных для проверки' : 'не значимо'),
  speedTitle: (working) => `Скорость: время между этапами (только реальные даты)${working ? '; рабочее время — в часах календаря' : ''}`,
  speedHeaders: (working) => ['От → до', 'Группа', 'Лиды', 'Медиана, дн.', 'Среднее, дн.', 'P90, дн.', ...(working ? ['Медиана раб., ч', 'Среднее раб., ч', 'P90 раб., ч'] : [])],
  speedKind: (k) => (k === 'salesCycle' ? 'цикл сделки' : k === 'configured' ? 'из настроек' : 'шаг'),
  all: 'Все лиды',
  dimension: (d) => ({ channel: 'Канал', manager: 'Менеджер', product: 'Продукт', region: 'Регион' })[d],
  cohort: (start) => `Когорта ${start}`,
  noRules: 'Правила SLA не заданы: добавьте "sla" в настройки (см. README).',
  created: 'Лид создан',
};

export function slaStrings(locale: ReportLocale): SlaStrings {
  return locale === 'ru' ? RU : EN;
}
