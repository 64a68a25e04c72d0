/**
 * The CLI run: arguments → input rows → engine → XLSX (+ JSON) → summary. Returns the exit code
 * instead of exiting, so tests can call it in-process. 0 = written, 2 = unusable input, 1 = a bug.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parseConfig, type ColumnsConfig, type FunnelConfig } from '../core/config';
import { detectConfig } from '../core/detect';
import { ArrayRowSource, ingestSource } from '../core/ingest';
import { detectionWarningIssues, prepareRun } from '../core/engine';
import { SAMPLE_SPEND_CONFIG, sampleSpendRows } from '../core/spend/sample';
import type { InputTable } from '../core/inputs';
import { SAMPLE_CONFIG, SAMPLE_SLA_SETTINGS, sampleLeadRows } from '../core/sample-data';
import { parseSlaConfig } from '../core/sla/config';
import type { Message } from '../core/messages';
import type { CellValue, DataIssue, SliceKey } from '../core/types';
import type { FunnelReport } from '../core/model';
import { REPORTS } from '../report/registry';
import { DEFAULT_FEEDBACK } from '../core/feedback/config';
import { feedbackSpec } from '../core/feedback/spec';
import type { RunInputs } from '../core/inputs';
import { feedbackReport } from '../report/feedback-report';
import { reviewStrings } from '../report/review-strings';
import { readFeedbackFile, type FeedbackInput } from './feedback-input';
import type { AnyReport } from '../report/report-definition';
import { computeReports, reportJsonFields, reportLayouts, runReport, skippedLines } from '../report/run-reports';
import { langFromArgs, localToday, parseArgs, type CliOptions } from './args';
import { configWithMappings, mappedConfig, mappingText, missingColumns, type ColumnMapping } from './column-options';
import { openCsv, type CsvInput } from './csv-ingest';
import { decodeCsvBytes, parseCsvText } from './csv-reader';
import { findHeaderRow } from '../core/headers';
import { atHeaderRow } from './header-row';
import { stringifyReport } from './json-output';
import { checkOutputs, commitFile, discardFile, pendingFile, type PendingFile } from './output-files';
import { cliMessages, localeFromEnv, type CliLocale, type CliMessages } from './messages';
import { ProgressBar, type ProgressStream } from './progress';
import { summaryTable } from './summary';

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock (for the default report date); injectable for tests. */
  now?: () => Date;
  /** The registry of reports (default: report/registry.ts); tests pass their own. */
  reports?: readonly AnyReport[];
}

/** An input problem the user can fix: reported in one line, exit code 2. */
export class UsageError extends Error {}

/** Inputs bigger than this show the progress bar from the start. */
const LARGE_INPUT_BYTES = 20 << 20;

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const envLocale = localeFromEnv(io.env);
  const m = cliMessages(langFromArgs(argv) ?? envLocale);
  const parsed = parseArgs(argv, m);
  if (!parsed.ok) return usageFailure(io, parsed.error);
  if (parsed.options.help) {
    io.stdout.write(`${m.usage}\n`);
    return 0;
  }
  try {
    await execute(parsed.options, parsed.options.lang ?? envLocale, m, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(io, e.message);
    io.stderr.write(`funnel-report: ${m.unexpected}\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

function usageFailure(io: CliIO, message: string): number {
  io.stderr.write(`funnel-report: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return 2;
}

interface Input {
  rows: CellValue[][];
  sheet: string;
  sourceName: string;
  config?: FunnelConfig;
  /** The locale a config file asked for, if any. */
  configLocale?: CliLocale;
  /** Detection warnings (e.g. a stage-like column left out), listed with the data issues. */
  detectionIssues?: DataIssue[];
  /** A CSV file: `rows` holds its first rows only, and this ingests the whole file. */
  csv?: CsvInput;
}

/** Names the filter that matched nothing and the values its columns do have (the first 20 of each). */
function filterWarning(filters: Partial<Record<SliceKey, string>>, report: FunnelReport, m: CliMessages): string {
  const asked = Object.entries(filters).map(([k, v]) => `${k} = "${v}"`).join(', ');
  const known = (Object.keys(filters) as SliceKey[]).map((k) => {
    const table = report.conversions.tables.find((t) => t.dimension === k);
    const values = table ? table.rows.slice(0, 20).map((r) => `"${r.value}"`).join(', ') : '—';
    return `${k}: ${values}`;
  });
  return m.filterMatchesNothing(asked, known.join('; '));
}

/** FUNNEL_REPORT_TIMINGS=1 prints how long each phase took (for benchmarks) to stderr. */
function phaseTimer(io: CliIO): (label: string) => void {
  if (!io.env.FUNNEL_REPORT_TIMINGS) return () => undefined;
  let last = Date.now();
  return (label) => {
    const t = Date.now();
    io.stderr.write(`timing ${label} ${t - last} ms\n`);
    last = t;
  };
}

async function execute(o: CliOptions, locale: CliLocale, m: CliMessages, io: CliIO): Promise<void> {
  const inputPath = o.input === undefined ? undefined : resolve(io.cwd, o.input);
  const size = inputPath ? fileSize(inputPath, m) : 0;
  const progress = new ProgressBar(io.stderr, { enabled: !o.quiet, eager: size > LARGE_INPUT_BYTES });
  try {
    await executeWith(o, inputPath, locale, m, io, progress);
  } finally {
    progress.done(); // never leave a half-drawn bar in front of an error message
  }
}

async function executeWith(o: CliOptions, inputPath: string | undefined, locale: CliLocale, m: CliMessages, io: CliIO, progress: ProgressBar): Promise<void> {
  const lap = phaseTimer(io);
  const now = o.now ?? (io.now ? io.now() : new Date());
  const asOf = o.asOf ?? localToday(now);
  const outPath = resolve(io.cwd, o.out ?? (inputPath ? 'report.xlsx' : 'out/demo-report.xlsx'));
  const jsonPath = o.json === undefined ? undefined : resolve(io.cwd, o.json);
  const spendPath = o.spend === undefined ? undefined : resolve(io.cwd, o.spend);
  const feedbackPath = o.feedback === undefined ? undefined : resolve(io.cwd, o.feedback);
  const readPaths = [inputPath, o.config === undefined ? undefined : resolve(io.cwd, o.config), spendPath, feedbackPath].filter((p): p is string => p !== undefined);
  const outputProblem = checkOutputs(outPath, jsonPath, readPaths);
  if (outputProblem) {
    const p = outputProblem;
    throw new UsageError(p.kind === 'notXlsx' ? m.outNotXlsx(p.path) : p.kind === 'sameOutputs' ? m.outputsSame(p.path) : m.outputIsInput(p.path, p.input));
  }

  const input: Input = inputPath
    ? await readInput(inputPath, o, m, progress)
    : { rows: sampleLeadRows({ today: asOf }), sheet: 'Leads', sourceName: 'sample data', config: demoConfig() };
  if (input.rows.length === 0) throw new UsageError(m.emptyInput(o.input ?? ''));
  // The run's `spend` input: --spend FILE, or the demo's sample spend when the demo runs without one.
  const spend: InputTable | undefined = spendPath ? await readSpendFile(spendPath, m) : inputPath ? undefined : { sheet: 'Spend', rows: sampleSpendRows({ today: asOf }) };
  lap('input');

  if (o.config !== undefined) {
    const loaded = loadConfig(resolve(io.cwd, o.config), o.config, m);
    input.config = loaded.config;
    input.configLocale = loaded.locale;
  }
  // Title lines above the header: detection and --column look at the rows from the header down.
  const allRows = input.rows;
  const createdAtHint = o.columns?.find((c) => 'role' in c && c.role === 'createdAt')?.header ?? input.config?.columns.createdAt;
  const headerRow = inputPath ? Math.max(0, findHeaderRow(allRows, createdAtHint)) : 0;
  if (headerRow > 0) input.rows = allRows.slice(headerRow);
  const mapped = o.columns ? applyColumnOptions(o.columns, input, m) : undefined;
  const reportLocale = o.lang ?? input.configLocale ?? locale;
  /** Display names of the stages where they differ from the engine's (stable, English) names. */
  let stageLabels: string[] | undefined;
  if (!input.config) {
    // Detected stage names are the JSON keys: always the English ones, whatever the language.
    // Detection treats base.columns as a partial set (the fields not given are detected).
    const base: Partial<FunnelConfig> = mapped ? { columns: mapped.columns as ColumnsConfig, ...(mapped.stages ? { stages: mapped.stages } : {}) } : {};
    const detected = detectConfig(input.rows, { ...base, locale: 'en' });
    if (!detected.ok) throw new UsageError(locale === 'ru' ? detected.errorRu : detected.error);
    input.config = detected.config;
    progress.done();
    const shown = reportLocale === 'en' ? detected : detectConfig(input.rows, { ...base, locale: reportLocale });
    if (shown.ok) stageLabels = localizedStageNames(detected.config, shown.config);
    const notes = locale === 'ru' ? (shown.ok ? shown.notesRu : detected.notesRu) : detected.notes;
    if (!o.quiet && notes.length > 0) io.stdout.write(`${m.detectedColumns}\n${notes.map((n) => `  ${n}`).join('\n')}\n`);
    input.detectionIssues = detectionWarningIssues(detected.warnings, input.sheet);
    // Warnings (a stage-like column left out, stages that look swapped) are printed as well, even with --quiet.
    for (const w of detected.warnings) io.stderr.write(`funnel-report: ${locale === 'ru' ? w.problemRu : w.problem}\n`);
  }
  lap('config');

  // Closed-loop feedback: `--feedback FILE` (or `feedback` in the config) adds the Feedback and Review tabs.
  const fbConfig = feedbackPath || input.config.feedback ? (input.config.feedback ?? DEFAULT_FEEDBACK) : undefined;
  const fbSpec = fbConfig ? feedbackSpec(fbConfig.sheet, fbConfig.reasons) : undefined;
  let fbPrevious: FeedbackInput | undefined;
  if (fbSpec && feedbackPath) {
    fileSize(feedbackPath, m);
    try {
      fbPrevious = await readFeedbackFile(feedbackPath, fbSpec, input.config.timeZone);
    } catch (e) {
      throw new UsageError(m.fileUnreadable(feedbackPath, errorText(e)));
    }
  }
  const inputs: RunInputs = fbSpec ? { feedback: { sheet: fbSpec.sheetName, rows: fbPrevious?.rows ?? [] } } : {};

  progress.phase(m.phase.compute, 0);
  const csv = input.csv;
  // The input file is the run's `leads` input; --spend is its `spend` input.
  const outcome = prepareRun(input.rows, {
    inputs: { ...inputs, ...(spend ? { spend } : {}) },
    config: input.config,
    sheet: input.sheet,
    sourceName: input.sourceName,
    asOf,
    now,
    ...(o.grain ? { grain: o.grain } : {}),
    ...(o.filters ? { filters: o.filters } : {}),
    ...(csv
      ? {
          ingest: (config: FunnelConfig, sheet: string, reportDate: string) => {
            progress.phase(m.phase.parse, 0);
            const data = csv.ingest({ config, sheet, asOf: reportDate }, (f) => progress.update(f), headerRow);
            lap('parse+ingest');
            progress.phase(m.phase.compute, 0);
            return data;
          },
        }
      : headerRow > 0
        ? { ingest: (config: FunnelConfig, sheet: string, reportDate: string) => ingestSource(new ArrayRowSource(allRows, headerRow), { config, sheet, asOf: reportDate }) }
        : {}),
  });
  if (!outcome.ok) throw new UsageError(locale === 'ru' ? outcome.errorRu : outcome.error);
  const prepared = outcome.run;
  const issues = input.detectionIssues?.length ? [...input.detectionIssues, ...prepared.dataIssues] : prepared.dataIssues;
  const computed = computeReports({ ...prepared, dataIssues: atHeaderRow(issues, (csv?.linesBefore ?? 0) + headerRow + 1) }, io.reports ?? REPORTS);
  const report = runReport(computed);
  for (const line of skippedLines(computed.skipped, locale, 'file')) io.stderr.write(`funnel-report: ${line}\n`);
  if (o.filters && report.cohortReport.total.leads === 0) io.stderr.write(`${filterWarning(o.filters, report, m)}\n`);
  progress.phase(m.phase.compute, 1);
  lap('compute');

  progress.phase(m.phase.write, 0);
  const shownReport = stageLabels ? withStageLabels(report, stageLabels) : report;
  const tabs = reportLayouts(computed, {
    locale: reportLocale,
    leadsSheet: input.sheet,
    maturityPercentile: input.config.maturityPercentile,
    ...(stageLabels ? { stageLabels } : {}),
  });
  // exceljs is loaded only now (and its XLSX reader only for XLSX input): it is the CLI's slowest module.
  const { XlsxReportWriter } = await import('./xlsx-writer');
  const writer = new XlsxReportWriter();
  tabs.forEach((t) => writer.writeTab(t.layout));
  const fbModel = computed.models.get(feedbackReport);
  let feedbackLine: string | undefined;
  if (fbModel) {
    const { XlsxKeyedTabWriter } = await import('./xlsx-keyed');
    const merged = new XlsxKeyedTabWriter(writer.workbook, fbPrevious?.previous ?? null, reportLocale).mergeKeyedTab(fbModel.spec, fbModel.rows);
    feedbackLine = reviewStrings(reportLocale).mergeLine(merged.sheet, fbModel.rows.length, merged.appended.length, merged.orphaned.length, merged.duplicates.length);
  }
  progress.phase(m.phase.write, 0.5);
  await writeOutputs(m, [
    { path: outPath, write: (tmp) => writer.writeFile(tmp) },
    ...(jsonPath ? [{ path: jsonPath, write: async (tmp: string) => writeFileSync(tmp, stringifyReport(report, reportJsonFields(computed))) }] : []),
  ]);
  lap('write');
  progress.phase(m.phase.write, 1);
  progress.done();

  if (!o.quiet) {
    if (!inputPath) io.stdout.write(`${m.demoNote}\n\n`);
    io.stdout.write(`${summaryTable(shownReport, m, 6, locale)}

`);
  }
  if (feedbackLine && !o.quiet) io.stdout.write(`${feedbackLine}\n`);
  io.stdout.write(`${m.wrote(outPath)}\n`);
  if (jsonPath) io.stdout.write(`${m.wroteJson(jsonPath)}\n`);
}

/**
 * Checks that every --column header is in the header row (exit 2 naming it and the headers that are),
 * and lays the mappings over a loaded config. Returns what detection should start from otherwise.
 */
function applyColumnOptions(columns: ColumnMapping[], input: Input, m: CliMessages): ReturnType<typeof mappedConfig> {
  const header = input.rows[0] ?? [];
  const missing = missingColumns(columns, header);
  if (missing.length > 0) {
    const names = header.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
    const shown = names.length > 60 ? [...names.slice(0, 60), '…'] : names;
    throw new UsageError(m.columnMissing(mappingText(missing[0]), input.sourceName, shown.map((h) => `"${h}"`).join(', ')));
  }
  if (input.config) {
    const res = parseConfig(configWithMappings(input.config, columns));
    if (!res.ok) throw new UsageError(m.configInvalid('--column', res.problems));
    input.config = res.config;
  }
  return mappedConfig(columns);
}

/** The stage names of `shown` (the same detection in another language) when they differ from `engine`'s ("Lead" not included). */
function localizedStageNames(engine: FunnelConfig, shown: FunnelConfig): string[] | undefined {
  if (shown.stages.length !== engine.stages.length) return undefined;
  if (shown.stages.every((s, i) => s.name === engine.stages[i].name)) return undefined;
  return shown.stages.map((s) => s.name);
}

/** The report with translated stage labels, for the summary (the tabs get them as a layout option); `--json` keeps the engine's names. */
function withStageLabels(report: FunnelReport, labels: string[]): FunnelReport {
  const named = [report.stages[0], ...labels];
  return {
    ...report,
    stages: named,
    cohortReport: { ...report.cohortReport, stages: named },
    conversions: { ...report.conversions, stages: named },
  };
}

function fileSize(path: string, m: CliMessages): number {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new UsageError(m.fileUnreadable(path, 'not a file'));
    return st.size;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(m.fileMissing(path));
  }
}

async function readInput(path: string, o: CliOptions, m: CliMessages, progress: ProgressBar): Promise<Input> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') throw new UsageError(m.unsupportedInput(path));
  if (ext === '.xlsx' || ext === '.xlsm') {
    progress.phase(m.phase.read, 0);
    const { readXlsxFile, SheetNotFoundError } = await import('./xlsx-reader');
    try {
      const x = await readXlsxFile(path, o.sheet);
      progress.phase(m.phase.read, 1);
      return { rows: x.rows, sheet: x.sheet, sourceName: basename(path) };
    } catch (e) {
      if (e instanceof SheetNotFoundError) throw new UsageError(m.sheetMissing(e.sheet, basename(path), e.available));
      throw new UsageError(m.fileUnreadable(path, m.notXlsx(errorText(e))));
    }
  }
  let csv: CsvInput;
  try {
    progress.phase(m.phase.read, 0);
    const bytes = readFileSync(path);
    progress.phase(m.phase.read, 1);
    const binary = binaryKind(bytes);
    if (binary) throw new UsageError(m.fileUnreadable(path, binary === 'zip' ? m.zipNotCsv : m.binaryNotCsv));
    progress.phase(m.phase.parse, 0);
    csv = openCsv(bytes);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(m.fileUnreadable(path, errorText(e)));
  }
  // A CSV opened in a spreadsheet becomes a sheet named after the file.
  return { rows: csv.rows, csv, sheet: basename(path, extname(path)), sourceName: basename(path) };
}

/** The --spend file as rows (CSV through the CSV reader, XLSX its first sheet), named like a leads file. */
async function readSpendFile(path: string, m: CliMessages): Promise<InputTable> {
  fileSize(path, m);
  const ext = extname(path).toLowerCase();
  const sheet = basename(path, extname(path));
  if (ext === '.xlsx' || ext === '.xlsm') {
    const { readXlsxFile } = await import('./xlsx-reader');
    try {
      return { sheet, rows: (await readXlsxFile(path)).rows };
    } catch (e) {
      throw new UsageError(m.fileUnreadable(path, m.notXlsx(errorText(e))));
    }
  }
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') throw new UsageError(m.unsupportedInput(path));
  try {
    const bytes = readFileSync(path);
    const binary = binaryKind(bytes);
    if (binary) throw new UsageError(m.fileUnreadable(path, binary === 'zip' ? m.zipNotCsv : m.binaryNotCsv));
    return { sheet, rows: parseCsvText(decodeCsvBytes(bytes)) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(m.fileUnreadable(path, errorText(e)));
  }
}

/** A zip (an XLSX saved as .csv) or other binary data (NUL bytes near the start, no UTF-16 BOM) is not CSV text. */
function binaryKind(bytes: Buffer): 'zip' | 'binary' | null {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return null;
  const head = bytes.subarray(0, 8192);
  return head.includes(0) ? 'binary' : null;
}

function loadConfig(path: string, shown: string, m: CliMessages): { config: FunnelConfig; locale?: CliLocale } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(m.fileMissing(path));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new UsageError(m.configNotJson(shown, errorText(e)));
  }
  const res = parseConfig(json);
  if (!res.ok) throw new UsageError(m.configInvalid(shown, res.problems));
  const explicit = typeof json === 'object' && json !== null && 'locale' in json;
  return { config: res.config, ...(explicit ? { locale: res.config.locale } : {}) };
}

/**
 * Writes every output to a temporary file beside its target, then renames them all into place: a run
 * that fails while writing leaves the previous files as they were.
 */
async function writeOutputs(m: CliMessages, outputs: { path: string; write: (tempPath: string) => Promise<void> }[]): Promise<void> {
  const pending: PendingFile[] = [];
  let current = '';
  try {
    for (const o of outputs) {
      current = o.path;
      const f = pendingFile(o.path);
      pending.push(f);
      await o.write(f.tempPath);
    }
    for (const f of pending) {
      current = f.path;
      commitFile(f);
    }
  } catch (e) {
    pending.forEach(discardFile);
    throw new UsageError(m.writeFailed(current, errorText(e)));
  }
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0];
}

/** The demo's config: the sample config with the sample SLA rules, so the demo shows the SLA tab. */
function demoConfig(): FunnelConfig {
  const errors: Message[] = [];
  const sla = parseSlaConfig(SAMPLE_SLA_SETTINGS, errors, SAMPLE_CONFIG.stages.map((s) => s.name));
  if (errors.length > 0 || !sla) throw new Error(`SAMPLE_SLA_SETTINGS is invalid: ${errors.map((e) => e.code).join(', ')}`);
  return { ...SAMPLE_CONFIG, spend: SAMPLE_SPEND_CONFIG, sla };
}
