/**
 * The engine's front door: rows in, report model out. Faces (CLI, Apps Script, custom functions)
 * call these and nothing deeper, so the steps always run in the same order with the same defaults.
 */
import type { FunnelConfig } from './config';
import type { CohortReport, ConversionReport, FunnelReport } from './model';
import type { CellValue, IngestResult, SliceKey } from './types';

export interface ReportOptions {
  /** Report date `YYYY-MM-DD`; default: today in the config's time zone. */
  asOf?: string;
  grain?: FunnelConfig['grain'];
  filters?: Partial<Record<SliceKey, string>>;
}

export type { CellValue, CohortReport, ConversionReport, FunnelReport, IngestResult };
