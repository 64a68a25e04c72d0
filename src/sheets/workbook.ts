/**
 * The Workbook port: the few spreadsheet operations the add-on needs, so the refresh logic reads as
 * a recipe and is testable. Its SpreadsheetApp implementation is spreadsheet-workbook.ts.
 */
import type { KeyedLocale, KeyedMergeResult, KeyedRow, KeyedTabSpec } from '../core/keyed-spec';
import type { CellValue } from '../core/types';
import type { ReportWriter, TabLayout } from '../report/layout';

export type SheetKind = 'report' | 'example-leads' | 'example-spend';

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
  /** True for a report tab or a keyed tab (Feedback) this add-on made: never a leads candidate (one metadata read). */
  isOwnTab(sheet: string): boolean;
  /** Writes report tabs; remembers which sheet name each layout went to. */
  reportWriter(): TrackingReportWriter;
  /** Puts one line of our own text in one cell (1-based), grey italic. */
  writeNote(sheet: string, row: number, col: number, text: string): void;
  /**
   * Creates or replaces (when ours) a plain data sheet: values already converted for setValues,
   * header row bold and frozen, optional number formats per column. Returns the sheet name used.
   */
  writeDataSheet(wanted: string, kind: SheetKind, values: unknown[][], columnFormats: (string | null)[]): string;
  /** Refreshes a keyed tab people type in (Feedback): computed columns only, matched by key (keyed-writer.ts). */
  mergeKeyedTab(spec: KeyedTabSpec, rows: readonly KeyedRow[], locale: KeyedLocale): KeyedMergeResult;
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

/** The run has no document to work on (no document properties, or no open spreadsheet in a trigger). */
export class NoDocumentError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NoDocumentError';
  }
}
