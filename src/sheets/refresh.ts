/**
 * The refresh recipe: settings → leads sheet → one read → engine → report tabs → status.
 * It runs on the Workbook port and the settings store only, so tests drive it on fakes.
 *
 * Every failure a person can cause (no leads sheet, invalid saved settings, an empty sheet, columns
 * that cannot be found, a report tab name taken by their own sheet) ends in a message, never in an
 * exception; the spreadsheet's own sheets are never written.
 */
import { buildFunnelReport } from '../core/engine';
import { buildReportTabs } from '../report/tabs';
import type { GasLockService } from './gas';
import { uiStrings, type StatusFacts, type UiLocale } from './i18n';
import { locateLeadsSheet, readLeadsRows } from './leads-reader';
import type { SettingsStore } from './settings-store';
import { localMinute, statusCell } from './status';
import { SheetTakenError, type Workbook } from './workbook';

/** How long a second refresh waits for the first before it is refused. */
export const LOCK_WAIT_MS = 500;

export interface RefreshContext {
  workbook: Workbook;
  settings: SettingsStore;
  uiLocale: UiLocale;
  now: () => Date;
  /** Milliseconds for measuring the duration. */
  clock: () => number;
}

export interface RefreshRecord {
  at: string;
  durationMs: number;
  leadsSheet: string;
  rowsRead: number;
  leads: number;
  issues: number;
  tabs: string[];
}

export type RefreshOutcome =
  | { kind: 'done'; record: RefreshRecord; skipped: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'busy'; message: string };

function failed(ctx: RefreshContext, message: string): RefreshOutcome {
  const strings = uiStrings(ctx.uiLocale);
  ctx.workbook.toast(strings.refreshStopped, strings.toastTitle);
  ctx.workbook.alert(message);
  return { kind: 'failed', message };
}

/** One refresh; the caller holds the document lock. */
export function refreshLocked(ctx: RefreshContext): RefreshOutcome {
  const started = ctx.clock();
  const strings = uiStrings(ctx.uiLocale);
  const wb = ctx.workbook;

  // Invalid saved settings are reported before anything is read.
  const saved = ctx.settings.readConfig();
  if (saved.kind === 'invalid') return failed(ctx, strings.invalidSettings(saved.errors));
  wb.progressToast(strings.refreshing, strings.toastTitle);

  const where = locateLeadsSheet(wb, ctx.settings.leadsSheet(), strings);
  if (!where.ok) return failed(ctx, where.message);
  const read = readLeadsRows(wb, where.sheet, strings);
  if (!read.ok) return failed(ctx, read.message);

  // The saved config, else detection from the header (its warnings land on the Data issues tab);
  // always in the spreadsheet's zone.
  const zone = wb.timeZone();
  const now = ctx.now();
  const outcome = buildFunnelReport(read.rows, {
    ...(saved.kind === 'ok' ? { config: saved.config } : { detectBase: { timeZone: zone, locale: ctx.uiLocale } }),
    sheet: where.sheet,
    sourceName: wb.name(),
    now,
    timeZone: zone,
  });
  if (!outcome.ok) {
    const message = ctx.uiLocale === 'ru' ? outcome.errorRu : outcome.error;
    // The lone sheet was taken unseen: when its header is not leads, say so as "no leads sheet".
    return failed(ctx, saved.kind !== 'ok' && where.how === 'only' ? `${strings.noLeadsSheet([where.sheet])} (${message})` : message);
  }
  const { report, config } = outcome;

  const layouts = buildReportTabs(report, { locale: config.locale, leadsSheet: where.sheet, maturityPercentile: config.maturityPercentile });
  const writer = wb.reportWriter();
  const skipped: string[] = [];
  const tabs: string[] = [];
  for (const layout of layouts) {
    try {
      writer.writeTab(layout);
      tabs.push(writer.sheetNameOf(layout.name) ?? layout.name);
    } catch (e) {
      if (!(e instanceof SheetTakenError)) throw e;
      skipped.push(strings.tabTaken(e.wanted, e.alternative));
    }
  }

  const facts: StatusFacts = {
    at: localMinute(now, zone),
    durationMs: Math.max(0, ctx.clock() - started),
    leads: report.source.leads,
    issues: report.dataIssues.length,
  };
  const cohortsLayout = layouts[0];
  const cohortsSheet = cohortsLayout ? writer.sheetNameOf(cohortsLayout.name) : undefined;
  const cell = cohortsLayout ? statusCell(cohortsLayout, report.stages.length) : null;
  if (cohortsSheet && cell) wb.writeNote(cohortsSheet, cell.row, cell.col, uiStrings(config.locale).statusLine(facts));

  const record: RefreshRecord = {
    at: now.toISOString(),
    durationMs: facts.durationMs,
    leadsSheet: where.sheet,
    rowsRead: report.source.rowsRead,
    leads: facts.leads,
    issues: facts.issues,
    tabs,
  };
  ctx.settings.saveLastRefresh(record);
  wb.toast(strings.refreshedToast(facts), strings.toastTitle);
  if (skipped.length > 0) wb.alert(skipped.join('\n'));
  return { kind: 'done', record, skipped };
}

/**
 * Runs `work` under the document lock. When another execution holds it, nothing runs: the person
 * gets a toast saying a refresh is already running (never a silent queue).
 */
export function withDocumentLock(
  lockService: GasLockService,
  wb: Workbook,
  locale: UiLocale,
  work: () => RefreshOutcome,
): RefreshOutcome {
  const strings = uiStrings(locale);
  const lock = lockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) {
    wb.toast(strings.busy, strings.toastTitle);
    return { kind: 'busy', message: strings.busy };
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
