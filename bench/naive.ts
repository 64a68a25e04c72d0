/**
 * Reference implementation of the weekly reached counts, written the obvious way (one object per
 * lead, Date objects, a Map keyed by the Monday's date) and sharing no code with the engine. It
 * gives the engine bench a speed reference and an independent check of its counts.
 * Rule (DESIGN.md): reached stage k = a timestamp at stage k or any later stage on or before the end
 * of the report day; leads created after that day are not counted; ISO weeks start on Monday.
 */
import type { WeeklyCounts } from './weekly';

interface LeadObject {
  created: Date;
  stages: (Date | null)[];
}

/** 'YYYY-MM-DD HH:MM:SS' (read as UTC wall time) or '' for blank. */
function parseTimestamp(s: string): Date | null {
  return s === '' ? null : new Date(s.replace(' ', 'T') + 'Z');
}

export function parseLeadObjects(rows: string[][], createdCol: number, stageCols: number[]): LeadObject[] {
  const leads: LeadObject[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const created = parseTimestamp(row[createdCol]);
    if (created === null || Number.isNaN(created.getTime())) continue;
    leads.push({ created, stages: stageCols.map((c) => parseTimestamp(row[c])) });
  }
  return leads;
}

function mondayOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

export function naiveWeekly(leads: LeadObject[], stageNames: string[], asOf: string): WeeklyCounts[] {
  const bound = new Date(`${asOf}T23:59:59.999Z`).getTime();
  const byWeek = new Map<string, { leads: number; reached: number[] }>();
  for (const lead of leads) {
    if (lead.created.getTime() > bound) continue;
    let top = 0;
    lead.stages.forEach((t, k) => {
      if (t !== null && t.getTime() <= bound) top = k + 1;
    });
    const week = mondayOf(lead.created);
    let cell = byWeek.get(week);
    if (!cell) {
      cell = { leads: 0, reached: stageNames.map(() => 0) };
      byWeek.set(week, cell);
    }
    cell.leads++;
    for (let k = 1; k <= top; k++) cell.reached[k - 1]++;
  }
  return [...byWeek.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([start, c]) => ({ start, leads: c.leads, reached: Object.fromEntries(stageNames.map((n, k) => [n, c.reached[k]])) }));
}
