/**
 * What every report's compute function gets: the run's inputs by name, the ingested leads, the
 * per-lead funnel facts and maturity thresholds (each computed once per run), the config and the
 * report's parameters. Plain data; a compute function reads it and returns its model.
 */
import type { FunnelConfig } from './config';
import type { HumanTable } from './feedback/human';
import type { LeadFacts } from './facts';
import type { RunInputs } from './inputs';
import type { FunnelReport } from './model';
import type { SpendTable } from './spend/read';
import type { DataIssue, Grain, IngestResult, SliceKey } from './types';

export interface RunContext {
  /** Every input of the run by name (`leads` always; the others when present). */
  inputs: RunInputs;
  config: FunnelConfig;
  /** Report date `YYYY-MM-DD`. */
  asOf: string;
  /** The instant of the run (CLI `--now`, else the clock; Sheets: the refresh's clock): open SLA breaches are judged at it. */
  now: Date;
  grain: Grain;
  filters: Partial<Record<SliceKey, string>> | undefined;
  /** The leads input, ingested. */
  data: IngestResult;
  /** Per-lead funnel facts as of the end of the report date (facts.ts). */
  facts: LeadFacts;
  /** Usual time to reach each step, over every lead (maturity.ts). */
  maturityDays: (number | null)[];
  /** Detection warnings and ingestion issues, in the order the Data issues tab lists them. */
  dataIssues: DataIssue[];
  /** The spend input, read once (spend/read.ts) when the run has one; its issues are in `dataIssues`. */
  spend?: SpendTable;
  /** The feedback input's people's columns, read once (feedback/human.ts) when the run has one; its issues are in `dataIssues`. */
  feedback?: HumanTable;
  /** Run-level header of the report (`--json` and the status line read it). */
  generatedAt: string;
  source: FunnelReport['source'];
}
