/**
 * The sheets of an XLSX file in tab order, with the part (zip entry) that holds each, read from
 * xl/workbook.xml and xl/_rels/workbook.xml.rels. exceljs's streaming reader names a sheet only when it
 * has read those parts before the sheet and the relationship target has the relative form it expects;
 * files from openpyxl/pandas put the workbook part last and use absolute targets, and their sheets
 * come out as "Sheet1", "Sheet2"… Only the central directory and these two small entries are read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface WorkbookSheet {
  name: string;
  /** Zip entry of the worksheet, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  let done = 0;
  while (done < len) {
    const n = readSync(fd, buf, done, len - done, pos + done);
    if (n === 0) break;
    done += n;
  }
  return buf.subarray(0, done);
}

/** The named entries of a zip file (stored or deflated); entries not found are absent from the map. */
export function readZipEntries(path: string, names: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return out;
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size) return out; // zip64 or damaged: leave it to exceljs
    const cd = readAt(fd, cdOffset, cdSize);
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50; ) {
      const method = cd.readUInt16LE(p + 10);
      const compressed = cd.readUInt32LE(p + 20);
      const nameLen = cd.readUInt16LE(p + 28);
      const next = p + 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      const local = cd.readUInt32LE(p + 42);
      p = next;
      if (!names.includes(name) || (method !== 0 && method !== 8)) continue;
      const header = readAt(fd, local, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) continue;
      const data = readAt(fd, local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), compressed);
      out.set(name, method === 0 ? data : inflateRawSync(data));
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Attributes of one start tag (`prefix:name` keys kept as written). */
function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out.set(m[1], unescapeXml(m[3] ?? m[4] ?? ''));
  return out;
}

/** `r:id` whatever the relationships namespace prefix is called. */
function relId(attrs: Map<string, string>): string | undefined {
  for (const [k, v] of attrs) if (/^\w+:id$/.test(k)) return v;
  return undefined;
}

export interface WorkbookInfo {
  /** Tab order; [] when the file cannot be read this way (exceljs's names are used then). */
  sheets: WorkbookSheet[];
  /** Serial dates count from 1904 (old Mac Excel). */
  date1904: boolean;
}

export function workbookInfo(path: string): WorkbookInfo {
  let entries: Map<string, Buffer>;
  try {
    entries = readZipEntries(path, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);
  } catch {
    return { sheets: [], date1904: false };
  }
  const workbook = entries.get('xl/workbook.xml')?.toString('utf8');
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.toString('utf8');
  if (!workbook || !rels) return { sheets: [], date1904: false };
  const pr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbook);
  const d1904 = pr ? attributes(pr[0]).get('date1904') : undefined;
  const date1904 = d1904 === '1' || d1904 === 'true';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  const sheets: WorkbookSheet[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const name = a.get('name');
    const id = relId(a);
    const part = id === undefined ? undefined : targets.get(id);
    if (name !== undefined && part) sheets.push({ name, part });
  }
  return { sheets, date1904 };
}
