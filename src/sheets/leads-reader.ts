/**
 * Finding and reading the leads sheet. The sheet named in the settings wins. Without one, every sheet
 * that is not one of this add-on's tabs (report tabs, the Feedback tab) nor named as another input
 * (Spend, Plan, …, or the names `spend.sheet` and `feedback.sheet` give) is offered to header detection (its first rows only),
 * and the one whose header maps the most funnel columns is taken; a lone candidate is taken as is and
 * recognised from the full read. The chosen sheet is read in one getDataRange().getValues(): dates
 * arrive as Date objects and are turned into local time in the spreadsheet's zone by the engine.
 */
import { isBlankCell } from '../core/cells';
import { detectConfig } from '../core/detect';
import type { FunnelConfig } from '../core/config';
import type { CellValue } from '../core/types';
import type { UiStrings } from './i18n';
import { isOtherInputSheet } from './input-sheets';
import type { Workbook } from './workbook';

/** Rows looked at per candidate sheet: the header plus enough values to tell date columns apart. */
export const DETECT_ROWS = 40;

/** `only`: the one sheet that could hold leads, taken without a separate look at its header. */
export type LeadsLocation = { ok: true; sheet: string; how: 'named' | 'detected' | 'only' } | { ok: false; message: string };
export type LeadsRows = { ok: true; rows: CellValue[][] } | { ok: false; message: string };

/** How much of a funnel a config found: columns mapped plus stages with a column (or a current-stage column). */
function coverage(config: FunnelConfig): number {
  const columns = Object.values(config.columns).filter((v) => typeof v === 'string' && v !== '').length;
  const stages = config.currentStage ? config.stages.length : config.stages.filter((s) => s.column).length;
  return columns + stages;
}

const PREFERRED_NAME = /^(leads|лиды)$/i;

/** `otherInputs`: sheet names the settings give to other inputs (input-sheets.ts settingsInputSheets). */
export function locateLeadsSheet(wb: Workbook, named: string | null, strings: UiStrings, otherInputs: readonly string[] = []): LeadsLocation {
  const names = wb.sheetNames();
  if (named !== null) {
    return names.includes(named) ? { ok: true, sheet: named, how: 'named' } : { ok: false, message: strings.leadsSheetMissing(named) };
  }
  const candidates = names.filter((n) => !isOtherInputSheet(n, otherInputs) && !wb.isOwnTab(n));
  // A single candidate is read once, in full, by the caller: no separate read of its first rows.
  if (candidates.length === 1) return { ok: true, sheet: candidates[0], how: 'only' };
  let best: { sheet: string; score: number } | null = null;
  for (const sheet of candidates) {
    const top = wb.readTop(sheet, DETECT_ROWS);
    if (!top || top.length === 0) continue;
    const detected = detectConfig(top);
    if (!detected.ok) continue;
    const score = coverage(detected.config) + (PREFERRED_NAME.test(sheet.trim()) ? 0.5 : 0);
    if (!best || score > best.score) best = { sheet, score };
  }
  return best ? { ok: true, sheet: best.sheet, how: 'detected' } : { ok: false, message: strings.noLeadsSheet(candidates) };
}

export function readLeadsRows(wb: Workbook, sheet: string, strings: UiStrings): LeadsRows {
  const rows = wb.readAll(sheet);
  if (rows === null) return { ok: false, message: strings.leadsSheetMissing(sheet) };
  if (rows.length === 0 || rows.every((r) => r.every(isBlankCell))) return { ok: false, message: strings.emptyLeadsSheet(sheet) };
  return { ok: true, rows };
}
