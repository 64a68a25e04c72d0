/**
 * The keyed tab as a person editing the report file in Excel or LibreOffice would leave it, modelled
 * with exceljs on the workbook the person opened: rows and columns move as wholes (values and
 * styles), typing '=…' makes a formula, a leading apostrophe makes text, a filter hides rows. A
 * refresh saves the person's file, reads it back as the previous report, writes a new report file
 * with the merged keyed tab beside a generated tab, and the person reopens that file.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { XlsxKeyedTabWriter, readPreviousWorkbook } from '../../src/cli/xlsx-keyed';
import { newWorkbook } from '../../src/cli/xlsx-writer';
import type { KeyedMergeResult, KeyedRow, KeyedTabSpec } from '../../src/core/keyed-spec';
import type { Canon, Surface } from './property-model';
import { SPEC } from './spec-fixture';

export function canonOfXlsx(v: ExcelJS.CellValue | undefined): Canon {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return `DATE:${v.toISOString()}`;
  if ('formula' in v) return `FORMULA:=${v.formula}`;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  return JSON.stringify(v);
}

interface CellCopy {
  value: ExcelJS.CellValue;
  style: Partial<ExcelJS.Style>;
}

function snapshotCells(ws: ExcelJS.Worksheet): { cells: Map<string, CellCopy>; hidden: Set<number>; rows: number; cols: number } {
  const cells = new Map<string, CellCopy>();
  const hidden = new Set<number>();
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) hidden.add(r);
    row.eachCell({ includeEmpty: false }, (cell, c) => cells.set(`${r},${c}`, { value: cell.value, style: structuredClone(cell.style) }));
  });
  return { cells, hidden, rows: ws.rowCount, cols: ws.columnCount };
}

/** Rebuilds the sheet with every cell moved by the maps (null = gone). */
function remap(ws: ExcelJS.Worksheet, rowMap: (r: number) => number | null, colMap: (c: number) => number | null): void {
  const snap = snapshotCells(ws);
  for (let r = 1; r <= snap.rows + 1; r++) {
    const row = ws.getRow(r);
    row.hidden = false;
    for (let c = 1; c <= snap.cols + 1; c++) {
      const cell = row.getCell(c);
      cell.value = null;
      cell.style = {};
    }
  }
  for (const [k, copy] of snap.cells) {
    const [r0, c0] = k.split(',').map(Number);
    const r = rowMap(r0);
    const c = colMap(c0);
    if (r === null || c === null) continue;
    const cell = ws.getCell(r, c);
    cell.value = copy.value;
    cell.style = copy.style;
  }
  for (const r0 of snap.hidden) {
    const r = rowMap(r0);
    if (r !== null) ws.getRow(r).hidden = true;
  }
}

/** What typing into Excel stores. */
function typedValue(typed: string): ExcelJS.CellValue {
  if (typed === '') return null;
  if (typed.startsWith("'")) return typed.slice(1);
  if (typed.startsWith('=')) return { formula: typed.slice(1) } as ExcelJS.CellFormulaValue;
  if (/^\d+$/.test(typed)) return Number(typed);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typed);
  if (d) return new Date(Date.UTC(+d[1], +d[2] - 1, +d[3]));
  return typed;
}

export interface XlsxSurface extends Surface {
  sheet(): ExcelJS.Worksheet;
  lastResult(): KeyedMergeResult | null;
  file: string;
}

export function xlsxSurface(dir = mkdtempSync(join(tmpdir(), 'keyed-')), spec: KeyedTabSpec = SPEC): XlsxSurface {
  const file = join(dir, 'report.xlsx');
  let current: ExcelJS.Workbook | null = null;
  let result: KeyedMergeResult | null = null;
  const sheet = (): ExcelJS.Worksheet => {
    const ws = current?.getWorksheet(spec.sheetName);
    if (!ws) throw new Error('No keyed tab yet');
    return ws;
  };
  const lastRow = (ws: ExcelJS.Worksheet): number => {
    let last = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      let any = false;
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== null && cell.value !== undefined && cell.value !== '') any = true;
      });
      if (any) last = r;
    });
    return last;
  };
  return {
    file,
    sheet,
    lastResult: () => result,
    async read() {
      const ws = sheet();
      const rows = lastRow(ws);
      const width = ws.columnCount;
      const out: Canon[][] = [];
      for (let r = 1; r <= rows; r++) {
        const line: Canon[] = [];
        for (let c = 1; c <= width; c++) line.push(canonOfXlsx(ws.getCell(r, c).value));
        out.push(line);
      }
      return out;
    },
    async sort(col, ascending) {
      const ws = sheet();
      const last = lastRow(ws);
      const rows = Array.from({ length: Math.max(0, last - 1) }, (_, i) => i + 2);
      const keyOf = (r: number): Canon => canonOfXlsx(ws.getCell(r, col).value);
      rows.sort((a, b) => {
        const x = keyOf(a);
        const y = keyOf(b);
        if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0) || a - b;
        const d = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === 'number' ? -1 : 1;
        return (ascending ? d : -d) || a - b;
      });
      const newRowOf = new Map(rows.map((old, i) => [old, i + 2]));
      remap(ws, (r) => newRowOf.get(r) ?? r, (c) => c);
    },
    async filter(col, parity) {
      const ws = sheet();
      const last = lastRow(ws);
      for (let r = 2; r <= last; r++) ws.getRow(r).hidden = String(canonOfXlsx(ws.getCell(r, col).value)).length % 2 === parity;
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, last), column: ws.columnCount } };
    },
    async insertRowBefore(row) {
      remap(sheet(), (r) => (r >= row ? r + 1 : r), (c) => c);
    },
    async deleteRow(row) {
      remap(sheet(), (r) => (r === row ? null : r > row ? r - 1 : r), (c) => c);
    },
    async moveColumn(col, dest) {
      // Same semantics as Sheet.moveColumns: dest is an index before the move.
      const ws = sheet();
      const width = ws.columnCount;
      const all = Array.from({ length: width }, (_, i) => i + 1);
      const rest = all.filter((c) => c !== col);
      const before = dest === col ? col + 1 : dest;
      const at = before > width ? rest.length : rest.indexOf(before);
      const order = [...rest.slice(0, at), col, ...rest.slice(at)];
      const newColOf = new Map(order.map((old, i) => [old, i + 1]));
      remap(ws, (r) => r, (c) => newColOf.get(c) ?? c);
    },
    async type(row, col, typed) {
      sheet().getCell(row, col).value = typedValue(typed);
    },
    async refresh(rows: KeyedRow[]) {
      if (current) await current.xlsx.writeFile(file);
      const previous = await readPreviousWorkbook(file);
      const target = newWorkbook();
      target.addWorksheet('Cohorts').getCell(1, 1).value = 'generated tab';
      result = new XlsxKeyedTabWriter(target, previous, 'en').mergeKeyedTab(spec, rows);
      await target.xlsx.writeFile(file);
      current = await readPreviousWorkbook(file);
    },
  };
}
