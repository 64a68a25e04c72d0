/**
 * CSV file → IngestResult for the CLI, always through the byte reader (csv-columnar): a file that is
 * not UTF-8 is decoded and re-encoded as UTF-8 first. Problems the reader meets become data issues.
 */
import { ingestSource, type IngestOptions } from '../core/ingest';
import type { IngestResult } from '../core/types';
import { CsvRowSource, csvLayout, csvTokenizer, csvSampleRows, utf8Layout, type CsvLayout } from './csv-columnar';
import { decodeCsvBytes, type Progress } from './csv-reader';
import { mergeIssues } from './reader-issues';

/** Rows handed to column detection: it looks at 5,000 at most; the margin keeps it exact if that grows. */
export const DETECTION_ROWS = 20_000;

export interface CsvInput {
  /** Header and the first rows: for column detection. */
  rows: string[][];
  /** File lines before rows[0] that still count in row numbers (Excel's `sep=` line). */
  linesBefore: number;
  /** Ingests the whole file; `headerRow` is the index of the header row (title lines above it are skipped). */
  ingest(opts: IngestOptions, onProgress?: Progress, headerRow?: number): IngestResult;
}

/** Reads what detection needs now and defers the rest to `ingest`. */
export function openCsv(buf: Buffer): CsvInput {
  const layout = csvLayout(buf) ?? textLayout(decodeCsvBytes(buf));
  if (!layout) return { rows: [], linesBefore: 0, ingest: (opts) => ingestSource(emptySource, opts) };
  return { rows: csvSampleRows(layout, DETECTION_ROWS), linesBefore: layout.linesBefore, ingest: (opts, onProgress, headerRow) => ingestCsvLayout(layout, opts, onProgress, headerRow) };
}

/** Decoded text (UTF-16, Windows-1251) as UTF-8 bytes for the byte reader. */
function textLayout(text: string): CsvLayout | null {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return utf8Layout(Buffer.from(body, 'utf8'));
}

const emptySource = {
  header: [], capacity: 0, next: () => false, rowNumber: () => 0, width: () => 0, cell: () => undefined,
  date: () => NaN, cached: () => 0, isEmptyRow: () => true,
};

export function ingestCsvLayout(layout: CsvLayout, opts: IngestOptions, onProgress?: Progress, headerRow = 0): IngestResult {
  const total = layout.end - layout.start || 1;
  onProgress?.(0);
  const progress = onProgress && ((pos: number) => onProgress((pos - layout.start) / total));
  let src: CsvRowSource;
  if (headerRow > 0) {
    const t = csvTokenizer(layout);
    for (let i = 0; i <= headerRow && t.next(); i++);
    // Rows keep the numbers the file shows: the first data row is linesBefore + headerRow + 2.
    src = new CsvRowSource(layout, { header: t.strings(), from: t.pos, firstRow: headerRow + 1, onProgress: progress });
  } else {
    src = new CsvRowSource(layout, { onProgress: progress });
  }
  const data = ingestSource(src, opts);
  data.issues = mergeIssues(data.issues, src.readerIssues(opts.sheet));
  onProgress?.(1);
  return data;
}
