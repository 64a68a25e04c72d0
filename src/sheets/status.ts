/**
 * The refresh status a person sees: one grey line at the top right of the Cohorts table
 * ("Refreshed 2026-11-22 10:15 · 2.3 s · 1,500 leads · 7 data issues"), a toast, and the same facts
 * in document properties for the sidebar.
 *
 * The line goes in the title row, in the column of the overall-conversion figure (or the first empty
 * cell after it): that row holds only the title in column A, so the status never covers data, and it
 * sits where the eye lands after reading the title.
 */
import { cohortColumns } from '../report/cohorts-tab';
import type { TabLayout } from '../report/layout';
import { formatWallDateTime } from '../core/time/format';
import { instantToWall } from '../core/time/zone';

/** `YYYY-MM-DD HH:MM` of an instant in the spreadsheet's zone. */
export function localMinute(instant: Date, zone: string): string {
  return formatWallDateTime(instantToWall(instant.getTime(), zone));
}

/** 1-based cell for the status line on the Cohorts tab, or null when the title row has no free cell. */
export function statusCell(cohorts: TabLayout, stageCount: number): { row: number; col: number } | null {
  const titleRow = cohorts.values[0] ?? [];
  const from = Math.max(cohortColumns(stageCount).overall, 4);
  for (let c = from; c < titleRow.length; c++) {
    const v = titleRow[c];
    if (v === null || v === '') return { row: 1, col: c + 1 };
  }
  return null;
}
