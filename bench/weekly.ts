/**
 * The one shape every side of the comparison is reduced to (engine, naive reference, CLI JSON,
 * DuckDB): per ISO week, leads created and leads that reached each stage by the report date.
 */
import type { CohortReport } from '../src/core/model';

export interface WeeklyCounts {
  /** Monday `YYYY-MM-DD`. */
  start: string;
  leads: number;
  /** Stage name (after "Lead") → leads that reached it. */
  reached: Record<string, number>;
}

/** From the engine's report; weeks with no leads are dropped (SQL GROUP BY has no empty groups). */
export function weeklyFromReport(report: Pick<CohortReport, 'stages' | 'cohorts'>): WeeklyCounts[] {
  return report.cohorts
    .filter((c) => c.leads > 0)
    .map((c) => ({
      start: c.start,
      leads: c.leads,
      reached: Object.fromEntries(report.stages.slice(1).map((name, i) => [name, c.reached[i + 1]])),
    }));
}
