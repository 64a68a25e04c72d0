/** Labels of the Review tab and of the Feedback tab's computed values, EN and RU (closed-loop feedback, issue 10). */
import type { ReportLocale } from './i18n';

export interface ReviewStrings {
  tab: string;
  title: (asOf: string, stage: string) => string;
  subtitle: (staleDays: number, noFeedbackDays: number) => string;
  byManager: string;
  managerHeader: string[];
  total: string;
  blank: string;
  discussTitle: string;
  discussHeader: string[];
  why: (w: 'noFeedback' | 'stalled') => string;
  nothingToDiscuss: string;
  qualityTitle: (dim: 'channel' | 'product' | 'region') => string;
  qualityHeader: string[];
  speedTitle: string;
  speedHeader: string[];
  daysToFirst: string;
  attempts: string;
  attemptsHistTitle: string;
  attemptsHistHeader: string[];
  nurturingTitle: string;
  sentBack: string;
  wonAfter: string;
  monthsTitle: string;
  monthsHeader: string[];
  won: string;
  lost: string;
  none: string;
  issuesTitle: (n: number) => string;
  issuesHeader: string[];
  moreIssues: (n: number) => string;
  /** What a refresh did to the Feedback tab, for the status line and the CLI. */
  mergeLine: (sheet: string, rows: number, added: number, gone: number, duplicates: number) => string;
  /** The configured Feedback sheet name is one of our generated report tabs. */
  tabIsReport: (sheet: string) => string;
  /** The configured Feedback sheet name is a sheet this run reads as an input (leads, spend, …): no output overwrites an input. */
  tabIsInput: (sheet: string) => string;
  /** The Feedback tab moved (sorted, rows inserted) between every read and write of the refresh: not written. */
  tabKeptChanging: (sheet: string) => string;
}

const EN: ReviewStrings = {
  tab: 'Review',
  title: (asOf, stage) => `Feedback review · leads handed to sales (reached ${stage}) · as of ${asOf}`,
  subtitle: (stale, noFb) =>
    `Read with sales at the review meeting. Feedback = a verdict on the Feedback tab; accepted % and feedback % are of the leads handed over. Stalled = open, no stage change for more than ${stale} days (or marked Stalled). Discuss first: no verdict more than ${noFb} days after hand-off, then stalled.`,
  byManager: 'Per salesperson',
  managerHeader: ['Salesperson', 'Handed over', 'Feedback given', 'Feedback %', 'Accepted', 'Accepted %', 'Rejected', 'Rejected by reason', 'Stalled', 'Won'],
  total: 'Total',
  blank: '(blank)',
  discussTitle: 'To discuss first',
  discussHeader: ['Lead ID', 'Salesperson', 'Channel', 'Why', 'Days (since hand-off / last change)'],
  why: (w) => (w === 'noFeedback' ? 'no verdict' : 'stalled'),
  nothingToDiscuss: 'Nothing overdue: every lead has feedback in time and none is stalled.',
  qualityTitle: (d) => `Wrongly qualified (Rejected — not qualified) by ${{ channel: 'channel', product: 'product', region: 'region' }[d]}: what marketing must fix`,
  qualityHeader: ['Value', 'Handed over', 'With verdict', 'Not qualified', 'Share of verdicts'],
  speedTitle: 'Working the leads',
  speedHeader: ['Measure', 'Leads', 'Median', 'Mean', '90th percentile'],
  daysToFirst: 'Days from hand-off to the first contact attempt',
  attempts: 'Contact attempts per lead',
  attemptsHistTitle: 'Attempts needed',
  attemptsHistHeader: ['1', '2', '3', '4', '5+'],
  nurturingTitle: 'Back to nurturing',
  sentBack: 'Leads ever sent back to nurturing',
  wonAfter: 'Sales made to former leads (sent back to nurturing, won in Leads)',
  monthsTitle: 'Monthly summary (month of hand-off)',
  monthsHeader: ['Month', 'Handed over', 'Feedback given', 'Accepted', 'Rejected', 'Won', 'Won after nurturing'],
  won: 'Won',
  lost: 'Lost',
  none: '—',
  issuesTitle: (n) => `${n} ${n === 1 ? 'cell' : 'cells'} of the Feedback tab could not be read (left out of the counts below)`,
  issuesHeader: ['Cell', 'Column', 'Value', 'Problem'],
  moreIssues: (n) => `… and ${n} more (all are in the --json output)`,
  mergeLine: (sheet, rows, added, gone, dup) =>
    `${sheet}: ${rows} handed-over leads, ${added} new` + (gone > 0 ? `, ${gone} not in Leads any more` : '') + (dup > 0 ? `, ${dup} duplicate ids (flagged)` : ''),
  tabIsReport: (sheet) => `The Feedback tab was not written: "${sheet}" is a report tab of this add-on, cleared on every refresh. Set feedback.sheet to another name.`,
  tabIsInput: (sheet) => `The Feedback tab was not written: "${sheet}" is a sheet this refresh reads as an input (leads or spend), and a report never overwrites an input. Set feedback.sheet to another name.`,
  tabKeptChanging: (sheet) => `The Feedback tab "${sheet}" was not written: it kept changing during the refresh (sorted or rows inserted). Refresh again.`,
};

const RU: ReviewStrings = {
  tab: 'Разбор',
  title: (asOf, stage) => `Разбор обратной связи · лиды, переданные в продажи (этап ${stage}) · на ${asOf}`,
  subtitle: (stale, noFb) =>
    `Для встречи с продажами. Обратная связь = решение на листе «Обратная связь»; % обратной связи и % принятых — от переданных лидов. Завис = открыт, этап не менялся больше ${stale} дн. (или отмечен «Завис»). Обсудить первыми: нет решения больше ${noFb} дн. после передачи, затем зависшие.`,
  byManager: 'По продавцам',
  managerHeader: ['Продавец', 'Передано', 'С обратной связью', '% обратной связи', 'Принято', '% принятых', 'Отклонено', 'Отклонено по причинам', 'Зависло', 'Выиграно'],
  total: 'Итого',
  blank: '(пусто)',
  discussTitle: 'Обсудить первыми',
  discussHeader: ['ID лида', 'Продавец', 'Канал', 'Почему', 'Дней (с передачи / смены этапа)'],
  why: (w) => (w === 'noFeedback' ? 'нет решения' : 'завис'),
  nothingToDiscuss: 'Просроченного нет: по всем лидам обратная связь вовремя, зависших нет.',
  qualityTitle: (d) => `Ошибочно квалифицированные (Отклонён — не квалифицирован) по ${{ channel: 'каналам', product: 'продуктам', region: 'регионам' }[d]}: что исправить маркетингу`,
  qualityHeader: ['Значение', 'Передано', 'С решением', 'Не квалифицированы', 'Доля от решений'],
  speedTitle: 'Работа с лидами',
  speedHeader: ['Показатель', 'Лидов', 'Медиана', 'Среднее', '90-й перцентиль'],
  daysToFirst: 'Дней от передачи до первой попытки связаться',
  attempts: 'Попыток связаться на лид',
  attemptsHistTitle: 'Сколько попыток понадобилось',
  attemptsHistHeader: ['1', '2', '3', '4', '5+'],
  nurturingTitle: 'Возврат в прогрев',
  sentBack: 'Лидов когда-либо возвращено в прогрев',
  wonAfter: 'Продажи бывшим лидам (возвращены в прогрев, выиграны в лидах)',
  monthsTitle: 'Итоги по месяцам (месяц передачи)',
  monthsHeader: ['Месяц', 'Передано', 'С обратной связью', 'Принято', 'Отклонено', 'Выиграно', 'Выиграно после прогрева'],
  won: 'Выигран',
  lost: 'Проигран',
  none: '—',
  issuesTitle: (n) => `Не удалось прочитать ячеек листа обратной связи: ${n} (не учтены ниже)`,
  issuesHeader: ['Ячейка', 'Столбец', 'Значение', 'Проблема'],
  moreIssues: (n) => `… и ещё ${n} (все есть в выводе --json)`,
  mergeLine: (sheet, rows, added, gone, dup) =>
    `${sheet}: переданных лидов ${rows}, новых ${added}` + (gone > 0 ? `, больше нет в лидах ${gone}` : '') + (dup > 0 ? `, повторяющихся ID ${dup} (помечены)` : ''),
  tabIsReport: (sheet) => `Лист обратной связи не записан: «${sheet}» — лист отчёта этого дополнения, он очищается при каждом обновлении. Укажите в feedback.sheet другое имя.`,
  tabIsInput: (sheet) => `Лист обратной связи не записан: «${sheet}» — лист, который это обновление читает как исходные данные (лиды или расходы), а отчёт никогда не перезаписывает исходные данные. Укажите в feedback.sheet другое имя.`,
  tabKeptChanging: (sheet) => `Лист обратной связи «${sheet}» не записан: он менялся во время обновления (сортировка или вставка строк). Обновите ещё раз.`,
};

export function reviewStrings(locale: ReportLocale): ReviewStrings {
  return locale === 'ru' ? RU : EN;
}
