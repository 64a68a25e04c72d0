/**
 * `--column ROLE=HEADER`: map a column without writing a config file. ROLE is a config column field
 * (createdAt, id, channel, …) or `stage:NAME` for a funnel step whose timestamps are in HEADER; stage
 * options keep their order and replace the detected or configured stages.
 */
import type { ColumnsConfig, FunnelConfig } from '../core/config';
import { findHeader, headerIndex } from '../core/headers';
import type { CellValue } from '../core/types';

export const COLUMN_ROLES = ['createdAt', 'id', 'channel', 'manager', 'product', 'region', 'amount', 'lostAt', 'lostReason'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

export type ColumnMapping = { role: ColumnRole; header: string } | { stage: string; header: string };

/** `createdAt=Created at`, `stage:Demo=Demo date` (quotes around the header are dropped); null when malformed. */
export function parseColumnMapping(value: string): ColumnMapping | null {
  const eq = value.indexOf('=');
  if (eq <= 0) return null;
  const left = value.slice(0, eq).trim();
  const header = value.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2').trim();
  if (header === '') return null;
  const stage = /^stage\s*:\s*(.+)$/i.exec(left);
  if (stage) return { stage: stage[1].trim(), header };
  const role = COLUMN_ROLES.find((r) => r.toLowerCase() === left.toLowerCase());
  return role ? { role, header } : null;
}

/** The mappings whose header is not in the header row. */
export function missingColumns(mappings: readonly ColumnMapping[], header: readonly CellValue[]): ColumnMapping[] {
  const index = headerIndex(header);
  return mappings.filter((m) => findHeader(index, m.header) < 0);
}

/** What the mappings set: columns by role, and the stages when any were given. */
export function mappedConfig(mappings: readonly ColumnMapping[]): { columns: Partial<ColumnsConfig>; stages?: { name: string; column: string }[] } {
  const columns: Partial<ColumnsConfig> = {};
  const stages: { name: string; column: string }[] = [];
  for (const m of mappings) {
    if ('role' in m) columns[m.role] = m.header;
    else stages.push({ name: m.stage, column: m.header });
  }
  return stages.length > 0 ? { columns, stages } : { columns };
}

/** A config file's settings with the mappings on top, as JSON for the validator. */
export function configWithMappings(config: FunnelConfig, mappings: readonly ColumnMapping[]): unknown {
  const mapped = mappedConfig(mappings);
  const { currentStage, ...rest } = config;
  const json: Record<string, unknown> = { ...rest, columns: { ...config.columns, ...mapped.columns } };
  if (mapped.stages) json.stages = mapped.stages;
  else if (currentStage) json.currentStage = currentStage;
  return JSON.parse(JSON.stringify(json));
}

/** `role="Header"` as the user typed it, for messages. */
export function mappingText(m: ColumnMapping): string {
  return `${'role' in m ? m.role : `stage:${m.stage}`}="${m.header}"`;
}
