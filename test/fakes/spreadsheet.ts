/**
 * An in-memory SpreadsheetApp that behaves like Sheets where it matters to this add-on:
 * - setValues parses strings the way typing does: '=…' (and '+…'/'-…' that is not a number) becomes
 *   a formula, '123' / '12%' a number, '2024-01-01' a date in the spreadsheet's zone, 'TRUE' a
 *   boolean, and a leading apostrophe makes text (the apostrophe is not stored or returned);
 * - every block setter requires data of exactly the range's dimensions and throws Sheets' message
 *   otherwise; ranges outside the sheet's grid throw;
 * - frozen rows/columns may not cut through a merge (and a merge may not straddle the frozen edge);
 * - Date objects round-trip; formulas read back as a marked "result" string, never as the text typed;
 * - what people do to a keyed tab: sorting the sheet, filters (rows hidden, still read and written),
 *   inserting and deleting rows, moving and deleting columns; column developer metadata moves with
 *   its column and goes with it (each modelled behaviour cites its reference page).
 * Every method that would be a round trip to Google counts on one shared CallCounter.
 *
 * The classes implement the ports of src/sheets/gas.ts, which the compiler checks against
 * @types/google-apps-script, so a fake cannot drift from the real signatures.
 */
import type {
  GasConditionalFormatRule,
  GasConditionalFormatRuleBuilder,
  GasDataValidation,
  GasDataValidationBuilder,
  GasDeveloperMetadata,
  GasDeveloperMetadataFinder,
  GasDeveloperMetadataLocation,
  GasEmbeddedChart,
  GasEmbeddedBarChartBuilder,
  GasEmbeddedChartBuilder,
  GasEmbeddedLineChartBuilder,
  GasHtmlOutput,
  GasMenu,
  GasRange,
  GasRichTextValue,
  GasRichTextValueBuilder,
  GasSheet,
  GasSpreadsheet,
  GasSpreadsheetApp,
  GasUi,
} from '../../src/sheets/gas';
import { wallToInstant } from '../../src/core/time/zone';
import { CallCounter } from './calls';

type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type FontStyle = GoogleAppsScript.Spreadsheet.FontStyle;

export type Stored = string | number | boolean | Date;
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

/** Shared by every fake service of one "execution": who is running and with which authorization. */
export class FakeEnv {
  authMode: AuthModeName = 'FULL';
  /**
   * 'trigger': a time-driven trigger run. There is no open editor, so `SpreadsheetApp.getUi()` throws
   * ("Scripts can only interact with the UI for the current instance of an open editor":
   * https://developers.google.com/apps-script/reference/base/ui) and there is no active spreadsheet
   * (`getActiveSpreadsheet()` returns null outside a bound context:
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSpreadsheet());
   * the fake throws for the first and returns null for the second. Open the spreadsheet by id.
   */
  context: 'editor' | 'trigger' = 'editor';
  /**
   * Constructor for the Dates that getValues hands out. Apps Script code and its Dates share one
   * realm; a test that runs the bundle in a vm context sets this to that context's Date.
   */
  DateCtor: DateConstructor = Date;

  require(what: string): void {
    if (this.authMode === 'NONE') {
      throw new Error(`Exception: You do not have permission to call ${what} (AuthMode.NONE).`);
    }
  }
}

/** What getValues returns for a formula cell: visibly a computed result, never the text that was written. */
export function formulaResult(formula: string): string {
  return `#EVALUATED(${formula})`;
}

export interface CellFormat {
  numberFormat?: string;
  background?: string | null;
  fontColor?: string | null;
  fontWeight?: FontWeight | null;
  fontStyle?: FontStyle | null;
  horizontalAlignment?: 'left' | 'center' | 'normal' | 'right' | null;
  wrap?: boolean;
  note?: string;
  link?: string | null;
  validation?: FakeDataValidation;
}

export interface Block {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

const key = (r: number, c: number): string => `${r},${c}`;

/** Date check that also accepts Dates made in another realm (a vm context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function dimsError(kind: 'rows' | 'columns', data: number, range: number): Error {
  return new Error(
    `Exception: The number of ${kind} in the data does not match the number of ${kind} in the range. The data has ${data} but the range has ${range}.`,
  );
}

function intersects(a: Block, b: Block): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

function contains(outer: Block, inner: Block): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

const NUMBER_RE = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;
const ISO_DATE_RE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

type Parsed = { value: Stored } | { formula: string };

/** Characters a Sheets cell holds. */
export const CELL_CHARS_MAX = 50_000;

// ----------------------------------------------------------------------------------------------
// Rich text, conditional formats, charts: local builders.

export class FakeRichTextValue implements GasRichTextValue {
  constructor(
    readonly text: string,
    readonly link: string | null,
  ) {}
  getText(): string {
    return this.text;
  }
  getLinkUrl(): string | null {
    return this.link;
  }
}

class FakeRichTextValueBuilder implements GasRichTextValueBuilder {
  private text = '';
  private link: string | null = null;
  constructor(private readonly calls: CallCounter) {}
  setText(text: string): GasRichTextValueBuilder {
    this.calls.hitLocal('RichTextValueBuilder.setText');
    this.text = text;
    return this;
  }
  setLinkUrl(linkUrl: string | null): GasRichTextValueBuilder {
    this.calls.hitLocal('RichTextValueBuilder.setLinkUrl');
    this.link = linkUrl;
    return this;
  }
  build(): GasRichTextValue {
    this.calls.hitLocal('RichTextValueBuilder.build');
    return new FakeRichTextValue(this.text, this.link);
  }
}

export interface GradientSpec {
  min?: string;
  mid?: { color: string; type: string; value: string };
  max?: string;
}

/**
 * A data-validation rule as SpreadsheetApp.newDataValidation() builds it
 * (https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder):
 * requireValueInList(values, showDropdown) sets the criteria; setAllowInvalid(true) shows a warning on
 * other values instead of rejecting them; build() without criteria throws, as Sheets does.
 */
export class FakeDataValidation implements GasDataValidation {
  constructor(
    readonly values: string[],
    readonly showDropdown: boolean,
    readonly allowInvalid: boolean,
    readonly helpText: string,
  ) {}
}

class FakeDataValidationBuilder implements GasDataValidationBuilder {
  private values: string[] | null = null;
  private showDropdown = true;
  private allowInvalid = true;
  private helpText = '';
  constructor(private readonly calls: CallCounter) {}
  requireValueInList(values: string[], showDropdown: boolean): GasDataValidationBuilder {
    this.calls.hitLocal('DataValidationBuilder.requireValueInList');
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new Error('Exception: The parameters (number[]) don\'t match the method signature for SpreadsheetApp.DataValidationBuilder.requireValueInList.');
    this.values = [...values];
    this.showDropdown = showDropdown;
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder {
    this.calls.hitLocal('DataValidationBuilder.setAllowInvalid');
    this.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): GasDataValidationBuilder {
    this.calls.hitLocal('DataValidationBuilder.setHelpText');
    this.helpText = helpText;
    return this;
  }
  build(): GasDataValidation {
    this.calls.hitLocal('DataValidationBuilder.build');
    if (this.values === null) throw new Error('Exception: You must specify a data validation criteria.');
    return new FakeDataValidation(this.values, this.showDropdown, this.allowInvalid, this.helpText);
  }
}

export class FakeConditionalFormatRule implements GasConditionalFormatRule {
  constructor(
    readonly gradient: GradientSpec,
    readonly ranges: FakeRange[],
  ) {}
  getRanges(): GasRange[] {
    return this.ranges;
  }
}

class FakeConditionalFormatRuleBuilder implements GasConditionalFormatRuleBuilder {
  private gradient: GradientSpec = {};
  private ranges: FakeRange[] = [];
  constructor(private readonly calls: CallCounter) {}
  setGradientMinpoint(color: string): GasConditionalFormatRuleBuilder {
    this.calls.hitLocal('ConditionalFormatRuleBuilder.setGradientMinpoint');
    this.gradient = { ...this.gradient, min: color };
    return this;
  }
  setGradientMidpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ): GasConditionalFormatRuleBuilder {
    this.calls.hitLocal('ConditionalFormatRuleBuilder.setGradientMidpointWithValue');
    this.gradient = { ...this.gradient, mid: { color, type: String(type), value } };
    return this;
  }
  setGradientMaxpoint(color: string): GasConditionalFormatRuleBuilder {
    this.calls.hitLocal('ConditionalFormatRuleBuilder.setGradientMaxpoint');
    this.gradient = { ...this.gradient, max: color };
    return this;
  }
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder {
    this.calls.hitLocal('ConditionalFormatRuleBuilder.setRanges');
    this.ranges = ranges.map((r) => {
      if (!(r instanceof FakeRange)) throw new Error('Fake: setRanges needs ranges of this spreadsheet');
      return r;
    });
    return this;
  }
  build(): GasConditionalFormatRule {
    this.calls.hitLocal('ConditionalFormatRuleBuilder.build');
    if (!this.gradient.min || !this.gradient.max) throw new Error('Exception: A gradient rule needs a minpoint and a maxpoint.');
    if (this.ranges.length === 0) throw new Error('Exception: A conditional format rule needs at least one range.');
    return new FakeConditionalFormatRule(this.gradient, this.ranges);
  }
}

export interface ChartSpec {
  type: 'unset' | 'line' | 'bar';
  title?: string;
  ranges: Block[];
  sheetOfRanges: string[];
  numHeaders?: number;
  options: Record<string, unknown>;
  position?: { row: number; col: number; offsetX: number; offsetY: number };
}

let nextChartId = 1;

export class FakeEmbeddedChart implements GasEmbeddedChart {
  readonly id = nextChartId++;
  constructor(readonly spec: ChartSpec) {}
  getChartId(): number | null {
    return this.id;
  }
}

/**
 * EmbeddedChartBuilder and its typed builders (asLineChart / asBarChart return the same builder with a
 * chart type set: https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder).
 * Local calls: nothing reaches the server until Sheet.insertChart.
 */
class FakeChartBuilder implements GasEmbeddedChartBuilder, GasEmbeddedLineChartBuilder, GasEmbeddedBarChartBuilder {
  private readonly spec: ChartSpec = { type: 'unset', ranges: [], sheetOfRanges: [], options: {} };
  constructor(private readonly calls: CallCounter) {}
  addRange(range: GasRange): GasEmbeddedChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.addRange');
    if (!(range instanceof FakeRange)) throw new Error('Fake: addRange needs a range of this spreadsheet');
    this.spec.ranges.push(range.block());
    this.spec.sheetOfRanges.push(range.sheet.name);
    return this;
  }
  setNumHeaders(headers: number): GasEmbeddedChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.setNumHeaders');
    this.spec.numHeaders = headers;
    return this;
  }
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.setOption');
    this.spec.options[option] = value;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GasEmbeddedChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.setPosition');
    if (anchorRowPos < 1 || anchorColPos < 1) throw new Error('Exception: Chart anchor row and column must be at least 1.');
    this.spec.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }
  asLineChart(): GasEmbeddedLineChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.asLineChart');
    this.spec.type = 'line';
    return this;
  }
  asBarChart(): GasEmbeddedBarChartBuilder {
    this.calls.hitLocal('EmbeddedChartBuilder.asBarChart');
    this.spec.type = 'bar';
    return this;
  }
  setTitle(chartTitle: string): GasEmbeddedLineChartBuilder & GasEmbeddedBarChartBuilder {
    // Only the typed builders have setTitle (EmbeddedLineChartBuilder, EmbeddedBarChartBuilder, …).
    if (this.spec.type === 'unset') throw new Error('TypeError: setTitle is not a function (call asLineChart() or asBarChart() first)');
    this.calls.hitLocal(this.spec.type === 'bar' ? 'EmbeddedBarChartBuilder.setTitle' : 'EmbeddedLineChartBuilder.setTitle');
    this.spec.title = chartTitle;
    return this;
  }
  build(): GasEmbeddedChart {
    this.calls.hitLocal('EmbeddedChartBuilder.build');
    if (this.spec.ranges.length === 0) throw new Error('Exception: A chart needs at least one data range.');
    if (!this.spec.position) throw new Error('Exception: A chart needs a position.');
    return new FakeEmbeddedChart({ ...this.spec, ranges: [...this.spec.ranges], options: { ...this.spec.options } });
  }
}

// ----------------------------------------------------------------------------------------------
// Ranges and sheets.

export class FakeRange implements GasRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
    /** Made from A1 'C:C': the whole column, the only range shape column metadata accepts. */
    readonly wholeColumn = false,
  ) {
    if (!Number.isInteger(row) || !Number.isInteger(col) || row < 1 || col < 1) {
      throw new Error(`Exception: Range start (${row}, ${col}) is not a valid cell.`);
    }
    if (!Number.isInteger(numRows) || numRows < 1) throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (!Number.isInteger(numCols) || numCols < 1) throw new Error('Exception: The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols) {
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    }
  }

  private get calls(): CallCounter {
    return this.sheet.calls;
  }

  block(): Block {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }

  private checkDims(data: unknown[][]): void {
    if (!Array.isArray(data) || data.length !== this.numRows) throw dimsError('rows', Array.isArray(data) ? data.length : 0, this.numRows);
    for (const r of data) {
      if (!Array.isArray(r) || r.length !== this.numCols) throw dimsError('columns', Array.isArray(r) ? r.length : 0, this.numCols);
    }
  }

  private each(f: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this.numRows; i++) for (let j = 0; j < this.numCols; j++) f(this.row + i, this.col + j, i, j);
  }

  getColumn(): number {
    this.calls.hit('Range.getColumn');
    return this.col;
  }

  /**
   * Metadata may sit on a spreadsheet, a sheet, or one whole row or column; "the specified
   * DimensionRange must represent a single row or column; it cannot be unbounded or span multiple
   * rows or columns" (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata#DeveloperMetadataLocation).
   * Only whole columns are modelled; anything else throws.
   */
  addDeveloperMetadata(key: string, value: string): GasRange {
    this.calls.hit('Range.addDeveloperMetadata');
    if (!this.wholeColumn || this.numCols !== 1) {
      throw new Error('Exception: Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be added to the top-level spreadsheet, an individual sheet, or an entire row or column.');
    }
    this.sheet.addColumnMetadata(key, value, this.col);
    return this;
  }

  /**
   * Range.sort sorts the rows of this range only: cells of other columns stay where they are
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object)).
   * Test helper for a person's "Sort range".
   */
  sort(sortSpec: { column: number; ascending: boolean }): FakeRange {
    this.calls.hit('Range.sort');
    if (sortSpec.column < this.col || sortSpec.column >= this.col + this.numCols) throw new Error('Exception: The column to sort by is outside the range.');
    this.sheet.sortRows(this.row, this.numRows, this.col, this.numCols, sortSpec.column, sortSpec.ascending);
    return this;
  }

  getValues(): unknown[][] {
    this.calls.hit('Range.getValues');
    const values = this.sheet.readBlock(this.row, this.col, this.numRows, this.numCols);
    // A person's edit landing right after this read (test hook; each hook runs once).
    const hook = this.sheet.afterNextRead;
    this.sheet.afterNextRead = null;
    hook?.();
    return values;
  }

  setValues(values: unknown[][]): GasRange {
    this.calls.hit('Range.setValues');
    this.checkDims(values);
    this.each((r, c, i, j) => this.sheet.writeUserEntered(r, c, values[i][j]));
    return this;
  }

  private setFormat<T>(method: string, grid: T[][], apply: (f: CellFormat, v: T) => void): GasRange {
    this.calls.hit(`Range.${method}`);
    this.checkDims(grid);
    this.each((r, c, i, j) => apply(this.sheet.formatAt(r, c), grid[i][j]));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): GasRange {
    return this.setFormat('setNumberFormats', numberFormats, (f, v) => {
      if (typeof v !== 'string') throw new Error('Exception: Invalid number format (must be a string).');
      f.numberFormat = v;
    });
  }
  setBackgrounds(colors: (string | null)[][]): GasRange {
    return this.setFormat('setBackgrounds', colors, (f, v) => (f.background = v));
  }
  setFontColors(colors: (string | null)[][]): GasRange {
    return this.setFormat('setFontColors', colors, (f, v) => (f.fontColor = v));
  }
  setFontWeights(fontWeights: (FontWeight | null)[][]): GasRange {
    return this.setFormat('setFontWeights', fontWeights, (f, v) => (f.fontWeight = v));
  }
  setFontStyles(fontStyles: (FontStyle | null)[][]): GasRange {
    return this.setFormat('setFontStyles', fontStyles, (f, v) => (f.fontStyle = v));
  }

  setHorizontalAlignments(alignments: ('left' | 'center' | 'normal' | 'right' | null)[][]): GasRange {
    return this.setFormat('setHorizontalAlignments', alignments, (f, v) => (f.horizontalAlignment = v));
  }
  /** Range.setWraps: https://developers.google.com/apps-script/reference/spreadsheet/range#setWraps(Boolean) */
  setWraps(isWrapEnabled: boolean[][]): GasRange {
    return this.setFormat('setWraps', isWrapEnabled, (f, v) => {
      if (typeof v !== 'boolean') throw new Error('Exception: The parameters (number[]) don\'t match the method signature for SpreadsheetApp.Range.setWraps.');
      f.wrap = v;
    });
  }
  /**
   * Range.setNotes takes a grid of note strings (https://developers.google.com/apps-script/reference/spreadsheet/range#setNotes(Object));
   * the empty string is how Range.setNote documents removing a note. null is not documented, so the
   * fake refuses it rather than guess.
   */
  setNotes(notes: string[][]): GasRange {
    return this.setFormat('setNotes', notes, (f, v) => {
      if (typeof v !== 'string') throw new Error(`Fake: setNotes got ${v === null ? 'null' : typeof v}; pass '' for "no note" (null is not documented).`);
      if (v === '') delete f.note;
      else f.note = v;
    });
  }
  setFontColor(color: string | null): GasRange {
    this.calls.hit('Range.setFontColor');
    this.each((r, c) => (this.sheet.formatAt(r, c).fontColor = color));
    return this;
  }
  setFontStyle(fontStyle: FontStyle | null): GasRange {
    this.calls.hit('Range.setFontStyle');
    this.each((r, c) => (this.sheet.formatAt(r, c).fontStyle = fontStyle));
    return this;
  }

  setRichTextValues(values: GasRichTextValue[][]): GasRange {
    this.calls.hit('Range.setRichTextValues');
    this.checkDims(values);
    this.each((r, c, i, j) => {
      const v = values[i][j];
      if (!(v instanceof FakeRichTextValue)) throw new Error('Exception: setRichTextValues needs RichTextValue objects.');
      this.sheet.writeRaw(r, c, v.text);
      this.sheet.formatAt(r, c).link = v.link;
    });
    return this;
  }

  /** Range.setDataValidation: one rule on every cell of the range; values already there are kept (a rule never rewrites cells). */
  setDataValidation(rule: GasDataValidation | null): GasRange {
    this.calls.hit('Range.setDataValidation');
    if (rule !== null && !(rule instanceof FakeDataValidation)) throw new Error('Exception: setDataValidation needs a DataValidation built by SpreadsheetApp.newDataValidation().');
    this.each((r, c) => {
      const f = this.sheet.formatAt(r, c);
      if (rule === null) delete f.validation;
      else f.validation = rule;
    });
    return this;
  }

  merge(): GasRange {
    this.calls.hit('Range.merge');
    this.sheet.addMerge(this.block());
    return this;
  }

  breakApart(): GasRange {
    this.calls.hit('Range.breakApart');
    this.sheet.breakApart(this.block());
    return this;
  }
}

/** Where a metadata sits: on the sheet, or on a column whose position follows moves and deletes. */
export interface MetadataPlace {
  /** Null for metadata on the spreadsheet itself. */
  sheet: FakeSheet | null;
  /** 1-based column, or null for sheet-located metadata. */
  column: number | null;
}

class FakeDeveloperMetadataLocation implements GasDeveloperMetadataLocation {
  constructor(private readonly place: MetadataPlace) {}
  /** https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-location#getColumn() */
  getColumn(): GasRange | null {
    const { sheet, column } = this.place;
    if (sheet === null) return null; // on the spreadsheet: no column
    sheet.calls.hit('DeveloperMetadataLocation.getColumn');
    return column === null ? null : new FakeRange(sheet, 1, column, sheet.maxRows, 1, true);
  }
}

/** Apps Script enums are opaque runtime objects; the fake's values are their names. */
export const FAKE_VISIBILITY = {
  DOCUMENT: 'DOCUMENT' as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
  PROJECT: 'PROJECT' as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility,
};

/**
 * DeveloperMetadataVisibility (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-visibility):
 * DOCUMENT metadata "is accessible from any developer project with access to the document"; PROJECT
 * metadata is visible only to the project that created it. The fake holds one project, so it returns
 * both; a test plays "another script" by adding DOCUMENT metadata itself.
 */
export class FakeDeveloperMetadata implements GasDeveloperMetadata {
  constructor(
    private readonly calls: CallCounter,
    readonly key: string,
    public value: string,
    readonly place: MetadataPlace,
    readonly visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility = FAKE_VISIBILITY.DOCUMENT,
    /** The list holding it (for remove()); the spreadsheet's own list checks its size limit on setValue. */
    private readonly holder: { list(): FakeDeveloperMetadata[]; drop(m: FakeDeveloperMetadata): void; checkSize?(): void } | null = null,
  ) {}
  /** https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata#setValue(String) */
  setValue(value: string): GasDeveloperMetadata {
    this.calls.hit('DeveloperMetadata.setValue');
    if (typeof value !== 'string') throw new Error('Fake: metadata values are strings');
    const before = this.value;
    this.value = value;
    try {
      this.holder?.checkSize?.();
    } catch (e) {
      this.value = before;
      throw e;
    }
    return this;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata#remove() */
  remove(): void {
    this.calls.hit('DeveloperMetadata.remove');
    if (!this.holder) throw new Error('Fake: remove() is modelled for spreadsheet and sheet metadata only');
    if (!this.holder.list().includes(this)) throw new Error('Exception: the developer metadata no longer exists');
    this.holder.drop(this);
  }
  getVisibility(): GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility {
    this.calls.hit('DeveloperMetadata.getVisibility');
    return this.visibility;
  }
  getLocation(): GasDeveloperMetadataLocation {
    this.calls.hit('DeveloperMetadata.getLocation');
    return new FakeDeveloperMetadataLocation(this.place);
  }
  getKey(): string {
    this.calls.hit('DeveloperMetadata.getKey');
    return this.key;
  }
  getValue(): string | null {
    this.calls.hit('DeveloperMetadata.getValue');
    return this.value;
  }
}

/**
 * Sheet.createDeveloperMetadataFinder: "Metadata is within the scope of a particular sheet if it is
 * either associated with the sheet itself, or associated with rows, columns, or ranges on that sheet"
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#createDeveloperMetadataFinder()).
 */
class FakeDeveloperMetadataFinder implements GasDeveloperMetadataFinder {
  private key: string | null = null;
  constructor(private readonly sheet: FakeSheet) {}
  withKey(key: string): GasDeveloperMetadataFinder {
    this.sheet.calls.hitLocal('DeveloperMetadataFinder.withKey');
    this.key = key;
    return this;
  }
  find(): GasDeveloperMetadata[] {
    this.sheet.calls.hit('DeveloperMetadataFinder.find');
    return [...this.sheet.metadata, ...this.sheet.columnMetadata].filter((m) => this.key === null || m.key === this.key);
  }
}

/** A1 column letters → 1-based number (A → 1, AA → 27). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

let nextSheetId = 1000;

export class FakeSheet implements GasSheet {
  readonly id = nextSheetId++;
  maxRows = 1000;
  maxCols = 26;
  frozenRows = 0;
  frozenCols = 0;
  /** Dense rows of stored values ('' = blank); rows may be shorter than maxCols. */
  private values: Stored[][] = [];
  private readonly formulas = new Map<string, string>();
  private readonly formats = new Map<string, CellFormat>();
  readonly merges: Block[] = [];
  readonly columnWidths = new Map<number, number>();
  conditionalRules: FakeConditionalFormatRule[] = [];
  readonly charts: FakeEmbeddedChart[] = [];
  readonly metadata: FakeDeveloperMetadata[] = [];
  /** Column-located metadata; each one's place.column follows moves, inserts and deletes. */
  columnMetadata: FakeDeveloperMetadata[] = [];
  /** Rows (1-based) a filter hides. */
  hiddenByFilter = new Set<number>();
  /** Test hook: run once right after the next Range.getValues on this sheet (a person editing while a script runs). */
  afterNextRead: (() => void) | null = null;

  constructor(
    readonly parent: FakeSpreadsheet,
    public name: string,
  ) {}

  get calls(): CallCounter {
    return this.parent.calls;
  }

  // ---- storage helpers (not service calls) ----

  private ensureRow(r: number): Stored[] {
    while (this.values.length < r) this.values.push([]);
    return this.values[r - 1];
  }

  writeRaw(r: number, c: number, v: Stored): void {
    const row = this.ensureRow(r);
    while (row.length < c) row.push('');
    row[c - 1] = v;
    if (this.formulas.size > 0) this.formulas.delete(key(r, c));
    if (this.formats.size > 0) {
      const f = this.formats.get(key(r, c));
      if (f) delete f.link;
    }
  }

  writeUserEntered(r: number, c: number, v: unknown): void {
    const parsed = this.parseUserEntered(v, this.formats.size > 0 ? this.formats.get(key(r, c))?.numberFormat : undefined);
    if ('formula' in parsed) {
      this.writeRaw(r, c, '');
      this.formulas.set(key(r, c), parsed.formula);
    } else {
      this.writeRaw(r, c, parsed.value);
    }
  }

  /**
   * What Sheets stores for one value handed to Range.setValues:
   * - "If any value begins with =, it's interpreted as a formula"
   *   (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)); '+…'/'-…'
   *   that are not numbers start a formula too, as typing them does;
   * - strings are otherwise parsed "as if the user typed them into the UI … strings may be converted
   *   to numbers, dates, etc." (USER_ENTERED, https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption),
   *   so '00123' becomes the number 123, '12%' 0.12, '2024-01-01' a date in the spreadsheet's zone;
   * - a leading apostrophe makes the rest text and is not part of the value (the typing rule);
   * - a cell formatted as plain text ('@', https://developers.google.com/sheets/api/guides/formats)
   *   keeps the string as typed: no formula, no number, no date;
   * - a cell holds at most 50,000 characters; Sheets refuses more with "Your input contains more than
   *   the maximum of 50000 characters in a single cell".
   */
  private parseUserEntered(v: unknown, numberFormat: string | undefined): Parsed {
    const parsed = this.parseValue(v, numberFormat);
    const text = 'formula' in parsed ? parsed.formula : parsed.value;
    if (typeof text === 'string' && text.length > CELL_CHARS_MAX) {
      throw new Error(`Exception: Your input contains more than the maximum of ${CELL_CHARS_MAX} characters in a single cell.`);
    }
    return parsed;
  }

  private parseValue(v: unknown, numberFormat: string | undefined): Parsed {
    if (v === null || v === undefined) return { value: '' };
    if (typeof v === 'boolean') return { value: v };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`Exception: Invalid number ${v}.`);
      return { value: v };
    }
    if (isDate(v)) {
      if (Number.isNaN(v.getTime())) throw new Error('Exception: Invalid Date.');
      return { value: new Date(v.getTime()) };
    }
    if (typeof v !== 'string') throw new Error(`Fake: setValues received an unsupported value ${String(v)}`);
    if (v.startsWith("'")) return { value: v.slice(1) };
    if (numberFormat === '@') return { value: v };
    const t = v.trim();
    if (t.length > 1 && t.startsWith('=')) return { formula: t };
    if (t !== '' && NUMBER_RE.test(t) && /\d/.test(t)) {
      const pct = t.endsWith('%');
      const n = Number(t.replace(/,/g, '').replace('%', ''));
      if (Number.isFinite(n)) return { value: pct ? n / 100 : n };
    }
    if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
    const iso = ISO_DATE_RE.exec(t);
    if (iso) return { value: this.zoneDate(+iso[1], +iso[2], +iso[3], iso[4], iso[5], iso[6]) };
    const us = US_DATE_RE.exec(t);
    if (us) return { value: this.zoneDate(+us[3], +us[1], +us[2], us[4], us[5], us[6]) };
    if (t.length > 1 && (t.startsWith('+') || t.startsWith('-'))) return { formula: `=${t}` };
    return { value: v };
  }

  private zoneDate(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): Date {
    const wall = Date.UTC(y, mo - 1, d, h ? +h : 0, mi ? +mi : 0, s ? +s : 0);
    return new Date(wallToInstant(wall, this.parent.timeZone));
  }

  readBlock(row: number, col: number, numRows: number, numCols: number): Stored[][] {
    const out: Stored[][] = [];
    for (let i = 0; i < numRows; i++) {
      const src = this.values[row + i - 1];
      const line: Stored[] = new Array<Stored>(numCols);
      for (let j = 0; j < numCols; j++) {
        const f = this.formulas.size > 0 ? this.formulas.get(key(row + i, col + j)) : undefined;
        const v = src ? src[col + j - 1] : undefined;
        line[j] = f !== undefined ? formulaResult(f) : isDate(v) ? new this.parent.env.DateCtor(v.getTime()) : v ?? '';
      }
      out.push(line);
    }
    return out;
  }

  formatAt(r: number, c: number): CellFormat {
    let f = this.formats.get(key(r, c));
    if (!f) {
      f = {};
      this.formats.set(key(r, c), f);
    }
    return f;
  }

  lastRow(): number {
    let last = 0;
    this.values.forEach((row, i) => {
      if (row.some((v) => v !== '')) last = i + 1;
    });
    for (const k of this.formulas.keys()) last = Math.max(last, Number(k.split(',')[0]));
    return last;
  }

  lastCol(): number {
    let last = 0;
    for (const row of this.values) {
      for (let j = row.length - 1; j >= last; j--) {
        if (row[j] !== '') {
          last = j + 1;
          break;
        }
      }
    }
    for (const k of this.formulas.keys()) last = Math.max(last, Number(k.split(',')[1]));
    return last;
  }

  addMerge(b: Block): void {
    if (b.numRows === 1 && b.numCols === 1) return;
    const crossesRows = this.frozenRows > 0 && b.row <= this.frozenRows && b.row + b.numRows - 1 > this.frozenRows;
    const crossesCols = this.frozenCols > 0 && b.col <= this.frozenCols && b.col + b.numCols - 1 > this.frozenCols;
    if (crossesRows) throw new Error("Exception: You can't merge frozen and non-frozen rows.");
    if (crossesCols) throw new Error("Exception: You can't merge frozen and non-frozen columns.");
    for (let i = this.merges.length - 1; i >= 0; i--) if (intersects(this.merges[i], b)) this.merges.splice(i, 1);
    for (let i = 0; i < b.numRows; i++) {
      for (let j = 0; j < b.numCols; j++) if (i > 0 || j > 0) this.writeRaw(b.row + i, b.col + j, '');
    }
    this.merges.push(b);
  }

  breakApart(b: Block): void {
    for (let i = this.merges.length - 1; i >= 0; i--) {
      const m = this.merges[i];
      if (!intersects(m, b)) continue;
      if (!contains(b, m)) throw new Error('Exception: You must select all cells in a merged range to merge or unmerge them.');
      this.merges.splice(i, 1);
    }
  }

  // ---- test helpers (not service calls) ----

  /** Puts values straight into the grid, as a person typing them would leave them (no parsing). */
  seed(rows: Stored[][]): void {
    this.values = rows.map((r) => r.map((v) => (isDate(v) ? new Date(v.getTime()) : v)));
    this.formulas.clear();
    this.maxRows = Math.max(this.maxRows, rows.length);
    this.maxCols = Math.max(this.maxCols, ...rows.map((r) => r.length));
  }

  /** A person's merge of header cells (the hidden cells are blank, as in Sheets). */
  seedMerge(b: Block): void {
    this.addMerge(b);
  }

  peekValues(): Stored[][] {
    const rows = this.lastRow();
    const cols = this.lastCol();
    return rows === 0 || cols === 0 ? [] : this.readBlock(1, 1, rows, cols);
  }

  peek(r: number, c: number): Stored {
    return this.readBlock(r, c, 1, 1)[0][0];
  }

  formulaAt(r: number, c: number): string | undefined {
    return this.formulas.get(key(r, c));
  }

  formulaCount(): number {
    return this.formulas.size;
  }

  format(r: number, c: number): CellFormat {
    return { ...(this.formats.get(key(r, c)) ?? {}) };
  }

  // ---- GasSheet ----

  getName(): string {
    this.calls.hit('Sheet.getName');
    return this.name;
  }
  getSheetId(): number {
    this.calls.hit('Sheet.getSheetId');
    return this.id;
  }
  getDataRange(): GasRange {
    this.calls.hit('Sheet.getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastCol()));
  }
  getRange(row: number, column: number, numRows: number, numColumns: number): GasRange;
  getRange(a1Notation: string): GasRange;
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): GasRange {
    this.calls.hit('Sheet.getRange');
    if (typeof rowOrA1 === 'number') return new FakeRange(this, rowOrA1, column ?? NaN, numRows ?? NaN, numColumns ?? NaN);
    // Only whole columns ('C:C', 'B:D') are modelled.
    const m = /^([A-Z]+):([A-Z]+)$/.exec(rowOrA1);
    if (!m) throw new Error(`Fake: A1 notation "${rowOrA1}" is not modelled (only whole columns such as C:C)`);
    const first = columnNumber(m[1]);
    const last = columnNumber(m[2]);
    if (last < first) throw new Error(`Exception: Range not found`);
    return new FakeRange(this, 1, first, this.maxRows, last - first + 1, true);
  }
  getLastRow(): number {
    this.calls.hit('Sheet.getLastRow');
    return this.lastRow();
  }
  getLastColumn(): number {
    this.calls.hit('Sheet.getLastColumn');
    return this.lastCol();
  }
  getMaxRows(): number {
    this.calls.hit('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.calls.hit('Sheet.getMaxColumns');
    return this.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    this.calls.hit('Sheet.insertRowsAfter');
    if (afterPosition !== this.maxRows) throw new Error('Fake: only appending rows at the end is modelled');
    this.maxRows += howMany;
    return this;
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    this.calls.hit('Sheet.insertColumnsAfter');
    if (afterPosition !== this.maxCols) throw new Error('Fake: only appending columns at the end is modelled');
    this.maxCols += howMany;
    return this;
  }
  /** Like Sheets: content and formats go; merges, notes, rules, charts and metadata stay. */
  clear(): GasSheet {
    this.calls.hit('Sheet.clear');
    this.values = [];
    this.formulas.clear();
    for (const f of this.formats.values()) {
      delete f.numberFormat;
      delete f.background;
      delete f.fontColor;
      delete f.fontWeight;
      delete f.fontStyle;
      delete f.horizontalAlignment;
      delete f.link;
    }
    return this;
  }
  clearNotes(): GasSheet {
    this.calls.hit('Sheet.clearNotes');
    for (const f of this.formats.values()) delete f.note;
    return this;
  }
  setFrozenRows(rows: number): void {
    this.calls.hit('Sheet.setFrozenRows');
    if (rows > 0 && this.merges.some((m) => m.row <= rows && m.row + m.numRows - 1 > rows)) {
      throw new Error("Exception: Sorry, it is not possible to freeze rows that contain only part of a merged cell.");
    }
    this.frozenRows = rows;
  }
  setFrozenColumns(columns: number): void {
    this.calls.hit('Sheet.setFrozenColumns');
    if (columns > 0 && this.merges.some((m) => m.col <= columns && m.col + m.numCols - 1 > columns)) {
      throw new Error("Exception: Sorry, it is not possible to freeze columns that contain only part of a merged cell.");
    }
    this.frozenCols = columns;
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this.calls.hit('Sheet.setColumnWidth');
    this.columnWidths.set(columnPosition, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    this.calls.hit('Sheet.setColumnWidths');
    if (startColumn + numColumns - 1 > this.maxCols) throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this;
  }
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void {
    this.calls.hit('Sheet.setConditionalFormatRules');
    this.conditionalRules = rules.map((r) => {
      if (!(r instanceof FakeConditionalFormatRule)) throw new Error('Fake: rules must come from newConditionalFormatRule()');
      return r;
    });
  }
  getCharts(): GasEmbeddedChart[] {
    this.calls.hit('Sheet.getCharts');
    return [...this.charts];
  }
  removeChart(chart: GasEmbeddedChart): void {
    this.calls.hit('Sheet.removeChart');
    const i = this.charts.findIndex((c) => c === chart);
    if (i < 0) throw new Error('Exception: The chart is not on this sheet.');
    this.charts.splice(i, 1);
  }
  newChart(): GasEmbeddedChartBuilder {
    this.calls.hit('Sheet.newChart');
    return new FakeChartBuilder(this.calls);
  }
  insertChart(chart: GasEmbeddedChart): void {
    this.calls.hit('Sheet.insertChart');
    if (!(chart instanceof FakeEmbeddedChart)) throw new Error('Fake: insertChart needs a built chart');
    this.charts.push(chart);
  }
  addDeveloperMetadata(key: string, value: string, visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility = FAKE_VISIBILITY.DOCUMENT): GasSheet {
    this.calls.hit('Sheet.addDeveloperMetadata');
    if (visibility !== FAKE_VISIBILITY.DOCUMENT && visibility !== FAKE_VISIBILITY.PROJECT) throw new Error('Fake: unknown DeveloperMetadataVisibility');
    const holder = { list: () => this.metadata, drop: (m: FakeDeveloperMetadata) => this.metadata.splice(this.metadata.indexOf(m), 1) };
    this.metadata.push(new FakeDeveloperMetadata(this.calls, key, value, { sheet: this, column: null }, visibility, holder));
    return this;
  }
  /**
   * "Get all developer metadata associated with this sheet": the sheet's own, not its columns'
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getDeveloperMetadata()).
   */
  getDeveloperMetadata(): GasDeveloperMetadata[] {
    this.calls.hit('Sheet.getDeveloperMetadata');
    return [...this.metadata];
  }
  createDeveloperMetadataFinder(): GasDeveloperMetadataFinder {
    this.calls.hitLocal('Sheet.createDeveloperMetadataFinder');
    return new FakeDeveloperMetadataFinder(this);
  }

  addColumnMetadata(key: string, value: string, column: number): void {
    this.columnMetadata.push(new FakeDeveloperMetadata(this.calls, key, value, { sheet: this, column }));
  }

  // ---- what people do to a sheet (Apps Script names where Apps Script has the call) ----

  /**
   * Moves every cell (value, formula, format), hidden-row mark and column metadata to its new
   * place; a cell whose row or column maps to null is gone, and so is metadata on a deleted column:
   * "If the associated object is deleted its metadata is deleted too"
   * (https://developers.google.com/sheets/api/reference/rest/v4/spreadsheets.developerMetadata).
   */
  private remap(rowMap: (r: number) => number | null, colMap: (c: number) => number | null): void {
    if (this.merges.length > 0) throw new Error('Fake: moving rows or columns of a sheet with merges is not modelled');
    const oldValues = this.values;
    const oldFormulas = new Map(this.formulas);
    const oldFormats = new Map(this.formats);
    this.values = [];
    this.formulas.clear();
    this.formats.clear();
    oldValues.forEach((line, i) =>
      line.forEach((v, j) => {
        const r = rowMap(i + 1);
        const c = colMap(j + 1);
        if (r === null || c === null || v === '') return;
        const target = this.ensureRow(r);
        while (target.length < c) target.push('');
        target[c - 1] = v;
      }),
    );
    const move = <T>(from: Map<string, T>, to: Map<string, T>): void => {
      for (const [k, v] of from) {
        const [r0, c0] = k.split(',').map(Number);
        const r = rowMap(r0);
        const c = colMap(c0);
        if (r !== null && c !== null) to.set(key(r, c), v);
      }
    };
    move(oldFormulas, this.formulas);
    move(oldFormats, this.formats);
    this.hiddenByFilter = new Set([...this.hiddenByFilter].map(rowMap).filter((r): r is number => r !== null));
    this.columnMetadata = this.columnMetadata.filter((m) => {
      const c = colMap(m.place.column!);
      if (c === null) return false;
      m.place.column = c;
      return true;
    });
  }

  /** Sheets' ascending order: numbers and dates, then text (case-insensitive), then booleans; blanks always last. */
  private static compareForSort(a: Stored, b: Stored, ascending: boolean): number {
    const blankA = a === '';
    const blankB = b === '';
    if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
    const rank = (v: Stored): number => (typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2);
    let d = rank(a) - rank(b);
    if (d === 0) {
      if (typeof a === 'string' && typeof b === 'string') d = a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
      else d = Number(isDate(a) ? a.getTime() : a) - Number(isDate(b) ? b.getTime() : b);
    }
    return ascending ? d : -d;
  }

  /** Reorders rows [row, row+numRows) by one column; only columns [col, col+numCols) move. Stable. */
  sortRows(row: number, numRows: number, col: number, numCols: number, byColumn: number, ascending: boolean): void {
    const order = Array.from({ length: numRows }, (_, i) => row + i);
    const shown = (r: number): Stored => this.readBlock(r, byColumn, 1, 1)[0][0];
    order.sort((a, b) => FakeSheet.compareForSort(shown(a), shown(b), ascending) || a - b);
    const newRowOf = new Map(order.map((oldRow, i) => [oldRow, row + i]));
    if (col === 1 && numCols >= this.maxCols) {
      this.remap((r) => newRowOf.get(r) ?? r, (c) => c);
      return;
    }
    // Only part of the row moves: the cells of the other columns stay put.
    const snapshot = this.readBlock(row, col, numRows, numCols);
    const formulas = new Map<string, string>();
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) {
      const f = this.formulas.get(key(row + i, col + j));
      if (f !== undefined) formulas.set(key(row + i, col + j), f);
    }
    for (let i = 0; i < numRows; i++) {
      const target = newRowOf.get(row + i)!;
      for (let j = 0; j < numCols; j++) {
        const f = formulas.get(key(row + i, col + j));
        this.writeRaw(target, col + j, f !== undefined ? '' : snapshot[i][j]);
        if (f !== undefined) this.formulas.set(key(target, col + j), f);
      }
    }
  }

  /**
   * "Sorts a sheet by column": every row below the frozen rows moves as a whole
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#sort(Integer,Boolean)).
   */
  sort(columnPosition: number, ascending = true): FakeSheet {
    this.calls.hit('Sheet.sort');
    const first = this.frozenRows + 1;
    const last = this.lastRow();
    if (last >= first) this.sortRows(first, last - first + 1, 1, this.maxCols, columnPosition, ascending);
    return this;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowBefore(Integer) */
  insertRowBefore(beforePosition: number): FakeSheet {
    this.calls.hit('Sheet.insertRowBefore');
    if (beforePosition < 1 || beforePosition > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    this.remap((r) => (r >= beforePosition ? r + 1 : r), (c) => c);
    this.maxRows++;
    return this;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteRow(Integer) */
  deleteRow(rowPosition: number): FakeSheet {
    this.calls.hit('Sheet.deleteRow');
    if (rowPosition < 1 || rowPosition > this.maxRows) throw new Error('Exception: Those rows are out of bounds.');
    if (this.maxRows === 1) throw new Error('Exception: You can\'t delete all the rows on the sheet.');
    this.remap((r) => (r === rowPosition ? null : r > rowPosition ? r - 1 : r), (c) => c);
    this.maxRows--;
    return this;
  }

  /** https://developers.google.com/apps-script/reference/spreadsheet/sheet#deleteColumn(Integer) */
  deleteColumn(columnPosition: number): FakeSheet {
    this.calls.hit('Sheet.deleteColumn');
    if (columnPosition < 1 || columnPosition > this.maxCols) throw new Error('Exception: Those columns are out of bounds.');
    if (this.maxCols === 1) throw new Error('Exception: You can\'t delete all the columns on the sheet.');
    this.remap((r) => r, (c) => (c === columnPosition ? null : c > columnPosition ? c - 1 : c));
    this.maxCols--;
    return this;
  }

  /**
   * Sheet.moveColumns: the columns the range spans move to `destinationIndex`, an index "based on
   * the coordinates before the columns are moved. Existing data is shifted right to make room for the
   * moved columns while the source columns are removed from the grid"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#moveColumns(Range,Integer)).
   * Column metadata moves with its column.
   */
  moveColumns(columnSpec: GasRange, destinationIndex: number): void {
    this.calls.hit('Sheet.moveColumns');
    if (!(columnSpec instanceof FakeRange) || columnSpec.sheet !== this) throw new Error('Fake: moveColumns needs a range of this sheet');
    const first = columnSpec.col;
    const n = columnSpec.numCols;
    if (destinationIndex < 1 || destinationIndex > this.maxCols + 1) throw new Error('Exception: Those columns are out of bounds.');
    if (destinationIndex > first && destinationIndex < first + n) throw new Error('Exception: The destination must be outside the columns being moved.');
    const all = Array.from({ length: this.maxCols }, (_, i) => i + 1);
    const moved = all.slice(first - 1, first - 1 + n);
    const rest = all.filter((c) => c < first || c >= first + n);
    const before = destinationIndex === first ? first + n : destinationIndex; // onto itself: nothing moves
    const at = before > this.maxCols ? rest.length : rest.indexOf(before);
    const order = [...rest.slice(0, at), ...moved, ...rest.slice(at)];
    const newColOf = new Map(order.map((oldCol, i) => [oldCol, i + 1]));
    this.remap((r) => r, (c) => newColOf.get(c) ?? c);
  }

  /**
   * A filter hides rows; Sheet.isRowHiddenByFilter tells which are hidden
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#isRowHiddenByFilter(Integer)).
   * getValues and setValues are documented per range with no exception for hidden rows
   * (https://developers.google.com/apps-script/reference/spreadsheet/range#setValues(Object)), so
   * here they read and write hidden rows like any other. Test helper standing for filter criteria.
   */
  filterRows(hide: (values: Stored[]) => boolean): void {
    this.hiddenByFilter = new Set();
    const last = this.lastRow();
    const width = Math.max(1, this.lastCol());
    for (let r = this.frozenRows + 1; r <= last; r++) if (hide(this.readBlock(r, 1, 1, width)[0])) this.hiddenByFilter.add(r);
  }

  isRowHiddenByFilter(rowPosition: number): boolean {
    this.calls.hit('Sheet.isRowHiddenByFilter');
    return this.hiddenByFilter.has(rowPosition);
  }
}

// ----------------------------------------------------------------------------------------------
// UI.

export type MenuItem = { caption: string; functionName: string } | 'separator';

class FakeMenu implements GasMenu {
  private readonly items: MenuItem[] = [];
  constructor(private readonly ui: FakeUi) {}
  addItem(caption: string, functionName: string): GasMenu {
    this.ui.calls.hitLocal('Menu.addItem');
    this.items.push({ caption, functionName });
    return this;
  }
  addSeparator(): GasMenu {
    this.ui.calls.hitLocal('Menu.addSeparator');
    this.items.push('separator');
    return this;
  }
  addToUi(): void {
    this.ui.calls.hit('Menu.addToUi');
    this.ui.menus.push([...this.items]);
  }
}

export class FakeHtmlOutput implements GasHtmlOutput {
  title = '';
  constructor(readonly file: string) {}
  setTitle(title: string): GasHtmlOutput {
    this.title = title;
    return this;
  }
}

export class FakeUi implements GasUi {
  readonly menus: MenuItem[][] = [];
  readonly alerts: string[] = [];
  readonly sidebars: FakeHtmlOutput[] = [];
  /**
   * Called when the script is suspended waiting for a person: `Ui.alert` "opens a dialog box … and
   * suspends the server-side script while the dialog is open"
   * (https://developers.google.com/apps-script/reference/base/ui#alert(String)). A suspended script
   * does not keep the document lock in Sheets, so createFakeServices wires this to drop it.
   */
  readonly onSuspend: (() => void)[] = [];
  constructor(readonly calls: CallCounter) {}
  createAddonMenu(): GasMenu {
    this.calls.hit('Ui.createAddonMenu');
    return new FakeMenu(this);
  }
  alert(prompt: string): unknown {
    this.calls.hit('Ui.alert');
    for (const f of this.onSuspend) f();
    this.alerts.push(prompt);
    return 'OK';
  }
  showSidebar(userInterface: GasHtmlOutput): void {
    this.calls.hit('Ui.showSidebar');
    if (!(userInterface instanceof FakeHtmlOutput)) throw new Error('Fake: showSidebar needs HtmlService output');
    this.sidebars.push(userInterface);
  }
}

// ----------------------------------------------------------------------------------------------
// Spreadsheet and SpreadsheetApp.

export interface Toast {
  msg: string;
  title: string;
  timeoutSeconds: number | null;
}

let nextSpreadsheetId = 1;

/**
 * Characters of developer metadata (keys plus values) a spreadsheet may hold on itself: the Sheets API
 * guide (https://developers.google.com/sheets/api/guides/metadata) limits the metadata of a spreadsheet,
 * and of each sheet, to 30,000 characters; adding past it fails.
 */
export const SPREADSHEET_METADATA_LIMIT_CHARS = 30_000;

export class FakeSpreadsheet implements GasSpreadsheet {
  readonly sheets: FakeSheet[] = [];
  /** Metadata on the spreadsheet itself (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata). */
  readonly metadata: FakeDeveloperMetadata[] = [];
  readonly toasts: Toast[] = [];
  active: FakeSheet | null = null;
  readonly id = `fake-spreadsheet-${nextSpreadsheetId++}`;

  constructor(
    readonly calls: CallCounter,
    readonly env: FakeEnv,
    readonly name = 'Funnel test',
    public timeZone = 'Europe/Moscow',
  ) {}

  /** Test helper: a sheet with values as a person left them (not counted as a service call). */
  addSheet(name: string, rows: Stored[][] = []): FakeSheet {
    if (this.sheets.some((s) => s.name === name)) throw new Error(`Fake: sheet ${name} exists`);
    const s = new FakeSheet(this, name);
    s.seed(rows);
    this.sheets.push(s);
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`Fake: no sheet "${name}" (have: ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  getName(): string {
    this.calls.hit('Spreadsheet.getName');
    return this.name;
  }
  getSpreadsheetTimeZone(): string {
    this.calls.hit('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  getSheets(): GasSheet[] {
    this.calls.hit('Spreadsheet.getSheets');
    return [...this.sheets];
  }
  getSheetByName(name: string): GasSheet | null {
    this.calls.hit('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }
  getId(): string {
    this.calls.hit('Spreadsheet.getId');
    return this.id;
  }
  /** Sheets always has an active sheet: the one a person is on, else the first. */
  getActiveSheet(): GasSheet | null {
    this.calls.hit('Spreadsheet.getActiveSheet');
    return this.active ?? this.sheets[0] ?? null;
  }
  /**
   * "Inserts a new sheet into the spreadsheet … The new sheet becomes the active sheet."
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String))
   */
  insertSheet(sheetName: string): GasSheet {
    this.calls.hit('Spreadsheet.insertSheet');
    if (this.sheets.some((s) => s.name === sheetName)) {
      throw new Error(`Exception: A sheet with the name "${sheetName}" already exists. Please enter another name.`);
    }
    const s = new FakeSheet(this, sheetName);
    this.sheets.push(s);
    this.active = s;
    return s;
  }
  setActiveSheet(sheet: GasSheet): GasSheet {
    this.calls.hit('Spreadsheet.setActiveSheet');
    if (!(sheet instanceof FakeSheet) || !this.sheets.includes(sheet)) throw new Error('Fake: not a sheet of this spreadsheet');
    this.active = sheet;
    return sheet;
  }
  toast(msg: string, title: string, timeoutSeconds: number | null): void {
    this.calls.hit('Spreadsheet.toast');
    this.toasts.push({ msg, title, timeoutSeconds });
  }

  private readonly metadataHolder = {
    list: () => this.metadata,
    drop: (m: FakeDeveloperMetadata) => void this.metadata.splice(this.metadata.indexOf(m), 1),
    checkSize: () => {
      const size = this.metadata.reduce((n, m) => n + m.key.length + m.value.length, 0);
      if (size > SPREADSHEET_METADATA_LIMIT_CHARS) throw new Error(`Exception: The developer metadata of the spreadsheet exceeds ${SPREADSHEET_METADATA_LIMIT_CHARS} characters.`);
    },
  };
  /**
   * https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addDeveloperMetadata(String,String,DeveloperMetadataVisibility):
   * metadata on the spreadsheet itself; keys may repeat (Sheets keeps each entry: "There may be multiple
   * metadata in a spreadsheet with the same key").
   */
  addDeveloperMetadata(key: string, value: string, visibility: GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility): GasSpreadsheet {
    this.calls.hit('Spreadsheet.addDeveloperMetadata');
    if (visibility !== FAKE_VISIBILITY.DOCUMENT && visibility !== FAKE_VISIBILITY.PROJECT) throw new Error('Fake: unknown DeveloperMetadataVisibility');
    if (typeof key !== 'string' || key === '' || typeof value !== 'string') throw new Error('Fake: metadata key and value are strings');
    const m = new FakeDeveloperMetadata(this.calls, key, value, { sheet: null, column: null }, visibility, this.metadataHolder);
    this.metadata.push(m);
    try {
      this.metadataHolder.checkSize();
    } catch (e) {
      this.metadata.pop();
      throw e;
    }
    return this;
  }
  /** "Get the developer metadata associated with the top-level spreadsheet": not its sheets' (spreadsheet#getDeveloperMetadata()). */
  getDeveloperMetadata(): GasDeveloperMetadata[] {
    this.calls.hit('Spreadsheet.getDeveloperMetadata');
    return [...this.metadata];
  }
}

/** Spreadsheet calls that change the document; Sheets may hold them back until flush() or the end of the run. */
const WRITE_CALL_RE = /^(Range\.(set|merge|breakApart)|Sheet\.(insert|clear|set|remove|add)|Spreadsheet\.(insertSheet|setActiveSheet|addDeveloperMetadata)|DeveloperMetadata\.(setValue|remove))/;

/** Counts writes made since the last SpreadsheetApp.flush(). */
class WriteTrackingCounter extends CallCounter {
  unflushedWrites = 0;
  override hit(method: string): void {
    super.hit(method);
    if (WRITE_CALL_RE.test(method)) this.unflushedWrites++;
  }
}

export class FakeSpreadsheetApp implements GasSpreadsheetApp {
  readonly calls = new WriteTrackingCounter('SpreadsheetApp');
  readonly ui = new FakeUi(this.calls);
  readonly spreadsheet: FakeSpreadsheet;
  // Apps Script enums are opaque runtime objects; the ambient enum type has no runtime value in Node.
  readonly InterpolationType = {
    PERCENTILE: 'PERCENTILE' as unknown as GoogleAppsScript.Spreadsheet.InterpolationType,
  };
  readonly DeveloperMetadataVisibility = FAKE_VISIBILITY;

  constructor(
    private readonly env: FakeEnv,
    opts: { name?: string; timeZone?: string } = {},
  ) {
    this.spreadsheet = new FakeSpreadsheet(this.calls, env, opts.name, opts.timeZone);
  }

  getActiveSpreadsheet(): GasSpreadsheet | null {
    this.calls.hit('SpreadsheetApp.getActiveSpreadsheet');
    this.env.require('SpreadsheetApp.getActiveSpreadsheet');
    if (this.env.context === 'trigger') return null;
    return this.spreadsheet;
  }
  /** https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#openById(String) */
  openById(id: string): GasSpreadsheet {
    this.calls.hit('SpreadsheetApp.openById');
    this.env.require('SpreadsheetApp.openById');
    if (id !== this.spreadsheet.id) throw new Error(`Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp. (no spreadsheet ${id})`);
    return this.spreadsheet;
  }
  /**
   * "Applies all pending Spreadsheet changes. Spreadsheet operations are sometimes bundled together
   * to improve performance" (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()).
   * The fake applies writes at once but counts the ones made since the last flush, so a test can
   * check that the document lock is never released over unflushed writes.
   */
  flush(): void {
    this.calls.hit('SpreadsheetApp.flush');
    this.calls.unflushedWrites = 0;
  }
  /** Writes since the last flush() (test helper, not a service call). */
  unflushedWrites(): number {
    return this.calls.unflushedWrites;
  }
  getUi(): GasUi {
    this.calls.hit('SpreadsheetApp.getUi');
    if (this.env.context === 'trigger') throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }
  newConditionalFormatRule(): GasConditionalFormatRuleBuilder {
    this.calls.hitLocal('SpreadsheetApp.newConditionalFormatRule');
    return new FakeConditionalFormatRuleBuilder(this.calls);
  }
  newRichTextValue(): GasRichTextValueBuilder {
    this.calls.hitLocal('SpreadsheetApp.newRichTextValue');
    return new FakeRichTextValueBuilder(this.calls);
  }
  newDataValidation(): GasDataValidationBuilder {
    this.calls.hitLocal('SpreadsheetApp.newDataValidation');
    return new FakeDataValidationBuilder(this.calls);
  }
}
