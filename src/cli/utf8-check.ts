/**
 * Is a CSV file UTF-8? The whole file is checked (node's native isUtf8: ~10 ms per 90 MB), not a
 * sample, so Windows-1251 text deep in the file is not silently turned into U+FFFD. When the file is
 * not valid UTF-8, the well-formed multi-byte characters are weighed against the invalid bytes: a file
 * with more of the first is UTF-8 with a few rows in another encoding (the reader decodes those cells
 * as Windows-1251 and lists them as data issues); otherwise the whole file is Windows-1251.
 */
import { isUtf8 } from 'node:buffer';

export type Utf8Verdict = { kind: 'utf8' } | { kind: 'mixed'; invalid: Int32Array } | { kind: 'single-byte' };

/** Length of the well-formed UTF-8 sequence at b[i] (a non-ASCII lead byte), or 0 when it is invalid. */
function sequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + need >= end) return 0;
  const c1 = b[i + 1];
  if (c1 < lo || c1 > hi) return 0;
  for (let k = 2; k <= need; k++) {
    const ck = b[i + k];
    if (ck < 0x80 || ck > 0xbf) return 0;
  }
  return need + 1;
}

/** Well-formed multi-byte characters and invalid bytes in b[start, end); offsets of the invalid ones when `collect`. */
function scan(b: Uint8Array, start: number, end: number, collect: boolean): { valid: number; invalid: number; offsets: number[] } {
  let valid = 0;
  let invalid = 0;
  const offsets: number[] = [];
  for (let i = start; i < end; ) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const n = sequenceLength(b, i, end);
    if (n > 0) {
      valid++;
      i += n;
    } else {
      invalid++;
      if (collect) offsets.push(i);
      i++;
    }
  }
  return { valid, invalid, offsets };
}

export function checkUtf8(buf: Buffer, start = 0): Utf8Verdict {
  const body = buf.subarray(start);
  if (isUtf8(body)) return { kind: 'utf8' };
  const counts = scan(buf, start, buf.length, false);
  if (counts.valid <= counts.invalid) return { kind: 'single-byte' };
  return { kind: 'mixed', invalid: Int32Array.from(scan(buf, start, buf.length, true).offsets) };
}
