/** The synthetic leads of the benchmark, generated and ingested once, for bench/ab-facts.mjs. */
import { parseConfig, type FunnelConfig } from '../src/core/config';
import { ingestRows } from '../src/core/ingest';
import type { IngestResult } from '../src/core/types';
import { BENCH_CONFIG_JSON, generateRows } from './synthetic';

export function benchLeads(count: number, asOf: string): { rows: string[][]; config: FunnelConfig; ingested: IngestResult } {
  const parsed = parseConfig(BENCH_CONFIG_JSON);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const rows = generateRows({ count });
  return { rows, config: parsed.config, ingested: ingestRows(rows, { config: parsed.config, sheet: 'Leads', asOf }) };
}
