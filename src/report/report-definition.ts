/**
 * What a report is: an id, the named inputs it needs, a pure compute function over the run (the
 * per-lead funnel facts are in the RunContext, computed once per run) and, for a report with a tab, a
 * layout. Faces (CLI, Sheets refresh, `--json`) never name a report: they iterate a registry
 * (registry.ts) and address tabs by id, never by position.
 */
import type { InputId } from '../core/inputs';
import type { RunContext } from '../core/run-context';
import type { SliceKey } from '../core/types';
import type { ReportLocale } from './i18n';
import type { TabLayout } from './layout';

/** What a face tells every layout (the same for every report of a run). */
export interface LayoutOptions {
  locale: ReportLocale;
  /** Name of the sheet (or file) the leads came from: data-issue links point at it. */
  leadsSheet: string;
  /** Overrides the "filters: …" part of the cohort title. */
  filtersLabel?: string;
  /** config.maturityPercentile, for the immature-cell notes (default 0.8). */
  maturityPercentile?: number;
  /** Cap on listed data issues (default 5000). */
  maxIssueRows?: number;
  /** Display names of the stages after "Lead" where they differ from the engine's (the CLI's translated detected stages). */
  stageLabels?: string[];
}

/** Other reports' models of the same run, by definition (a layout may show another report's figures). */
export interface ReportModels {
  get<M>(report: ReportDefinition<M>): M | undefined;
}

/** What a layout gets besides its model and the options: the run's filters and the other models. */
export interface LayoutContext {
  filters: Partial<Record<SliceKey, string>>;
  models: ReportModels;
  /** Run-level notes a tab shows under its title, e.g. leads created after the report date. */
  notes: { en: string; ru: string }[];
}

export interface ReportDefinition<M> {
  /** Stable id: tabs, the status line and `--json` address the report by it. */
  id: string;
  /** How the report is named in status lines ("Spend: skipped, no Spend sheet"). */
  title: { en: string; ru: string };
  /** Inputs the report reads; when one is absent from the run, the report is skipped (not an error). */
  needs: readonly InputId[];
  /** Pure: the model from the run context. Runs before any layout is built or any tab written. */
  compute(run: RunContext): M;
  /**
   * The report's tab; absent for a report that only feeds `--json` and other reports' tabs. Null: no
   * tab in this run (e.g. the SLA tab when the settings have no rules).
   */
  layout?(model: M, opts: LayoutOptions, ctx: LayoutContext): TabLayout | null;
  /**
   * Top-level `--json` fields this report adds after the built-in schema's (which the JSON builder
   * reads from the built-in models by id, unchanged). A field name already in the output is an error.
   */
  json?(model: M): Record<string, unknown>;
}

/** A registry entry whatever its model type (methods are bivariant, so every ReportDefinition<M> fits). */
export type AnyReport = ReportDefinition<unknown>;
