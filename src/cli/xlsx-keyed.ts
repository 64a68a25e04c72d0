/**
 * KeyedTabWriter for XLSX: the keyed tab of the new report file is the previous file's keyed tab
 * with the merge applied. Every cell of the previous sheet is copied as it was (value object,
 * formula, rich text, date, style, note), plus row visibility, column widths, the auto-filter, data
 * validation (dropdowns), conditional formatting and merges; then the owned cells of the plan are set. People's cells are therefore copied, never
 * re-encoded. The dropdowns are put again where their columns are now, after the stale ones are
 * cleared (clearStaleDropdowns: XLSX keeps rules by cell address).
 *
 * Column identity is the header text (EN or RU label). XLSX has no developer metadata, and the
 * alternatives do not survive what people do: a hidden id row is sorted into the data or deleted by
 * Excel and LibreOffice like any row, and defined names over whole columns are dropped or rewritten
 * by some editors (and by Google Sheets on import). A retitled column is therefore "unknown": an
 * owned one is re-created at the right end, a people's one gets a new empty column beside it, and
 * the retitled column itself is copied untouched, so nothing typed is lost either way.
 *
 * Strings stay text: exceljs writes a JS string as a string cell and writes a formula only when
 * given `{ formula }`, which this writer never does for owned cells.
 */
import { existsSync } from 'node:fs';
import { columnLetter } from '../core/a1';
import type ExcelJS from 'exceljs';
import { planKeyedMerge, type KeyedMergePlan } from '../core/keyed-merge';
import { HUMAN_HEADER_BACKGROUND, OWNED_HEADER_BACKGROUND, headerNote } from '../core/keyed-messages';
import type { KeyedLabel, KeyedLocale, KeyedMergeResult, KeyedRow, KeyedTabSpec, KeyedTabWriter } from '../core/keyed-spec';
import type { CellValue } from '../core/types';
import { newWorkbook } from './xlsx-writer';

/** The previous report file, or null when there is none yet. */
export async function readPreviousWorkbook(path: string): Promise<ExcelJS.Workbook | null> {
  if (!existsSync(path)) return null;
  const wb = newWorkbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** An exceljs value as the merge sees it (what getValues would give); dates stay Dates so they can be written back. */
export function keyedCellValue(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return keyedCellValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in v) return keyedCellValue((v as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  return '';
}

function readGrid(ws: ExcelJS.Worksheet): CellValue[][] {
  const rows: CellValue[][] = [];
  const width = ws.columnCount;
  let lastWithContent = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const line: CellValue[] = [];
    for (let c = 1; c <= width; c++) {
      const raw = row.getCell(c).value;
      // A formula with no cached result (a file written by a library, not by Excel) reads as '' but is content.
      if (raw !== null && raw !== undefined && raw !== '') lastWithContent = r;
      line.push(keyedCellValue(raw));
    }
    rows.push(line);
  }
  // Like getDataRange in Sheets: rows below the last one with content (formatting only) are not data.
  rows.length = lastWithContent;
  return rows;
}

function copySheet(from: ExcelJS.Worksheet, to: ExcelJS.Worksheet): void {
  from.eachRow({ includeEmpty: true }, (row, r) => {
    const target = to.getRow(r);
    if (row.hidden) target.hidden = true;
    if (row.height) target.height = row.height;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const t = target.getCell(c);
      t.value = cell.value;
      t.style = structuredClone(cell.style);
      if (cell.note) t.note = cell.note;
    });
  });
  from.columns?.forEach((col, i) => {
    if (col.width) to.getColumn(i + 1).width = col.width;
    if (col.hidden) to.getColumn(i + 1).hidden = true;
  });
  if (from.autoFilter) to.autoFilter = from.autoFilter;
  // Dropdowns and colour rules people put on their columns, and merged cells, stay too.
  extras(to).dataValidations.model = structuredClone(extras(from).dataValidations.model);
  for (const cf of extras(from).conditionalFormattings ?? []) to.addConditionalFormatting(structuredClone(cf));
  for (const range of from.model.merges ?? []) to.mergeCells(range);
}

/** Worksheet fields exceljs has at run time but leaves out of its typings. */
export interface WorksheetExtras {
  dataValidations: { model: Record<string, ExcelJS.DataValidation>; add(address: string, validation: ExcelJS.DataValidation): void };
  conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
}

export function extras(ws: ExcelJS.Worksheet): WorksheetExtras {
  return ws as unknown as WorksheetExtras;
}

const CELL_OR_RANGE = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** 0-based column of column letters ("A" = 0). */
function columnOfLetters(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/**
 * XLSX keeps data validation by cell address, not with the column: after people move columns the
 * previous run's dropdown would stay where the column was (a verdict list on the Comment column).
 * Before the dropdowns are put on the columns where they are now, list rules below the header are
 * removed from those columns (`dropdownColumns`: replaced anyway) and, anywhere on the sheet, rules
 * holding one of our lists (`ourLists`, EN or RU: a dropdown left behind by a move). Other rules people
 * set (a date rule, a list of their own on any column) stay. A list left behind after the settings
 * changed its items (the reasons) is not recognised as ours and stays.
 */
function clearStaleDropdowns(ws: ExcelJS.Worksheet, dropdownColumns: ReadonlySet<number>, ourLists: ReadonlySet<string>): void {
  const model = extras(ws).dataValidations.model;
  for (const [address, rule] of Object.entries(model)) {
    if (rule?.type !== 'list') continue;
    const m = CELL_OR_RANGE.exec(address.trim());
    if (!m || Number(m[2]) < 2) continue;
    const from = columnOfLetters(m[1]);
    const to = m[3] ? columnOfLetters(m[3]) : from;
    let onDropdownColumn = false;
    for (let c = from; c <= to && !onDropdownColumn; c++) onDropdownColumn = dropdownColumns.has(c);
    if (onDropdownColumn || ourLists.has(String(rule.formulae?.[0] ?? ''))) delete model[address];
  }
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

export class XlsxKeyedTabWriter implements KeyedTabWriter {
  /**
   * `target` is the workbook about to be written; `previous` the last report file read with
   * readPreviousWorkbook (null on the first run). They may be the same workbook.
   */
  constructor(
    private readonly target: ExcelJS.Workbook,
    private readonly previous: ExcelJS.Workbook | null,
    private readonly locale: KeyedLocale,
  ) {}

  mergeKeyedTab(spec: KeyedTabSpec, rows: readonly KeyedRow[]): KeyedMergeResult {
    const old = this.previous?.getWorksheet(spec.sheetName) ?? null;
    const plan = planKeyedMerge(spec, old ? { values: readGrid(old) } : null, rows, this.locale);
    let ws: ExcelJS.Worksheet;
    if (old && this.previous === this.target) {
      ws = old;
    } else {
      const existing = this.target.getWorksheet(spec.sheetName);
      if (existing) this.target.removeWorksheet(existing.id);
      ws = this.target.addWorksheet(spec.sheetName);
      if (old) copySheet(old, ws);
    }
    this.write(ws, spec, plan);
    return plan.result;
  }

  private write(ws: ExcelJS.Worksheet, spec: KeyedTabSpec, plan: KeyedMergePlan): void {
    for (const o of plan.owned) {
      o.values.forEach((v, r) => {
        const cell = ws.getCell(r + 1, o.index + 1);
        const value = v === null || v === undefined || v === '' ? null : v;
        if (cell.value !== value) cell.value = value;
      });
    }
    for (const h of plan.createdHumanHeaders) ws.getCell(1, h.index + 1).value = h.label;
    // Dropdown columns are wider: their items are phrases ("Rejected — not qualified").
    const withList = new Set(spec.human.filter((h) => h.dropdown && h.dropdown.length > 0).map((h) => h.id));
    for (const c of plan.columns) {
      const cell = ws.getCell(1, c.index + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.owner === 'people' ? HUMAN_HEADER_BACKGROUND : OWNED_HEADER_BACKGROUND) } };
      cell.font = { ...(cell.font ?? {}), bold: true };
      // A width people set stays; columns without one (new, or from a CSV export) get one that fits their header.
      if (!ws.getColumn(c.index + 1).width) ws.getColumn(c.index + 1).width = withList.has(c.id) ? 26 : 16;
    }
    // Dropdowns on people's columns below the header (other values allowed, flagged by Excel's warning style).
    const last = Math.max(plan.rowCount, 1000);
    const listOf = (labels: readonly KeyedLabel[], locale: KeyedLocale): string => `"${[...new Set(labels.map((l) => l[locale].replace(/[",]/g, ' ')))].join(',')}"`;
    const withDropdown = spec.human.filter((h) => h.dropdown && h.dropdown.length > 0);
    const lists = withDropdown.map((h) => ({ index: plan.columns.find((c) => c.id === h.id)!.index, formula: listOf(h.dropdown!, this.locale) }));
    // Our lists in either language (the report language may have changed since the last run).
    const ours = new Set(withDropdown.flatMap((h) => (['en', 'ru'] as const).map((l) => listOf(h.dropdown!, l))));
    clearStaleDropdowns(ws, new Set(lists.map((l) => l.index)), ours);
    for (const { index, formula } of lists) {
      const letter = columnLetter(index);
      extras(ws).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: 'warning',
        formulae: [formula],
      });
    }
    const key = plan.columns.find((c) => c.id === spec.key.id)!;
    ws.getCell(1, key.index + 1).note = headerNote(spec.key.label[this.locale], this.locale);
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }];
  }
}
