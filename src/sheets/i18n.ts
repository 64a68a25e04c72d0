/**
 * Menu, toast, alert and status strings of the add-on in English and Russian. The user's locale
 * (Session.getActiveUserLocale(), e.g. 'ru' or 'ru_RU') picks the language; anything else is English.
 */
import { render, type Message } from '../core/messages';

export type UiLocale = 'en' | 'ru';

export function pickLocale(tag: string | null | undefined): UiLocale {
  return typeof tag === 'string' && /^ru(?:$|[_-])/i.test(tag.trim()) ? 'ru' : 'en';
}

function group(n: number, sep: string): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Russian plural form: 1 лид, 2 лида, 5 лидов, 21 лид, 11 лидов. */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

export interface StatusFacts {
  /** Local time of the refresh in the spreadsheet's zone, `YYYY-MM-DD HH:MM`. */
  at: string;
  durationMs: number;
  leads: number;
  issues: number;
}

export interface UiStrings {
  menuRefresh: string;
  menuExample: string;
  /** Menu item creating the Spend sheet (issue 9). */
  menuSpend: string;
  menuSidebar: string;
  sidebarTitle: string;
  toastTitle: string;
  busy: string;
  /** Shown while a refresh runs. */
  refreshing: string;
  /** Replaces the progress toast when a refresh stops with a message. */
  refreshStopped: string;
  statusLine(f: StatusFacts): string;
  refreshedToast(f: StatusFacts): string;
  noLeadsSheet(sheets: string[]): string;
  leadsSheetMissing(name: string): string;
  emptyLeadsSheet(name: string): string;
  /** The settings' errors, each rendered from the core catalogue of this language. */
  invalidSettings(errors: readonly Message[]): string;
  tabTaken(name: string, alt: string): string;
  exampleTaken(name: string, alt: string): string;
  failed(detail: string): string;
  unknownTimeZone(zone: string): string;
  /** The run has no document to work on: no document properties, or no open spreadsheet (a trigger). */
  noDocument: string;
  /** The status line of a headless refresh that stopped. */
  statusFailed(at: string, message: string): string;
  /** The run stopped before writing because it would not finish within Apps Script's 6 minutes. */
  timeLimit: string;
}

const EN: UiStrings = {
  menuRefresh: 'Refresh reports',
  menuExample: 'Set up example sheets',
  menuSpend: 'Add Spend sheet',
  menuSidebar: 'Open sidebar',
  sidebarTitle: 'Funnel report',
  toastTitle: 'Funnel report',
  busy: 'A refresh is already running. Wait for it to finish, then refresh again.',
  refreshing: 'Refreshing the report tabs…',
  refreshStopped: 'The refresh stopped: see the message.',
  statusLine: (f) =>
    `Refreshed ${f.at} · ${(f.durationMs / 1000).toFixed(1)} s · ${group(f.leads, ',')} ${f.leads === 1 ? 'lead' : 'leads'} · ` +
    `${group(f.issues, ',')} data ${f.issues === 1 ? 'issue' : 'issues'}`,
  refreshedToast: (f) =>
    `Reports refreshed: ${group(f.leads, ',')} ${f.leads === 1 ? 'lead' : 'leads'}, ${group(f.issues, ',')} data ${f.issues === 1 ? 'issue' : 'issues'}, ${(f.durationMs / 1000).toFixed(1)} s.`,
  noLeadsSheet: (sheets) =>
    `No sheet with leads was found (looked at: ${sheets.length ? sheets.join(', ') : 'no sheets'}). ` +
    'A leads sheet has a header row with at least a creation date column and stage columns. ' +
    'To see how it works, use "Set up example sheets" in the add-on menu.',
  leadsSheetMissing: (name) =>
    `The leads sheet "${name}" named in the settings does not exist any more. Rename your leads sheet back to "${name}" or change the setting.`,
  emptyLeadsSheet: (name) => `The leads sheet "${name}" is empty: it needs a header row and at least one lead.`,
  invalidSettings: (errors) =>
    `The saved funnel settings are invalid, so nothing was refreshed. Fix these settings: ${errors.map((e) => render(e, 'en')).join('; ')}.`,
  tabTaken: (name, alt) =>
    `The sheets "${name}" and "${alt}" already exist and were not made by this add-on, so they were left untouched. Rename one of them and refresh again.`,
  exampleTaken: (name, alt) =>
    `The sheets "${name}" and "${alt}" already exist and were not made by this add-on, so no example was created. Rename one of them and try again.`,
  failed: (detail) => `The refresh stopped: ${detail}`,
  unknownTimeZone: (zone) =>
    `The spreadsheet's time zone "${zone}" is not recognised, so nothing was refreshed. Choose a time zone in File → Settings.`,
  noDocument:
    'No spreadsheet is open for this run, so nothing was refreshed: open the add-on from a spreadsheet (a scheduled refresh opens its spreadsheet by id).',
  statusFailed: (at, message) => `Refresh failed ${at}: ${message}`,
  timeLimit:
    'The refresh stopped before writing anything: it would not finish within the 6 minutes Google allows a run. The previous report is unchanged. Reduce the leads sheet (e.g. archive old leads) and refresh again.',
};

const RU: UiStrings = {
  menuRefresh: 'Обновить отчёты',
  menuExample: 'Создать листы-примеры',
  menuSpend: 'Добавить лист расходов',
  menuSidebar: 'Открыть боковую панель',
  sidebarTitle: 'Отчёт по воронке',
  toastTitle: 'Отчёт по воронке',
  busy: 'Обновление уже выполняется. Дождитесь его окончания и запустите обновление ещё раз.',
  refreshing: 'Обновляю листы отчёта…',
  refreshStopped: 'Обновление остановлено: см. сообщение.',
  statusLine: (f) =>
    `Обновлено ${f.at} · ${(f.durationMs / 1000).toFixed(1).replace('.', ',')} с · ${group(f.leads, '\u00a0')} ${ruPlural(f.leads, 'лид', 'лида', 'лидов')} · ` +
    `${group(f.issues, '\u00a0')} ${ruPlural(f.issues, 'ошибка', 'ошибки', 'ошибок')} в данных`,
  refreshedToast: (f) =>
    `Отчёты обновлены: ${group(f.leads, '\u00a0')} ${ruPlural(f.leads, 'лид', 'лида', 'лидов')}, ${group(f.issues, '\u00a0')} ${ruPlural(f.issues, 'ошибка', 'ошибки', 'ошибок')} в данных, ${(f.durationMs / 1000).toFixed(1).replace('.', ',')} с.`,
  noLeadsSheet: (sheets) =>
    `Лист с лидами не найден (просмотрены: ${sheets.length ? sheets.join(', ') : 'листов нет'}). ` +
    'У листа с лидами есть строка заголовков, в ней как минимум дата создания и столбцы этапов. ' +
    'Чтобы посмотреть, как всё работает, выберите в меню дополнения «Создать листы-примеры».',
  leadsSheetMissing: (name) =>
    `Лист с лидами «${name}», указанный в настройках, больше не существует. Верните листу имя «${name}» или измените настройку.`,
  emptyLeadsSheet: (name) => `Лист с лидами «${name}» пуст: нужны строка заголовков и хотя бы один лид.`,
  invalidSettings: (errors) =>
    `Сохранённые настройки воронки некорректны, поэтому ничего не обновлено. Исправьте настройки: ${errors.map((e) => render(e, 'ru')).join('; ')}.`,
  tabTaken: (name, alt) =>
    `Листы «${name}» и «${alt}» уже есть и созданы не этим дополнением, поэтому их не тронули. Переименуйте один из них и обновите ещё раз.`,
  exampleTaken: (name, alt) =>
    `Листы «${name}» и «${alt}» уже есть и созданы не этим дополнением, поэтому пример не создан. Переименуйте один из них и попробуйте снова.`,
  failed: (detail) => `Обновление остановлено: ${detail}`,
  unknownTimeZone: (zone) =>
    `Часовой пояс таблицы «${zone}» не распознан, поэтому ничего не обновлено. Выберите часовой пояс в меню Файл → Настройки.`,
  noDocument:
    'Для этого запуска не открыта таблица, поэтому ничего не обновлено: откройте дополнение из таблицы (обновление по расписанию открывает свою таблицу по id).',
  statusFailed: (at, message) => `Обновление не удалось ${at}: ${message}`,
  timeLimit:
    'Обновление остановлено до записи: оно не уложилось бы в 6 минут, которые Google даёт одному запуску. Прежний отчёт не изменён. Уменьшите лист лидов (например, перенесите старые лиды в архив) и обновите ещё раз.',
};

export function uiStrings(locale: UiLocale): UiStrings {
  return locale === 'ru' ? RU : EN;
}
