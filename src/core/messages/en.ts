/** English texts of every message code (see codes.ts). */
import type { Catalogue, DateReason, MissingColumn, PlausibleRange } from './codes';

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
  'engine.emptySheet': (p) => `${p.sheet}: the sheet is empty (no header row).`,
  'engine.badAsOf': (p) => `Report date "${p.asOf}" is not a YYYY-MM-DD date.`,
};
