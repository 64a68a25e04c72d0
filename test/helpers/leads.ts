/**
 * Builds LeadTables straight from readable test rows, independently of the ingestion code, so engine
 * tests exercise only the engine. Times are 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' wall-clock strings.
 */
import { DEFAULT_CONFIG, type FunnelConfig } from '../../src/core/config';
import type { IngestResult, LeadTable, SliceColumn, SliceKey } from '../../src/core/types';

export interface TestLead {
  created: string;
  /** One entry per stage: a time, null for none, or 'unknown' for "passed, time unknown". */
  stages?: (string | null | 'unknown')[];
  channel?: string;
  manager?: string;
  /** Deal amount; blank when absent. */
  amount?: number;
  /** Lost date/time, or 'unknown' for "lost, time unknown". */
  lost?: string | 'unknown';
  lostReason?: string;
}

export function wall(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?$/.exec(text);
  if (!m) throw new Error(`bad test time ${text}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0);
}

function sliceOf(values: (string | undefined)[]): SliceColumn | undefined {
  if (values.every((v) => v === undefined)) return undefined;
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    const s = v ?? '';
    let code = dict.indexOf(s);
    if (code < 0) code = dict.push(s) - 1;
    codes[i] = code;
  });
  return { codes, values: dict };
}

export function leadTable(stageNames: string[], rows: TestLead[]): IngestResult {
  const n = rows.length;
  const stageTimes = stageNames.map((_, k) =>
    Float64Array.from(rows, (r) => {
      const v = r.stages?.[k] ?? null;
      if (v === null) return NaN;
      return v === 'unknown' ? -Infinity : wall(v);
    }),
  );
  const slices: Partial<Record<SliceKey, SliceColumn>> = {};
  const channel = sliceOf(rows.map((r) => r.channel));
  const manager = sliceOf(rows.map((r) => r.manager));
  if (channel) slices.channel = channel;
  if (manager) slices.manager = manager;
  const leads: LeadTable = {
    count: n,
    rowNumbers: Int32Array.from(rows, (_, i) => i + 2),
    ids: rows.map((_, i) => `L${i + 1}`),
    createdAt: Float64Array.from(rows, (r) => wall(r.created)),
    stageTimes,
    lostAt: Float64Array.from(rows, (r) => (r.lost === undefined ? NaN : r.lost === 'unknown' ? -Infinity : wall(r.lost))),
    lostReason: rows.map((r) => r.lostReason ?? ''),
    furthestUnknown: new Uint8Array(n),
    amount: Float64Array.from(rows, (r) => r.amount ?? NaN),
    slices,
  };
  return { leads, issues: [], stageNames: ['Lead', ...stageNames], rowsRead: n };
}

export function testConfig(stageNames: string[], overrides: Partial<FunnelConfig> = {}): FunnelConfig {
  return {
    ...DEFAULT_CONFIG,
    columns: { createdAt: 'Created at', channel: 'Channel', manager: 'Manager' },
    stages: stageNames.map((name) => ({ name, column: `${name} at` })),
    ...overrides,
  };
}

/** `count` copies of a lead. */
export function times(count: number, lead: TestLead): TestLead[] {
  return Array.from({ length: count }, () => ({ ...lead, stages: lead.stages && [...lead.stages] }));
}
