/**
 * Ingestion: sheet rows (header first, possibly under a few title lines) → columnar leads + data
 * issues. Column indexes are resolved once; the row loop allocates nothing per row beyond the strings
 * the lead table keeps (ids, reasons). Every problem becomes a DataIssue naming sheet, row and column,
 * including dates outside the plausible window (plausible.ts); only a configured column that the header
 * lacks stops the run (InputError).
 */
import { columnLetter } from '../a1';
import type { FunnelConfig } from '../config';
import { INVALID_AMOUNT, parseAmount } from '../numbers';
import { dataIssue, msg, type Message, type PlausibleRange } from '../messages';
import { plausibleWindow } from '../plausible';
import { MINUTE_MS } from '../time/civil';
import { makeDateParser, isDateObject, type DateParser } from '../time/date-parser';
import { formatWallDateTime } from '../time/format';
import { INVALID_DATE } from '../time/sentinels';
import { DAY_MS } from '../time/wall-time';
import { UNKNOWN_TIME } from '../types';
import type { CellValue, DataIssue, IngestResult, LeadTable, SliceColumn, SliceKey } from '../types';
import { AT_LOST, AT_UNKNOWN, currentStageCoder } from './current-stage';
import { locateHeader, resolveColumns, type ColumnIndexes } from './header';
import { IdIndex } from './id-index';
import { mergeByRow, unknownStageIssues } from './issues';
import { ArrayRowSource, isBlankForIngest, type RowSource } from './row-source';
import { sliceColumn, sliceState, type SliceState } from './slices';

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

export function ingestRows(rows: CellValue[][], opts: IngestOptions): IngestResult {
  return ingestSource(new ArrayRowSource(rows), opts);
}

/** Ingestion over any row source: the one implementation of the ingestion rules. */
export function ingestSource(src: RowSource, opts: IngestOptions): IngestResult {
  const { header, headerRowNo } = locateHeader(src, opts.config);
  const columns = resolveColumns(header, headerRowNo, opts.config, opts.sheet);
  const run = new Ingestion(src, opts, header, columns);
  while (src.next()) run.readRow();
  return run.result();
}

/** One pass over the data rows: the lead columns being filled and the issues found so far. */
class Ingestion {
  private readonly sheet: string;
  private readonly stages: FunnelConfig['stages'];
  private readonly issues: DataIssue[] = [];
  private readonly lo: number;
  private readonly hi: number;
  private readonly implausible: PlausibleRange;
  private readonly createdParser: DateParser;
  private readonly stageParsers: DateParser[];
  private readonly lostParser: DateParser;
  private readonly changedParser: DateParser;
  private readonly stageCode: (v: CellValue) => number;
  /** Blank ('') or unknown current-stage values: one data issue per distinct value, at its first row, with its row count. */
  private readonly unknownStages = new Map<string, { row: number; value: CellValue; rows: number }>();

  private readonly cap: number;
  private readonly rowNumbers: Int32Array;
  private readonly createdAt: Float64Array;
  private readonly stageTimes: Float64Array[];
  private readonly lostAt: Float64Array;
  private readonly furthestUnknown: Uint8Array;
  private readonly amount: Float64Array;
  private readonly ids: string[];
  private readonly lostReason: string[];
  private readonly sliceStates: SliceState[];
  private readonly seenIds: IdIndex;
  /**
   * Columns whose header cell is blank (e.g. the right half of a merged header) cannot be used; if
   * they hold data, that is said once per column (then the entry becomes -1) instead of dropping it silently.
   */
  private readonly headless: number[] = [];
  private widest: number;
  private count = 0;
  private rowsRead = 0;

  constructor(
    private readonly src: RowSource,
    opts: IngestOptions,
    private readonly header: readonly CellValue[],
    private readonly cols: ColumnIndexes,
  ) {
    const { config } = opts;
    this.sheet = opts.sheet;
    this.stages = config.stages;
    const plausible = plausibleWindow(config.plausibleDates, opts.asOf);
    this.lo = plausible.earliest;
    this.hi = plausible.latest;
    this.implausible = { earliest: plausible.earliestDay, latest: plausible.latestDay };
    const dateOpts = { timeZone: config.timeZone, dateOrder: config.dateOrder };
    this.createdParser = makeDateParser(dateOpts);
    this.stageParsers = this.stages.map(() => makeDateParser(dateOpts));
    this.lostParser = makeDateParser(dateOpts);
    this.changedParser = makeDateParser(dateOpts);
    this.stageCode = currentStageCoder(config);

    const cap = (this.cap = src.capacity);
    this.rowNumbers = new Int32Array(cap);
    this.createdAt = new Float64Array(cap);
    this.stageTimes = this.stages.map(() => new Float64Array(cap).fill(NaN));
    this.lostAt = new Float64Array(cap).fill(NaN);
    this.furthestUnknown = new Uint8Array(cap);
    this.amount = new Float64Array(cap).fill(NaN);
    // Filled up front (cheap, and no growth garbage); trimmed to the lead count at the end.
    this.ids = new Array<string>(cap).fill('');
    this.lostReason = new Array<string>(cap).fill('');
    this.sliceStates = cols.slices.map(({ key, col }) => sliceState(key, col, cap, (v) => this.cellText(v)));
    this.seenIds = new IdIndex(this.ids, cols.id >= 0 ? cap : 0);
    for (let c = 0; c < header.length; c++) if (isBlankForIngest(header[c])) this.headless.push(c);
    this.widest = header.length;
  }

  private headerName(col: number): string {
    return String(this.header[col] ?? '').trim();
  }

  private valueText(v: CellValue): string {
    if (isDateObject(v)) return formatWallDateTime(this.createdParser.instantToWall(v.getTime()));
    return v === null || v === undefined ? '' : String(v);
  }

  private cellText(v: CellValue): string {
    if (typeof v === 'string') return v.trim();
    if (v === null || v === undefined) return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    return this.valueText(v);
  }

  private issue(row: number, col: number, v: CellValue, message: Message, severity: DataIssue['severity']): void {
    const column = col >= 0 ? this.headerName(col) : '';
    this.issues.push(
      dataIssue({ sheet: this.sheet, row, column, col: col >= 0 ? col : undefined, value: this.valueText(v), severity }, message),
    );
  }

  /** Reads the source's current row: a lead, an issue, or nothing (an empty row). */
  readRow(): void {
    const src = this.src;
    if (src.width() === 0) return;
    const rowNo = src.rowNumber();
    const createdIdx = this.cols.createdAt;
    const created = src.date(createdIdx, this.createdParser);
    if (created !== created) {
      if (src.isEmptyRow()) return;
      this.rowsRead++;
      this.issue(rowNo, createdIdx, src.cell(createdIdx), msg('created.blank', {}), 'error');
      return;
    }
    this.rowsRead++;
    this.reportHeadlessData(rowNo);
    if (created === INVALID_DATE) {
      const e = this.createdParser.lastError();
      this.issue(rowNo, createdIdx, src.cell(createdIdx), msg('created.notDate', { reason: e.reason }), 'error');
      return;
    }
    if (created < this.lo || created > this.hi) {
      this.issue(rowNo, createdIdx, src.cell(createdIdx), msg('created.implausible', this.implausible), 'error');
      return;
    }
    const k = this.count++;
    this.rowNumbers[k] = rowNo;
    this.createdAt[k] = created;
    if (this.cols.id >= 0) this.readId(k, rowNo);
    this.readStageDates(k, rowNo, created);
    if (this.cols.lostAt >= 0) this.readLostDate(k, rowNo, created);
    if (this.cols.currentStage >= 0) this.readCurrentStage(k, rowNo, created);
    if (this.cols.amount >= 0) this.readAmount(k, rowNo);
    if (this.cols.lostReason >= 0) this.lostReason[k] = this.cellText(src.cell(this.cols.lostReason));
    for (let i = 0; i < this.sliceStates.length; i++) {
      const sl = this.sliceStates[i];
      sl.codes[k] = src.cached(sl.col, i, sl.resolve);
    }
  }

  /** A warning for the first data in a column without a header (columns past the header's end included). */
  private reportHeadlessData(rowNo: number): void {
    const src = this.src;
    const headless = this.headless;
    const width = src.width();
    if (width > this.widest) {
      for (let c = this.widest; c < width; c++) headless.push(c);
      this.widest = width;
    }
    for (let h = 0; h < headless.length; h++) {
      const c = headless[h];
      if (c < 0) continue;
      const v = src.cell(c);
      if (isBlankForIngest(v)) continue;
      const letter = columnLetter(c);
      const place = { sheet: this.sheet, row: rowNo, column: letter, col: c, value: this.valueText(v), severity: 'warning' } as const;
      this.issues.push(dataIssue(place, msg('column.headless', { letter })));
      headless[h] = -1;
    }
  }

  private readId(k: number, rowNo: number): void {
    const idIdx = this.cols.id;
    const idValue = this.src.cell(idIdx);
    const id = this.cellText(idValue);
    this.ids[k] = id;
    if (id === '') {
      this.issue(rowNo, idIdx, idValue, msg('id.blank', {}), 'warning');
      return;
    }
    const firstLead = this.seenIds.firstOrAdd(id, k);
    if (firstLead >= 0) {
      const first = this.rowNumbers[firstLead];
      this.issue(rowNo, idIdx, idValue, msg('id.duplicate', { firstRow: first }), 'warning');
    }
  }

  private readStageDates(k: number, rowNo: number, created: number): void {
    const src = this.src;
    const stages = this.stages;
    for (let s = 0; s < stages.length; s++) {
      const col = this.cols.stages[s];
      if (col < 0) continue;
      const parser = this.stageParsers[s];
      const t = src.date(col, parser);
      if (t !== t) continue;
      if (t === INVALID_DATE) {
        const e = parser.lastError();
        this.issue(rowNo, col, src.cell(col), msg('stage.notDate', { stage: stages[s].name, reason: e.reason }), 'error');
        continue;
      }
      if (t < this.lo || t > this.hi) {
        this.issue(rowNo, col, src.cell(col), msg('stage.implausible', { ...this.implausible, stage: stages[s].name }), 'error');
        continue;
      }
      this.stageTimes[s][k] = t;
      if (isBeforeCreation(t, created)) {
        this.issue(
          rowNo,
          col,
          src.cell(col),
          msg('stage.beforeCreated', { stage: stages[s].name, created: formatWallDateTime(created) }),
          'warning',
        );
      }
    }
  }

  private readLostDate(k: number, rowNo: number, created: number): void {
    const src = this.src;
    const lostAtIdx = this.cols.lostAt;
    const t = src.date(lostAtIdx, this.lostParser);
    if (t === INVALID_DATE) {
      const e = this.lostParser.lastError();
      this.issue(rowNo, lostAtIdx, src.cell(lostAtIdx), msg('lost.notDate', { reason: e.reason }), 'error');
    } else if (t < this.lo || t > this.hi) {
      this.issue(rowNo, lostAtIdx, src.cell(lostAtIdx), msg('lost.implausible', this.implausible), 'error');
    } else if (t === t) {
      this.lostAt[k] = t;
      if (isBeforeCreation(t, created)) {
        this.issue(rowNo, lostAtIdx, src.cell(lostAtIdx), msg('lost.beforeCreated', { created: formatWallDateTime(created) }), 'warning');
      }
    }
  }

  /** The time of the current stage (NaN when blank, not a date or implausible: then also an issue). */
  private readStageChangedAt(rowNo: number, changedIdx: number, changedValue: CellValue): number {
    const changed = this.changedParser.parse(changedValue);
    if (changed === INVALID_DATE) {
      const e = this.changedParser.lastError();
      this.issue(rowNo, changedIdx, changedValue, msg('stageChanged.notDate', { reason: e.reason }), 'error');
      return NaN;
    }
    if (changed < this.lo || changed > this.hi) {
      this.issue(rowNo, changedIdx, changedValue, msg('stageChanged.implausible', this.implausible), 'error');
      return NaN;
    }
    return changed;
  }

  /** Stages up to the current one are passed (at an unknown time unless dated); a lost lead's furthest stage is unknown. */
  private readCurrentStage(k: number, rowNo: number, created: number): void {
    const src = this.src;
    const changedIdx = this.cols.currentStageChangedAt;
    let changed = NaN;
    let changedValue: CellValue = undefined;
    if (changedIdx >= 0) {
      changedValue = src.cell(changedIdx);
      changed = this.readStageChangedAt(rowNo, changedIdx, changedValue);
    }
    const stageValue = src.cell(this.cols.currentStage);
    const code = this.stageCode(stageValue);
    const stageTimes = this.stageTimes;
    if (code >= 0) {
      for (let s = 0; s <= code; s++) {
        const times = stageTimes[s];
        if (times[k] !== times[k]) times[k] = UNKNOWN_TIME;
      }
      if (changed === changed && stageTimes[code][k] === UNKNOWN_TIME) {
        stageTimes[code][k] = changed;
        if (isBeforeCreation(changed, created)) {
          const name = this.stages[code].name;
          this.issue(
            rowNo,
            changedIdx,
            changedValue,
            msg('stage.beforeCreated', { stage: name, created: formatWallDateTime(created) }),
            'warning',
          );
        }
      }
    } else if (code === AT_LOST) {
      if (this.lostAt[k] !== this.lostAt[k]) this.lostAt[k] = changed === changed ? changed : UNKNOWN_TIME;
      this.furthestUnknown[k] = 1;
    } else if (code === AT_UNKNOWN) {
      const key = isBlankForIngest(stageValue) ? '' : this.cellText(stageValue);
      const seen = this.unknownStages.get(key);
      if (seen) seen.rows++;
      else this.unknownStages.set(key, { row: rowNo, value: stageValue, rows: 1 });
    }
  }

  private readAmount(k: number, rowNo: number): void {
    const amountIdx = this.cols.amount;
    const v = this.src.cell(amountIdx);
    const a = parseAmount(v);
    if (a === INVALID_AMOUNT) {
      this.issue(rowNo, amountIdx, v, msg('amount.notNumber', {}), 'warning');
      return;
    }
    this.amount[k] = a;
    if (a < 0) this.issue(rowNo, amountIdx, v, msg('amount.negative', {}), 'warning');
  }

  result(): IngestResult {
    const { count, cap, issues } = this;
    if (this.unknownStages.size > 0) {
      mergeByRow(
        issues,
        unknownStageIssues(this.unknownStages, this.sheet, this.headerName(this.cols.currentStage), (v) => this.valueText(v)),
      );
    }
    // A few spare slots (a CSV's row bound counts its final newline) are not worth a copy.
    const fit = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T =>
      count === cap ? a : ((cap - count <= 64 ? a.subarray(0, count) : a.slice(0, count)) as T);
    this.ids.length = count;
    this.lostReason.length = count;
    const slices: Partial<Record<SliceKey, SliceColumn>> = {};
    for (const sl of this.sliceStates) slices[sl.key] = sliceColumn(sl, fit);
    const leads: LeadTable = {
      count,
      rowNumbers: fit(this.rowNumbers),
      ids: this.ids,
      createdAt: fit(this.createdAt),
      stageTimes: this.stageTimes.map(fit),
      lostAt: fit(this.lostAt),
      lostReason: this.lostReason,
      furthestUnknown: fit(this.furthestUnknown),
      amount: fit(this.amount),
      slices,
    };
    return { leads, issues, stageNames: ['Lead', ...this.stages.map((s) => s.name)], rowsRead: this.rowsRead };
  }
}
