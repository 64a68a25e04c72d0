/**
 * Stage order check for stages taken left to right from timestamp columns: two consecutive stages whose
 * dates are nearly always in the opposite order were probably put in the wrong order (by the export's
 * column order or by the settings).
 */
import type { FunnelConfig } from './config';
import type { LeadFacts } from './facts';
import { dataIssue, msg } from './messages';
import type { DateParser } from './time/date-parser';
import type { CellValue, DataIssue, IngestResult } from './types';

/**
 * Stage order check on the detected timestamp stages: for consecutive stages k, k+1 (left to right), among
 * the sampled leads with real timestamps at both, if at least this share has t(k+1) < t(k) (and there are
 * at least ORDER_MIN_LEADS such leads), the two look swapped.
 */
const ORDER_SWAPPED_SHARE = 0.9;
const ORDER_MIN_LEADS = 10;
/** Rows scanned for the stage order check. */
const ORDER_ROWS = 5000;

/** Consecutive stage pairs [k, k+1] whose timestamps are mostly in the opposite order, with the counts. */
export function swappedStagePairs(rows: CellValue[][], cols: readonly number[], parser: DateParser): { k: number; reversed: number; both: number }[] {
  const out: { k: number; reversed: number; both: number }[] = [];
  const end = Math.min(rows.length, ORDER_ROWS + 1);
  for (let k = 0; k + 1 < cols.length; k++) {
    let both = 0;
    let reversed = 0;
    for (let r = 1; r < end; r++) {
      const row = rows[r];
      if (!row) continue;
      const a = parser.parse(row[cols[k]]);
      if (!Number.isFinite(a)) continue;
      const b = parser.parse(row[cols[k + 1]]);
      if (!Number.isFinite(b)) continue;
      both++;
      if (b < a) reversed++;
    }
    if (both >= ORDER_MIN_LEADS && reversed >= ORDER_SWAPPED_SHARE * both) out.push({ k, reversed, both });
  }
  return out;
}

/** A stage passed without a date of its own by at least this share of the leads that reached it looks misplaced. */
const IMPLIED_SHARE = 0.9;
const IMPLIED_MIN_PASSES = 10;

/**
 * Stages (other than the last) that nearly every lead "passes" only because it reached a later stage:
 * either the stage is hardly ever recorded, or it belongs after the next one. One warning per such stage,
 * at the header row, naming the two stages to swap if the order is wrong. Counted over every lead created
 * by the report date (no filter). Stages passed at unknown times (a current-stage column) are implied by
 * construction and are not judged.
 */
export function impliedStageWarnings(data: IngestResult, facts: LeadFacts, config: FunnelConfig, sheet: string): DataIssue[] {
  const steps = facts.steps;
  // Histograms instead of a loop over each lead's steps: reached[k] = leads with top ≥ k, undated[k] =
  // leads with dated < k ≤ top (a difference array), implied from each lead's set bits only.
  const topCount = new Array<number>(steps + 1).fill(0);
  const undatedDiff = new Array<number>(steps + 1).fill(0);
  const implied = new Array<number>(steps).fill(0);
  const { createdAt } = data.leads;
  for (let i = 0; i < data.leads.count; i++) {
    if (createdAt[i] > facts.asOfMs) continue;
    const top = facts.top[i];
    if (top === 0) continue;
    topCount[top]++;
    const dated = facts.dated[i];
    if (dated < top) {
      undatedDiff[dated + 1]++;
      undatedDiff[top + 1]--;
    }
    for (let w = 0; w < facts.words; w++) {
      let bits = facts.implied[i * facts.words + w];
      while (bits !== 0) {
        const low = bits & -bits;
        const k = w * 32 + 31 - Math.clz32(low);
        if (k <= top) implied[k]++;
        bits ^= low;
      }
    }
  }
  const reached = new Array<number>(steps).fill(0);
  const undated = new Array<number>(steps).fill(0);
  let atLeast = 0;
  for (let k = steps - 1; k >= 1; k--) reached[k] = atLeast += topCount[k];
  let run = 0;
  for (let k = 1; k < steps; k++) undated[k] = run += undatedDiff[k];
  const names = data.stageNames;
  const out: DataIssue[] = [];
  for (let k = 1; k < steps - 1; k++) {
    if (undated[k] > 0 || reached[k] < IMPLIED_MIN_PASSES || implied[k] < IMPLIED_SHARE * reached[k]) continue;
    const pct = Math.round((implied[k] / reached[k]) * 100);
    const [stage, next] = [names[k], names[k + 1]];
    const place = { sheet, row: 1, column: config.stages[k - 1]?.column ?? stage, value: '', severity: 'warning' } as const;
    out.push(dataIssue(place, msg('stageOrder.implied', { stage, next, pct, leads: reached[k] })));
  }
  return out;
}
