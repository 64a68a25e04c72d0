/** Russian texts of every message code (see codes.ts). */
import { quoteCounts } from '../stage-vocabulary';
import {
  at,
  renderIn,
  type Catalogue,
  type ColumnField,
  type Message,
  type DateReason,
  type MissingColumn,
  type PlausibleRange,
} from './codes';
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

/** Human names of the configurable columns. */
const FIELD: Record<ColumnField, string> = {
  createdAt: 'Дата создания лида',
  id: 'ID лида',
  channel: 'Канал',
  manager: 'Менеджер',
  product: 'Продукт',
  region: 'Регион',
  amount: 'Сумма',
  lostAt: 'Дата отказа',
  lostReason: 'Причина отказа',
};

/** A message inside another one, in Russian. */
function nested(m: Message): string {
  return renderIn(RU, m);
}

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
  'detect.emptySheet': () => 'Лист пуст: нет строки заголовков.',
  'detect.createdAtNotInHeader': (p) => `Столбца с датой создания «${p.column}» нет в строке заголовков.`,
  'detect.noCreatedAt': () =>
    'Не найден столбец с датой создания лида. Назовите его, например, «Дата создания» или «Created at», либо укажите его в настройках (columns.createdAt).',
  'detect.noStages': () =>
    'Не найдены этапы: добавьте справа от даты создания столбец с датой для каждого этапа (например, «Qualified at») или столбец с текущим этапом («Этап», «Этап сделки»).',
  'detect.unknownVocabulary': (p) =>
    `В столбце этапов «${p.column}» нет известных названий этапов (amoCRM, Битрикс24, HubSpot, Salesforce, Pipedrive или New/Contacted/Qualified/Proposal/Negotiation/Won/Lost). Перечислите этапы и значения в настройках.`,
  'detect.mostlyUnknownStages': (p) =>
    `В столбце этапов «${p.column}» в основном не названия этапов ${p.vocabulary}: известный этап только в ${p.matched} из ${p.nonBlank} строк. ` +
    `Неизвестные значения (строк): ${quoteCounts(p.unknown, '«', '»')}. Перечислите этапы и значения в настройках (currentStage.values).`,
  'detect.invalidSettings': (p) => `Настройки неверны: ${p.errors.map(nested).join('; ')}`,
  'note.headerRow': (p) => `Заголовки в строке ${p.row}; строки выше — заголовок отчёта`,
  'note.column': (p) => `${FIELD[p.field]}: столбец «${p.column}»`,
  'note.monthFirst': () => 'Даты читаются как месяц/день/год (встречаются значения вида 02/13/2024)',
  'note.timestampStages': (p) => `Этапы из столбцов с датами: ${p.stages.map((s) => `«${s.column}» → ${s.name}`).join(', ')}`,
  'note.closeDatesNotChangedAt': (p) =>
    `«${p.column}» не используется как время текущего этапа: у открытых сделок там тоже даты (ожидаемые даты закрытия)`,
  'note.currentStageStages': (p) =>
    `Этапы из столбца текущего этапа «${p.column}» (названия этапов ${p.vocabulary}): ${p.names.join(', ')}` +
    (p.changedAt ? `; время текущего этапа берётся из «${p.changedAt}»` : ''),
  'report.createdAfterAsOf': (p) => `Лидов, созданных после ${p.asOf}: ${p.leads}; в этот отчёт они не вошли`,
  'engine.emptySheet': (p) => `${p.sheet}: лист пуст (нет строки заголовков).`,
  'engine.badAsOf': (p) => `Дата отчёта «${p.asOf}» не в формате ГГГГ-ММ-ДД.`,
  'config.notObject': (p) => at(p, 'должно быть объектом JSON'),
  'config.unknownSetting': (p) => at(p, 'неизвестная настройка'),
  'config.columnsNotObject': (p) => at(p, 'должно быть объектом: поле → заголовок столбца'),
  'config.unknownColumnField': (p) => at(p, `неизвестное поле столбца (известные: ${p.known.join(', ')})`),
  'config.notHeader': (p) => at(p, 'должно быть непустым заголовком столбца'),
  'config.createdAtRequired': (p) => at(p, 'обязательно (заголовок столбца с датой создания лида)'),
  'config.stagesNotArray': (p) => at(p, 'должно быть массивом {name, column}'),
  'config.stageNotObject': (p) => at(p, 'должно быть объектом {name, column}'),
  'config.required': (p) => at(p, 'обязательно'),
  'config.duplicateStage': (p) => at(p, `название этапа «${p.name}» повторяется`),
  'config.reservedStage': (p) => at(p, `имя «${p.name}» зарезервировано`),
  'config.unknownStageField': (p) => at(p, 'неизвестное поле этапа'),
  'config.currentStageNotObject': (p) => at(p, 'должно быть объектом {column, values}'),
  'config.currentStageColumnRequired': (p) => at(p, 'обязательно (заголовок столбца с текущим этапом)'),
  'config.currentStageValues': (p) => at(p, 'должно сопоставлять каждому значению этапа название этапа, "lead" или "lost"'),
  'config.stageTarget': (p) => at(p, 'должно быть одним из названий этапов, "lead" или "lost"'),
  'config.unknownField': (p) => at(p, 'неизвестное поле'),
  'config.stageColumnRequired': (p) => at(p, 'обязательно, если не задан столбец currentStage'),
  'config.grain': (p) => at(p, 'должно быть "week", "month" или "quarter"'),
  'config.weekStartsOn': (p) => at(p, 'должно быть целым числом от 0 (воскресенье) до 6 (суббота)'),
  'config.timeZone': (p) => at(p, 'должно быть часовым поясом IANA, например "Europe/Moscow", или смещением, например "GMT-07:00"'),
  'config.dateOrder': (p) => at(p, 'должно быть "dmy" или "mdy"'),
  'config.boolean': (p) => at(p, 'должно быть true или false'),
  'config.positiveInteger': (p) => at(p, 'должно быть целым положительным числом'),
  'config.significanceLevel': (p) => at(p, 'должно быть числом от 0 до 0.5 (например, 0.05)'),
  'config.minConversions': (p) => at(p, 'должно быть целым числом, 0 или больше (например, 5)'),
  'config.maturityPercentile': (p) => at(p, 'должно быть числом от 0 до 1 (например, 0.8)'),
  'config.locale': (p) => at(p, 'должно быть "en" или "ru"'),
  'config.headerRow': (p) => at(p, 'должно быть номером строки заголовков на листе, целым числом 1 … 1000'),
  'config.plausibleNotObject': (p) => at(p, 'должно быть объектом {earliest, yearsAfterReportDate}'),
  'config.earliest': (p) => at(p, 'должно быть датой ГГГГ-ММ-ДД (например, "1990-01-01")'),
  'config.yearsAfterReportDate': (p) => at(p, 'должно быть целым числом 0 … 100 (например, 1)'),
  'config.noStages': (p) => at(p, 'нужен хотя бы один этап после «лид создан»'),
  'settings.notJson': (p) => at(p, `не корректный JSON (${p.reason})`),
  'settings.badParts': (p) => at(p, `должно быть целым числом частей от 1 до ${p.max}, найдено «${p.found}»`),
  // Spend input and config (issue 9: channels and money).
  'config.spendNotObject': (p) => at(p, 'должно быть объектом {currency, rates, aliases, marginPercent, sheet}'),
  'config.spendCurrency': (p) => at(p, 'должно быть трёхбуквенным кодом валюты, например "USD" или "RUB"'),
  'config.spendRates': (p) =>
    at(p, 'должно сопоставлять трёхбуквенным кодам валют положительные числа (1 единица в валюте отчёта), например {"USD": 92.5}'),
  'config.spendAliases': (p) => at(p, 'должно сопоставлять каналам расходов каналы лидов, например {"google / cpc": "Google Ads"}'),
  'config.spendMargin': (p) => at(p, 'должно быть маржой в процентах, больше 0 и не больше 100 (например 35)'),
  'spend.missingColumns': (p) =>
    `на листе расходов нет столбца: ${p.missing.join(', ')}; найдены ${headerList(p.headers, '«', '»')}; расходы не прочитаны`,
  'spend.blankRow': () => 'пустая строка внутри таблицы расходов: пропущена',
  'spend.totalRow': (p) => `«${p.label}» похоже на строку итога или подытога: пропущена, чтобы расходы не посчитались дважды`,
  'spend.badAmount': () => 'сумма не число (например 1 234,56 ₽ или $1,234.56): строка пропущена',
  'spend.noAmount': () => 'нет суммы: строка пропущена',
  'spend.badDate': (p) =>
    `не дата и не период (${p.reason === 'notAPeriod' ? 'ожидается дата, месяц вида «март 2024» или «2024-03»' : DATE_REASON_RU[p.reason]}): строка пропущена`,
  'spend.noDate': () => 'нет даты: строка пропущена',
  'spend.endBeforeStart': (p) => `период заканчивается (${p.end}) раньше, чем начинается (${p.start}): строка пропущена`,
  'spend.implausible': (p) => `Дата расхода: ${implausible(p)}; строка пропущена`,
  'spend.noChannel': () => 'нет канала: строка пропущена',
  'spend.noRate': (p) => `нет курса ${p.currency} к валюте отчёта ${p.reportCurrency} (настройки: spend.rates): строка не суммируется`,
  'spend.overlap': (p) =>
    `период пересекается со строкой ${p.otherRow} того же канала «${p.channel}»${p.campaign ? ` и кампании «${p.campaign}»` : ''} (вставлено дважды?): строка не суммируется`,
  'spend.unmatched': (p) =>
    `канал расходов «${p.channel}» не совпал ни с одним каналом лидов${p.suggestion ? `; возможно, «${p.suggestion}»? (настройки: spend.aliases)` : ''}`,
  'settings.partMissing': (p) => at(p, `нет (настройки сохранены в ${p.parts} частях)`),
  // Sidebar and scheduled refresh (issue 11)
  'settings.tooLarge': (p) => at(p, `слишком большие для хранения (${p.parts} частей по ${p.bytes} байт)`),
  'sidebar.reportDate': (p) => at(p, 'должна быть датой ГГГГ-ММ-ДД (например, 2026-11-23)'),
  'sidebar.leadsSheet': (p) => at(p, `листа «${p.sheet}» нет`),
  'schedule.hour': (p) => at(p, 'должен быть час 0 … 23'),
  'schedule.weekday': (p) => at(p, 'должен быть день недели'),
  'schedule.kind': (p) => at(p, 'должно быть: выключено, ежедневно или еженедельно'),
  'schedule.noTriggers': (p) => at(p, 'расписание здесь недоступно (нет доступа к триггерам)'),
  // Скорость и SLA (задача 8)
  'sla.notObject': (p) => at(p, 'должно быть объектом {calendar, rules}'),
  'sla.calendarNotObject': (p) => at(p, 'должно быть объектом {days, hours, timeZone, holidays, workingDays}'),
  'sla.days': (p) => at(p, 'должно быть списком дней недели от 0 (воскресенье) до 6 (суббота), например [1,2,3,4,5]'),
  'sla.hours': (p) =>
    at(p, 'должно быть списком непересекающихся интервалов ["ЧЧ:ММ","ЧЧ:ММ"], например [["09:00","13:00"],["14:00","18:00"]]'),
  'sla.isoDays': (p) => at(p, 'должно быть списком дат ГГГГ-ММ-ДД'),
  'sla.rulesNotArray': (p) => at(p, 'должно быть массивом правил {name, from, to, limit, calendar?}'),
  'sla.ruleNotObject': (p) => at(p, 'должно быть объектом {name, from, to, limit, calendar?}'),
  'sla.duplicateRule': (p) => at(p, `название правила «${p.name}» повторяется`),
  'sla.unknownStep': (p) =>
    at(p, `${p.rule ? `правило «${p.rule}»: ` : ''}должно быть одним из: ${p.stages.map((s) => `"${s}"`).join(', ')}`),
  'sla.limit': (p) => at(p, `правило «${p.rule}»: «${p.value}» не срок; пишите "15s", "30m", "4h", "2d" или сочетание, например "1h30m"`),
  'sla.speedPairsNotArray': (p) => at(p, 'должно быть массивом пар {from, to}'),
  'sla.speedPairNotObject': (p) => at(p, 'должно быть объектом {from, to}'),
  'speed.negativeGap': (p) => `Этап «${p.to}» датирован раньше этапа «${p.from}» (${p.fromTime}); интервал не учтён в скорости и SLA`,
  // Обратная связь (задача 10).
  'config.feedback.unknownStage': (p) => at(p, `«${p.name}» — не этап (этапы: ${p.known.join(', ')})`),
  'config.feedback.textList': (p) => at(p, 'должно быть списком непустых строк'),
  'feedback.unknownVerdict': (p) => `не одно из решений (${p.known.join(', ')}): лид считается без обратной связи`,
  'feedback.badDate': () => 'не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ): не учитывается в разборе',
  'feedback.badAttempts': () => 'не целое число попыток связаться: не учитывается в разборе',
  'feedback.duplicateLead': (p) => `этот ID лида есть и в строках ${p.rows.join(', ')}: разбор берёт первую из них`,
};
