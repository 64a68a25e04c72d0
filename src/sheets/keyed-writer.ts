/**
 * KeyedTabWriter for SpreadsheetApp: refreshes a keyed tab (feedback, plan) in place.
 *
 * Column identity: every spec column carries developer metadata `funnel.col` = its id on the whole
 * column. Column metadata stays with its column when people move columns or insert and delete rows,
 * and goes when the column is deleted
 * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata);
 * it is found with Sheet.createDeveloperMetadataFinder (sheet, row and column metadata of the sheet).
 * Columns without it are found by header text (EN or RU label) and get it on this refresh.
 *
 * A sheet with the tab's name that people made themselves is adopted (its columns are found by
 * header and tagged); a generated report tab of ours with that name is refused, since its next
 * refresh would clear what people typed.
 *
 * Calls, whatever the number of rows: one getDataRange().getValues(), two getValues re-reading the header row and the key column right before the write (see unchangedSinceRead), one metadata search plus three
 * calls per metadata found (location, column, column index), one setValues per run of adjacent owned
 * columns (header, existing rows and appended rows together: a human cell is never inside the
 * range), one setValues per people's column created now, header styling per run of adjacent spec
 * columns, one setDataValidation per people's column with a dropdown, one header note, one setFrozenRows (Sheet.sort must not take the header along).
 * Strings go out protected (safe-text.ts), so text from a CRM export stays text.
 */
import { columnLetter } from '../core/a1';
import { contiguousRuns, planKeyedMerge, type KeyedMergePlan } from '../core/keyed-merge';
import { HUMAN_HEADER_BACKGROUND, OWNED_HEADER_BACKGROUND, headerNote } from '../core/keyed-messages';
import { specColumns, type KeyedLocale, type KeyedMergeResult, type KeyedRow, type KeyedTabSpec, type KeyedTabWriter } from '../core/keyed-spec';
import type { CellValue } from '../core/types';
import type { GasSheet, GasSpreadsheet, GasSpreadsheetApp } from './gas';
import { dataToSheetValue, protectText } from './safe-text';
import { ensureSize } from './grid-size';
import { OWNER_KEY, ownerKind } from './tab-owner';

export const COLUMN_KEY = 'funnel.col';

/** Reads and plans again at most this often when people keep sorting while the refresh runs. */
const MAX_ATTEMPTS = 3;

/**
 * Concurrent edits (people keep working while a refresh runs; the document lock only keeps other
 * scripts out). The write covers the owned columns only, so a value typed into a people's cell
 * between the read and the write is never overwritten. What would go wrong is a change of *position*
 * in between (a sort, an inserted or deleted row, a moved column): owned values would land beside
 * other rows' people's cells. So right before writing, the header row and the key column are read
 * again (two calls) and compared with the first read; when either changed, the tab is read and
 * planned again; when it still changed on the last attempt, nothing is written.
 */
function unchangedSinceRead(sheet: GasSheet, spec: KeyedTabSpec, plan: KeyedMergePlan, values: readonly CellValue[][]): boolean {
  if (values.length === 0) return true;
  const width = Math.max(1, values[0].length);
  const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
  if (header.some((v, j) => !sameCell(v, values[0][j]))) return false;
  const key = plan.columns.find((c) => c.id === spec.key.id)!;
  if (key.foundBy === 'created') return true;
  const keys = sheet.getRange(1, key.index + 1, values.length, 1).getValues() as CellValue[][];
  return keys.every((line, r) => sameCell(line[0], values[r][key.index]));
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? '') === (b ?? '');
}
export const KEYED_KIND = 'keyed';

/** A generated tab of ours has the requested name: it is cleared on every refresh, so people must not type there. */
export class KeyedTabNameTakenError extends Error {
  constructor(readonly sheet: string) {
    super(`Sheet "${sheet}" is a generated report tab of this add-on, not a tab people type in`);
  }
}

/** The tab's rows or columns moved between every read and its write: nothing was written, the next refresh tries again. */
export class KeyedTabKeptChangingError extends Error {
  constructor(readonly sheet: string) {
    super(`Sheet "${sheet}" kept changing during the refresh`);
  }
}

export class SheetsKeyedTabWriter implements KeyedTabWriter {
  constructor(
    private readonly ss: GasSpreadsheet,
    private readonly locale: KeyedLocale,
    private readonly app: Pick<GasSpreadsheetApp, 'DeveloperMetadataVisibility' | 'newDataValidation'>,
  ) {}

  mergeKeyedTab(spec: KeyedTabSpec, rows: readonly KeyedRow[]): KeyedMergeResult {
    let sheet = this.ss.getSheetByName(spec.sheetName);
    let fresh = false;
    if (!sheet) {
      sheet = this.ss.insertSheet(spec.sheetName);
      // Project visibility, as the report tabs' marker: other scripts can neither read nor forge it.
      sheet.addDeveloperMetadata(OWNER_KEY, KEYED_KIND, this.app.DeveloperMetadataVisibility.PROJECT);
      fresh = true;
    } else {
      const kind = ownerKind(sheet, this.app);
      if (kind !== null) throw new KeyedTabNameTakenError(spec.sheetName);
    }
    for (let attempt = 1; ; attempt++) {
      const values = fresh ? [] : (sheet.getDataRange().getValues() as CellValue[][]);
      const columnIds = fresh ? [] : readColumnIds(sheet, new Set(specColumns(spec).map((c) => c.column.id)));
      const plan = planKeyedMerge(spec, { values, columnIds }, rows, this.locale);
      if (fresh || unchangedSinceRead(sheet, spec, plan, values)) {
        this.write(sheet, spec, plan);
        return plan.result;
      }
      // Writing a plan the tab no longer matches would put owned values beside other rows' people's cells.
      if (attempt === MAX_ATTEMPTS) throw new KeyedTabKeptChangingError(spec.sheetName);
    }
  }

  private write(sheet: GasSheet, spec: KeyedTabSpec, plan: KeyedMergePlan): void {
    const { maxRows } = ensureSize(sheet, plan.rowCount, plan.width);
    for (const run of contiguousRuns(plan.owned)) {
      const grid = Array.from({ length: plan.rowCount }, (_, r) => run.map((o) => dataToSheetValue(o.values[r])));
      sheet.getRange(1, run[0].index + 1, plan.rowCount, run.length).setValues(grid);
    }
    for (const h of plan.createdHumanHeaders) sheet.getRange(1, h.index + 1, 1, 1).setValues([[protectText(h.label)]]);
    for (const c of plan.columns) {
      if (c.foundBy === 'id') continue;
      const letter = columnLetter(c.index);
      sheet.getRange(`${letter}:${letter}`).addDeveloperMetadata(COLUMN_KEY, c.id);
    }
    this.styleHeader(sheet, plan);
    this.dropdowns(sheet, spec, plan, maxRows);
    const key = plan.columns.find((c) => c.id === spec.key.id)!;
    sheet.getRange(1, key.index + 1, 1, 1).setNotes([[headerNote(spec.key.label[this.locale], this.locale)]]);
    sheet.setFrozenRows(1);
  }

  /**
   * People's columns with a dropdown get it on every cell below the header, in one setDataValidation
   * per such column (the list follows the settings). Other values stay allowed: Sheets marks them
   * instead of refusing them, so a value typed before the list changed is never rejected. A rule
   * never changes what a cell holds.
   */
  private dropdowns(sheet: GasSheet, spec: KeyedTabSpec, plan: KeyedMergePlan, maxRows: number): void {
    const withList = spec.human.filter((h) => h.dropdown && h.dropdown.length > 0);
    if (withList.length === 0) return;
    const rows = maxRows - 1;
    if (rows < 1) return;
    for (const h of withList) {
      const at = plan.columns.find((c) => c.id === h.id)!;
      const items = [...new Set(h.dropdown!.map((l) => l[this.locale]))];
      const rule = this.app.newDataValidation().requireValueInList(items, true).setAllowInvalid(true).build();
      sheet.getRange(2, at.index + 1, rows, 1).setDataValidation(rule);
    }
  }

  /** Header cells of spec columns: people's columns yellow, ours grey, all bold; one pair of calls per run of adjacent columns. */
  private styleHeader(sheet: GasSheet, plan: KeyedMergePlan): void {
    const byIndex = [...plan.columns].sort((a, b) => a.index - b.index);
    let i = 0;
    while (i < byIndex.length) {
      let j = i + 1;
      while (j < byIndex.length && byIndex[j].index === byIndex[j - 1].index + 1) j++;
      const run = byIndex.slice(i, j);
      const range = sheet.getRange(1, run[0].index + 1, 1, run.length);
      range.setBackgrounds([run.map((c) => (c.owner === 'people' ? HUMAN_HEADER_BACKGROUND : OWNED_HEADER_BACKGROUND))]);
      range.setFontWeights([run.map(() => 'bold' as const)]);
      i = j;
    }
  }
}

/**
 * Column id per sheet column from `funnel.col` metadata. A column can carry an id the spec no longer
 * has besides a current one (the finder's order is unspecified): an id of the spec wins, so such a
 * column is not matched by header and tagged again on every refresh.
 */
export function readColumnIds(sheet: GasSheet, known: ReadonlySet<string>): (string | null)[] {
  const ids: (string | null)[] = [];
  for (const m of sheet.createDeveloperMetadataFinder().withKey(COLUMN_KEY).find()) {
    const column = m.getLocation().getColumn();
    if (!column) continue;
    const i = column.getColumn() - 1;
    while (ids.length <= i) ids.push(null);
    const id = m.getValue();
    if (ids[i] === null || (id !== null && known.has(id) && !known.has(ids[i]!))) ids[i] = id;
  }
  return ids;
}
