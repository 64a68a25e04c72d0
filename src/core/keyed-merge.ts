/**
 * The pure merge of a keyed tab: what a refresh writes, given what the sheet holds now and the fresh
 * rows from the engine. Both writers (Sheets, XLSX) execute the plan; neither decides anything.
 *
 * Rules:
 * - Columns are found by recorded id first (Sheets keeps it in column developer metadata, which
 *   moves with the column), then by header text (the EN or RU label, case and spaces ignored),
 *   wherever they were moved. A spec column found neither way is created at the right end; for a
 *   people's column only its header is written. Columns the spec does not know are never touched.
 * - Rows are matched by key, never by position. A row whose key is among the fresh rows gets the
 *   fresh owned values; a fresh key not on the tab is appended (owned cells only). A row whose key
 *   is gone stays, keeps its owned values and is flagged in the status column; when the key comes
 *   back the flag goes. A key on several rows flags every such row (each gets the fresh values, so
 *   nothing of either row is merged or dropped). A row with a blank key (a person inserted it) keeps
 *   its owned cells as read.
 * - People's cells are never part of the plan. Owned cells are planned for every row, header
 *   included, so a writer can put each contiguous run of owned columns down in one call whatever the
 *   number of rows; for rows it does not change, the plan repeats the value read.
 */
import type { CellValue } from './types';
import { isBlankCell } from './cells';
import { statusText, type KeyedFlag } from './keyed-messages';
import {
  assertValidSpec,
  specColumns,
  type KeyedLocale,
  type KeyedMergeResult,
  type KeyedRow,
  type KeyedSnapshot,
  type KeyedTabSpec,
  type PlannedColumn,
} from './keyed-spec';

export interface OwnedColumnValues {
  id: string;
  index: number;
  /** One value per sheet row after the merge, header row first. */
  values: CellValue[];
}

export interface KeyedMergePlan {
  /** Columns the sheet has after the merge. */
  width: number;
  /** Rows the tab has after the merge, header included. */
  rowCount: number;
  /** Rows of the snapshot (header included): rows at or after this index are appended. */
  previousRowCount: number;
  columns: PlannedColumn[];
  /** Owned columns in sheet order. */
  owned: OwnedColumnValues[];
  /** People's columns created now: only their header cell is written. */
  createdHumanHeaders: { id: string; index: number; label: string }[];
  result: KeyedMergeResult;
}

/** A key as text: what matching compares. Blank cells give ''. */
export function keyText(v: CellValue): string {
  if (isBlankCell(v)) return '';
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

function normalizeLabel(v: CellValue): string {
  return typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').toLowerCase() : '';
}

function resolveColumns(spec: KeyedTabSpec, snapshot: KeyedSnapshot): { columns: PlannedColumn[]; width: number } {
  const header = snapshot.values[0] ?? [];
  const ids = snapshot.columnIds ?? [];
  const known = new Set(specColumns(spec).map((c) => c.column.id));
  let width = 0;
  for (const row of snapshot.values) for (let j = row.length - 1; j >= width; j--) if (!isBlankCell(row[j])) width = j + 1;
  for (let j = ids.length - 1; j >= width; j--) if (ids[j] !== null) width = j + 1;
  const claimed = new Set<number>();
  const found = new Map<string, PlannedColumn>();

  for (const { column, owner } of specColumns(spec)) {
    const i = ids.findIndex((id, j) => id === column.id && !claimed.has(j));
    if (i >= 0) {
      claimed.add(i);
      found.set(column.id, { id: column.id, owner, index: i, foundBy: 'id' });
    }
  }
  for (const { column, owner } of specColumns(spec)) {
    if (found.has(column.id)) continue;
    const labels = new Set([normalizeLabel(column.label.en), normalizeLabel(column.label.ru)]);
    // A column recorded as another of our columns is never taken by its header text.
    const i = header.findIndex((h, j) => !claimed.has(j) && !known.has(ids[j] ?? '') && labels.has(normalizeLabel(h)));
    if (i >= 0) {
      claimed.add(i);
      found.set(column.id, { id: column.id, owner, index: i, foundBy: 'header' });
    }
  }
  const columns: PlannedColumn[] = [];
  for (const { column, owner } of specColumns(spec)) {
    const c = found.get(column.id) ?? { id: column.id, owner, index: width++, foundBy: 'created' as const };
    columns.push(c);
  }
  return { columns, width };
}

/** Where each spec column is on a sheet as read (by recorded id, then header text), without planning a write. */
export function locateKeyedColumns(spec: KeyedTabSpec, snapshot: KeyedSnapshot): PlannedColumn[] {
  return resolveColumns(spec, snapshot).columns;
}

/** Plans the refresh of a keyed tab. `snapshot` is null (or has no rows) when the tab does not exist yet. */
export function planKeyedMerge(
  spec: KeyedTabSpec,
  snapshot: KeyedSnapshot | null,
  rows: readonly KeyedRow[],
  locale: KeyedLocale,
): KeyedMergePlan {
  assertValidSpec(spec);
  const snap: KeyedSnapshot = snapshot && snapshot.values.length > 0 ? snapshot : { values: [] };
  const { columns, width } = resolveColumns(spec, snap);
  const byId = new Map(columns.map((c) => [c.id, c]));
  const keyCol = byId.get(spec.key.id)!;

  const fresh = new Map<string, KeyedRow>();
  for (const r of rows) {
    const k = keyText(r.key);
    if (k !== '' && !fresh.has(k)) fresh.set(k, r);
  }

  const previousRowCount = Math.max(snap.values.length, 1);
  const existingKeys: string[] = [];
  const counts = new Map<string, number>();
  for (let r = 1; r < snap.values.length; r++) {
    const k = keyCol.foundBy === 'created' ? '' : keyText(snap.values[r][keyCol.index]);
    existingKeys[r] = k;
    if (k !== '') counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const appended = [...fresh.keys()].filter((k) => !counts.has(k));
  const rowCount = previousRowCount + appended.length;

  const ownedSpec = [spec.key, ...spec.owned, spec.status];
  const owned: OwnedColumnValues[] = ownedSpec
    .map((c) => ({ id: c.id, index: byId.get(c.id)!.index, values: new Array<CellValue>(rowCount) }))
    .sort((a, b) => a.index - b.index);
  const ownedById = new Map(owned.map((o) => [o.id, o]));
  for (const c of ownedSpec) ownedById.get(c.id)!.values[0] = c.label[locale];

  const read = (r: number, index: number): CellValue => {
    const v = snap.values[r]?.[index];
    return v === null || v === undefined ? '' : v;
  };
  const putFresh = (r: number, row: KeyedRow, flags: KeyedFlag[]): void => {
    ownedById.get(spec.key.id)!.values[r] = row.key;
    for (const c of spec.owned) {
      const v = row.values[c.id];
      ownedById.get(c.id)!.values[r] = v === null || v === undefined ? '' : v;
    }
    ownedById.get(spec.status.id)!.values[r] = statusText(flags, locale);
  };

  let matched = 0;
  let blankRows = 0;
  const orphaned = new Set<string>();
  const duplicates = new Set<string>();
  for (let r = 1; r < snap.values.length; r++) {
    const k = existingKeys[r];
    if (k === '') {
      blankRows++;
      for (const o of owned) o.values[r] = read(r, o.index);
      continue;
    }
    const flags: KeyedFlag[] = [];
    const row = fresh.get(k);
    if (!row) {
      flags.push('orphaned');
      orphaned.add(k);
    }
    if ((counts.get(k) ?? 0) > 1) {
      flags.push('duplicate');
      duplicates.add(k);
    }
    if (row) {
      matched++;
      putFresh(r, row, flags);
    } else {
      for (const o of owned) o.values[r] = read(r, o.index);
      ownedById.get(spec.status.id)!.values[r] = statusText(flags, locale);
    }
  }
  appended.forEach((k, i) => putFresh(previousRowCount + i, fresh.get(k)!, []));

  const labelOf = new Map(specColumns(spec).map(({ column }) => [column.id, column.label[locale]]));
  return {
    width,
    rowCount,
    previousRowCount,
    columns,
    owned,
    createdHumanHeaders: columns
      .filter((c) => c.owner === 'people' && c.foundBy === 'created')
      .map((c) => ({ id: c.id, index: c.index, label: labelOf.get(c.id)! })),
    result: {
      sheet: spec.sheetName,
      matched,
      appended,
      orphaned: [...orphaned],
      duplicates: [...duplicates],
      blankRows,
      createdColumns: columns.filter((c) => c.foundBy === 'created').map((c) => c.id),
    },
  };
}

/** Splits owned columns into runs of adjacent sheet columns: one write per run. */
export function contiguousRuns(owned: readonly OwnedColumnValues[]): OwnedColumnValues[][] {
  const runs: OwnedColumnValues[][] = [];
  for (const o of owned) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1].index + 1 === o.index) last.push(o);
    else runs.push([o]);
  }
  return runs;
}
