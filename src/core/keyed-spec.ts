/**
 * Keyed tabs: sheets people type in (feedback, plan) where the add-on owns some columns and people
 * own the others. This file holds the shapes shared by the pure merge and by the Sheets and XLSX
 * writers; keyed-merge.ts holds the rules.
 */
import type { CellValue } from './types';

export type KeyedLocale = 'en' | 'ru';

export interface KeyedLabel {
  en: string;
  ru: string;
}

export interface KeyedColumn {
  /** Stable id, stored in the column's developer metadata in Sheets; never shown. */
  id: string;
  label: KeyedLabel;
  /**
   * People's columns only: the items of a dropdown (data validation) put on the column's cells below
   * the header. Typing another value is allowed (flagged by the sheet, never refused), so nothing a
   * person entered before the list changed is rejected.
   */
  dropdown?: readonly KeyedLabel[];
}

export interface KeyedTabSpec {
  /** Tab name the writers look for and create. */
  sheetName: string;
  /** Owned: the key each row is matched by (e.g. the lead id). */
  key: KeyedColumn;
  /** Owned columns the add-on recomputes on every refresh, besides key and status. */
  owned: readonly KeyedColumn[];
  /** Owned: flags such as "not in Leads any more" and "duplicate key"; blank when all is well. */
  status: KeyedColumn;
  /** People's columns: never written by a refresh (only their header is created when missing). */
  human: readonly KeyedColumn[];
}

/** One fresh row from the engine: the key and a value per owned column id (missing ids = blank). */
export interface KeyedRow {
  key: string;
  values: Readonly<Record<string, CellValue>>;
}

/** The sheet as read in one call: the header row first. */
export interface KeyedSnapshot {
  values: readonly (readonly CellValue[])[];
  /**
   * Column id per sheet column (same length as the header or shorter) when the sheet records it
   * (Sheets: developer metadata on the column); null where nothing is recorded. XLSX passes none.
   */
  columnIds?: readonly (string | null)[];
}

export type ColumnOwner = 'addon' | 'people';

export interface PlannedColumn {
  id: string;
  owner: ColumnOwner;
  /** 0-based sheet column after the merge. */
  index: number;
  /** How the column was found: its recorded id, its header text (EN or RU label), or created now. */
  foundBy: 'id' | 'header' | 'created';
}

/** Summary a writer returns; the feedback and plan tabs report it to the person. */
export interface KeyedMergeResult {
  sheet: string;
  /** Existing rows whose key is among the fresh rows (duplicates counted once per row). */
  matched: number;
  /** Keys appended as new rows, in the order of the fresh rows. */
  appended: string[];
  /** Keys kept on the tab but no longer among the fresh rows (flagged, never deleted). */
  orphaned: string[];
  /** Keys found on more than one row (every such row is flagged). */
  duplicates: string[];
  /** Rows with a blank key (e.g. inserted by a person): left as they are. */
  blankRows: number;
  /** Column ids that were missing and were created at the right end. */
  createdColumns: string[];
}

/** The port both faces implement. Not wired into the refresh or the CLI yet. */
export interface KeyedTabWriter {
  mergeKeyedTab(spec: KeyedTabSpec, rows: readonly KeyedRow[]): KeyedMergeResult | Promise<KeyedMergeResult>;
}

/** Every column of the spec with its owner, in the order a new tab gets them. */
export function specColumns(spec: KeyedTabSpec): { column: KeyedColumn; owner: ColumnOwner }[] {
  return [
    { column: spec.key, owner: 'addon' as const },
    ...spec.owned.map((column) => ({ column, owner: 'addon' as const })),
    { column: spec.status, owner: 'addon' as const },
    ...spec.human.map((column) => ({ column, owner: 'people' as const })),
  ];
}

/** A spec with two columns of one id or label cannot be matched unambiguously: a programming error. */
export function assertValidSpec(spec: KeyedTabSpec): void {
  const ids = new Set<string>();
  const labels = new Set<string>();
  for (const { column } of specColumns(spec)) {
    if (column.id === '' || ids.has(column.id)) throw new Error(`Keyed tab "${spec.sheetName}": column id "${column.id}" is empty or repeated`);
    ids.add(column.id);
    const own = new Set([column.label.en, column.label.ru].map((l) => l.trim().replace(/\s+/g, ' ').toLowerCase()));
    for (const n of own) {
      if (n === '') throw new Error(`Keyed tab "${spec.sheetName}": column "${column.id}" has an empty label`);
      if (labels.has(n)) throw new Error(`Keyed tab "${spec.sheetName}": label "${n}" is used by two columns`);
    }
    for (const n of own) labels.add(n);
  }
}
