/**
 * Stage order check for stages taken left to right from timestamp columns: two consecutive stages whose
 * dates are nearly always in the opposite order were probably put in the wrong order (by the export's
 * column order or by the settings).
 */
import type { DateParser } from './time/date-parser';
import type { CellValue } from './types';

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
