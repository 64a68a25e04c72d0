/** Header resolution: which row is the header, and which column holds each configured field. */
import type { FunnelConfig } from '../config';
import { InputError } from '../errors';
import { HEADER_SCAN_ROWS, findHeader, headerIndex } from '../headers';
import { msg, type ColumnRole, type MissingColumn } from '../messages';
import { SLICE_KEYS } from '../types';
import type { CellValue, SliceKey } from '../types';
import { missingColumnsError } from './issues';
import { currentRow, type RowSource } from './row-source';

/**
 * The header row: `config.headerRow` when set (the rows above it are skipped); else row 1 when it names
 * the creation column, else the first of the next rows (up to HEADER_SCAN_ROWS in all) that does, so a
 * few title lines above the header need no setting. Leaves the source on the header row.
 */
export function locateHeader(src: RowSource, config: FunnelConfig): { header: readonly CellValue[]; headerRowNo: number } {
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

/** The column (0-based) of each configured field; -1 where the field is not configured. */
export interface ColumnIndexes {
  createdAt: number;
  id: number;
  amount: number;
  lostAt: number;
  lostReason: number;
  /** Per configured stage. */
  stages: number[];
  currentStage: number;
  /** Only when the current-stage column was found. */
  currentStageChangedAt: number;
  /** The configured slice columns, in SLICE_KEYS order. */
  slices: { key: SliceKey; col: number }[];
}

/**
 * Finds every configured column in the header. A configured column the header lacks makes the input
 * unusable: an InputError names the creation column alone when it is missing (nothing can be read
 * without it), else every missing column at once.
 */
export function resolveColumns(header: readonly CellValue[], headerRowNo: number, config: FunnelConfig, sheet: string): ColumnIndexes {
  if (header.length === 0) {
    throw new InputError(msg('input.emptySheet', { sheet }));
  }
  const index = headerIndex(header);
  const createdAt = findHeader(index, config.columns.createdAt);
  if (createdAt < 0) {
    throw missingColumnsError([{ name: config.columns.createdAt, role: 'createdAt' }], header, headerRowNo, sheet);
  }
  const missing: MissingColumn[] = [];
  /** Index of a configured column, or -1 (not configured, or recorded in `missing`). */
  const resolve = (name: string | undefined, role: ColumnRole, stage?: string): number => {
    if (!name) return -1;
    const col = findHeader(index, name);
    if (col < 0) missing.push({ name, role, ...(stage === undefined ? {} : { stage }) });
    return col;
  };
  const optional = (key: Exclude<keyof FunnelConfig['columns'], 'createdAt'>) => resolve(config.columns[key], key);

  const id = optional('id');
  const amount = optional('amount');
  const lostAt = optional('lostAt');
  const lostReason = optional('lostReason');
  const stages = config.stages.map((s) => resolve(s.column, 'stage', s.name));
  const cs = config.currentStage;
  const currentStage = cs ? resolve(cs.column, 'currentStage') : -1;
  const currentStageChangedAt = cs && currentStage >= 0 ? resolve(cs.changedAt, 'currentStageChangedAt') : -1;
  const slices: { key: SliceKey; col: number }[] = [];
  for (const key of SLICE_KEYS) {
    const col = optional(key);
    if (col >= 0) slices.push({ key, col });
  }
  if (missing.length > 0) throw missingColumnsError(missing, header, headerRowNo, sheet);
  return { createdAt, id, amount, lostAt, lostReason, stages, currentStage, currentStageChangedAt, slices };
}
