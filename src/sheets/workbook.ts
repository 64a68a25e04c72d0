/**
 * The Workbook port: the few spreadsheet operations the add-on needs, so the refresh logic reads as
 * a recipe and is testable, plus its SpreadsheetApp implementation.
 *
 * Tab ownership: every sheet this add-on creates carries developer metadata `funnel.tab` with project
 * visibility (invisible to people and to other scripts, kept when the sheet is cleared or renamed). A sheet is replaced only when it carries
 * that marker; a person's own sheet that happens to be called "Cohorts" is never touched, and the
 * report goes to "Cohorts (funnel)" instead. When that name is a person's sheet too, the tab is
 * refused with a message.
 */
import { normaliseTimeZone } from '../core/dates';
import type { CellValue } from '../core/types';
import type { ReportWriter, TabLayout } from '../report/layout';
import type { GasSheet, GasSpreadsheet, GasSpreadsheetApp, GasUi } from './gas';
import { protectText } from './safe-text';
import { SheetsReportWriter } from './sheets-writer';

export const OWNER_KEY = 'funnel.tab';
export type SheetKind = 'report' | 'example-leads';

/** Name used when a person's own sheet already has the wanted name. */
export function fallbackName(name: string): string {
  return `${name} (funnel)`;
}

export class SheetTakenError extends Error {
  constructor(
    readonly wanted: string,
    readonly alternative: string,
  ) {
    super(`Sheets "${wanted}" and "${alternative}" exist and were not made by this add-on`);
  }
}

/** The spreadsheet reports a time zone that is neither an IANA name nor a fixed offset. */
export class UnknownTimeZoneError extends Error {
  constructor(readonly zone: string) {
    super(`the spreadsheet's time zone "${zone}" is not recognised (File → Settings → Time zone)`);
  }
}

export interface Workbook {
  name(): string;
  timeZone(): string;
  sheetNames(): string[];
  /** The whole used range in one read (getDataRange().getValues()); null when there is no such sheet. */
  readAll(sheet: string): CellValue[][] | null;
  /** The first `rows` rows (header included), for recognising the leads sheet; null when there is no such sheet. */
  readTop(sheet: string, rows: number): CellValue[][] | null;
  /** True for a report tab this add-on made (never a leads candidate; its example Leads sheet is). */
  isReportTab(sheet: string): boolean;
  /** Writes report tabs; remembers which sheet name each layout went to. */
  reportWriter(): TrackingReportWriter;
  /** Puts one line of our own text in one cell (1-based), grey italic. */
  writeNote(sheet: string, row: number, col: number, text: string): void;
  /**
   * Creates or replaces (when ours) a plain data sheet: values already converted for setValues,
   * header row bold and frozen, optional number formats per column. Returns the sheet name used.
   */
  writeDataSheet(wanted: string, kind: SheetKind, values: unknown[][], columnFormats: (string | null)[]): string;
  activate(sheet: string): void;
  /** Name of the sheet the person is on (Sheets always has one); null when it cannot be told. */
  activeSheetName(): string | null;
  toast(message: string, title: string): void;
  /** A toast for work in progress: it stays up to a minute, and the next toast replaces it. */
  progressToast(message: string, title: string): void;
  alert(message: string): void;
}

export interface TrackingReportWriter extends ReportWriter {
  writeTab(layout: TabLayout): void;
  /** Sheet name the layout was written to (differs from the layout name when a person owns that name). */
  sheetNameOf(layoutName: string): string | undefined;
}

export class SpreadsheetWorkbook implements Workbook {
  private sheetCache: Map<string, GasSheet> | null = null;
  private zone: string | null = null;
  private ui: GasUi | null = null;

  constructor(
    private readonly app: GasSpreadsheetApp,
    private readonly ss: GasSpreadsheet,
  ) {}

  private sheets(): Map<string, GasSheet> {
    if (!this.sheetCache) {
      this.sheetCache = new Map();
      for (const s of this.ss.getSheets()) this.sheetCache.set(s.getName(), s);
    }
    return this.sheetCache;
  }

  private sheet(name: string): GasSheet | null {
    return this.sheets().get(name) ?? null;
  }

  name(): string {
    return this.ss.getName();
  }

  /** The spreadsheet's zone, normalised once (a custom `GMT-07:00` becomes a fixed offset the engine reads). */
  timeZone(): string {
    if (this.zone === null) {
      const raw = this.ss.getSpreadsheetTimeZone();
      const zone = normaliseTimeZone(raw);
      if (zone === null) throw new UnknownTimeZoneError(raw);
      this.zone = zone;
    }
    return this.zone;
  }

  sheetNames(): string[] {
    return [...this.sheets().keys()];
  }

  readAll(name: string): CellValue[][] | null {
    const s = this.sheet(name);
    return s ? (s.getDataRange().getValues() as CellValue[][]) : null;
  }

  readTop(name: string, rows: number): CellValue[][] | null {
    const s = this.sheet(name);
    if (!s) return null;
    const lastRow = s.getLastRow();
    const lastCol = s.getLastColumn();
    if (lastRow === 0 || lastCol === 0) return [];
    return s.getRange(1, 1, Math.min(rows, lastRow), lastCol).getValues() as CellValue[][];
  }

  isReportTab(name: string): boolean {
    const s = this.sheet(name);
    return s !== null && ownerKind(s, this.app) === 'report';
  }

  /**
   * The sheet to write a `kind` sheet called `wanted` into: ours or new under `wanted`, else ours or
   * new under the fallback name. `fresh` says whether it was just created (nothing to clear).
   */
  claim(wanted: string, kind: SheetKind): { sheet: GasSheet; fresh: boolean; name: string } {
    for (const name of [wanted, fallbackName(wanted)]) {
      const existing = this.sheet(name);
      if (!existing) {
        const created = this.ss.insertSheet(name);
        // Project visibility: other scripts on the document can neither read nor forge the marker.
        created.addDeveloperMetadata(OWNER_KEY, kind, this.app.DeveloperMetadataVisibility.PROJECT);
        this.sheets().set(name, created);
        return { sheet: created, fresh: true, name };
      }
      if (ownerKind(existing, this.app) === kind) return { sheet: existing, fresh: false, name };
    }
    throw new SheetTakenError(wanted, fallbackName(wanted));
  }

  reportWriter(): TrackingReportWriter {
    return new SheetsReportWriter(this.app, {
      timeZone: () => this.timeZone(),
      claim: (name) => this.claim(name, 'report'),
      sheetId: (name) => {
        const s = this.sheet(name);
        return s ? s.getSheetId() : null;
      },
    });
  }

  writeNote(name: string, row: number, col: number, text: string): void {
    const s = this.sheet(name);
    if (!s) return;
    s.getRange(row, col, 1, 1).setValues([[protectText(text)]]).setFontColor('#595959').setFontStyle('italic');
  }

  writeDataSheet(wanted: string, kind: SheetKind, values: unknown[][], columnFormats: (string | null)[]): string {
    const { sheet, fresh, name } = this.claim(wanted, kind);
    const numRows = values.length;
    const numCols = values[0]?.length ?? 0;
    if (!fresh) sheet.clear();
    if (numRows === 0 || numCols === 0) return name;
    ensureSize(sheet, numRows, numCols);
    const block = sheet.getRange(1, 1, numRows, numCols);
    block.setValues(values);
    if (columnFormats.some((f) => f !== null)) {
      const formats = values.map((_, r) => columnFormats.slice(0, numCols).map((f) => (r === 0 || f === null ? 'General' : f)));
      while (formats[0].length < numCols) for (const row of formats) row.push('General');
      block.setNumberFormats(formats);
    }
    sheet.getRange(1, 1, 1, numCols).setFontWeights([new Array(numCols).fill('bold')]);
    sheet.setFrozenRows(1);
    return name;
  }

  activate(name: string): void {
    const s = this.sheet(name);
    if (s) this.ss.setActiveSheet(s);
  }

  activeSheetName(): string | null {
    const s = this.ss.getActiveSheet();
    return s ? s.getName() : null;
  }

  progressToast(message: string, title: string): void {
    // Bounded rather than "until dismissed": if the run dies (e.g. the 6-minute limit), it must not stay up.
    this.ss.toast(message, title, 60);
  }

  toast(message: string, title: string): void {
    this.ss.toast(message, title, 8);
  }

  alert(message: string): void {
    if (!this.ui) this.ui = this.app.getUi();
    this.ui.alert(message);
  }
}

/**
 * The `funnel.tab` marker value of a sheet, or null when a person made it. Only a project-visible
 * marker counts: a document-visible one could have been added by any other script on the document.
 */
export function ownerKind(sheet: GasSheet, app: Pick<GasSpreadsheetApp, 'DeveloperMetadataVisibility'>): SheetKind | null {
  for (const m of sheet.getDeveloperMetadata()) {
    if (m.getKey() === OWNER_KEY && m.getVisibility() === app.DeveloperMetadataVisibility.PROJECT) {
      const v = m.getValue();
      if (v === 'report' || v === 'example-leads') return v;
    }
  }
  return null;
}

/** Grows the sheet's grid so a block of `rows` × `cols` fits (a new sheet has 1000 × 26 cells). */
export function ensureSize(sheet: GasSheet, rows: number, cols: number): { maxRows: number; maxCols: number } {
  let maxRows = sheet.getMaxRows();
  let maxCols = sheet.getMaxColumns();
  if (rows > maxRows) {
    sheet.insertRowsAfter(maxRows, rows - maxRows);
    maxRows = rows;
  }
  if (cols > maxCols) {
    sheet.insertColumnsAfter(maxCols, cols - maxCols);
    maxCols = cols;
  }
  return { maxRows, maxCols };
}
