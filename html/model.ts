/**
 * The sidebar's model: the settings JSON exactly as it will be saved (so keys this sidebar has no
 * section for yet, e.g. later features' settings, survive a save untouched), plus a few choices that
 * are not settings (report date, slices left out, the hand-off stage until the feedback settings exist).
 */
import type { FieldProblem, Json, SheetColumns, SidebarState } from '../src/sheets/sidebar-contract';
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
  /** Kept in the sidebar until the feedback settings (`feedback.handoffStage`) exist. */
  handoffStage: string;
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
    handoffStage: '',
  };
}

/** The JSON to save: the model, with the shape not chosen and the slices left out removed. */
export function settingsToSave(d: Draft): ConfigJson {
  const out = JSON.parse(JSON.stringify(d.config)) as ConfigJson;
  const columns = (isObject(out.columns) ? out.columns : {}) as Record<string, string>;
  for (const role of Object.keys(columns)) if (columns[role] === '' || d.sliceOff[role]) delete columns[role];
  out.columns = columns;
  if (d.mode === 'timestamps') {
    delete out.currentStage;
  } else {
    out.stages = (Array.isArray(out.stages) ? (out.stages as unknown as StageDraft[]) : []).map((s) => ({ name: s.name }));
  }
  return out;
}

export interface App {
  state: SidebarState;
  draft: Draft;
  columns: SheetColumns | null;
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
