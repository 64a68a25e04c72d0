/**
 * Stage-to-stage conversion per slice value (channel, manager, product, region) for the leads
 * created in a date range, counted as of the report date: where is the bottleneck, and for whom.
 */
import type { FunnelConfig } from './config';
import { asOfBound } from './cohorts';
import type { ConversionReport, SliceConversionRow, SliceConversionTable } from './model';
import { highestReached } from './reach';
import { ratio } from './stats';
import { SLICE_KEYS, type IngestResult } from './types';
import { parseIsoDay, toIsoDay } from './wall-time';

export interface ConversionOptions {
  asOf: string;
  /** First creation day included, `YYYY-MM-DD`; default: the earliest lead. */
  from?: string;
  /** Last creation day included, `YYYY-MM-DD`; default and upper bound: the report date. */
  to?: string;
}

export function computeSliceConversions(data: IngestResult, config: FunnelConfig, options: ConversionOptions): ConversionReport {
  const leads = data.leads;
  const asOfMs = asOfBound(options.asOf);
  const fromMs = options.from !== undefined ? parseIsoDay(options.from) : -Infinity;
  const toDay = options.to !== undefined ? parseIsoDay(options.to) : null;
  if (fromMs === null) throw new RangeError(`from must be a YYYY-MM-DD date, got "${options.from}"`);
  if (options.to !== undefined && toDay === null) throw new RangeError(`to must be a YYYY-MM-DD date, got "${options.to}"`);
  const toMs = Math.min(asOfMs, toDay === null ? Infinity : asOfBound(options.to as string));
  const steps = leads.stageTimes.length + 1;

  // One scan computes every lead's highest step once; each slice then only tallies.
  const top = new Int8Array(leads.count).fill(-1);
  let earliest = Infinity;
  for (let i = 0; i < leads.count; i++) {
    const created = leads.createdAt[i];
    if (created < fromMs || created > toMs) continue;
    top[i] = highestReached(leads, i, asOfMs, config.strictOrder);
    if (created < earliest) earliest = created;
  }

  const tables: SliceConversionTable[] = [];
  for (const dimension of SLICE_KEYS) {
    const column = leads.slices[dimension];
    if (!column) continue;
    const counts = new Int32Array(column.values.length * steps);
    for (let i = 0; i < leads.count; i++) {
      const t = top[i];
      const base = column.codes[i] * steps;
      for (let k = 0; k <= t; k++) counts[base + k]++;
    }
    const rows: SliceConversionRow[] = [];
    column.values.forEach((value, code) => {
      const reached = Array.from(counts.subarray(code * steps, (code + 1) * steps));
      if (reached[0] === 0) return;
      rows.push({
        value,
        leads: reached[0],
        reached,
        stepRate: reached.map((r, k) => (k === 0 ? null : ratio(r, reached[k - 1]))),
        overallRate: reached.map((r) => ratio(r, reached[0])),
      });
    });
    rows.sort((a, b) => b.leads - a.leads || a.value.localeCompare(b.value));
    tables.push({ dimension, column: config.columns[dimension] ?? dimension, rows });
  }

  return {
    asOf: options.asOf,
    from: options.from ?? (earliest === Infinity ? options.asOf : toIsoDay(earliest)),
    to: toIsoDay(toMs),
    stages: data.stageNames,
    tables,
  };
}
