/** Console messages of the CLI in English and Russian. */
import { render, type Message } from '../core/messages';
export type CliLocale = 'en' | 'ru';

export interface CliMessages {
  usage: string;
  unknownOption(opt: string): string;
  /** Warning when --filter leaves no leads; `known` lists the values each filtered column has. */
  filterMatchesNothing(filter: string, known: string): string;
  missingValue(opt: string): string;
  badValue(opt: string, value: string, expected: string): string;
  extraArgument(arg: string): string;
  fileMissing(path: string): string;
  fileUnreadable(path: string, reason: string): string;
  unsupportedInput(path: string): string;
  sheetMissing(sheet: string, file: string, available: string[]): string;
  emptyInput(path: string): string;
  notXlsx(detail: string): string;
  zipNotCsv: string;
  binaryNotCsv: string;
  /** The config's errors, each rendered from the core catalogue of this language. */
  configInvalid(path: string, errors: readonly Message[]): string;
  configNotJson(path: string, reason: string): string;
  detectedColumns: string;
  writeFailed(path: string, reason: string): string;
  outNotXlsx(path: string): string;
  columnMissing(mapping: string, file: string, headers: string): string;
  outputIsInput(path: string, input: string): string;
  outputsSame(path: string): string;
  unexpected: string;
  phase: Record<'read' | 'parse' | 'compute' | 'write', string>;
  summaryTitle(source: string, asOf: string, leads: number, issues: number): string;
  period: string;
  /** The first funnel step in the summary table. */
  leadStep: string;
  leads: string;
  immatureFootnote: string;
  wrote(path: string): string;
  wroteJson(path: string): string;
  demoNote: string;
}

const EN: CliMessages = {
  usage: `Usage: npx funnel-report [<leads.csv|leads.xlsx>] [options]   (or: npm start -- …)

Builds the weekly cohort funnel report (Cohorts, Conversions, Data issues) as an XLSX file.
Without an input file it runs the demo on built-in sample data and writes out/demo-report.xlsx.

Options:
  --sheet NAME            sheet of an XLSX input (default: the first sheet)
  --config FILE           funnel configuration JSON (default: detect columns from the header row)
  --as-of YYYY-MM-DD      report date; later timestamps are ignored (default: today)
  --now ISO-INSTANT       instant open SLA breaches are judged at, e.g. 2026-11-30T13:00:00Z
                          (default: the clock; never after the end of the report date)
  --grain week|month|quarter   cohort period (default: the config's, normally week)
  --filter DIM=VALUE           cohorts of one slice only, e.g. --filter "channel=Google Ads";
                               DIM is channel, manager, product or region; repeat to combine
  --column ROLE="Header"       use this column for ROLE instead of detecting it (repeatable): ROLE is
                               createdAt, id, channel, manager, product, region, amount, lostAt, lostReason,
                               or stage:NAME for a stage's date column, e.g. --column stage:Demo="Demo date"
                               (stage options, in order, replace the detected stages)
  --out FILE              XLSX report to write (default: report.xlsx; demo: out/demo-report.xlsx)
  --json FILE             also write the report as JSON
  --spend FILE            channel spend (CSV or XLSX: date, channel, amount, …) for the Channels tab
  --feedback FILE         the previous Feedback tab (CSV/XLSX export) or the previous report XLSX: writes
                          the merged Feedback tab (what people typed is kept) and the Review tab
  --lang en|ru            language of messages and report (default: from LANG, else en)
  --quiet                 no progress bar and no summary table
  -h, --help              show this help

Exit codes: 0 report written (data issues are listed in the report, not failures),
2 unusable input (missing or unreadable file, invalid config, no creation-date column, --out not .xlsx
or naming an input file), 1 unexpected error.`,
  unknownOption: (o) => `unknown option ${o} (see --help)`,
  filterMatchesNothing: (f, known) => `warning: no leads match ${f}; the cohort table is empty. ${known}`,
  missingValue: (o) => `option ${o} needs a value`,
  badValue: (o, v, e) => `${o}: "${v}" is not valid (expected ${e})`,
  extraArgument: (a) => `unexpected argument "${a}": give one input file`,
  fileMissing: (p) => `input file not found: ${p}`,
  fileUnreadable: (p, r) => `cannot read ${p}: ${r}`,
  unsupportedInput: (p) => `${p}: unsupported input type (use .csv, .tsv, .txt or .xlsx)`,
  sheetMissing: (s, f, a) => `sheet "${s}" not found in ${f} (sheets: ${a.join(', ')})`,
  emptyInput: (p) => `${p} is empty: no header row`,
  notXlsx: (d) => `not a valid XLSX workbook (${d})`,
  zipNotCsv: 'this is a zip file (an XLSX workbook?), not CSV text; if it is a workbook, give it the .xlsx extension',
  binaryNotCsv: 'binary data, not CSV text (export the leads as CSV or XLSX)',
  configInvalid: (p, errs) => `invalid config ${p}: ${errs.map((e) => render(e, 'en')).join('; ')}`,
  configNotJson: (p, r) => `config ${p} is not valid JSON: ${r}`,
  detectedColumns: 'Columns detected from the header row:',
  writeFailed: (p, r) => `cannot write ${p}: ${r}`,
  outNotXlsx: (p) => `--out ${p}: the report is an XLSX workbook; give a file name ending in .xlsx`,
  outputIsInput: (p, i) => `refusing to write ${p}: it is the input file ${i}; choose another --out or --json`,
  outputsSame: (p) => `--out and --json are the same file (${p}); give them different names`,
  columnMissing: (c, f, h) => `--column ${c}: there is no such column in the header row of ${f}; its columns are: ${h}`,
  unexpected: 'unexpected error (a bug; please report it with the text below)',
  phase: { read: 'read', parse: 'parse', compute: 'compute', write: 'write' },
  summaryTitle: (s, a, l, i) => `${s} · as of ${a} · ${l} leads · ${i} data issue${i === 1 ? '' : 's'}`,
  period: 'Period',
  leadStep: 'Lead',
  leads: 'Leads',
  immatureFootnote: '~ immature: the cohort is too young to judge this number',
  wrote: (p) => `Report: ${p}`,
  wroteJson: (p) => `JSON:   ${p}`,
  demoNote: 'Demo on built-in sample data. For your own export: npx funnel-report leads.csv (options: npx funnel-report --help).',
};

const RU: CliMessages = {
  usage: `Использование: npx funnel-report [<leads.csv|leads.xlsx>] [параметры]   (или: npm start -- …)

Строит отчёт по воронке (Когорты, Конверсии, Ошибки данных) в файл XLSX.
Без входного файла запускает демо на встроенных примерных данных и пишет out/demo-report.xlsx.

Параметры:
  --sheet ИМЯ             лист входного XLSX (по умолчанию первый)
  --config ФАЙЛ           JSON с настройками воронки (по умолчанию столбцы определяются по заголовкам)
  --as-of ГГГГ-ММ-ДД      дата отчёта; более поздние отметки не учитываются (по умолчанию сегодня)
  --now МОМЕНТ-ISO        момент, на который считаются открытые нарушения SLA, например 2026-11-30T13:00:00Z
                          (по умолчанию текущее время; не позже конца даты отчёта)
  --grain week|month|quarter   период когорт (по умолчанию из настроек, обычно неделя)
  --filter DIM=VALUE           когорты только одного среза, например --filter "channel=Google Ads";
                               DIM: channel, manager, product или region; можно повторить
  --column РОЛЬ="Заголовок"    брать для РОЛИ этот столбец вместо автоопределения (можно повторять): РОЛЬ —
                               createdAt, id, channel, manager, product, region, amount, lostAt, lostReason
                               или stage:ИМЯ для столбца с датой этапа, например --column stage:Demo="Дата демо"
                               (этапы из --column, по порядку, заменяют найденные)
  --out ФАЙЛ              куда записать XLSX (по умолчанию report.xlsx; демо: out/demo-report.xlsx)
  --json ФАЙЛ             также записать отчёт в JSON
  --spend ФАЙЛ            расходы по каналам (CSV или XLSX: дата, канал, сумма, …) для листа «Каналы»
  --feedback ФАЙЛ         прошлый лист «Обратная связь» (CSV/XLSX) или прошлый отчёт XLSX: записывает
                          объединённый лист обратной связи (введённое людьми сохраняется) и лист «Разбор»
  --lang en|ru            язык сообщений и отчёта (по умолчанию из LANG, иначе en)
  --quiet                 без индикатора хода и итоговой таблицы
  -h, --help              эта справка

Коды выхода: 0 отчёт записан (ошибки в данных перечислены в отчёте и не считаются сбоем),
2 непригодный вход (нет файла, файл не читается, неверные настройки, нет столбца даты создания, --out не .xlsx
или указывает на входной файл), 1 непредвиденная ошибка.`,
  unknownOption: (o) => `неизвестный параметр ${o} (см. --help)`,
  filterMatchesNothing: (f, known) => `внимание: нет лидов с ${f}; таблица когорт пуста. ${known}`,
  missingValue: (o) => `параметру ${o} нужно значение`,
  badValue: (o, v, e) => `${o}: недопустимое значение «${v}» (ожидается ${e})`,
  extraArgument: (a) => `лишний аргумент «${a}»: укажите один входной файл`,
  fileMissing: (p) => `входной файл не найден: ${p}`,
  fileUnreadable: (p, r) => `не удалось прочитать ${p}: ${r}`,
  unsupportedInput: (p) => `${p}: неподдерживаемый тип файла (нужен .csv, .tsv, .txt или .xlsx)`,
  sheetMissing: (s, f, a) => `лист «${s}» не найден в ${f} (листы: ${a.join(', ')})`,
  emptyInput: (p) => `${p} пуст: нет строки заголовков`,
  notXlsx: (d) => `это не книга XLSX (${d})`,
  zipNotCsv: 'это zip-архив (книга XLSX?), а не текст CSV; если это книга, дайте файлу расширение .xlsx',
  binaryNotCsv: 'двоичные данные, а не текст CSV (выгрузите лиды в CSV или XLSX)',
  configInvalid: (p, errs) => `неверные настройки ${p}: ${errs.map((e) => render(e, 'ru')).join('; ')}`,
  configNotJson: (p, r) => `настройки ${p} — не корректный JSON: ${r}`,
  detectedColumns: 'Столбцы определены по заголовкам:',
  writeFailed: (p, r) => `не удалось записать ${p}: ${r}`,
  outNotXlsx: (p) => `--out ${p}: отчёт — книга XLSX; укажите имя файла с расширением .xlsx`,
  outputIsInput: (p, i) => `${p} не записан: это входной файл ${i}; укажите другой --out или --json`,
  outputsSame: (p) => `--out и --json указывают на один файл (${p}); дайте им разные имена`,
  columnMissing: (c, f, h) => `--column ${c}: такого столбца нет в строке заголовков ${f}; есть столбцы: ${h}`,
  unexpected: 'непредвиденная ошибка (это баг; сообщите о нём, приложив текст ниже)',
  phase: { read: 'чтение', parse: 'разбор', compute: 'расчёт', write: 'запись' },
  summaryTitle: (s, a, l, i) => `${s} · на ${a} · лидов: ${l} · ошибок в данных: ${i}`,
  period: 'Период',
  leadStep: 'Лид',
  leads: 'Лиды',
  immatureFootnote: '~ незрелая: когорта слишком молода, чтобы судить по этому числу',
  wrote: (p) => `Отчёт: ${p}`,
  wroteJson: (p) => `JSON:  ${p}`,
  demoNote: 'Демо на встроенных данных. Для своей выгрузки: npx funnel-report leads.csv (параметры: npx funnel-report --help).',
};

export function cliMessages(locale: CliLocale): CliMessages {
  return locale === 'ru' ? RU : EN;
}

/** --lang wins; otherwise a Russian LANG/LC_ALL/LC_MESSAGES picks Russian. */
export function localeFromEnv(env: Record<string, string | undefined>): CliLocale {
  const v = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^ru/i.test(v) ? 'ru' : 'en';
}
