/**
 * Ingestion: sheet rows (header first, possibly under a few title lines) → columnar leads + data
 * issues. Column indexes are resolved once; the row loop allocates nothing per row beyond the strings
 * the lead table keeps (ids, reasons). Every problem becomes a DataIssue naming sheet, row and column,
 * including dates outside the plausible window (plausible.ts); only a configured column that the header
 * lacks stops the run (InputError).
 */
import { STAGE_TARGET_LEAD, STAGE_TARGET_LOST } from './config';
import type { FunnelConfig } from './config';
import { INVALID_DATE } from './time/sentinels';
import { formatWallDateTime } from './time/format';
import { isDateObject, makeDateParser } from './time/date-parser';
import type { DateParser } from './time/date-parser';
import { columnLetter } from './a1';
import { isBlankCell } from './cells';
import { InputError } from './errors';
import { mergeByRow, missingColumnsError, unknownStageIssues } from './ingest-issues';
import { COLUMN_LABELS, HEADER_SCAN_ROWS, findHeader, headerIndex, normalizeStageValue } from './headers';
import { AMOUNT_ERROR, INVALID_AMOUNT, parseAmount } from './numbers';
import { SLICE_KEYS, UNKNOWN_TIME } from './types';
import type { CellValue, DataIssue, IngestResult, LeadTable, SliceColumn, SliceKey } from './types';
import { implausibleText, plausibleWindow } from './plausible';
import { DAY_MS } from './time/wall-time';

/**
 * Where ingestion reads its rows from: a cursor over data rows (the header is separate). `ingestRows`
 * wraps a `CellValue[][]`; the CLI's CSV reader implements it over raw bytes, decoding a cell only when
 * ingestion asks for it. Every method must give exactly what the same cell as a `CellValue` would give.
 */
export interface RowSource {
  /** Row 1. */
  readonly header: readonly CellValue[];
  /** At least the number of data rows still to come (storage is sized by it, then trimmed). */
  readonly capacity: number;
  /** Moves to the next data row; false when there is none. */
  next(): boolean;
  /** Spreadsheet row number of the current row (header = 1). */
  rowNumber(): number;
  /** Number of cells in the current row; 0 = no row at all (skipped silently). */
  width(): number;
  /** The cell of the current row in column `col` (undefined past the row's end). */
  cell(col: number): CellValue;
  /** `parser.parse(cell(col))`; a source may read common shapes without building the value. */
  date(col: number, parser: DateParser): number;
  /**
   * `resolve(cell(col))` for a `resolve` that always gives the same number for the same cell content;
   * a source may remember results per raw content. `slot` tells different resolvers apart.
   */
  cached(col: number, slot: number, resolve: (v: CellValue) => number): number;
  /** True when every cell of the current row is blank (an unchecked checkbox counts as blank). */
  isEmptyRow(): boolean;
}

export interface IngestOptions {
  config: FunnelConfig;
  /** Sheet (or file) name used in data issues. */
  sheet: string;
  /**
   * Report date `YYYY-MM-DD`: dates more than `config.plausibleDates.yearsAfterReportDate` years after it
   * are implausible. Without it only the lower bound (`plausibleDates.earliest`) is checked.
   */
  asOf?: string;
}

const LEAD = -1;
const LOST = -2;
const UNKNOWN = -3;
const MINUTE_MS = 60_000;
/** Distinct raw stage values remembered per run (more would mean the column is not a stage column). */
const STAGE_CACHE_LIMIT = 10_000;


interface SliceState {
  key: SliceKey;
  col: number;
  codes: Int32Array;
  values: string[];
  /** Raw cell text (trimmed or not) → code. */
  lookup: Map<string, number>;
  /** Cell → code, adding first-seen values to `values`. */
  resolve: (v: CellValue) => number;
}

/** Blank for ingestion: also an unchecked checkbox (false), so a row of unticked boxes is an empty row. */
function isBlankForIngest(v: CellValue): boolean {
  return v === false || isBlankCell(v);
}

/**
 * First occurrence of each lead ID: open addressing over an Int32Array sized for every row up front
 * (so it never grows past half full). A Map of a million fresh strings costs several times more.
 * While the IDs arrive in increasing order (CRM exports are usually sorted by ID), each new one is
 * greater than every earlier one and so cannot repeat: the table is filled only when that stops.
 */
class IdIndex {
  /** Pairs (hash, lead + 1) per slot: a probe compares hashes in place and reads an ID string only on a hash match. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private increasing = true;
  private last = '';

  constructor(
    private readonly ids: readonly string[],
    maxEntries: number,
  ) {
    let n = 16;
    while (n < maxEntries * 2) n *= 2;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
  }

  /** Lead index of an earlier lead with this ID, or -1 after recording `lead` as its first occurrence (ids[lead] = id). */
  firstOrAdd(id: string, lead: number): number {
    if (this.increasing) {
      if (id > this.last) {
        this.last = id;
        return -1;
      }
      this.increasing = false;
      // Every earlier non-blank ID went through here and was distinct.
      for (let j = 0; j < lead; j++) if (this.ids[j] !== '') this.insert(this.ids[j], j);
    }
    return this.insert(id, lead);
  }

  private insert(id: string, lead: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const slot = slots[2 * i + 1];
      if (slot === 0) break;
      if (slots[2 * i] === h && this.ids[slot - 1] === id) return slot - 1;
      i = (i + 1) & this.mask;
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = lead + 1;
    return -1;
  }
}

/** Fully empty rows are skipped silently (an unchecked checkbox counts as empty). */
function isEmptyRow(row: readonly CellValue[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlankForIngest(row[i])) return false;
  return true;
}

/**
 * Stage time earlier than the creation time, compared at the stage value's own precision: a date-only
 * stage on the creation day, or a whole-minute stage in the creation minute (amoCRM rounds close times
 * down to the minute), is not "before".
 */
function isBeforeCreation(t: number, created: number): boolean {
  if (!(t < created)) return false;
  if (t % DAY_MS === 0) return Math.floor(t / DAY_MS) < Math.floor(created / DAY_MS);
  if (t % MINUTE_MS === 0) return Math.floor(t / MINUTE_MS) < Math.floor(created / MINUTE_MS);
  return true;
}

/** The cells of the source's current row. */
function currentRow(src: RowSource): CellValue[] {
  const row = new Array<CellValue>(src.width());
  for (let c = 0; c < row.length; c++) row[c] = src.cell(c);
  return row;
}

/**
 * The header row: `config.headerRow` when set (the rows above it are skipped); else row 1 when it names
 * the creation column, else the first of the next rows (up to HEADER_SCAN_ROWS in all) that does, so a
 * few title lines above the header need no setting. Leaves the source on the header row.
 */
function locateHeader(src: RowSource, config: FunnelConfig): { header: readonly CellValue[]; headerRowNo: number } {
  const wanted = config.headerRow ?? 1;
  let header = src.header;
  let headerRowNo = 1;
  while (headerRowNo < wanted) {
    if (!src.next()) return { header: [], headerRowNo: wanted };
    headerRowNo = src.rowNumber();
    header = currentRow(src);
  }
  if (config.headerRow !== undefined || findHeader(headerIndex(header), config.columns.createdAt) >= 0) return { header, headerRowNo };
  const first = { header, headerRowNo };
  while (src.next() && src.rowNumber() <= HEADER_SCAN_ROWS) {
    const row = currentRow(src);
    if (findHeader(headerIndex(row), config.columns.createdAt) >= 0) return { header: row, headerRowNo: src.rowNumber() };
  }
  return first; // not found: the error names the columns of row 1
}

/** `CellValue[][]` (header first) as a RowSource. */
class ArrayRowSource implements RowSource {
  readonly header: readonly CellValue[];
  readonly capacity: number;
  private r = 0;
  private row: readonly CellValue[] = [];

  constructor(private readonly rows: readonly (readonly CellValue[] | undefined)[]) {
    this.header = rows[0] ?? [];
    this.capacity = Math.max(0, rows.length - 1);
  }

  next(): boolean {
    if (++this.r >= this.rows.length) return false;
    this.row = this.rows[this.r] ?? [];
    return true;
  }

  rowNumber(): number {
    return this.r + 1;
  }

  width(): number {
    return this.row.length;
  }

  cell(col: number): CellValue {
    return this.row[col];
  }

  date(col: number, parser: DateParser): number {
    return parser.parse(this.row[col]);
  }

  cached(col: number, _slot: number, resolve: (v: CellValue) => number): number {
    return resolve(this.row[col]);
  }

  isEmptyRow(): boolean {
    return isEmptyRow(this.row);
  }
}

export function ingestRows(rows: CellValue[][], opts: IngestOptions): IngestResult {
  return ingestSource(new ArrayRowSource(rows), opts);
}

/** Ingestion over any row source: the one implementation of the ingestion rules. */
export function ingestSource(src: RowSource, opts: IngestOptions): IngestResult {
  const { config, sheet } = opts;
  const { header, headerRowNo } = locateHeader(src, config);
  if (header.length === 0) {
    throw new InputError(`Sheet "${sheet}" is empty: there is no header row.`, `Лист «${sheet}» пуст: нет строки заголовков.`);
  }
  const index = headerIndex(header);
  const createdIdx = findHeader(index, config.columns.createdAt);
  if (createdIdx < 0) {
    throw missingColumnsError([{ name: config.columns.createdAt, what: 'the lead creation date', whatRu: 'дата создания лида' }], header, headerRowNo, sheet);
  }

  const issues: DataIssue[] = [];
  const plausible = plausibleWindow(config.plausibleDates, opts.asOf);
  const lo = plausible.earliest;
  const hi = plausible.latest;
  const implausible = implausibleText(plausible);
  const dateOpts = { timeZone: config.timeZone, dateOrder: config.dateOrder };
  const createdParser = makeDateParser(dateOpts);
  const headerName = (col: number): string => String(header[col] ?? '').trim();
  const valueText = (v: CellValue): string => {
    if (isDateObject(v)) return formatWallDateTime(createdParser.instantToWall(v.getTime()));
    return v === null || v === undefined ? '' : String(v);
  };
  const issue = (row: number, col: number, v: CellValue, problem: string, problemRu: string, severity: DataIssue['severity']) => {
    issues.push({ sheet, row, column: col >= 0 ? headerName(col) : '', ...(col >= 0 ? { col } : {}), value: valueText(v), problem, problemRu, severity });
  };
  /** Configured columns the header lacks: the input is unusable (InputError below, naming them all). */
  const missing: { name: string; what: string; whatRu: string }[] = [];
  /** Index of a configured column, or -1 (not configured, or recorded in `missing`). */
  const resolve = (name: string | undefined, what: string, whatRu: string): number => {
    if (!name) return -1;
    const col = findHeader(index, name);
    if (col < 0) missing.push({ name, what, whatRu });
    return col;
  };
  const optional = (key: Exclude<keyof typeof COLUMN_LABELS, 'createdAt'>) => resolve(config.columns[key], ...COLUMN_LABELS[key]);

  const idIdx = optional('id');
  const amountIdx = optional('amount');
  const lostAtIdx = optional('lostAt');
  const lostReasonIdx = optional('lostReason');
  const stages = config.stages;
  const stageCount = stages.length;
  const stageIdx = stages.map((s) => resolve(s.column, `stage "${s.name}"`, `этап «${s.name}»`));
  const stageParsers: DateParser[] = stages.map(() => makeDateParser(dateOpts));
  const lostParser = makeDateParser(dateOpts);
  const changedParser = makeDateParser(dateOpts);

  const cs = config.currentStage;
  const csIdx = cs ? resolve(cs.column, 'current stage', 'текущий этап') : -1;
  const changedIdx = cs && csIdx >= 0 ? resolve(cs.changedAt, 'time of the current stage', 'время текущего этапа') : -1;
  const stageTargets = new Map<string, number>();
  if (cs) {
    const byName = new Map(stages.map((s, i) => [s.name.trim().toLowerCase(), i] as const));
    for (const [raw, target] of Object.entries(cs.values)) {
      const t = target.trim().toLowerCase();
      const code = t === STAGE_TARGET_LEAD ? LEAD : t === STAGE_TARGET_LOST ? LOST : byName.get(t);
      if (code !== undefined) stageTargets.set(normalizeStageValue(raw), code);
    }
  }
  const stageCache = new Map<string, number>();
  /** Blank ('') or unknown current-stage values: one data issue per distinct value, at its first row, with its row count. */
  const unknownStages = new Map<string, { row: number; value: CellValue; rows: number }>();
  const stageCode = (v: CellValue): number => {
    if (typeof v === 'string') {
      const cached = stageCache.get(v);
      if (cached !== undefined) return cached;
      const code = stageTargets.get(normalizeStageValue(v)) ?? UNKNOWN;
      if (stageCache.size < STAGE_CACHE_LIMIT) stageCache.set(v, code);
      return code;
    }
    return stageTargets.get(normalizeStageValue(v)) ?? UNKNOWN;
  };

  const cap = src.capacity;
  const rowNumbers = new Int32Array(cap);
  const createdAt = new Float64Array(cap);
  const stageTimes = stages.map(() => new Float64Array(cap).fill(NaN));
  const lostAt = new Float64Array(cap).fill(NaN);
  const furthestUnknown = new Uint8Array(cap);
  const amount = new Float64Array(cap).fill(NaN);
  // Filled up front (cheap, and no growth garbage); trimmed to the lead count at the end.
  const ids: string[] = new Array<string>(cap).fill('');
  const lostReason: string[] = new Array<string>(cap).fill('');
  const cellText = (v: CellValue): string => {
    if (typeof v === 'string') return v.trim();
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return valueText(v);
  };

  const sliceStates: SliceState[] = [];
  for (const key of SLICE_KEYS) {
    const col = optional(key);
    if (col >= 0) {
      const sl: SliceState = { key, col, codes: new Int32Array(cap), values: [], lookup: new Map(), resolve: () => 0 };
      sl.resolve = (v) => {
        const raw = typeof v === 'string' ? v : cellText(v);
        let code = sl.lookup.get(raw);
        if (code === undefined) {
          const text = raw.trim();
          code = sl.lookup.get(text);
          if (code === undefined) {
            code = sl.values.length;
            sl.values.push(text);
            sl.lookup.set(text, code);
          }
          sl.lookup.set(raw, code);
        }
        return code;
      };
      sliceStates.push(sl);
    }
  }
  if (missing.length > 0) throw missingColumnsError(missing, header, headerRowNo, sheet);
  const seenIds = new IdIndex(ids, idIdx >= 0 ? cap : 0);
  // Columns whose header cell is blank (e.g. the right half of a merged header) cannot be used; if
  // they hold data, say so once per column instead of dropping it silently.
  const headless: number[] = [];
  for (let c = 0; c < header.length; c++) if (isBlankForIngest(header[c])) headless.push(c);
  let widest = header.length;

  let count = 0;
  let rowsRead = 0;
  while (src.next()) {
    if (src.width() === 0) continue;
    const rowNo = src.rowNumber();
    const created = src.date(createdIdx, createdParser);
    if (created !== created) {
      if (src.isEmptyRow()) continue;
      rowsRead++;
      issue(rowNo, createdIdx, src.cell(createdIdx), 'The creation date is blank; the row is not counted as a lead',
        'Дата создания не заполнена; строка не учтена как лид', 'error');
      continue;
    }
    rowsRead++;
    const width = src.width();
    if (width > widest) {
      for (let c = widest; c < width; c++) headless.push(c);
      widest = width;
    }
    for (let h = 0; h < headless.length; h++) {
      const c = headless[h];
      if (c < 0) continue;
      const v = src.cell(c);
      if (isBlankForIngest(v)) continue;
      const letter = columnLetter(c);
      issues.push({
        sheet, row: rowNo, column: letter, col: c, value: valueText(v),
        problem: `Column ${letter} has no header but holds data (first in this row); name the column to use it`,
        problemRu: `У столбца ${letter} нет заголовка, но в нём есть данные (впервые в этой строке); назовите столбец, чтобы он учитывался`,
        severity: 'warning',
      });
      headless[h] = -1;
    }
    if (created === INVALID_DATE) {
      const e = createdParser.lastError();
      issue(rowNo, createdIdx, src.cell(createdIdx), `Creation date: ${e.error}; the row is not counted as a lead`,
        `Дата создания: ${e.errorRu}; строка не учтена как лид`, 'error');
      continue;
    }
    if (created < lo || created > hi) {
      issue(rowNo, createdIdx, src.cell(createdIdx), `Creation date: ${implausible.en}; the row is not counted as a lead`,
        `Дата создания: ${implausible.ru}; строка не учтена как лид`, 'error');
      continue;
    }
    const k = count++;
    rowNumbers[k] = rowNo;
    createdAt[k] = created;

    if (idIdx >= 0) {
      const idValue = src.cell(idIdx);
      const id = cellText(idValue);
      ids[k] = id;
      if (id === '') {
        issue(rowNo, idIdx, idValue, 'The lead ID is blank', 'ID лида не заполнен', 'warning');
      } else {
        const firstLead = seenIds.firstOrAdd(id, k);
        if (firstLead >= 0) {
          const first = rowNumbers[firstLead];
          issue(rowNo, idIdx, idValue, `Duplicate lead ID: the same ID is in row ${first}; both rows are counted`,
            `ID лида повторяется: такой же ID в строке ${first}; учтены обе строки`, 'warning');
        }
      }
    }

    for (let s = 0; s < stageCount; s++) {
      const col = stageIdx[s];
      if (col < 0) continue;
      const parser = stageParsers[s];
      const t = src.date(col, parser);
      if (t !== t) continue;
      if (t === INVALID_DATE) {
        const e = parser.lastError();
        issue(rowNo, col, src.cell(col), `Date of stage "${stages[s].name}": ${e.error}; the value is ignored`,
          `Дата этапа «${stages[s].name}»: ${e.errorRu}; значение не учтено`, 'error');
        continue;
      }
      if (t < lo || t > hi) {
        issue(rowNo, col, src.cell(col), `Date of stage "${stages[s].name}": ${implausible.en}; the value is ignored`,
          `Дата этапа «${stages[s].name}»: ${implausible.ru}; значение не учтено`, 'error');
        continue;
      }
      stageTimes[s][k] = t;
      if (isBeforeCreation(t, created)) {
        issue(rowNo, col, src.cell(col), `Stage "${stages[s].name}" is dated before the lead was created (${formatWallDateTime(created)})`,
          `Этап «${stages[s].name}» датирован раньше создания лида (${formatWallDateTime(created)})`, 'warning');
      }
    }

    if (lostAtIdx >= 0) {
      const t = src.date(lostAtIdx, lostParser);
      if (t === INVALID_DATE) {
        const e = lostParser.lastError();
        issue(rowNo, lostAtIdx, src.cell(lostAtIdx), `Lost date: ${e.error}; the value is ignored`, `Дата отказа: ${e.errorRu}; значение не учтено`, 'error');
      } else if (t < lo || t > hi) {
        issue(rowNo, lostAtIdx, src.cell(lostAtIdx), `Lost date: ${implausible.en}; the value is ignored`, `Дата отказа: ${implausible.ru}; значение не учтено`, 'error');
      } else if (t === t) {
        lostAt[k] = t;
        if (isBeforeCreation(t, created)) {
          issue(rowNo, lostAtIdx, src.cell(lostAtIdx), `The lost date is before the lead was created (${formatWallDateTime(created)})`,
            `Дата отказа раньше создания лида (${formatWallDateTime(created)})`, 'warning');
        }
      }
    }

    if (csIdx >= 0) {
      let changed = NaN;
      let changedValue: CellValue = undefined;
      if (changedIdx >= 0) {
        changedValue = src.cell(changedIdx);
        changed = changedParser.parse(changedValue);
        if (changed === INVALID_DATE) {
          const e = changedParser.lastError();
          issue(rowNo, changedIdx, changedValue, `Time of the current stage: ${e.error}; the value is ignored`,
            `Время текущего этапа: ${e.errorRu}; значение не учтено`, 'error');
          changed = NaN;
        } else if (changed < lo || changed > hi) {
          issue(rowNo, changedIdx, changedValue, `Time of the current stage: ${implausible.en}; the value is ignored`,
            `Время текущего этапа: ${implausible.ru}; значение не учтено`, 'error');
          changed = NaN;
        }
      }
      const stageValue = src.cell(csIdx);
      const code = stageCode(stageValue);
      if (code >= 0) {
        for (let s = 0; s <= code; s++) {
          const times = stageTimes[s];
          if (times[k] !== times[k]) times[k] = UNKNOWN_TIME;
        }
        if (changed === changed && stageTimes[code][k] === UNKNOWN_TIME) {
          stageTimes[code][k] = changed;
          if (isBeforeCreation(changed, created)) {
            issue(rowNo, changedIdx, changedValue, `Stage "${stages[code].name}" is dated before the lead was created (${formatWallDateTime(created)})`,
              `Этап «${stages[code].name}» датирован раньше создания лида (${formatWallDateTime(created)})`, 'warning');
          }
        }
      } else if (code === LOST) {
        if (lostAt[k] !== lostAt[k]) lostAt[k] = changed === changed ? changed : UNKNOWN_TIME;
        furthestUnknown[k] = 1;
      } else if (code === UNKNOWN) {
        const key = isBlankForIngest(stageValue) ? '' : cellText(stageValue);
        const seen = unknownStages.get(key);
        if (seen) seen.rows++;
        else unknownStages.set(key, { row: rowNo, value: stageValue, rows: 1 });
      }
    }

    if (amountIdx >= 0) {
      const v = src.cell(amountIdx);
      const a = parseAmount(v);
      if (a === INVALID_AMOUNT) {
        issue(rowNo, amountIdx, v, `Amount: ${AMOUNT_ERROR.error}; the value is ignored`, `Сумма: ${AMOUNT_ERROR.errorRu}; значение не учтено`, 'warning');
      } else {
        amount[k] = a;
        if (a < 0) issue(rowNo, amountIdx, v, 'The amount is negative; it is used as it is', 'Сумма отрицательная; учтена как есть', 'warning');
      }
    }

    if (lostReasonIdx >= 0) lostReason[k] = cellText(src.cell(lostReasonIdx));

    for (let i = 0; i < sliceStates.length; i++) {
      const sl = sliceStates[i];
      sl.codes[k] = src.cached(sl.col, i, sl.resolve);
    }
  }

  if (unknownStages.size > 0) mergeByRow(issues, unknownStageIssues(unknownStages, sheet, headerName(csIdx), valueText));

  // A few spare slots (a CSV's row bound counts its final newline) are not worth a copy.
  const fit = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => (count === cap ? a : ((cap - count <= 64 ? a.subarray(0, count) : a.slice(0, count)) as T));
  ids.length = count;
  lostReason.length = count;
  const slices: Partial<Record<SliceKey, SliceColumn>> = {};
  for (const sl of sliceStates) slices[sl.key] = { codes: fit(sl.codes), values: sl.values };
  const leads: LeadTable = {
    count,
    rowNumbers: fit(rowNumbers),
    ids,
    createdAt: fit(createdAt),
    stageTimes: stageTimes.map(fit),
    lostAt: fit(lostAt),
    lostReason,
    furthestUnknown: fit(furthestUnknown),
    amount: fit(amount),
    slices,
  };
  return { leads, issues, stageNames: ['Lead', ...stages.map((s) => s.name)], rowsRead };
}
