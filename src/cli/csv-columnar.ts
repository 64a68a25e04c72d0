/**
 * The CSV reader. Bytes → ingestion without a string table: the file stays one Buffer; rows are
 * tokenized one at a time into byte ranges, and a cell becomes a string only when ingestion asks for
 * it: dates of the common fixed shapes are read from the bytes, slice columns are dictionary-encoded by
 * their bytes (one decode per distinct value), ids and everything else are decoded on demand.
 *
 * Rules (papaparse's for well-formed files): the delimiter is taken from the header line, one newline
 * kind (\n, \r\n or \r) is guessed for the whole file, quotes count only at the start of a field,
 * doubled quotes inside, whitespace allowed between a closing quote and the delimiter. Where papaparse
 * would swallow the rest of the file into one cell (a quote never closed, or "closed" by a quote with
 * text after it), the opening quote is read as an ordinary character instead and the field is listed in
 * `CsvTokenizer.unclosed`. Files that are not UTF-8 are decoded and re-encoded first (csv-ingest).
 */
import type { DateParser } from '../core/time/date-parser';
import { NOT_FIXED } from '../core/time/sentinels';
import { parseFixedDateBytes } from '../core/time/parse-bytes';
import type { RowSource } from '../core/ingest';
import { columnLetter } from '../core/a1';
import type { CellValue, DataIssue } from '../core/types';
import { invalidBytesIssue, unclosedQuoteIssue } from './reader-issues';
import { checkUtf8 } from './utf8-check';

const CANDIDATES = [',', ';', '\t'] as const;

/** Lines looked at for the delimiter: the header may sit under a few title lines. */
const DELIMITER_LINES = 20;

/**
 * The delimiter of a CSV text: the candidate (`,` `;` tab, outside quotes) that occurs most often on the
 * first line with at least two of one of them (a header of three or more columns), so title lines above
 * the header ("Leads export", "Export, November") do not decide; else on the first line with any; `,`
 * on a tie or when there is none.
 */
export function detectDelimiter(text: string): string {
  let counts = [0, 0, 0];
  let fallback = -1;
  let lines = 0;
  let inQuotes = false;
  const limit = Math.min(text.length, 1 << 20);
  const argmax = (c: number[]) => (c[1] > c[0] ? (c[2] > c[1] ? 2 : 1) : c[2] > c[0] ? 2 : 0);
  for (let i = 0; i <= limit && lines < DELIMITER_LINES; i++) {
    const ch = i < limit ? text.charCodeAt(i) : 10;
    if (ch === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === 10 || ch === 13) {
        const most = Math.max(...counts);
        if (most >= 2) return CANDIDATES[argmax(counts)];
        if (most === 1 && fallback < 0) fallback = argmax(counts);
        counts = [0, 0, 0];
        lines++;
        if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      } else if (ch === 44) counts[0]++;
      else if (ch === 59) counts[1]++;
      else if (ch === 9) counts[2]++;
    }
  }
  return CANDIDATES[Math.max(fallback, 0)];
}

/** A line that parsed to nothing but blanks (an empty line gives ['']). */
export function isBlankRow(r: readonly string[]): boolean {
  return r.length === 0 || (r.length === 1 && r[0].trim() === '');
}

export interface CsvLayout {
  buf: Buffer;
  /** First byte after the BOM. */
  start: number;
  end: number;
  delim: number;
  /** First newline byte, and the second one of \r\n (-1 otherwise). */
  nl0: number;
  nl1: number;
  /** A UTF-8 file with some invalid bytes: their offsets, ascending (see utf8-check). */
  invalid?: Int32Array;
  /** Lines before `start` that count as rows (Excel's `sep=` line): row numbers start after them. */
  linesBefore: number;
}

const QUOTE = 34;

/**
 * Node's Buffer#utf8Slice: what toString('utf8', s, e) calls after checking its arguments, and about
 * 40% cheaper per call, which counts at a million ids. Undocumented but present in every Node since 0.x.
 */
type SliceableBuffer = Buffer & { utf8Slice(start: number, end: number): string };

/** papaparse's newline guess (ParserHandle.guessLineEndings), on the same first megabyte of text. */
export function guessLineEndings(text: string): '\n' | '\r\n' | '\r' {
  const input = text.substring(0, 1024 * 1024).replace(/"([^]*?)"/gm, '');
  const r = input.split('\r');
  const n = input.split('\n');
  const nAppearsFirst = n.length > 1 && n[0].length < r[0].length;
  if (r.length === 1 || nAppearsFirst) return '\n';
  let numWithN = 0;
  for (let i = 0; i < r.length; i++) if (r[i][0] === '\n') numWithN++;
  return numWithN >= r.length / 2 ? '\r\n' : '\r';
}

/** Where the rows are and how they are separated, or null when the file is not UTF-8 text (or is empty). */
export function csvLayout(buf: Buffer): CsvLayout | null {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return null;
  const bom = (i: number) => buf.length >= i + 3 && buf[i] === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf;
  let start = bom(0) ? 3 : 0;
  if (start === buf.length) return null;
  const verdict = checkUtf8(buf, start);
  if (verdict.kind === 'single-byte') return null;
  if (bom(start)) start += 3; // a second BOM: parseCsvText drops one more after decoding
  const layout = utf8Layout(buf, start);
  if (layout && verdict.kind === 'mixed') layout.invalid = verdict.invalid;
  return layout;
}

/**
 * Excel's `sep=;` first line: the delimiter it names, and where the next line starts. It is not data,
 * but it is a row in the file (Google Sheets and text editors show it; only Excel hides it), so rows
 * are numbered from it: the header after it is row 2.
 */
function sepLine(buf: Buffer, start: number): { delim: number; next: number } | null {
  const end = buf.length;
  if (start + 5 > end || buf.toString('latin1', start, start + 4).toLowerCase() !== 'sep=') return null;
  const d = buf[start + 4];
  if (d === 10 || d === 13 || d === QUOTE || d >= 128) return null;
  let p = start + 5;
  if (p < end && buf[p] === 13) p++;
  if (p < end && buf[p] === 10) p++;
  else if (p < end && buf[p - 1] !== 13) return null; // more text on the line: not a sep= line
  return { delim: d, next: p };
}

/** The layout of buf[start…], known to be UTF-8 text; null when there is nothing there. */
export function utf8Layout(buf: Buffer, from = 0): CsvLayout | null {
  const end = buf.length;
  const sep = sepLine(buf, from);
  const start = sep ? sep.next : from;
  if (start >= end) return null;
  // 4 MB of UTF-8 is at least 1 M characters: all that the delimiter and newline guesses look at.
  const text = buf.toString('utf8', start, Math.min(end, start + (4 << 20) + 4));
  const delim = sep ? sep.delim : detectDelimiter(text).charCodeAt(0);
  const nl = guessLineEndings(text);
  return { buf, start, end, delim, nl0: nl.charCodeAt(0), nl1: nl.length === 2 ? nl.charCodeAt(1) : -1, linesBefore: sep ? 1 : 0 };
}

/** b[a, e) as a string when it is at most 12 ASCII bytes (ids, codes): cheaper than a Buffer slice call. */
function shortAscii(b: Buffer, a: number, e: number): string | null {
  let or = 0;
  for (let p = a; p < e; p++) or |= b[p];
  if (or >= 128) return null;
  const c = String.fromCharCode;
  switch (e - a) {
    case 0: return '';
    case 1: return c(b[a]);
    case 2: return c(b[a], b[a + 1]);
    case 3: return c(b[a], b[a + 1], b[a + 2]);
    case 4: return c(b[a], b[a + 1], b[a + 2], b[a + 3]);
    case 5: return c(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4]);
    case 6: return c(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5]);
    case 7: return c(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5], b[a + 6]);
    case 8: return c(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5], b[a + 6], b[a + 7]);
    default: {
      let s = c(b[a], b[a + 1], b[a + 2], b[a + 3], b[a + 4], b[a + 5], b[a + 6], b[a + 7]);
      for (let p = a + 8; p < e; p++) s += c(b[p]);
      return s;
    }
  }
}

/** Tokenizes one row at a time into byte ranges. Kinds: 0 plain, 1 quoted, 2 quoted with doubled quotes. */
export class CsvTokenizer {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  kinds = new Uint8Array(64);
  count = 0;
  /** Index of the current row in the file (0 = the first line, the header unless a `sep=` line precedes it). */
  row = -1;
  /** Fields whose opening quote was never closed, so it was read as an ordinary character. */
  readonly unclosed: { row: number; field: number; text: string }[] = [];
  private doubled = false;
  pos: number;
  private done: boolean;
  private readonly atFileEnd: boolean;
  protected readonly b: Buffer;
  private readonly end: number;
  private readonly delim: number;
  private readonly nl0: number;
  private readonly nl1: number;
  private readonly nlLen: number;

  /**
   * Rows of b[from, to); `to` must be the end of the file or the start of a row. Only at the end of the
   * file does a final newline give one more (empty) row.
   */
  constructor(layout: CsvLayout, from = layout.start, to = layout.end, firstRow = 0) {
    this.b = layout.buf;
    this.end = to;
    this.pos = from;
    this.atFileEnd = to === layout.end;
    this.done = from >= to && (firstRow > 0 || !this.atFileEnd);
    this.delim = layout.delim;
    this.nl0 = layout.nl0;
    this.nl1 = layout.nl1;
    this.nlLen = layout.nl1 < 0 ? 1 : 2;
    this.row = layout.linesBefore + firstRow - 1;
  }

  private push(s: number, e: number, kind: number): void {
    const i = this.count;
    if (i === this.starts.length) {
      const n = i * 2;
      const st = new Int32Array(n);
      st.set(this.starts);
      this.starts = st;
      const en = new Int32Array(n);
      en.set(this.ends);
      this.ends = en;
      const k = new Uint8Array(n);
      k.set(this.kinds);
      this.kinds = k;
    }
    this.starts[i] = s;
    this.ends[i] = e;
    this.kinds[i] = kind;
    this.count = i + 1;
  }

  /** Reads the next row; false after the last one (a final newline is followed by one empty row, as in papaparse). */
  next(): boolean {
    if (this.done) return false;
    const b = this.b;
    const end = this.end;
    const delim = this.delim;
    const nl0 = this.nl0;
    const nl1 = this.nl1;
    let p = this.pos;
    let literal = false;
    this.count = 0;
    this.row++;
    for (;;) {
      if (p < end && b[p] === QUOTE) {
        const closing = this.closingQuote(p + 1);
        if (closing >= 0) {
          this.push(p + 1, closing, this.doubled ? 2 : 1);
          const r = this.afterClosingQuote(closing + 1);
          if (r < 0) {
            this.pos = end;
            this.done = true;
            return true;
          }
          if (b[r] === delim) {
            p = r + 1;
            continue;
          }
          this.pos = r + this.nlLen;
          if (this.pos >= end && !this.atFileEnd) this.done = true;
          return true;
        }
        // Never properly closed: the quote is an ordinary character and the field ends like a plain one.
        literal = true;
      }
      const s = p;
      let c = 0;
      while (p < end) {
        c = b[p];
        if (c === delim || (c === nl0 && (nl1 < 0 || (p + 1 < end && b[p + 1] === nl1)))) break;
        p++;
      }
      this.push(s, p, 0);
      if (literal) {
        literal = false;
        this.unclosed.push({ row: this.row, field: this.count - 1, text: this.text(this.count - 1) });
      }
      if (p >= end) {
        this.pos = end;
        this.done = true;
        return true;
      }
      if (c === delim) {
        p++;
        continue;
      }
      this.pos = p + this.nlLen;
      if (this.pos >= end && !this.atFileEnd) this.done = true;
      return true;
    }
  }

  /**
   * The closing quote of a quoted field whose text starts at `s`, or -1 when there is none: the first
   * quote that is not doubled must be followed (after spaces) by the delimiter, a newline or the end of
   * the file. A quote left open to the end of the file, or one "closed" by a quote followed by other
   * text (usually the opening quote of a later field), would swallow every row up to it; the caller
   * then reads the opening quote as an ordinary character. A stray quote can still pair with a later
   * quote that is followed by the delimiter or a line break (e.g. the opening quote of a field whose
   * text starts with the delimiter): that looks exactly like a legitimate multi-line field. Sets `doubled`.
   */
  private closingQuote(s: number): number {
    const b = this.b;
    const end = this.end;
    this.doubled = false;
    let q = s;
    for (;;) {
      q = b.indexOf(QUOTE, q);
      if (q < 0 || q >= end) return -1;
      if (q + 1 < end && b[q + 1] === QUOTE) {
        this.doubled = true;
        q += 2;
        continue;
      }
      const r = this.afterClosingQuote(q + 1);
      return r === -2 ? -1 : q;
    }
  }

  /** After a closing quote: the delimiter or newline that ends the field, -1 at the end of the input, -2 for other text. */
  private afterClosingQuote(from: number): number {
    const b = this.b;
    for (let r = from; ; r++) {
      if (r >= this.end) return -1;
      const c = b[r];
      if (c === this.delim) return r;
      if (c === this.nl0 && (this.nl1 < 0 || (r + 1 < this.end && b[r + 1] === this.nl1))) return r;
      if (c !== 32 && (c < 9 || c > 13)) return -2;
    }
  }

  /** Text of field i of the current row. */
  text(i: number): string {
    const a = this.starts[i];
    const e = this.ends[i];
    if (e - a <= 12 && this.kinds[i] !== 2) {
      const s = shortAscii(this.b, a, e);
      if (s !== null) return s;
    }
    const s = (this.b as SliceableBuffer).utf8Slice(a, e);
    return this.kinds[i] === 2 ? s.replace(/""/g, '"') : s;
  }

  strings(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }
}

const WINDOWS_1251 = new TextDecoder('windows-1251');

/**
 * The tokenizer of a UTF-8 file with a few invalid bytes (rows pasted from a Windows-1251 export): a
 * cell holding invalid bytes is read as Windows-1251 and listed in `invalidCells`.
 */
class MixedTokenizer extends CsvTokenizer {
  readonly invalidCells: { row: number; field: number; text: string }[] = [];
  private k = 0;
  private readonly badFields: number[] = [];

  constructor(
    layout: CsvLayout,
    private readonly invalid: Int32Array,
    from: number,
    to: number,
    firstRow: number,
  ) {
    super(layout, from, to, firstRow);
    while (this.k < invalid.length && invalid[this.k] < from) this.k++;
  }

  override next(): boolean {
    this.badFields.length = 0;
    if (!super.next()) return false;
    const inv = this.invalid;
    while (this.k < inv.length && inv[this.k] < this.pos) {
      const off = inv[this.k++];
      for (let i = 0; i < this.count; i++) {
        if (this.starts[i] <= off && off < this.ends[i]) {
          if (!this.badFields.includes(i)) this.badFields.push(i);
          break;
        }
      }
    }
    for (const f of this.badFields) this.invalidCells.push({ row: this.row, field: f, text: this.text(f) });
    return true;
  }

  override text(i: number): string {
    if (this.badFields.length === 0 || !this.badFields.includes(i)) return super.text(i);
    const s = WINDOWS_1251.decode(this.b.subarray(this.starts[i], this.ends[i]));
    return this.kinds[i] === 2 ? s.replace(/""/g, '"') : s;
  }
}

/** The tokenizer for this layout (see CsvTokenizer's constructor). */
export function csvTokenizer(layout: CsvLayout, from = layout.start, to = layout.end, firstRow = 0): CsvTokenizer {
  return layout.invalid ? new MixedTokenizer(layout, layout.invalid, from, to, firstRow) : new CsvTokenizer(layout, from, to, firstRow);
}

/** The first rows as strings (header first), for column detection; the same rows `parseCsvText` gives. */
export function csvSampleRows(layout: CsvLayout, dataRows: number): string[][] {
  const t = csvTokenizer(layout);
  const rows: string[][] = [];
  let complete = true;
  while (t.next()) {
    rows.push(t.strings());
    if (rows.length > dataRows) {
      complete = !t.next();
      break;
    }
  }
  if (complete) while (rows.length > 0 && isBlankRow(rows[rows.length - 1])) rows.pop();
  return rows;
}

/** Upper bound of the rows in b[from, to): newline bytes + 1. */
function rowBound(b: Buffer, from: number, to: number, nl0: number): number {
  let n = 1;
  let p = from;
  for (;;) {
    p = b.indexOf(nl0, p);
    if (p < 0 || p >= to) return n;
    n++;
    p++;
  }
}

/** Open-addressing map from a byte range (of the one buffer) to a code. */
class ByteDict {
  private keys = new Int32Array(64); // slot → entry + 1
  private starts: number[] = [];
  private lens: number[] = [];
  private hashes: number[] = [];
  codes: number[] = [];
  private mask = 63;

  constructor(private readonly b: Buffer) {}

  /** Entry index of b[s, e) with hash h, or -1. */
  find(s: number, e: number, h: number): number {
    const b = this.b;
    const len = e - s;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const k = this.keys[i];
      if (k === 0) return -1;
      const j = k - 1;
      if (this.hashes[j] === h && this.lens[j] === len) {
        const o = this.starts[j];
        let p = 0;
        while (p < len && b[o + p] === b[s + p]) p++;
        if (p === len) return j;
      }
    }
  }

  add(s: number, e: number, h: number, code: number): void {
    const j = this.codes.length;
    this.starts.push(s);
    this.lens.push(e - s);
    this.hashes.push(h);
    this.codes.push(code);
    if ((j + 1) * 2 > this.keys.length) {
      const n = this.keys.length * 2;
      this.keys = new Int32Array(n);
      this.mask = n - 1;
      for (let x = 0; x <= j; x++) this.insert(x);
    } else {
      this.insert(j);
    }
  }

  private insert(j: number): void {
    let i = this.hashes[j] & this.mask;
    while (this.keys[i] !== 0) i = (i + 1) & this.mask;
    this.keys[i] = j + 1;
  }
}

/** A RowSource over the data rows of b[from, to) (all rows after the header by default). */
export class CsvRowSource implements RowSource {
  readonly header: readonly CellValue[];
  readonly capacity: number;
  private readonly t: CsvTokenizer;
  private readonly b: Buffer;
  private readonly dicts: ByteDict[] = [];
  private readonly onProgress?: (bytesDone: number) => void;
  private sinceProgress = 0;

  constructor(
    layout: CsvLayout,
    opts: { header?: readonly CellValue[]; from?: number; to?: number; firstRow?: number; onProgress?: (bytesDone: number) => void } = {},
  ) {
    this.b = layout.buf;
    const to = opts.to ?? layout.end;
    if (opts.header && opts.from !== undefined) {
      this.header = opts.header;
      this.t = csvTokenizer(layout, opts.from, to, opts.firstRow ?? 1);
    } else {
      this.t = csvTokenizer(layout, layout.start, to);
      this.header = this.t.next() ? this.t.strings() : [];
    }
    this.capacity = rowBound(this.b, this.t.pos, to, layout.nl0);
    this.onProgress = opts.onProgress;
  }

  next(): boolean {
    if (this.onProgress && ++this.sinceProgress === 65536) {
      this.sinceProgress = 0;
      this.onProgress(this.t.pos);
    }
    return this.t.next();
  }

  rowNumber(): number {
    return this.t.row + 1;
  }

  width(): number {
    return this.t.count;
  }

  cell(col: number): CellValue {
    return col < this.t.count ? this.t.text(col) : undefined;
  }

  date(col: number, parser: DateParser): number {
    const t = this.t;
    if (col >= t.count) return parser.parse(undefined);
    const s = t.starts[col];
    const len = t.ends[col] - s;
    if (len === 0) return NaN;
    if (t.kinds[col] !== 2) {
      const v = parseFixedDateBytes(this.b, s, len);
      if (v !== NOT_FIXED) return v;
    }
    return parser.parse(t.text(col));
  }

  cached(col: number, slot: number, resolve: (v: CellValue) => number): number {
    const t = this.t;
    if (col >= t.count || t.kinds[col] === 2) return resolve(this.cell(col));
    const dict = this.dicts[slot] ?? (this.dicts[slot] = new ByteDict(this.b));
    const b = this.b;
    const s = t.starts[col];
    const e = t.ends[col];
    let h = 0x811c9dc5;
    for (let p = s; p < e; p++) h = Math.imul(h ^ b[p], 0x01000193);
    const j = dict.find(s, e, h);
    if (j >= 0) return dict.codes[j];
    const code = resolve(t.text(col));
    dict.add(s, e, h, code);
    return code;
  }

  /** Problems the tokenizer met (quotes never closed), as data issues; call after the last row. */
  readerIssues(sheet: string): DataIssue[] {
    const column = (field: number) => (field < this.header.length ? String(this.header[field] ?? '').trim() : '') || columnLetter(field);
    const issues = this.t.unclosed.map((u) => unclosedQuoteIssue(sheet, u.row + 1, column(u.field), u.text));
    if (this.t instanceof MixedTokenizer) {
      for (const c of this.t.invalidCells) issues.push(invalidBytesIssue(sheet, c.row + 1, column(c.field), c.text));
      issues.sort((a, b) => a.row - b.row);
    }
    return issues;
  }

  isEmptyRow(): boolean {
    const t = this.t;
    for (let i = 0; i < t.count; i++) {
      if (t.ends[i] !== t.starts[i] && t.text(i).trim() !== '') return false;
    }
    return true;
  }
}
