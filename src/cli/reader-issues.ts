/** Data issues found while reading a file (before ingestion sees the cells), in English and Russian. */
import type { DataIssue } from '../core/types';

/** Values shown in an issue are cut to this many characters. */
const MAX_VALUE = 200;

function shortValue(v: string): string {
  return v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
}

export function unclosedQuoteIssue(sheet: string, row: number, column: string, value: string): DataIssue {
  return {
    sheet, row, column, value: shortValue(value),
    problem: 'A quote opens this cell but is never closed; it was read as an ordinary character so that the following lines stay separate rows',
    problemRu: 'Кавычка в начале ячейки нигде не закрыта; она прочитана как обычный символ, чтобы следующие строки остались отдельными строками',
    severity: 'warning',
  };
}

export function invalidBytesIssue(sheet: string, row: number, column: string, value: string): DataIssue {
  return {
    sheet, row, column, value: shortValue(value),
    problem: 'The cell is not valid UTF-8 like the rest of the file (mixed encodings); it was read as Windows-1251: check the text',
    problemRu: 'Ячейка не в кодировке UTF-8, в отличие от остального файла (кодировки смешаны); она прочитана как Windows-1251: проверьте текст',
    severity: 'warning',
  };
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
