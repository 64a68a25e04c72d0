/** Small predicates on cell values, shared by detection, ingestion and the Sheets reader. */
import type { CellValue } from './types';

/** Nothing in the cell: null, undefined, or a string of only whitespace. */
export function isBlankCell(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}
