/**
 * CSV/TSV text → rows of strings (the same tokenizer as the byte reader, over the text re-encoded as
 * UTF-8), and bytes → text: a UTF-8 BOM is dropped; UTF-16 (Excel "Unicode text") and Windows-1251
 * files (older Russian Excel) are decoded too.
 */
import { readFileSync } from 'node:fs';
import { csvSampleRows, utf8Layout } from './csv-columnar';
import { checkUtf8 } from './utf8-check';

export { detectDelimiter, isBlankRow } from './csv-columnar';

export type Progress = (fraction: number) => void;

/** Bytes → text: BOMs honoured, and a file that is not (mostly) UTF-8 read as Windows-1251. */
export function decodeCsvBytes(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.toString('utf16le', 2);
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = buf.subarray(start);
  if (checkUtf8(body).kind === 'single-byte') return new TextDecoder('windows-1251').decode(body);
  return body.toString('utf8');
}

/** Parses CSV text; blank lines inside are kept (as `['']`) so row numbers match a spreadsheet's. */
export function parseCsvText(text: string, onProgress?: Progress): string[][] {
  onProgress?.(0);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const layout = utf8Layout(Buffer.from(body, 'utf8'));
  const rows = layout ? csvSampleRows(layout, Number.MAX_SAFE_INTEGER) : [];
  onProgress?.(1);
  return rows;
}

export function readCsvFile(path: string, onProgress?: { read?: Progress; parse?: Progress }): string[][] {
  onProgress?.read?.(0);
  const text = decodeCsvBytes(readFileSync(path));
  onProgress?.read?.(1);
  return parseCsvText(text, onProgress?.parse);
}
