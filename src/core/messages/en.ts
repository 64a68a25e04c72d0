/** English texts of every message code (see codes.ts). */
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

export const DATE_REASON_EN: Record<DateReason, string> = {
  notADate: 'not a date (expected e.g. 2024-03-15, 2024-03-15 14:30 or 15.03.2024 14:30)',
  noSuchDay: 'no such day in the calendar',
  badTime: 'impossible time of day',
  twoDigitYear: 'two-digit year: write the year in full (2024, not 24)',
  numberAsText: 'a number written as text, not a date (serial day numbers are read from 25569 = 1970-01-01 to 73050 = 2099-12-31)',
  serialRange: 'a number outside the range of spreadsheet dates (1 … 2958465)',
  boolean: 'TRUE/FALSE, not a date',
  invalidDate: 'invalid date',
};

const NOT_A_NUMBER = 'not a number (expected e.g. 1200, 1 234,50 or $1,200.00)';

function implausible(w: PlausibleRange): string {
  const range = w.latest === '' ? `before ${w.earliest}` : `outside ${w.earliest} … ${w.latest}`;
  return `an implausible date (${range}; see plausibleDates in the settings)`;
}

const ROLE: Record<Exclude<MissingColumn['role'], 'stage'>, string> = {
  createdAt: 'the lead creation date',
  id: 'Lead ID',
  channel: 'Channel',
  manager: 'Manager',
  product: 'Product',
  region: 'Region',
  amount: 'Amount',
  lostAt: 'Lost date',
  lostReason: 'Lost reason',
  currentStage: 'current stage',
  currentStageChangedAt: 'time of the current stage',
};

function role(m: MissingColumn): string {
  return m.role === 'stage' ? `stage "${m.stage ?? ''}"` : ROLE[m.role];
}

/** "in 3 rows (this is the first)" when a value repeats, else ''. */
const inRows = (rows: number) => (rows > 1 ? ` in ${rows} rows (this is the first)` : '');
const who = (rows: number) => (rows > 1 ? 'these leads are' : 'the lead is');

/** Headers quoted in the "missing column" message. */
export const HEADERS_SHOWN = 60;

export function headerList(headers: readonly string[], open: string, close: string): string {
  return (
    headers
      .slice(0, HEADERS_SHOWN)
      .map((h) => `${open}${h}${close}`)
      .join(', ') + (headers.length > HEADERS_SHOWN ? ', …' : '')
  );
}

/** Human names of the configurable columns. */
const FIELD: Record<ColumnField, string> = {
  createdAt: 'Lead creation date',
  id: 'Lead ID',
  channel: 'Channel',
  manager: 'Manager',
  product: 'Product',
  region: 'Region',
  amount: 'Amount',
  lostAt: 'Lost date',
  lostReason: 'Lost reason',
};

/** A message inside another one, in English. */
function nested(m: Message): string {
  return renderIn(EN, m);
}

export const EN: Catalogue = {
  'created.blank': () => 'The creation date is blank; the row is not counted as a lead',
  'created.notDate': (p) => `Creation date: ${DATE_REASON_EN[p.reason]}; the row is not counted as a lead`,
  'created.implausible': (p) => `Creation date: ${implausible(p)}; the row is not counted as a lead`,
  'column.headless': (p) => `Column ${p.letter} has no header but holds data (first in this row); name the column to use it`,
  'id.blank': () => 'The lead ID is blank',
  'id.duplicate': (p) => `Duplicate lead ID: the same ID is in row ${p.firstRow}; both rows are counted`,
  'stage.notDate': (p) => `Date of stage "${p.stage}": ${DATE_REASON_EN[p.reason]}; the value is ignored`,
  'stage.implausible': (p) => `Date of stage "${p.stage}": ${implausible(p)}; the value is ignored`,
  'stage.beforeCreated': (p) => `Stage "${p.stage}" is dated before the lead was created (${p.created})`,
  'lost.notDate': (p) => `Lost date: ${DATE_REASON_EN[p.reason]}; the value is ignored`,
  'lost.implausible': (p) => `Lost date: ${implausible(p)}; the value is ignored`,
  'lost.beforeCreated': (p) => `The lost date is before the lead was created (${p.created})`,
  'stageChanged.notDate': (p) => `Time of the current stage: ${DATE_REASON_EN[p.reason]}; the value is ignored`,
  'stageChanged.implausible': (p) => `Time of the current stage: ${implausible(p)}; the value is ignored`,
  'amount.notNumber': () => `Amount: ${NOT_A_NUMBER}; the value is ignored`,
  'amount.negative': () => 'The amount is negative; it is used as it is',
  'currentStage.blank': (p) => `The stage is blank${inRows(p.rows)}; ${who(p.rows)} counted at the first step`,
  'currentStage.unknown': (p) =>
    `Unknown stage${inRows(p.rows)}: it is not in the stage list of the settings; ${who(p.rows)} counted at the first step`,
  'stageOrder.implied': (p) =>
    `Stage "${p.stage}" has no date of its own for ${p.pct}% of the ${p.leads} leads counted as passing it (they reached a later stage): either it is rarely recorded, or the order is wrong and "${p.stage}" and "${p.next}" should be swapped`,
  'detect.notStageDates': (p) =>
    `Column "${p.column}" looks like a stage date column, but only ${p.dates} of ${p.sampled} sampled values are dates; it is not used as a stage (fix the values, or list the stages in the settings)`,
  'detect.swapped': (p) =>
    `Stages "${p.stageA}" and "${p.stageB}" look swapped: in ${p.reversed} of ${p.both} leads with both dates, "${p.columnB}" is earlier than "${p.columnA}". ` +
    `Swap them: move column "${p.columnB}" to the left of "${p.columnA}", or list the stages in the settings with "${p.stageB}" before "${p.stageA}"`,
  'reader.unclosedQuote': () =>
    'A quote opens this cell but is never closed; it was read as an ordinary character so that the following lines stay separate rows',
  'reader.mixedEncoding': () =>
    'The cell is not valid UTF-8 like the rest of the file (mixed encodings); it was read as Windows-1251: check the text',
  'input.emptySheet': (p) => `Sheet "${p.sheet}" is empty: there is no header row.`,
  'input.missingColumns': (p) =>
    `Sheet "${p.sheet}" has no ${p.missing.length === 1 ? 'column' : 'columns'} ${p.missing.map((m) => `"${m.name}" (${role(m)})`).join(', ')} in its header row` +
    `${p.headerRow > 1 ? ` (row ${p.headerRow})` : ''}. Its columns are: ${headerList(p.headers, '"', '"')}. ` +
    'Fix the column names in the settings or in the sheet.',
  'detect.emptySheet': () => 'The sheet is empty: there is no header row.',
  'detect.createdAtNotInHeader': (p) => `The creation date column "${p.column}" is not in the header row.`,
  'detect.noCreatedAt': () =>
    'No lead creation date column found. Name it e.g. "Created at" or "Дата создания", or choose it in the settings (columns.createdAt).',
  'detect.noStages': () =>
    'No stage columns found: add a date column for each stage to the right of the creation date (e.g. "Qualified at"), or a current stage column ("Stage", "Этап сделки").',
  'detect.unknownVocabulary': (p) =>
    `The stage column "${p.column}" has no known stage names (amoCRM, Bitrix24, HubSpot, Salesforce, Pipedrive, or New/Contacted/Qualified/Proposal/Negotiation/Won/Lost). List the stages and what each value means in the settings.`,
  'detect.mostlyUnknownStages': (p) =>
    `The stage column "${p.column}" is mostly not ${p.vocabulary} stage names: only ${p.matched} of ${p.nonBlank} rows have a known stage. ` +
    `Unknown values (rows): ${quoteCounts(p.unknown, '"', '"')}. List the stages and what each value means in the settings (currentStage.values).`,
  'detect.invalidSettings': (p) => `The settings are not valid: ${p.errors.map(nested).join('; ')}`,
  'note.headerRow': (p) => `The header is row ${p.row}; the rows above it are titles`,
  'note.column': (p) => `${FIELD[p.field]}: column "${p.column}"`,
  'note.monthFirst': () => 'Dates are read as month/day/year (values such as 02/13/2024 were found)',
  'note.timestampStages': (p) => `Stages from timestamp columns: ${p.stages.map((s) => `"${s.column}" → ${s.name}`).join(', ')}`,
  'note.closeDatesNotChangedAt': (p) =>
    `"${p.column}" is not used as the time of the current stage: open deals have dates there too (expected close dates)`,
  'note.currentStageStages': (p) =>
    `Stages from the current stage column "${p.column}" (${p.vocabulary} stage names): ${p.names.join(', ')}` +
    (p.changedAt ? `; the time of the current stage is taken from "${p.changedAt}"` : ''),
  'report.createdAfterAsOf': (p) =>
    `${p.leads} ${p.leads === 1 ? 'lead' : 'leads'} created after ${p.asOf} ${p.leads === 1 ? 'is' : 'are'} not in this report`,
  'engine.emptySheet': (p) => `${p.sheet}: the sheet is empty (no header row).`,
  'engine.badAsOf': (p) => `Report date "${p.asOf}" is not a YYYY-MM-DD date.`,
  'config.notObject': (p) => at(p, 'must be a JSON object'),
  'config.unknownSetting': (p) => at(p, 'unknown setting'),
  'config.columnsNotObject': (p) => at(p, 'must be an object mapping fields to column headers'),
  'config.unknownColumnField': (p) => at(p, `unknown column field (known: ${p.known.join(', ')})`),
  'config.notHeader': (p) => at(p, 'must be a non-empty column header'),
  'config.createdAtRequired': (p) => at(p, 'required (header of the lead creation date column)'),
  'config.stagesNotArray': (p) => at(p, 'must be an array of {name, column}'),
  'config.stageNotObject': (p) => at(p, 'must be an object {name, column}'),
  'config.required': (p) => at(p, 'required'),
  'config.duplicateStage': (p) => at(p, `duplicate stage name "${p.name}"`),
  'config.reservedStage': (p) => at(p, `"${p.name}" is reserved`),
  'config.unknownStageField': (p) => at(p, 'unknown stage field'),
  'config.currentStageNotObject': (p) => at(p, 'must be an object {column, values}'),
  'config.currentStageColumnRequired': (p) => at(p, 'required (header of the current stage column)'),
  'config.currentStageValues': (p) => at(p, 'must map each stage value to a stage name, "lead" or "lost"'),
  'config.stageTarget': (p) => at(p, 'must be one of the stage names, "lead" or "lost"'),
  'config.unknownField': (p) => at(p, 'unknown field'),
  'config.stageColumnRequired': (p) => at(p, 'required unless a currentStage column is configured'),
  'config.grain': (p) => at(p, 'must be "week", "month" or "quarter"'),
  'config.weekStartsOn': (p) => at(p, 'must be an integer 0 (Sunday) … 6 (Saturday)'),
  'config.timeZone': (p) => at(p, 'must be an IANA time zone such as "Europe/Moscow" or a fixed offset such as "GMT-07:00"'),
  'config.dateOrder': (p) => at(p, 'must be "dmy" or "mdy"'),
  'config.boolean': (p) => at(p, 'must be true or false'),
  'config.positiveInteger': (p) => at(p, 'must be a positive integer'),
  'config.significanceLevel': (p) => at(p, 'must be a number between 0 and 0.5 (e.g. 0.05)'),
  'config.minConversions': (p) => at(p, 'must be a whole number, 0 or more (e.g. 5)'),
  'config.maturityPercentile': (p) => at(p, 'must be a number between 0 and 1 (e.g. 0.8)'),
  'config.locale': (p) => at(p, 'must be "en" or "ru"'),
  'config.headerRow': (p) => at(p, 'must be the sheet row of the header, an integer 1 … 1000'),
  'config.plausibleNotObject': (p) => at(p, 'must be an object {earliest, yearsAfterReportDate}'),
  'config.earliest': (p) => at(p, 'must be a YYYY-MM-DD date (e.g. "1990-01-01")'),
  'config.yearsAfterReportDate': (p) => at(p, 'must be an integer 0 … 100 (e.g. 1)'),
  'config.noStages': (p) => at(p, 'at least one stage after "lead created" is needed'),
  'settings.notJson': (p) => at(p, `not valid JSON (${p.reason})`),
  'settings.badParts': (p) => at(p, `must be a whole number of parts from 1 to ${p.max}, found "${p.found}"`),
  // Spend input and config (issue 9: channels and money).
  'config.spendNotObject': (p) => at(p, 'must be an object {currency, rates, aliases, marginPercent, sheet}'),
  'config.spendCurrency': (p) => at(p, 'must be a three-letter currency code such as "USD" or "RUB"'),
  'config.spendRates': (p) =>
    at(p, 'must map three-letter currency codes to positive numbers (1 unit in report currency), e.g. {"USD": 92.5}'),
  'config.spendAliases': (p) => at(p, 'must map spend channel names to leads channel names, e.g. {"google / cpc": "Google Ads"}'),
  'config.spendMargin': (p) => at(p, 'must be a margin in percent, above 0 and at most 100 (e.g. 35)'),
  'spend.missingColumns': (p) =>
    `the spend sheet has no ${p.missing.join(', ')} column: found ${headerList(p.headers, '"', '"')}; no spend was read`,
  'spend.blankRow': () => 'blank row inside the spend table: skipped',
  'spend.totalRow': (p) => `"${p.label}" looks like a total or subtotal row: skipped so the spend is not counted twice`,
  'spend.badAmount': () => 'the amount is not a number (e.g. 1 234,56 ₽ or $1,234.56): row skipped',
  'spend.noAmount': () => 'no amount: row skipped',
  'spend.badDate': (p) =>
    `not a date or period (${p.reason === 'notAPeriod' ? 'expected a date, a month such as "Mar 2024" or "2024-03"' : DATE_REASON_EN[p.reason]}): row skipped`,
  'spend.noDate': () => 'no date: row skipped',
  'spend.endBeforeStart': (p) => `the period ends (${p.end}) before it starts (${p.start}): row skipped`,
  'spend.implausible': (p) => `Spend date: ${implausible(p)}; row skipped`,
  'spend.noChannel': () => 'no channel: row skipped',
  'spend.noRate': (p) =>
    `no exchange rate from ${p.currency} to the report currency ${p.reportCurrency} (settings: spend.rates): row not summed`,
  'spend.overlap': (p) =>
    `the period overlaps row ${p.otherRow} of the same channel "${p.channel}"${p.campaign ? ` and campaign "${p.campaign}"` : ''} (pasted twice?): row not summed`,
  'spend.unmatched': (p) =>
    `spend channel "${p.channel}" matches no leads channel${p.suggestion ? `; did you mean "${p.suggestion}"? (settings: spend.aliases)` : ''}`,
  'settings.partMissing': (p) => at(p, `missing (the settings were saved in ${p.parts} parts)`),
  // Sidebar and scheduled refresh (issue 11)
  'settings.tooLarge': (p) => at(p, `too large to store (${p.parts} parts of ${p.bytes} bytes)`),
  'sidebar.reportDate': (p) => at(p, 'must be a date YYYY-MM-DD (e.g. 2026-11-23)'),
  'sidebar.leadsSheet': (p) => at(p, `there is no sheet named "${p.sheet}"`),
  'schedule.hour': (p) => at(p, 'must be an hour 0 … 23'),
  'schedule.weekday': (p) => at(p, 'must be a day of the week'),
  'schedule.kind': (p) => at(p, 'must be off, daily or weekly'),
  'schedule.noTriggers': (p) => at(p, 'scheduling is not available here (no access to triggers)'),
  // Speed and SLA (issue 8)
  'sla.notObject': (p) => at(p, 'must be an object {calendar, rules}'),
  'sla.calendarNotObject': (p) => at(p, 'must be an object {days, hours, timeZone, holidays, workingDays}'),
  'sla.days': (p) => at(p, 'must be a list of week days 0 (Sunday) … 6 (Saturday), e.g. [1,2,3,4,5]'),
  'sla.hours': (p) => at(p, 'must be a list of ["HH:MM","HH:MM"] spans that do not overlap, e.g. [["09:00","13:00"],["14:00","18:00"]]'),
  'sla.isoDays': (p) => at(p, 'must be a list of YYYY-MM-DD days'),
  'sla.rulesNotArray': (p) => at(p, 'must be an array of rules {name, from, to, limit, calendar?}'),
  'sla.ruleNotObject': (p) => at(p, 'must be an object {name, from, to, limit, calendar?}'),
  'sla.duplicateRule': (p) => at(p, `duplicate rule name "${p.name}"`),
  'sla.unknownStep': (p) => at(p, `${p.rule ? `rule "${p.rule}": ` : ''}must be one of ${p.stages.map((s) => `"${s}"`).join(', ')}`),
  'sla.limit': (p) => at(p, `rule "${p.rule}": "${p.value}" is not a limit; use "15s", "30m", "4h", "2d" or a combination such as "1h30m"`),
  'sla.speedPairsNotArray': (p) => at(p, 'must be an array of pairs {from, to}'),
  'sla.speedPairNotObject': (p) => at(p, 'must be an object {from, to}'),
  'speed.negativeGap': (p) => `Stage "${p.to}" is dated before stage "${p.from}" (${p.fromTime}); the gap is left out of speed and SLA`,
  // Closed-loop feedback (issue 10).
  'config.feedback.unknownStage': (p) => at(p, `"${p.name}" is not a stage (stages: ${p.known.join(', ')})`),
  'config.feedback.textList': (p) => at(p, 'must be a list of non-empty texts'),
  'feedback.unknownVerdict': (p) => `not one of the verdicts (${p.known.join(', ')}): the lead counts as without feedback`,
  'feedback.badDate': () => 'not a date (YYYY-MM-DD or DD.MM.YYYY): left out of the Review',
  'feedback.badAttempts': () => 'not a whole number of contact attempts: left out of the Review',
  'feedback.duplicateLead': (p) => `this lead id is also on rows ${p.rows.join(', ')}: the Review reads the first of them`,
};
