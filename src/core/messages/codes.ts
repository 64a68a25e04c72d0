/**
 * Message codes of the engine and their parameters: the one list of what the engine can say about the
 * data, the settings and what it detected. A data issue, a config error, an input error, a failed
 * outcome or a detection note carries a code and its parameters (plain JSON data); each language
 * renders it from its own catalogue (en.ts, ru.ts), whose type is `Catalogue`, so a code without a
 * rendering in some language is a compile error. The `problem`/`problemRu`, `error`/`errorRu`,
 * `message`/`messageRu` and `notes`/`notesRu` texts that faces and the JSON output show are these
 * renderings, made where the message is created.
 *
 * To add a message: add its code and parameter type here, then its text to every catalogue, then a
 * sample in test/core/messages.test.ts (a compile error until added too).
 * To add a language: add a catalogue beside en.ts and ru.ts, and its locale to `CATALOGUES` in render.ts.
 *
 * Strings of one face only (menus, CLI usage, report tab labels) are not here: they live in that face's
 * catalogue (src/cli/messages.ts, src/sheets/i18n.ts, src/report/i18n.ts), likewise one object per language.
 */

/** Why a value is not a date (the date parser keeps one of these per failure; see time/date-errors.ts). */
export type DateReason = 'notADate' | 'noSuchDay' | 'badTime' | 'twoDigitYear' | 'numberAsText' | 'serialRange' | 'boolean' | 'invalidDate';

/** The plausible-date window of a run: `latest` is '' when only the lower bound is known. */
export interface PlausibleRange {
  earliest: string;
  latest: string;
}

/** A configured column the header lacks, and what it was configured for. */
export type ColumnRole =
  | 'createdAt'
  | 'id'
  | 'channel'
  | 'manager'
  | 'product'
  | 'region'
  | 'amount'
  | 'lostAt'
  | 'lostReason'
  | 'stage'
  | 'currentStage'
  | 'currentStageChangedAt';

/** A configurable column (the keys of `columns` in the settings). */
export type ColumnField = 'createdAt' | 'id' | 'channel' | 'manager' | 'product' | 'region' | 'amount' | 'lostAt' | 'lostReason';

/** `stage` names the stage when the role is 'stage'. */
export interface MissingColumn {
  name: string;
  role: ColumnRole;
  stage?: string;
}

export interface MessageParams {
  // Data issues of ingestion (one per cell or row).
  'created.blank': Record<string, never>;
  'created.notDate': { reason: DateReason };
  'created.implausible': PlausibleRange;
  'column.headless': { letter: string };
  'id.blank': Record<string, never>;
  'id.duplicate': { firstRow: number };
  'stage.notDate': { stage: string; reason: DateReason };
  'stage.implausible': PlausibleRange & { stage: string };
  'stage.beforeCreated': { stage: string; created: string };
  'lost.notDate': { reason: DateReason };
  'lost.implausible': PlausibleRange;
  'lost.beforeCreated': { created: string };
  'stageChanged.notDate': { reason: DateReason };
  'stageChanged.implausible': PlausibleRange;
  'amount.notNumber': Record<string, never>;
  'amount.negative': Record<string, never>;
  'currentStage.blank': { rows: number };
  'currentStage.unknown': { rows: number };
  // Data issues of the whole input (warnings at the header row).
  'stageOrder.implied': { stage: string; next: string; pct: number; leads: number };
  'detect.notStageDates': { column: string; dates: number; sampled: number };
  'detect.swapped': { stageA: string; stageB: string; columnA: string; columnB: string; reversed: number; both: number };
  // Data issues found by a file reader (CLI).
  'reader.unclosedQuote': Record<string, never>;
  'reader.mixedEncoding': Record<string, never>;
  // Input the engine cannot use at all.
  'input.emptySheet': { sheet: string };
  'input.missingColumns': { sheet: string; headerRow: number; missing: MissingColumn[]; headers: string[] };
  'detect.emptySheet': Record<string, never>;
  'detect.createdAtNotInHeader': { column: string };
  'detect.noCreatedAt': Record<string, never>;
  'detect.noStages': Record<string, never>;
  'detect.unknownVocabulary': { column: string };
  'detect.mostlyUnknownStages': {
    column: string;
    vocabulary: string;
    matched: number;
    nonBlank: number;
    unknown: { value: string; rows: number }[];
  };
  /** The config detection was given is invalid: each of its errors is a message of its own. */
  'detect.invalidSettings': { errors: Message[] };
  'engine.emptySheet': { sheet: string };
  /** Leads created after the report date, left out of the cohorts (said on the report, never silently dropped). */
  'report.createdAfterAsOf': { leads: number; asOf: string };
  // Notes of column detection: what was picked, printed by the CLI and shown by the add-on.
  'note.headerRow': { row: number };
  'note.column': { field: ColumnField; column: string };
  'note.monthFirst': Record<string, never>;
  'note.timestampStages': { stages: { column: string; name: string }[] };
  'note.closeDatesNotChangedAt': { column: string };
  /** `changedAt` is '' when no column gives the time of the current stage. */
  'note.currentStageStages': { column: string; vocabulary: string; names: string[]; changedAt: string };
  'engine.badAsOf': { asOf: string };
  // Config and saved-settings errors: each names the key path it is about (`columns.budget`), rendered first.
  'config.notObject': { path: string };
  'config.unknownSetting': { path: string };
  'config.columnsNotObject': { path: string };
  'config.unknownColumnField': { path: string; known: string[] };
  'config.notHeader': { path: string };
  'config.createdAtRequired': { path: string };
  'config.stagesNotArray': { path: string };
  'config.stageNotObject': { path: string };
  'config.required': { path: string };
  'config.duplicateStage': { path: string; name: string };
  'config.reservedStage': { path: string; name: string };
  'config.unknownStageField': { path: string };
  'config.currentStageNotObject': { path: string };
  'config.currentStageColumnRequired': { path: string };
  'config.currentStageValues': { path: string };
  'config.stageTarget': { path: string };
  'config.unknownField': { path: string };
  'config.stageColumnRequired': { path: string };
  'config.grain': { path: string };
  'config.weekStartsOn': { path: string };
  'config.timeZone': { path: string };
  'config.dateOrder': { path: string };
  'config.boolean': { path: string };
  'config.positiveInteger': { path: string };
  'config.significanceLevel': { path: string };
  'config.minConversions': { path: string };
  'config.maturityPercentile': { path: string };
  'config.locale': { path: string };
  'config.headerRow': { path: string };
  'config.plausibleNotObject': { path: string };
  'config.earliest': { path: string };
  'config.yearsAfterReportDate': { path: string };
  'config.noStages': { path: string };
  'settings.notJson': { path: string; reason: string };
  'settings.badParts': { path: string; max: number; found: string };
  'settings.partMissing': { path: string; parts: number };
  // Sidebar and scheduled refresh (issue 11)
  'settings.tooLarge': { path: string; parts: number; bytes: number };
  'sidebar.reportDate': { path: string };
  'sidebar.leadsSheet': { path: string; sheet: string };
  'schedule.hour': { path: string };
  'schedule.weekday': { path: string };
  'schedule.kind': { path: string };
  'schedule.noTriggers': { path: string };
  // Spend input and config (issue 9: channels and money).
  'config.spendNotObject': { path: string };
  'config.spendCurrency': { path: string };
  'config.spendRates': { path: string };
  'config.spendAliases': { path: string };
  'config.spendMargin': { path: string };
  'spend.missingColumns': { missing: string[]; headers: string[] };
  'spend.blankRow': Record<string, never>;
  'spend.totalRow': { label: string };
  'spend.badAmount': Record<string, never>;
  'spend.noAmount': Record<string, never>;
  'spend.badDate': { reason: DateReason | 'notAPeriod' };
  'spend.noDate': Record<string, never>;
  'spend.endBeforeStart': { start: string; end: string };
  'spend.implausible': PlausibleRange;
  'spend.noChannel': Record<string, never>;
  'spend.noRate': { currency: string; reportCurrency: string };
  'spend.overlap': { otherRow: number; channel: string; campaign: string };
  'spend.unmatched': { channel: string; suggestion: string };
  // Speed and SLA (issue 8): settings errors of `sla` / `speedPairs`, and a negative gap between two stages.
  'sla.notObject': { path: string };
  'sla.calendarNotObject': { path: string };
  'sla.days': { path: string };
  'sla.hours': { path: string };
  'sla.isoDays': { path: string };
  'sla.rulesNotArray': { path: string };
  'sla.ruleNotObject': { path: string };
  'sla.duplicateRule': { path: string; name: string };
  'sla.unknownStep': { path: string; rule: string; stages: string[] };
  'sla.limit': { path: string; rule: string; value: string };
  'sla.speedPairsNotArray': { path: string };
  'sla.speedPairNotObject': { path: string };
  'speed.negativeGap': { from: string; to: string; fromTime: string };
  // Closed-loop feedback (issue 10): the `feedback` config key.
  'config.feedback.unknownStage': { path: string; name: string; known: string[] };
  'config.feedback.textList': { path: string };
  'feedback.unknownVerdict': { known: string[] };
  'feedback.badDate': Record<string, never>;
  'feedback.badAttempts': Record<string, never>;
  'feedback.duplicateLead': { rows: number[] };
}

export type MessageCode = keyof MessageParams;

/** A code with its parameters; `Message<'id.duplicate'>` is one code's, `Message` any code's. */
export type Message<C extends MessageCode = MessageCode> = { [K in C]: { code: K; params: MessageParams[K] } }[C];

/** One language's texts: a function of the parameters for every code. */
export type Catalogue = { [K in MessageCode]: (params: MessageParams[K]) => string };

export type Locale = 'en' | 'ru';

/** A config error's key path first, then its text: `columns.budget: unknown column field …`. */
export function at(p: { path: string }, text: string): string {
  return `${p.path}: ${text}`;
}

/**
 * A message in one catalogue. The cast only restates that the code and the parameters of a `Message`
 * belong together, which TypeScript cannot follow through the union.
 */
export function renderIn(catalogue: Catalogue, m: Message): string {
  return (catalogue[m.code] as (params: Message['params']) => string)(m.params);
}

/** Builds a message (the parameters are checked against the code). */
export function msg<K extends MessageCode>(code: K, params: MessageParams[K]): Message<K> {
  return { code, params } as Message<K>;
}
