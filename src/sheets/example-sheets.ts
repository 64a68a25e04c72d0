/**
 * The example Leads sheet: the CLI demo's deterministic sample rows (same generator and seed, ending
 * today), written as a person's CRM export would sit in Sheets: real dates in the date columns, text
 * as text (including the sample's deliberately bad values such as a lead channel of
 * '=IMPORTXML(…)', which must stay text), a bold frozen header.
 */
import { SAMPLE_CONFIG, sampleLeadRows } from '../core/sample-data';
import { SAMPLE_SPEND_CONFIG } from '../core/spend/sample';
import type { CellValue } from '../core/types';
import { dataToSheetValue, type SheetValue } from './safe-text';
import { wallToInstant } from '../core/time/zone';

export const EXAMPLE_SHEET = 'Leads';
const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const WALL_MINUTE_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

export interface ExampleSheet {
  values: SheetValue[][];
  /** Number format per column (null: automatic). */
  columnFormats: (string | null)[];
  leads: number;
}

function dateColumns(header: CellValue[]): Set<number> {
  const names = new Set<string>([SAMPLE_CONFIG.columns.createdAt]);
  for (const s of SAMPLE_CONFIG.stages) if (s.column) names.add(s.column);
  if (SAMPLE_CONFIG.columns.lostAt) names.add(SAMPLE_CONFIG.columns.lostAt);
  const out = new Set<number>();
  header.forEach((h, i) => {
    if (typeof h === 'string' && names.has(h)) out.add(i);
  });
  return out;
}

/** A wall-clock 'YYYY-MM-DD HH:MM' as the Date that shows it in `zone`; anything else unchanged. */
function toZoneDate(v: CellValue, zone: string): CellValue {
  if (typeof v !== 'string') return v;
  const m = WALL_MINUTE_RE.exec(v);
  if (!m) return v;
  return new Date(wallToInstant(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]), zone));
}

/** `count` defaults to the CLI demo's size; benchmarks and tests ask for more. */
export function buildExampleSheet(today: string, zone: string, count?: number): ExampleSheet {
  const rows = sampleLeadRows({ today, ...(count !== undefined ? { count } : {}) });
  const header = rows[0] ?? [];
  const dates = dateColumns(header);
  const values = rows.map((row, r) =>
    row.map((v, c) => dataToSheetValue(r > 0 && dates.has(c) ? toZoneDate(v, zone) : v)),
  );
  const columnFormats = header.map((_, c) => (dates.has(c) ? DATE_TIME_FORMAT : null));
  return { values, columnFormats, leads: rows.length - 1 };
}

/** The config the example is read with, in the spreadsheet's zone and the user's language. */
export function exampleConfig(zone: string, locale: 'en' | 'ru') {
  return { ...SAMPLE_CONFIG, timeZone: zone, locale, spend: SAMPLE_SPEND_CONFIG };
}
