/**
 * The sidebar's model: the settings JSON exactly as it will be saved (so keys this sidebar has no
 * section for yet, e.g. later features' settings, survive a save untouched), plus a few choices that
 * are not settings (report date, slices left out) and the rows of the rate and alias tables.
 */
import type { FieldProblem, Json, SheetColumns, SidebarState, SpendChannels } from '../src/sheets/sidebar-contract';
import type { Locale, Strings } from './i18n';

export type ConfigJson = { [key: string]: Json };

export const ROLES = ['createdAt', 'id', 'channel', 'manager', 'product', 'region', 'amount', 'lostAt', 'lostReason'] as const;
export const SLICE_ROLES = ['channel', 'manager', 'product', 'region'] as const;

export interface StageDraft {
  name: string;
  column?: string;
}

export interface Draft {
  leadsSheet: string;
  config: ConfigJson;
  mode: 'timestamps' | 'current';
  reportDate: string;
  /** Slice roles left out of the report (their mapping is kept in the sidebar until saved). */
  sliceOff: Record<string, boolean>;
  /**
   * `spend.rates` and `spend.aliases` as rows being edited: an object cannot hold a new row with no
   * code yet, or two rows typed with the same code. Folded back into `config.spend` by settingsToSave.
   */
  rates: RateRow[];
  aliases: AliasRow[];
}

export interface RateRow {
  code: string;
  /** As typed; a number when it reads as one (decimal comma allowed), else the text (the engine names it). */
  rate: string;
}

export interface AliasRow {
  /** The channel as the spend sheet names it. */
  from: string;
  /** The leads' channel it means. */
  to: string;
}

/** Text that reads as a number (decimal comma allowed) becomes the number; other text goes as typed for the engine's check to name. */
export function numberOrText(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function spendOf(d: Draft): { [key: string]: Json } {
  const s = d.config.spend;
  if (!isObject(s)) d.config.spend = {};
  return d.config.spend as { [key: string]: Json };
}

function rowsOf(v: Json | undefined): [string, string][] {
  return isObject(v) ? Object.entries(v).map(([k, x]) => [k, typeof x === 'number' || typeof x === 'string' ? String(x) : '']) : [];
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function columnsOf(d: Draft): Record<string, string> {
  const c = d.config.columns;
  if (!isObject(c)) {
    d.config.columns = {};
    return d.config.columns as Record<string, string>;
  }
  return c as Record<string, string>;
}

export function stagesOf(d: Draft): StageDraft[] {
  if (!Array.isArray(d.config.stages)) d.config.stages = [];
  return d.config.stages as unknown as StageDraft[];
}

export interface CurrentStageDraft {
  column: string;
  values: Record<string, string>;
  changedAt?: string;
}

export function currentStageOf(d: Draft): CurrentStageDraft {
  const cs = d.config.currentStage;
  if (!isObject(cs)) d.config.currentStage = { column: '', values: {} };
  const out = d.config.currentStage as unknown as CurrentStageDraft;
  if (typeof out.values !== 'object' || out.values === null) out.values = {};
  return out;
}

export function draftFrom(state: SidebarState): Draft {
  const config: ConfigJson = isObject(state.settings ?? undefined) ? (JSON.parse(JSON.stringify(state.settings)) as ConfigJson) : { columns: {}, stages: [] };
  return {
    leadsSheet: state.leadsSheet ?? state.sheets[0] ?? '',
    config,
    mode: isObject(config.currentStage) ? 'current' : 'timestamps',
    reportDate: state.today,
    sliceOff: {},
    rates: rowsOf(isObject(config.spend) ? config.spend.rates : undefined).map(([code, rate]) => ({ code, rate })),
    aliases: rowsOf(isObject(config.spend) ? config.spend.aliases : undefined).map(([from, to]) => ({ from, to })),
  };
}

/**
 * The settings path of rate row `i` (`spend.rates.USD`, the path the engine's messages name); a later
 * row repeating a code gets `spend.rates.USD#2`, so only that row is marked as the duplicate.
 */
export function ratePath(d: Draft, i: number): string {
  const code = d.rates[i].code.trim();
  const earlier = d.rates.slice(0, i).some((r) => r.code.trim().toUpperCase() === code.toUpperCase());
  return `spend.rates.${code}${earlier && code !== '' ? `#${i}` : ''}`;
}

/** As ratePath, for alias row `i`: `spend.aliases["FB"]`, a repeated name `spend.aliases["FB"]#3`. */
export function aliasPath(d: Draft, i: number): string {
  const from = d.aliases[i].from.trim();
  const earlier = d.aliases.slice(0, i).some((a) => a.from.trim() === from);
  return `spend.aliases["${from}"]${earlier && from !== '' ? `#${i}` : ''}`;
}

/**
 * Problems the settings object cannot even express, found before saving: two rate rows for one
 * currency, two alias rows for one spend channel (the second would silently replace the first).
 */
export function localProblems(d: Draft, duplicate: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  d.rates.forEach((_, i) => {
    const path = ratePath(d, i);
    if (path.includes('#')) out.push({ path, message: duplicate });
  });
  d.aliases.forEach((_, i) => {
    const path = aliasPath(d, i);
    if (path.includes('#')) out.push({ path, message: duplicate });
  });
  return out;
}

/** The JSON to save: the model, with the shape not chosen and the slices left out removed. */
export function settingsToSave(d: Draft): ConfigJson {
  const out = JSON.parse(JSON.stringify(d.config)) as ConfigJson;
  const columns = (isObject(out.columns) ? out.columns : {}) as Record<string, string>;
  for (const role of Object.keys(columns)) if (columns[role] === '' || d.sliceOff[role]) delete columns[role];
  out.columns = columns;
  foldSpend(d, out);
  dropEmptySla(out);
  if (isObject(out.feedback) && Object.keys(out.feedback).length === 0) delete out.feedback;
  if (d.mode === 'timestamps') {
    delete out.currentStage;
  } else {
    out.stages = (Array.isArray(out.stages) ? (out.stages as unknown as StageDraft[]) : []).map((s) => ({ name: s.name }));
  }
  return out;
}

/** `spend.rates` and `spend.aliases` from the rows; blank rows dropped; no `spend` key added when there is nothing to say. */
function foldSpend(d: Draft, out: ConfigJson): void {
  const spend: { [key: string]: Json } = isObject(out.spend) ? out.spend : {};
  const rates: { [key: string]: Json } = {};
  for (const r of d.rates) if (r.code.trim() !== '' || r.rate.trim() !== '') rates[r.code.trim()] = numberOrText(r.rate);
  const aliases: { [key: string]: Json } = {};
  for (const a of d.aliases) if (a.from.trim() !== '' || a.to.trim() !== '') aliases[a.from.trim()] = a.to.trim();
  if (Object.keys(rates).length > 0) spend.rates = rates;
  else delete spend.rates;
  if (Object.keys(aliases).length > 0) spend.aliases = aliases;
  else delete spend.aliases;
  for (const k of ['currency', 'sheet', 'marginPercent'] as const) if (spend[k] === '') delete spend[k];
  if (Object.keys(spend).length > 0) out.spend = spend;
  else delete out.spend;
}

/** No `sla` key for an SLA section left empty (no rules, calendar untouched): an unchanged save stays unchanged. */
function dropEmptySla(out: ConfigJson): void {
  const sla = out.sla;
  if (!isObject(sla)) return;
  if (isObject(sla.calendar) && Object.keys(sla.calendar).length === 0) delete sla.calendar;
  if (Array.isArray(sla.rules) && sla.rules.length === 0 && sla.calendar === undefined) delete out.sla;
}

export interface App {
  state: SidebarState;
  draft: Draft;
  columns: SheetColumns | null;
  /** Unmatched channels for the Spend section (null until asked). */
  spendChannels: SpendChannels | null;
  locale: Locale;
  t: Strings;
  problems: FieldProblem[];
  /** Re-renders every section, keeping focus on the element with the same data-focus key. */
  rerender(focusKey?: string): void;
  /** Saves the settings; false when the server found problems (they are shown by their fields). */
  save(): Promise<boolean>;
  reload(): Promise<void>;
}

/** A section of the sidebar. New settings (SLA, Spend, Feedback) are one module each and one line in sections/index.ts. */
export interface Section {
  id: string;
  title(t: Strings): string;
  render(app: App): HTMLElement;
}
