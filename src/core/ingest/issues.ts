/** Data issues and input errors of ingestion that are built once per run rather than once per row. */
import { InputError } from '../errors';
import { dataIssue, msg, type MissingColumn } from '../messages';
import type { CellValue, DataIssue } from '../types';

/**
 * A configured column the header row lacks makes the input unusable (it would otherwise become a column
 * of zeros and a headline 0%): the message names each missing column and the headers that do exist.
 */
export function missingColumnsError(
  missing: readonly MissingColumn[],
  header: readonly CellValue[],
  headerRowNo: number,
  sheet: string,
): InputError {
  const headers = header.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
  return new InputError(msg('input.missingColumns', { sheet, headerRow: headerRowNo, missing: [...missing], headers }));
}

/** One warning per blank or unknown current-stage value, with how many rows hold it (first row first). */
export function unknownStageIssues(
  unknown: ReadonlyMap<string, { row: number; value: CellValue; rows: number }>,
  sheet: string,
  column: string,
  valueText: (v: CellValue) => string,
): DataIssue[] {
  const out: DataIssue[] = [];
  for (const [key, u] of unknown) {
    const place = { sheet, row: u.row, column, value: valueText(u.value), severity: 'warning' } as const;
    out.push(dataIssue(place, msg(key === '' ? 'currentStage.blank' : 'currentStage.unknown', { rows: u.rows })));
  }
  return out.sort((a, b) => a.row - b.row);
}

/** Merges `extra` (sorted by row) into `issues` (sorted by row), keeping both orders; equal rows: `issues` first. */
export function mergeByRow(issues: DataIssue[], extra: readonly DataIssue[]): void {
  const merged: DataIssue[] = [];
  let i = 0;
  for (const e of extra) {
    while (i < issues.length && issues[i].row <= e.row) merged.push(issues[i++]);
    merged.push(e);
  }
  while (i < issues.length) merged.push(issues[i++]);
  issues.length = 0;
  for (const m of merged) issues.push(m);
}
