/**
 * CSV/TSV file → rows of strings, in one pass with papaparse. Kept on its own so it can be swapped
 * for a faster reader later: the CLI only relies on `readCsvFile` / `parseCsvText`.
 *
 * No per-row objects beyond each row's string array; the delimiter (`,` `;` or tab) is taken from
 * the header line; a UTF-8 BOM is dropped; UTF-16 (Excel "Unicode text") and Windows-1251 files
 * (older Russian Excel) are decoded too.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';

export type Progress = (fraction: number) => void;

const CANDIDATES = [',', ';', '\t'] as const;

/** The candidate delimiter that occurs most often outside quotes in the first line (`,` on a tie or none). */
export function detectDelimiter(text: string): string {
  const counts = [0, 0, 0];
  let inQuotes = false;
  const limit = Math.min(text.length, 1 << 20);
  for (let i = 0; i < limit; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === 10 || ch === 13) break;
      if (ch === 44) counts[0]++;
      else if (ch === 59) counts[1]++;
      else if (ch === 9) counts[2]++;
    }
  }
  let best = 0;
  for (let k = 1; k < 3; k++) if (counts[k] > counts[best]) best = k;
  return CANDIDATES[best];
}

/** Bytes → text: BOMs honoured, and invalid UTF-8 read as Windows-1251. */
export function decodeCsvBytes(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  if (!isValidUtf8Sample(body)) return new TextDecoder('windows-1251').decode(body);
  return body.toString('utf8');
}

/** Checks the first 64 KB (cut at a character boundary) for invalid UTF-8. */
export function isValidUtf8Sample(buf: Buffer): boolean {
  let end = Math.min(buf.length, 65536);
  while (end < buf.length && end > 0 && (buf[end] & 0xc0) === 0x80) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Parses CSV text; blank lines inside are kept (as `['']`) so row numbers match a spreadsheet's. */
export function parseCsvText(text: string, onProgress?: Progress): string[][] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = detectDelimiter(body);
  const rows: string[][] = [];
  const total = body.length || 1;
  let error: Error | null = null;
  onProgress?.(0);
  Papa.parse<string[]>(body, {
    delimiter,
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    chunkSize: 4 << 20,
    chunk: (results: Papa.ParseResult<string[]>) => {
      const data = results.data;
      for (let i = 0; i < data.length; i++) rows.push(data[i]);
      onProgress?.(Math.min(1, results.meta.cursor / total));
    },
    complete: () => undefined,
    error: (e: Error) => {
      error = e;
    },
  });
  if (error) throw error;
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1])) rows.pop();
  return rows;
}

/** A line that parsed to nothing but blanks (papaparse gives [''] for an empty line). */
export function isBlankRow(r: readonly string[]): boolean {
  return r.length === 0 || (r.length === 1 && r[0].trim() === '');
}

export function readCsvFile(path: string, onProgress?: { read?: Progress; parse?: Progress }): string[][] {
  onProgress?.read?.(0);
  const text = decodeCsvBytes(readFileSync(path));
  onProgress?.read?.(1);
  return parseCsvText(text, onProgress?.parse);
}
