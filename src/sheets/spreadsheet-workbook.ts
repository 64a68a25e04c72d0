/**
 * The Workbook port (workbook.ts) implemented on SpreadsheetApp.
 *
 * Tab ownership: every sheet this add-on creates carries developer metadata `funnel.tab` with project
 * visibility (invisible to people and to other scripts, kept when the sheet is cleared or renamed). A sheet is replaced only when it carries
 * that marker; a person's own sheet that happens to be called "Cohorts" is never touched, and the
 * report goes to "Cohorts (funnel)" instead. When that name is a person's sheet too, the tab is
 * refused with a message.
 */
import { normaliseTimeZone } from '../core/time/zone';
import type { CellValue } from '../core/types';
import type { GasSheet, GasSpreadsheet, GasSpreadsheetApp, GasUi } from './gas';
import { ensureSize } from './grid-size';
import { protectText } from './safe-text';
import { SheetsReportWriter } from './sheets-writer';
import { KEYED_KIND, SheetsKeyedTabWriter } from './keyed-writer';
import type { KeyedLocale, KeyedMergeResult, KeyedRow, KeyedTabSpec } from '../core/keyed-spec';
import { OWNER_KEY, ownerKind, ownerMarker } from './tab-owner';
import { SheetTakenError, UnknownTimeZoneError, fallbackName, type SheetKind, type TrackingReportWriter, type Workbook } from './workbook';

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

  mergeKeyedTab(spec: KeyedTabSpec, rows: readonly KeyedRow[], locale: KeyedLocale): KeyedMergeResult {
    const result = new SheetsKeyedTabWriter(this.ss, locale, this.app).mergeKeyedTab(spec, rows);
    this.sheetCache = null;
    return result;
  }

  isReportTab(name: string): boolean {
    const s = this.sheet(name);
    return s !== null && ownerKind(s, this.app) === 'report';
  }

  isOwnTab(name: string): boolean {
    const s = this.sheet(name);
    if (s === null) return false;
    const v = ownerMarker(s, this.app);
    return v === 'report' || v === KEYED_KIND;
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
    s.getRange(row, col, 1, 1)
      .setValues([[protectText(text)]])
      .setFontColor('#595959')
      .setFontStyle('italic');
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
