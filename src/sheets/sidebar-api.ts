/**
 * The sidebar's server functions (sidebar-contract.ts), built over injected services so the same code
 * runs in Apps Script (entrypoints.ts hands in the globals), in tests and in the local preview (fakes).
 * Every value returned is JSON-like; instants go out as ISO strings.
 *
 * Validation is the engine's: settings go through parseConfig (via SettingsStore.saveConfig), and each
 * problem is returned with its `path` and its text in the user's language, without the path prefix
 * (the sidebar shows it next to the field the path names).
 */
import { detectConfig } from '../core/detect';
import { dayInTimeZone } from '../core/engine';
import { parseConfig, type FunnelConfig } from '../core/config';
import { InputError } from '../core/errors';
import { ingestRows } from '../core/ingest';
import { readSpend, unmatchedChannels } from '../core/spend';
import { DEFAULT_FEEDBACK } from '../core/feedback/config';
import { VERDICTS } from '../core/feedback/spec';
import { msg, render, type Message } from '../core/messages';
import { formatWallDateTime } from '../core/time/format';
import { parseIsoDay } from '../core/time/wall-time';
import { instantToWall } from '../core/time/zone';
import type { CellValue } from '../core/types';
import { globalServices, runRefreshReports, runSetUpExampleSheets, toSidebarResult, userLocale, type RunOptions } from './app';
import type { AppServices, GasSpreadsheet } from './gas';
import type { UiLocale } from './i18n';
import { DETECT_ROWS, locateLeadsSheet } from './leads-reader';
import { settingsInputSheets } from './input-sheets';
import { uiStrings } from './i18n';
import type { RefreshStepDone } from './refresh';
import { currentUser, installSchedule, parseScheduleSpec, readScheduleRecord, scheduleInfo } from './schedule';
import { SCHEDULE_FAILURES_KEY, type SettingsStore } from './settings-store';
import { settingsOf } from './settings-mirror';
import type {
  ColumnInfo,
  FieldProblem,
  Json,
  LastRunInfo,
  RefreshProgress,
  RefreshResult,
  RefreshStep,
  SaveResult,
  ScheduleResult,
  SheetColumns,
  SidebarServer,
  SidebarState,
  SpendChannels,
} from './sidebar-contract';
import { locateInputSheet } from './input-sheets';
import { SpreadsheetWorkbook } from './spreadsheet-workbook';
import { NoDocumentError } from './workbook';

/** Values shown under a chosen column. */
export const PREVIEW_VALUES = 3;
/** A column with more distinct values than this is not offered as a current-stage column's checkboxes. */
export const DISTINCT_MAX = 40;

/** How long a run's progress record is kept (a refresh ends within 6 minutes). */
export const PROGRESS_TTL_S = 600;
const progressKey = (runId: string): string => `funnel.progress.${runId}`;
const RUN_ID = /^[\w-]{1,64}$/;

/** A problem for the sidebar: its path, and its text without the `path: ` the catalogue puts first. */
export function fieldProblem(m: Message, locale: UiLocale): FieldProblem {
  const path = String((m.params as { path?: unknown }).path ?? '');
  const text = render(m, locale);
  return { path, message: path !== '' && text.startsWith(`${path}: `) ? text.slice(path.length + 2) : text };
}

function cellText(v: CellValue | unknown, zone: string): string {
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
    const ms = (v as Date).getTime();
    return Number.isFinite(ms) ? formatWallDateTime(instantToWall(ms, zone)) : '';
  }
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

/** Headers of the row `headerRow` with the first values and the distinct values under each. */
export function columnsOf(rows: CellValue[][], headerRow: number, sheet: string, zone: string): SheetColumns {
  const header = rows[headerRow - 1] ?? [];
  const columns: ColumnInfo[] = [];
  header.forEach((h, c) => {
    const name = cellText(h, zone);
    if (name === '') return;
    const preview: string[] = [];
    const distinct = new Set<string>();
    let tooMany = false;
    for (let r = headerRow; r < rows.length; r++) {
      const text = cellText(rows[r][c], zone);
      if (text === '') continue;
      if (preview.length < PREVIEW_VALUES) preview.push(text);
      if (!tooMany) {
        distinct.add(text);
        if (distinct.size > DISTINCT_MAX) tooMany = true;
      }
    }
    columns.push({ header: name, preview, distinct: tooMany ? null : [...distinct].sort((a, b) => a.localeCompare(b)) });
  });
  return { sheet, headerRow, columns };
}

interface Opened {
  ss: GasSpreadsheet;
  wb: SpreadsheetWorkbook;
  settings: SettingsStore;
  locale: UiLocale;
}

function open(svc: AppServices): Opened {
  const ss = svc.SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new NoDocumentError('no spreadsheet is open in this run');
  return { ss, wb: new SpreadsheetWorkbook(svc.SpreadsheetApp, ss), settings: settingsOf(svc, ss), locale: userLocale(svc) };
}

function lastRunOf(settings: SettingsStore): LastRunInfo | null {
  const r = settings.lastRefresh() as Record<string, unknown> | null;
  if (!r || typeof r !== 'object' || typeof r.at !== 'string') return null;
  const failures = Number(settings.readJson(SCHEDULE_FAILURES_KEY));
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    at: r.at,
    ok: typeof r.failed !== 'string',
    message: typeof r.failed === 'string' ? r.failed : '',
    leads: num(r.leads),
    issues: num(r.issues),
    durationMs: num(r.durationMs) ?? 0,
    scheduledFailures: Number.isInteger(failures) && failures > 0 ? failures : 0,
  };
}

function issuesTabOf(settings: SettingsStore): string | null {
  const r = settings.lastRefresh() as { tabsById?: Record<string, unknown> } | null;
  const name = r && typeof r === 'object' ? r.tabsById?.issues : undefined;
  return typeof name === 'string' ? name : null;
}

/** The stored settings as JSON (also when invalid, so the sidebar shows what is there with its problems). */
function storedSettings(settings: SettingsStore): Json | null {
  const raw = settings.readConfigText();
  if (raw.kind !== 'text') return null;
  try {
    return JSON.parse(raw.text) as Json;
  } catch {
    return null;
  }
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

export function sidebarServer(svc: AppServices = globalServices(), opts: RunOptions = {}): SidebarServer {
  const now = (): Date => (opts.now ? opts.now() : new Date());
  const clock = opts.clock ?? (() => Date.now());

  function readColumns(wb: SpreadsheetWorkbook, sheet: string, headerRow: number | undefined): SheetColumns | null {
    const rows = wb.readAll(sheet);
    if (rows === null) return null;
    const zone = wb.timeZone();
    let row = headerRow;
    if (row === undefined) {
      const detected = detectConfig(rows.slice(0, DETECT_ROWS));
      row = detected.ok ? (detected.config.headerRow ?? 1) : 1;
    }
    return columnsOf(rows, row, sheet, zone);
  }

  return {
    sidebarState(): SidebarState {
      const { wb, settings, locale } = open(svc);
      const zone = wb.timeZone();
      const sheets = wb.sheetNames().filter((n) => !wb.isReportTab(n));
      const saved = settings.readConfig();
      let leadsSheet = settings.leadsSheet();
      if (leadsSheet === null) {
        const found = locateLeadsSheet(wb, null, uiStrings(locale), settingsInputSheets(saved.kind === 'ok' ? saved.config : undefined));
        leadsSheet = found.ok ? found.sheet : null;
      }
      let settingsJson: Json | null = null;
      let source: SidebarState['settingsSource'] = 'none';
      let problems: FieldProblem[] = [];
      if (saved.kind === 'ok') {
        settingsJson = toJson(saved.config);
        source = 'saved';
      } else if (saved.kind === 'invalid') {
        settingsJson = storedSettings(settings);
        source = 'saved';
        problems = saved.problems.map((p) => fieldProblem(p, locale));
      }
      const rows = leadsSheet !== null ? wb.readAll(leadsSheet) : null;
      let columns: SheetColumns | null = null;
      if (rows !== null && leadsSheet !== null) {
        const detected = detectConfig(rows, { timeZone: zone, locale });
        if (source === 'none' && detected.ok) {
          settingsJson = toJson(detected.config);
          source = 'detected';
        }
        const headerRow = saved.kind === 'ok' ? saved.config.headerRow : detected.ok ? detected.config.headerRow : undefined;
        columns = columnsOf(rows, headerRow ?? 1, leadsSheet, zone);
      }
      const at = now();
      return {
        locale,
        feedback: {
          verdicts: VERDICTS.map((v) => ({ id: v.id, label: v.label[locale] })),
          defaults: {
            reasons: [...DEFAULT_FEEDBACK.reasons],
            acceptedVerdicts: [...DEFAULT_FEEDBACK.acceptedVerdicts],
            staleDays: DEFAULT_FEEDBACK.staleDays,
            noFeedbackDays: DEFAULT_FEEDBACK.noFeedbackDays,
          },
        },
        timeZone: zone,
        today: dayInTimeZone(at, zone),
        sheets,
        leadsSheet,
        columns,
        settings: settingsJson,
        settingsSource: source,
        problems,
        lastRun: lastRunOf(settings),
        schedule: scheduleInfo(readScheduleRecord(settings), currentUser(svc), at),
        issuesTab: issuesTabOf(settings),
      };
    },

    sidebarSheetColumns(sheet: string): SheetColumns | null {
      const { wb } = open(svc);
      if (typeof sheet !== 'string' || !wb.sheetNames().includes(sheet)) return null;
      return readColumns(wb, sheet, undefined);
    },

    sidebarSaveSettings(leadsSheet: string, input: Json): SaveResult {
      const { wb, settings, locale } = open(svc);
      const problems: Message[] = [];
      const sheetOk = typeof leadsSheet === 'string' && wb.sheetNames().includes(leadsSheet);
      if (!sheetOk) problems.push(msg('sidebar.leadsSheet', { path: 'leadsSheet', sheet: String(leadsSheet) }));
      const parsed = parseConfig(input);
      if (!parsed.ok) problems.push(...parsed.problems);
      if (problems.length > 0) return { ok: false, changed: false, problems: problems.map((p) => fieldProblem(p, locale)) };
      const saved = settings.saveConfig(input);
      if (!saved.ok) return { ok: false, changed: false, problems: saved.problems.map((p) => fieldProblem(p, locale)) };
      const sheetChanged = settings.saveLeadsSheet(leadsSheet);
      return { ok: true, changed: saved.changed || sheetChanged, problems: [] };
    },

    sidebarRefreshNow(reportDate: string, runId: string): RefreshResult {
      const locale = userLocale(svc);
      const date = typeof reportDate === 'string' ? reportDate.trim() : '';
      if (date !== '' && parseIsoDay(date) === null) {
        return {
          ok: false,
          kind: 'failed',
          message: '',
          steps: [],
          leadsRead: null,
          issues: null,
          issuesTab: null,
          durationMs: 0,
          problems: [fieldProblem(msg('sidebar.reportDate', { path: 'reportDate' }), locale)],
        };
      }
      const steps: RefreshStep[] = [];
      // Each step is put in the user's cache as it ends, for the sidebar to poll while this call runs
      // (google.script.run calls run as separate executions, so a poll is answered meanwhile).
      const cache = typeof runId === 'string' && RUN_ID.test(runId) ? (svc.CacheService?.getUserCache() ?? null) : null;
      const publish = (current: RefreshProgress['current']): void => {
        if (!cache) return;
        try {
          cache.put(progressKey(runId), JSON.stringify({ steps, current } satisfies RefreshProgress), PROGRESS_TTL_S);
        } catch (e) {
          console.error(e); // progress is a nicety: never let it stop the refresh
        }
      };
      const onStep = (s: RefreshStepDone): void => {
        steps.push({ step: s.step, ms: Math.round(s.ms), ...(s.tab !== undefined ? { tab: s.tab } : {}) });
        publish(s.step === 'reading' ? 'computing' : 'writing');
      };
      publish('reading');
      const started = clock();
      const outcome = runRefreshReports(svc, { ...opts, ...(date !== '' ? { asOf: date } : {}), onStep }, 'sidebar');
      publish(null);
      const done = outcome.kind === 'done' ? outcome.record : null;
      return {
        ok: outcome.kind === 'done',
        kind: outcome.kind,
        message: outcome.message,
        steps,
        leadsRead: done ? done.leads : null,
        issues: done ? done.issues : null,
        issuesTab: done?.tabsById?.issues ?? null,
        durationMs: done ? done.durationMs : Math.max(0, clock() - started),
        problems: [],
      };
    },

    sidebarRefreshProgress(runId: string): RefreshProgress | null {
      if (typeof runId !== 'string' || !RUN_ID.test(runId)) return null;
      const text = svc.CacheService?.getUserCache()?.get(progressKey(runId)) ?? null;
      if (text === null) return null;
      try {
        return JSON.parse(text) as RefreshProgress;
      } catch {
        return null;
      }
    },

    sidebarSetSchedule(spec: unknown): ScheduleResult {
      const { ss, wb, settings, locale } = open(svc);
      const parsed = parseScheduleSpec(spec);
      if (!parsed.ok) return { ok: false, schedule: null, message: '', problems: parsed.problems.map((p) => fieldProblem(p, locale)) };
      const at = now();
      const installed = installSchedule(svc, settings, ss.getId(), wb.timeZone(), parsed.spec, at);
      if (!installed.ok) return { ok: false, schedule: null, message: '', problems: installed.problems.map((p) => fieldProblem(p, locale)) };
      return { ok: true, schedule: scheduleInfo(installed.record, currentUser(svc), at), message: '', problems: [] };
    },

    sidebarShowSheet(sheet: string): boolean {
      const { wb } = open(svc);
      if (typeof sheet !== 'string' || !wb.sheetNames().includes(sheet)) return false;
      wb.activate(sheet);
      return true;
    },

    sidebarSetUpExampleSheets() {
      return toSidebarResult(runSetUpExampleSheets(svc, opts, 'sidebar'));
    },

    sidebarSpendChannels(leadsSheet: string, input: Json): SpendChannels {
      const { wb, settings, locale } = open(svc);
      const zone = wb.timeZone();
      // The sidebar's own settings when they validate (an alias just typed counts), else the saved ones, else detection.
      const parsed = parseConfig(input);
      const saved = settings.readConfig();
      const sheetName = typeof leadsSheet === 'string' && wb.sheetNames().includes(leadsSheet) ? leadsSheet : settings.leadsSheet();
      const rows = sheetName !== null ? wb.readAll(sheetName) : null;
      let config: FunnelConfig | null = parsed.ok ? parsed.config : saved.kind === 'ok' ? saved.config : null;
      if (config === null && rows !== null) {
        const detected = detectConfig(rows, { timeZone: zone, locale });
        config = detected.ok ? detected.config : null;
      }
      const none: SpendChannels = { sheet: null, leadChannels: [], unmatchedSpend: [], leadsWithoutSpend: [] };
      if (config === null) return none;
      config = { ...config, timeZone: zone };
      const spendSheet = locateInputSheet(wb, 'spend', config.spend?.sheet);
      let leadChannels: string[] = [];
      if (rows !== null && sheetName !== null && config.columns.channel !== undefined) {
        try {
          const data = ingestRows(rows, { config, sheet: sheetName, asOf: dayInTimeZone(now(), zone) });
          leadChannels = [...(data.leads.slices.channel?.values ?? [])].filter((v) => v !== '');
        } catch (e) {
          if (!(e instanceof InputError)) throw e; // a missing column: the Data section names it
        }
      }
      const spendRows = spendSheet !== null ? wb.readAll(spendSheet) : null;
      if (spendSheet === null || spendRows === null) return { ...none, leadChannels };
      const spend = readSpend(spendSheet, spendRows, config);
      const unmatched = unmatchedChannels(
        spend.rows.map((r) => r.channel),
        leadChannels,
        config.spend?.aliases ?? {},
      );
      return { sheet: spendSheet, leadChannels, unmatchedSpend: unmatched.spend, leadsWithoutSpend: unmatched.leads };
    },
  };
}
