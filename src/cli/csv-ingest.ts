/**
 * CSV file → IngestResult for the CLI: the byte reader (csv-columnar) when it can reproduce the string
 * reader exactly, otherwise the string reader (papaparse) + ingestRows. Either way the same ingestion
 * code runs (ingestSource), so the leads and data issues are the same.
 */
import { ingestRows, ingestSource, type IngestOptions } from '../core/ingest';
import type { IngestResult } from '../core/types';
import { CsvFallback, CsvRowSource, csvLayout, csvSampleRows, type CsvLayout } from './csv-columnar';
import { decodeCsvBytes, parseCsvText, type Progress } from './csv-reader';

/** Rows handed to column detection: it looks at 5,000 at most; the margin keeps it exact if that grows. */
export const DETECTION_ROWS = 20_000;

export interface CsvInput {
  /** Header and the first rows (all rows when the byte reader is not used): for column detection. */
  rows: string[][];
  /** Ingests the whole file. */
  ingest(opts: IngestOptions, onProgress?: Progress): IngestResult;
}

/** Reads what detection needs now and defers the rest to `ingest`. */
export function openCsv(buf: Buffer, onParse?: Progress): CsvInput {
  const layout = csvLayout(buf);
  if (layout) {
    try {
      const sample = csvSampleRows(layout, DETECTION_ROWS);
      return { rows: sample, ingest: (opts, onProgress) => ingestCsvLayout(layout, opts, onProgress) };
    } catch (e) {
      if (!(e instanceof CsvFallback)) throw e;
    }
  }
  const rows = parseCsvText(decodeCsvBytes(buf), onParse);
  return { rows, ingest: (opts) => ingestRows(rows, opts) };
}

/** The byte reader over the whole file; the string reader when it meets input it does not reproduce. */
export function ingestCsvLayout(layout: CsvLayout, opts: IngestOptions, onProgress?: Progress): IngestResult {
  const total = layout.end - layout.start || 1;
  try {
    onProgress?.(0);
    const src = new CsvRowSource(layout, { onProgress: onProgress && ((pos) => onProgress((pos - layout.start) / total)) });
    const data = ingestSource(src, opts);
    onProgress?.(1);
    return data;
  } catch (e) {
    if (!(e instanceof CsvFallback)) throw e;
    return ingestRows(parseCsvText(decodeCsvBytes(layout.buf), onProgress), opts);
  }
}
