/**
 * The parts of the Apps Script services this add-on calls, as narrow structural interfaces.
 *
 * Production code in src/sheets is typed against these, so it can only call what the typed fakes in
 * test/fakes implement. The assertions at the bottom make the compiler prove that the real services
 * (from @types/google-apps-script) satisfy every interface here, so a signature written wrong in this
 * file, or used wrong by a fake, fails the typecheck instead of failing in a spreadsheet.
 */

type Spreadsheet = typeof GoogleAppsScript.Spreadsheet;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;
type FontStyle = GoogleAppsScript.Spreadsheet.FontStyle;

export interface GasRichTextValue {
  getText(): string;
  getLinkUrl(): string | null;
}

export interface GasRichTextValueBuilder {
  setText(text: string): GasRichTextValueBuilder;
  setLinkUrl(linkUrl: string | null): GasRichTextValueBuilder;
  build(): GasRichTextValue;
}

export interface GasRange {
  /** 1-based position of the range's first column. */
  getColumn(): number;
  getValues(): unknown[][];
  setValues(values: unknown[][]): GasRange;
  setNumberFormats(numberFormats: string[][]): GasRange;
  setBackgrounds(colors: (string | null)[][]): GasRange;
  setFontColors(colors: (string | null)[][]): GasRange;
  setFontWeights(fontWeights: (FontWeight | null)[][]): GasRange;
  setFontStyles(fontStyles: (FontStyle | null)[][]): GasRange;
  setHorizontalAlignments(alignments: ('left' | 'center' | 'normal' | 'right' | null)[][]): GasRange;
  setWraps(isWrapEnabled: boolean[][]): GasRange;
  setFontColor(color: string | null): GasRange;
  setFontStyle(fontStyle: FontStyle | null): GasRange;
  /** Strings only: '' clears a note (null is not documented for setNotes). */
  setNotes(notes: string[][]): GasRange;
  setRichTextValues(values: GasRichTextValue[][]): GasRange;
  merge(): GasRange;
  breakApart(): GasRange;
  /**
   * Metadata on a range: Sheets accepts only a whole single row or column (A1 'C:C'), and then the
   * metadata moves with that column. https://developers.google.com/apps-script/reference/spreadsheet/range#addDeveloperMetadata(String,String)
   */
  addDeveloperMetadata(key: string, value: string): GasRange;
  /** Puts one data-validation rule on every cell of the range (null removes it). https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation) */
  setDataValidation(rule: GasDataValidation | null): GasRange;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an opaque rule object: the add-on only builds and passes it
export interface GasDataValidation {}

export interface GasDataValidationBuilder {
  requireValueInList(values: string[], showDropdown: boolean): GasDataValidationBuilder;
  setAllowInvalid(allowInvalidData: boolean): GasDataValidationBuilder;
  setHelpText(helpText: string): GasDataValidationBuilder;
  build(): GasDataValidation;
}

export interface GasDeveloperMetadataLocation {
  /** The column the metadata sits on, null when it is not on a column. */
  getColumn(): GasRange | null;
}

type MetadataVisibility = GoogleAppsScript.Spreadsheet.DeveloperMetadataVisibility;

export interface GasDeveloperMetadata {
  getKey(): string;
  getValue(): string | null;
  getVisibility(): MetadataVisibility;
  getLocation(): GasDeveloperMetadataLocation;
  setValue(value: string): GasDeveloperMetadata;
  remove(): void;
}

export interface GasDeveloperMetadataFinder {
  withKey(key: string): GasDeveloperMetadataFinder;
  find(): GasDeveloperMetadata[];
}

export interface GasConditionalFormatRule {
  getRanges(): GasRange[];
}

export interface GasConditionalFormatRuleBuilder {
  setGradientMinpoint(color: string): GasConditionalFormatRuleBuilder;
  setGradientMidpointWithValue(
    color: string,
    type: GoogleAppsScript.Spreadsheet.InterpolationType,
    value: string,
  ): GasConditionalFormatRuleBuilder;
  setGradientMaxpoint(color: string): GasConditionalFormatRuleBuilder;
  setRanges(ranges: GasRange[]): GasConditionalFormatRuleBuilder;
  build(): GasConditionalFormatRule;
}

export interface GasEmbeddedChart {
  getChartId(): number | null;
}

export interface GasEmbeddedChartBuilder {
  addRange(range: GasRange): GasEmbeddedChartBuilder;
  setNumHeaders(headers: number): GasEmbeddedChartBuilder;
  setOption(option: string, value: unknown): GasEmbeddedChartBuilder;
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GasEmbeddedChartBuilder;
  asLineChart(): GasEmbeddedLineChartBuilder;
  asBarChart(): GasEmbeddedBarChartBuilder;
  build(): GasEmbeddedChart;
}

export interface GasEmbeddedBarChartBuilder {
  setTitle(chartTitle: string): GasEmbeddedBarChartBuilder;
  addRange(range: GasRange): GasEmbeddedChartBuilder;
  build(): GasEmbeddedChart;
}

export interface GasEmbeddedLineChartBuilder {
  setTitle(chartTitle: string): GasEmbeddedLineChartBuilder;
  addRange(range: GasRange): GasEmbeddedChartBuilder;
  build(): GasEmbeddedChart;
}

export interface GasSheet {
  getName(): string;
  getSheetId(): number;
  getDataRange(): GasRange;
  getRange(row: number, column: number, numRows: number, numColumns: number): GasRange;
  /** A1 notation; used for whole columns ('C:C'), the only ranges column metadata accepts. */
  getRange(a1Notation: string): GasRange;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxRows(): number;
  getMaxColumns(): number;
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet;
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet;
  clear(): GasSheet;
  clearNotes(): GasSheet;
  setFrozenRows(rows: number): void;
  setFrozenColumns(columns: number): void;
  setColumnWidth(columnPosition: number, width: number): GasSheet;
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet;
  setConditionalFormatRules(rules: GasConditionalFormatRule[]): void;
  getCharts(): GasEmbeddedChart[];
  removeChart(chart: GasEmbeddedChart): void;
  newChart(): GasEmbeddedChartBuilder;
  insertChart(chart: GasEmbeddedChart): void;
  addDeveloperMetadata(key: string, value: string, visibility: MetadataVisibility): GasSheet;
  /** Sheet-located metadata only (the `funnel.tab` marker); column metadata is found with the finder. */
  getDeveloperMetadata(): GasDeveloperMetadata[];
  /** Finds metadata on the sheet and on its rows and columns. */
  createDeveloperMetadataFinder(): GasDeveloperMetadataFinder;
}

export interface GasSpreadsheet {
  getName(): string;
  getSpreadsheetTimeZone(): string;
  getSheets(): GasSheet[];
  getSheetByName(name: string): GasSheet | null;
  getId(): string;
  insertSheet(sheetName: string): GasSheet;
  /** Metadata on the spreadsheet itself (the settings mirror read by scheduled runs: settings-mirror.ts). */
  addDeveloperMetadata(key: string, value: string, visibility: MetadataVisibility): GasSpreadsheet;
  /** The spreadsheet's own metadata, not its sheets' or columns'. */
  getDeveloperMetadata(): GasDeveloperMetadata[];
  getActiveSheet(): GasSheet | null;
  setActiveSheet(sheet: GasSheet): GasSheet;
  toast(msg: string, title: string, timeoutSeconds: number | null): void;
}

export interface GasMenu {
  addItem(caption: string, functionName: string): GasMenu;
  addSeparator(): GasMenu;
  addToUi(): void;
}

export interface GasHtmlOutput {
  setTitle(title: string): GasHtmlOutput;
}

export interface GasUi {
  createAddonMenu(): GasMenu;
  alert(prompt: string): unknown;
  showSidebar(userInterface: GasHtmlOutput): void;
}

export interface GasSpreadsheetApp {
  InterpolationType: { PERCENTILE: GoogleAppsScript.Spreadsheet.InterpolationType };
  DeveloperMetadataVisibility: { PROJECT: MetadataVisibility };
  /** Null where there is no open document (e.g. a time-driven trigger): open it by id there. */
  getActiveSpreadsheet(): GasSpreadsheet | null;
  openById(id: string): GasSpreadsheet;
  /** Applies all pending spreadsheet changes (writes are otherwise bundled and applied later). */
  flush(): void;
  getUi(): GasUi;
  newConditionalFormatRule(): GasConditionalFormatRuleBuilder;
  newRichTextValue(): GasRichTextValueBuilder;
  newDataValidation(): GasDataValidationBuilder;
}

export interface GasProperties {
  getProperties(): { [key: string]: string };
  setProperties(properties: { [key: string]: string }): GasProperties;
  deleteProperty(key: string): GasProperties;
}

export interface GasPropertiesService {
  getDocumentProperties(): GasProperties | null;
  /** This user's store for this script (shared by every document the add-on runs in). */
  getUserProperties(): GasProperties;
}

export interface GasLock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}

export interface GasLockService {
  getDocumentLock(): GasLock | null;
}

export interface GasUser {
  /** '' when the address cannot be told (e.g. a consumer account in another domain). */
  getEmail(): string;
}

export interface GasSession {
  getActiveUserLocale(): string;
  /** The user whose authority the script runs under: the trigger's owner in a trigger run. */
  getEffectiveUser(): GasUser;
}

/** https://developers.google.com/apps-script/reference/cache/cache */
export interface GasCache {
  get(key: string): string | null;
  put(key: string, value: string, expirationInSeconds: number): void;
}

export interface GasCacheService {
  /** The cache of the current user and script (shared by that user's concurrent executions). */
  getUserCache(): GasCache | null;
}

// ---- ScriptApp: time-driven triggers (https://developers.google.com/apps-script/reference/script) ----

type Weekday = GoogleAppsScript.Base.Weekday;

export interface GasTrigger {
  getUniqueId(): string;
  getHandlerFunction(): string;
}

export interface GasClockTriggerBuilder {
  atHour(hour: number): GasClockTriggerBuilder;
  everyDays(n: number): GasClockTriggerBuilder;
  onWeekDay(day: Weekday): GasClockTriggerBuilder;
  inTimezone(timezone: string): GasClockTriggerBuilder;
  create(): GasTrigger;
}

export interface GasTriggerBuilder {
  timeBased(): GasClockTriggerBuilder;
}

export interface GasScriptApp {
  WeekDay: {
    SUNDAY: Weekday;
    MONDAY: Weekday;
    TUESDAY: Weekday;
    WEDNESDAY: Weekday;
    THURSDAY: Weekday;
    FRIDAY: Weekday;
    SATURDAY: Weekday;
  };
  newTrigger(functionName: string): GasTriggerBuilder;
  /** This user's triggers of this project (for an add-on: in every document it runs in). */
  getProjectTriggers(): GasTrigger[];
  deleteTrigger(trigger: GasTrigger): void;
}

export interface GasHtmlService {
  createHtmlOutputFromFile(filename: string): GasHtmlOutput;
}

/** Everything the add-on touches, injected so tests can hand in fakes. */
export interface AppServices {
  SpreadsheetApp: GasSpreadsheetApp;
  PropertiesService: GasPropertiesService;
  LockService: GasLockService;
  /** Absent or throwing in some authorization modes; the UI then falls back to English. */
  Session?: GasSession;
  HtmlService: GasHtmlService;
  /** Triggers; absent in tests that do not schedule. */
  ScriptApp?: GasScriptApp;
  /** The refresh's progress for the sidebar to poll; absent: no live progress (the steps come with the result). */
  CacheService?: GasCacheService;
}

// ---- Compile-time proof that the real Apps Script services satisfy the ports above. ----
type Assert<T extends true> = T;
type Satisfies<Real, Port> = [Real] extends [Port] ? true : false;

export type RealServicesSatisfyPorts = [
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.Range, GasRange>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.Sheet, GasSheet>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.Spreadsheet, GasSpreadsheet>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.SpreadsheetApp, GasSpreadsheetApp>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.RichTextValueBuilder, GasRichTextValueBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, GasConditionalFormatRuleBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder, GasEmbeddedChartBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder, GasEmbeddedLineChartBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder, GasEmbeddedBarChartBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.DeveloperMetadata, GasDeveloperMetadata>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder, GasDeveloperMetadataFinder>>,
  Assert<Satisfies<GoogleAppsScript.Spreadsheet.DeveloperMetadataLocation, GasDeveloperMetadataLocation>>,
  Assert<Satisfies<GoogleAppsScript.Base.Ui, GasUi>>,
  Assert<Satisfies<GoogleAppsScript.Base.Menu, GasMenu>>,
  Assert<Satisfies<GoogleAppsScript.Properties.PropertiesService, GasPropertiesService>>,
  Assert<Satisfies<GoogleAppsScript.Lock.LockService, GasLockService>>,
  Assert<Satisfies<GoogleAppsScript.Base.Session, GasSession>>,
  Assert<Satisfies<GoogleAppsScript.HTML.HtmlService, GasHtmlService>>,
  Assert<Satisfies<GoogleAppsScript.Script.ScriptApp, GasScriptApp>>,
  Assert<Satisfies<GoogleAppsScript.Script.ClockTriggerBuilder, GasClockTriggerBuilder>>,
  Assert<Satisfies<GoogleAppsScript.Script.Trigger, GasTrigger>>,
  Assert<Satisfies<GoogleAppsScript.Cache.CacheService, GasCacheService>>,
  Assert<Satisfies<GoogleAppsScript.Cache.Cache, GasCache>>,
  Assert<Satisfies<Spreadsheet['InterpolationType']['PERCENTILE'], GoogleAppsScript.Spreadsheet.InterpolationType>>,
];
