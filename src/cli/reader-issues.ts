/** Data issues found while reading a file (before ingestion sees the cells); their texts are in the core catalogues. */
import { dataIssue, msg } from '../core/messages';
import type { DataIssue } from '../core/types';

/** Values shown in an issue are cut to this many characters. */
const MAX_VALUE = 200;

function shortValue(v: string): string {
  return v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
}

export function unclosedQuoteIssue(sheet: string, row: number, column: string, value: string): DataIssue {
  return dataIssue({ sheet, row, column, value: shortValue(value), severity: 'warning' }, msg('reader.unclosedQuote', {}));
}

export function invalidBytesIssue(sheet: string, row: number, column: string, value: string): DataIssue {
  return dataIssue({ sheet, row, column, value: shortValue(value), severity: 'warning' }, msg('reader.mixedEncoding', {}));
}

/** Merges issues found by the reader into ingestion's (both in row order); the reader's come first within a row. */
export function mergeIssues(ingested: DataIssue[], read: DataIssue[]): DataIssue[] {
  if (read.length === 0) return ingested;
  const out: DataIssue[] = [];
  let i = 0;
  for (const r of read) {
    while (i < ingested.length && ingested[i].row < r.row) out.push(ingested[i++]);
    out.push(r);
  }
  while (i < ingested.length) out.push(ingested[i++]);
  return out;
}
