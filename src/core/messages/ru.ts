/** Russian texts of every message code (see codes.ts). */
import type { Catalogue, DateReason, MissingColumn, PlausibleRange } from './codes';
import { headerList } from './en';

export const DATE_REASON_RU: Record<DateReason, string> = {
  notADate: 'не дата (ожидается, например, 2024-03-15, 2024-03-15 14:30 или 15.03.2024 14:30)',
  noSuchDay: 'такого дня нет в календаре',
  badTime: 'такого времени суток не бывает',
  twoDigitYear: 'год из двух цифр: укажите год полностью (2024, а не 24)',
  numberAsText: 'число, записанное текстом, а не дата (порядковые номера дней читаются от 25569 = 1970-01-01 до 73050 = 2099-12-31)',
  serialRange: 'число вне диапазона дат таблицы (1 … 2958465)',
  boolean: 'логическое значение (ИСТИНА/ЛОЖЬ), а не дата',
  invalidDate: 'недействительная дата',
};

const NOT_A_NUMBER = 'не число (ожидается, например, 1200, 1 234,50 или 1 200 руб.)';

function implausible(w: PlausibleRange): string {
  const range = w.latest === '' ? `раньше ${w.earliest}` : `вне диапазона ${w.earliest} … ${w.latest}`;
  return `неправдоподобная дата (${range}; см. plausibleDates в настройках)`;
}

const ROLE: Record<Exclude<MissingColumn['role'], 'stage'>, string> = {
  createdAt: 'дата создания лида',
  id: 'ID лида',
  channel: 'Канал',
  manager: 'Менеджер',
  product: 'Продукт',
  region: 'Регион',
  amount: 'Сумма',
  lostAt: 'Дата отказа',
  lostReason: 'Причина отказа',
  currentStage: 'текущий этап',
  currentStageChangedAt: 'время текущего этапа',
};

function role(m: MissingColumn): string {
  return m.role === 'stage' ? `этап «${m.stage ?? ''}»` : ROLE[m.role];
}

const inRows = (rows: number) => (rows > 1 ? ` (строк с таким значением: ${rows}, это первая)` : '');
const who = (rows: number) => (rows > 1 ? 'эти лиды учтены' : 'лид учтён');

export const RU: Catalogue = {
  'created.blank': () => 'Дата создания не заполнена; строка не учтена как лид',
  'created.notDate': (p) => `Дата создания: ${DATE_REASON_RU[p.reason]}; строка не учтена как лид`,
  'created.implausible': (p) => `Дата создания: ${implausible(p)}; строка не учтена как лид`,
  'column.headless': (p) =>
    `У столбца ${p.letter} нет заголовка, но в нём есть данные (впервые в этой строке); назовите столбец, чтобы он учитывался`,
  'id.blank': () => 'ID лида не заполнен',
  'id.duplicate': (p) => `ID лида повторяется: такой же ID в строке ${p.firstRow}; учтены обе строки`,
  'stage.notDate': (p) => `Дата этапа «${p.stage}»: ${DATE_REASON_RU[p.reason]}; значение не учтено`,
  'stage.implausible': (p) => `Дата этапа «${p.stage}»: ${implausible(p)}; значение не учтено`,
  'stage.beforeCreated': (p) => `Этап «${p.stage}» датирован раньше создания лида (${p.created})`,
  'lost.notDate': (p) => `Дата отказа: ${DATE_REASON_RU[p.reason]}; значение не учтено`,
  'lost.implausible': (p) => `Дата отказа: ${implausible(p)}; значение не учтено`,
  'lost.beforeCreated': (p) => `Дата отказа раньше создания лида (${p.created})`,
  'stageChanged.notDate': (p) => `Время текущего этапа: ${DATE_REASON_RU[p.reason]}; значение не учтено`,
  'stageChanged.implausible': (p) => `Время текущего этапа: ${implausible(p)}; значение не учтено`,
  'amount.notNumber': () => `Сумма: ${NOT_A_NUMBER}; значение не учтено`,
  'amount.negative': () => 'Сумма отрицательная; учтена как есть',
  'currentStage.blank': (p) => `Этап не заполнен${inRows(p.rows)}; ${who(p.rows)} на первом шаге`,
  'currentStage.unknown': (p) => `Неизвестный этап${inRows(p.rows)}: его нет в списке этапов в настройках; ${who(p.rows)} на первом шаге`,
  'stageOrder.implied': (p) =>
    `У этапа «${p.stage}» нет своей даты у ${p.pct}% из ${p.leads} лидов, засчитанных на нём (они дошли до более позднего этапа): либо его редко отмечают, либо порядок неверен и этапы «${p.stage}» и «${p.next}» нужно поменять местами`,
  'detect.notStageDates': (p) =>
    `Столбец «${p.column}» похож на столбец с датами этапа, но датами оказались только ${p.dates} из ${p.sampled} проверенных значений; как этап он не используется (исправьте значения или перечислите этапы в настройках)`,
  'detect.swapped': (p) =>
    `Этапы «${p.stageA}» и «${p.stageB}», похоже, перепутаны местами: у ${p.reversed} из ${p.both} лидов с обеими датами «${p.columnB}» раньше, чем «${p.columnA}». ` +
    `Поменяйте их местами: переставьте столбец «${p.columnB}» левее «${p.columnA}» или перечислите этапы в настройках, поставив «${p.stageB}» перед «${p.stageA}»`,
  'reader.unclosedQuote': () =>
    'Кавычка в начале ячейки нигде не закрыта; она прочитана как обычный символ, чтобы следующие строки остались отдельными строками',
  'reader.mixedEncoding': () =>
    'Ячейка не в кодировке UTF-8, в отличие от остального файла (кодировки смешаны); она прочитана как Windows-1251: проверьте текст',
  'input.emptySheet': (p) => `Лист «${p.sheet}» пуст: нет строки заголовков.`,
  'input.missingColumns': (p) =>
    `На листе «${p.sheet}» в строке заголовков${p.headerRow > 1 ? ` (строка ${p.headerRow})` : ''} нет ${p.missing.length === 1 ? 'столбца' : 'столбцов'} ` +
    `${p.missing.map((m) => `«${m.name}» (${role(m)})`).join(', ')}. Столбцы листа: ${headerList(p.headers, '«', '»')}. ` +
    'Исправьте названия столбцов в настройках или на листе.',
  'engine.emptySheet': (p) => `${p.sheet}: лист пуст (нет строки заголовков).`,
  'engine.badAsOf': (p) => `Дата отчёта «${p.asOf}» не в формате ГГГГ-ММ-ДД.`,
};
