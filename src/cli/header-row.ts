/**
 * Exports often put a title, the export date or a filter summary above the header row. The CLI finds
 * the header among the first rows (core/headers' findHeaderRow, the same rule the Sheets face uses) and
 * reads the data below it, numbering rows as the file shows them (the title lines count), so data
 * issues still point at the right row.
 */
import type { DataIssue } from '../core/types';

/** Issues that ingestion or detection put on "row 1" (the header) moved to the header's real row (1-based). */
export function atHeaderRow(issues: DataIssue[], headerRowNumber: number): DataIssue[] {
  if (headerRowNumber === 1) return issues;
  return issues.map((i) => (i.row === 1 ? { ...i, row: headerRowNumber } : i));
}
