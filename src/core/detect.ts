/**
 * Column detection: a config from the header row (English or Russian names) and a sample of values,
 * so a pasted CRM export works without setup. Two input shapes:
 *  a) timestamp shape: date columns to the right of the creation date are the stages, left to right;
 *  b) current-stage shape: one stage column whose values follow a known CRM pipeline (amoCRM, Bitrix24,
 *     HubSpot, or plain English stage names incl. Salesforce's and Pipedrive's).
 * The header may sit under a few title lines (found among the first rows, recorded as config.headerRow).
 */
import { isBlankCell } from './cells';
import { DEFAULT_CONFIG, parseConfig } from './config';
import type { ColumnsConfig, CurrentStageConfig, FunnelConfig, StageConfig } from './config';
import { INVALID_DATE } from './time/sentinels';
import { makeDateParser } from './time/date-parser';
import type { DateParser } from './time/date-parser';
import {
  findField,
  findHeader,
  findHeaderRow,
  headerIndex,
  isFieldHeader,
  isNonStageDateHeader,
  looksLikeDateHeader,
  normalizeHeader,
  stageNameFromHeader,
} from './headers';
import { failureOf, msg, renderBoth, type Failure, type Message } from './messages';
import { swappedStagePairs } from './stage-order';
import { VOCABULARY_SHARE, openDealsHaveCloseDates, pickVocabulary } from './stage-vocabulary';
import type { CellValue, DateOrder } from './types';

export type DetectResult =
  | {
      ok: true;
      config: FunnelConfig;
      /** What detection picked, as codes with parameters; `notes` and `notesRu` are the same rendered. */
      noteMessages: Message[];
      notes: string[];
      notesRu: string[];
      /** Everything a person should look at; faces print these (the CLI to stderr) and list them as data issues. */
      warnings: DetectWarning[];
      /** Date-like columns right of the creation date that were not made stages because most values are not dates. */
      droppedStageColumns: DroppedStageColumn[];
    }
  | Failure;

export interface DroppedStageColumn {
  column: string;
  /** Sampled non-blank values that are dates, of `sampled`. */
  dates: number;
  sampled: number;
}

/** How many non-blank values of a column are looked at to decide whether it holds dates. */
const SAMPLE_VALUES = 200;
/** …and how many rows at most are scanned to find them. */
const SAMPLE_ROWS = 2000;
/** Share of non-blank sample values that must be dates for a column to be a stage timestamp. */
const DATE_SHARE = 0.8;
type OptionalColumn = Exclude<keyof ColumnsConfig, 'createdAt'>;
const OPTIONAL_COLUMNS: readonly OptionalColumn[] = ['id', 'channel', 'manager', 'product', 'region', 'amount', 'lostAt', 'lostReason'];


function fail(message: Message): DetectResult {
  return failureOf(message);
}

function headerText(v: CellValue): string {
  return String(v ?? '').trim();
}

/** Day order from slash/dash dates in the first rows: `13/02/2024` proves dmy, `02/13/2024` proves mdy. */
function detectDateOrder(rows: CellValue[][]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  const pattern = /^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{4}(?:\D|$)/;
  const end = Math.min(rows.length, SAMPLE_VALUES + 1);
  for (let r = 1; r < end; r++) {
    const row = rows[r] ?? [];
    for (const v of row) {
      if (typeof v !== 'string') continue;
      const m = pattern.exec(v);
      if (!m) continue;
      if (Number(m[1]) > 12) dmy++;
      if (Number(m[2]) > 12) mdy++;
    }
  }
  if (mdy > 0 && dmy === 0) return 'mdy';
  if (dmy > 0 && mdy === 0) return 'dmy';
  return null;
}

/** A number, or text that is only a number (`45366`, `45366.5`, `45366,5`). */
function isNumeric(v: CellValue): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^\s*\d+(?:[.,]\d+)?\s*$/.test(v));
}

/**
 * Counts dates among the first non-blank values of a column. Serial day numbers (numbers, or numbers
 * as text) count only under a header that reads like a date (`Won at`, `Дата оплаты`): elsewhere amounts
 * and counts would pass as serials.
 */
function sampleDates(rows: CellValue[][], col: number, parser: DateParser, serialsAreDates: boolean): { dates: number; nonBlank: number } {
  let dates = 0;
  let nonBlank = 0;
  const end = Math.min(rows.length, SAMPLE_ROWS + 1);
  for (let r = 1; r < end && nonBlank < SAMPLE_VALUES; r++) {
    const v = rows[r]?.[col];
    if (v === null || v === undefined || v === '') continue;
    const t = parser.parse(v);
    if (t !== t) continue; // blank or placeholder
    nonBlank++;
    if (t !== INVALID_DATE && (serialsAreDates || !isNumeric(v))) dates++;
  }
  return { dates, nonBlank };
}

/** Stage names from headers, kept unique and clear of the reserved targets `lead` and `lost`. */
function uniqueStageNames(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h) => {
    let name = stageNameFromHeader(h);
    const clash = (n: string) => used.has(n.toLowerCase()) || n.toLowerCase() === 'lead' || n.toLowerCase() === 'lost';
    if (clash(name)) name = h;
    for (let k = 2; clash(name); k++) name = `${h} (${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * A full config for `rows` (header first): DEFAULT_CONFIG, then what the header and values show,
 * then `base` on top (`base.columns` entries override single columns; `base.stages` replaces the stages).
 */
/** Something detection chose not to use that a person should look at (becomes a data issue at row 1). */
export interface DetectWarning {
  /** Sheet row of the header (where the warning is listed as a data issue). */
  row: number;
  column: string;
  /** The warning as a code with parameters (rendered in `problem` and `problemRu`). */
  message: Message;
  problem: string;
  problemRu: string;
}

function warning(row: number, column: string, message: Message): DetectWarning {
  return { row, column, message, ...rendered(message) };
}

function rendered(message: Message): { problem: string; problemRu: string } {
  const { en, ru } = renderBoth(message);
  return { problem: en, problemRu: ru };
}

export function detectConfig(allRows: CellValue[][], base: Partial<FunnelConfig> = {}): DetectResult {
  if ((allRows[0] ?? []).every(isBlankCell) && findHeaderRow(allRows, base.columns?.createdAt) < 0) {
    return fail(msg('detect.emptySheet', {}));
  }
  // The header may sit under a few title lines; from here on rows[0] is the header.
  const headerAt = base.headerRow !== undefined ? base.headerRow - 1 : Math.max(0, findHeaderRow(allRows, base.columns?.createdAt));
  const rows = headerAt === 0 ? allRows : allRows.slice(headerAt);
  const headerRow = headerAt + 1;
  const header = rows[0] ?? [];
  const index = headerIndex(header);
  const noteMessages: Message[] = [];
  const notes: string[] = [];
  const notesRu: string[] = [];
  const note = (m: Message) => {
    const { en, ru } = renderBoth(m);
    noteMessages.push(m);
    notes.push(en);
    notesRu.push(ru);
  };
  const warnings: DetectWarning[] = [];
  const droppedStageColumns: DroppedStageColumn[] = [];
  const baseColumns: Partial<ColumnsConfig> = base.columns ?? {};

  const createdIdx = baseColumns.createdAt ? findHeader(index, baseColumns.createdAt) : findField(index, 'createdAt');
  if (createdIdx < 0) {
    if (baseColumns.createdAt) {
      return fail(msg('detect.createdAtNotInHeader', { column: baseColumns.createdAt }));
    }
    return fail(msg('detect.noCreatedAt', {}));
  }
  if (headerRow > 1) {
    note(msg('note.headerRow', { row: headerRow }));
  }
  const taken = new Set<number>([createdIdx]);
  const columns: ColumnsConfig = { createdAt: headerText(header[createdIdx]) };
  note(msg('note.column', { field: 'createdAt', column: columns.createdAt }));
  for (const key of OPTIONAL_COLUMNS) {
    const given = baseColumns[key];
    if (given) {
      const i = findHeader(index, given);
      if (i >= 0) taken.add(i);
      continue;
    }
    const i = findField(index, key, taken);
    if (i < 0) continue;
    taken.add(i);
    columns[key] = headerText(header[i]);
    note(msg('note.column', { field: key, column: columns[key] ?? '' }));
  }

  const timeZone = base.timeZone ?? DEFAULT_CONFIG.timeZone;
  let dateOrder = base.dateOrder;
  if (!dateOrder) {
    const seen = detectDateOrder(rows);
    dateOrder = seen ?? DEFAULT_CONFIG.dateOrder;
    if (seen === 'mdy') note(msg('note.monthFirst', {}));
  }

  let stages: StageConfig[];
  let currentStage: CurrentStageConfig | undefined;
  if (base.stages && base.stages.length > 0) {
    stages = base.stages;
    currentStage = base.currentStage;
  } else {
    const parser = makeDateParser({ timeZone, dateOrder });
    const stageHeaders: string[] = [];
    const stageCols: number[] = [];
    for (let j = createdIdx + 1; j < header.length; j++) {
      const key = normalizeHeader(header[j]);
      // Blank headers, later duplicates (unreachable by name), known fields and bookkeeping dates are skipped.
      if (key === '' || index.get(key) !== j || taken.has(j)) continue;
      if (isNonStageDateHeader(header[j]) || isFieldHeader(header[j], 'currentStage')) continue;
      const { dates, nonBlank } = sampleDates(rows, j, parser, looksLikeDateHeader(header[j]));
      const isStage = nonBlank > 0 ? dates >= DATE_SHARE * nonBlank : looksLikeDateHeader(header[j]);
      if (isStage) {
        stageHeaders.push(headerText(header[j]));
        stageCols.push(j);
      } else if (dates > 0 || looksLikeDateHeader(header[j])) {
        const column = headerText(header[j]);
        droppedStageColumns.push({ column, dates, sampled: nonBlank });
        warnings.push(warning(headerRow, column, msg('detect.notStageDates', { column, dates, sampled: nonBlank })));
      }
    }
    if (stageHeaders.length > 0) {
      const names = uniqueStageNames(stageHeaders);
      stages = stageHeaders.map((column, i) => ({ name: names[i], column }));
      for (const { k, reversed, both } of swappedStagePairs(rows, stageCols, parser)) {
        const [a, b] = [names[k], names[k + 1]];
        const [colA, colB] = [stageHeaders[k], stageHeaders[k + 1]];
        const swapped = msg('detect.swapped', { stageA: a, stageB: b, columnA: colA, columnB: colB, reversed, both });
        warnings.push(warning(headerRow, colB, swapped));
      }
      note(msg('note.timestampStages', { stages: stageHeaders.map((column, i) => ({ column, name: names[i] })) }));
    } else {
      const stageIdx = base.currentStage?.column ? findHeader(index, base.currentStage.column) : findField(index, 'currentStage', taken);
      if (stageIdx < 0) {
        return fail(msg('detect.noStages', {}));
      }
      const stageColumn = headerText(header[stageIdx]);
      const picked = pickVocabulary(rows, stageIdx);
      const { vocabulary, matched, nonBlank, unknown } = picked;
      if (!vocabulary) {
        return fail(msg('detect.unknownVocabulary', { column: stageColumn }));
      }
      if (matched < VOCABULARY_SHARE * nonBlank) {
        return fail(msg('detect.mostlyUnknownStages', { column: stageColumn, vocabulary: vocabulary.name, matched, nonBlank, unknown }));
      }
      taken.add(stageIdx);
      // A Russian report names the stages in Russian (for amoCRM and Bitrix24, the CRM's own labels).
      const names = base.locale === 'ru' ? vocabulary.stagesRu : vocabulary.stages;
      const rename = new Map(vocabulary.stages.map((en, i) => [en, names[i]] as const));
      stages = names.map((name) => ({ name }));
      let changedAt = base.currentStage?.changedAt;
      if (!changedAt) {
        let i = findField(index, 'changedAt', taken);
        if (i < 0) {
          i = findField(index, 'closedAt', taken);
          const parser = makeDateParser({ timeZone, dateOrder });
          if (i >= 0 && openDealsHaveCloseDates(rows, stageIdx, i, vocabulary, parser)) {
            const closed = headerText(header[i]);
            note(msg('note.closeDatesNotChangedAt', { column: closed }));
            i = -1;
          }
        }
        if (i >= 0) changedAt = headerText(header[i]);
      }
      const values = Object.fromEntries(Object.entries(vocabulary.values).map(([raw, target]) => [raw, rename.get(target) ?? target]));
      currentStage = { column: stageColumn, values, ...(changedAt ? { changedAt } : {}) };
      note(msg('note.currentStageStages', { column: stageColumn, vocabulary: vocabulary.name, names: [...names], changedAt: changedAt ?? '' }));
    }
  }

  const { columns: _c, stages: _s, currentStage: _cs, ...baseRest } = base;
  const config: FunnelConfig = {
    ...DEFAULT_CONFIG,
    ...baseRest,
    timeZone,
    dateOrder,
    ...(headerRow > 1 ? { headerRow } : {}),
    columns: { ...columns, ...stripUndefined(baseColumns) },
    stages,
    ...(currentStage ? { currentStage } : {}),
  };
  // Safety net: the detected config must be one the settings validator accepts as well.
  const checked = parseConfig(JSON.parse(JSON.stringify(config)));
  if (!checked.ok) {
    return fail(msg('detect.invalidSettings', { errors: checked.problems }));
  }
  return { ok: true, config, noteMessages, notes, notesRu, warnings, droppedStageColumns };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
