/**
 * "Does this cell stand out from the rest?": a rate (x of n) against the same rate over every other
 * member of its group (X − x of N − n), with the false-discovery rate controlled over every cell tested
 * together. Used to colour only the cells that mean something, on the Cohorts tab (a cohort against the
 * other mature cohorts) and the Conversions tab (a slice value against all other leads).
 */
import type { FunnelConfig } from './config';
import type { Tone } from './model';
import { benjaminiHochberg, bigEnoughForTest, twoProportionPValue } from './stats';

export interface RateVsRest {
  /** Conversions and denominator of the cell. */
  x: number;
  n: number;
  /** The same over the whole group, the cell included. */
  groupX: number;
  groupN: number;
}

export interface StandoutResult {
  tone: Tone;
  /** Two-proportion p-value against the rest; null when the cell was not tested. */
  pValue: number | null;
  /** Benjamini–Hochberg adjusted over the cells tested together; null when not tested. */
  qValue: number | null;
}

type StandoutConfig = Pick<FunnelConfig, 'minCohortSize' | 'minConversions' | 'significanceLevel'>;

/**
 * Tests each cell whose denominator and the rest's are at least `minCohortSize` and that passes the
 * `minConversions` rule against the rest; a tested cell is 'high' or 'low' when its BH-adjusted p-value
 * is at most `significanceLevel`.
 */
export function standouts(cells: readonly RateVsRest[], config: StandoutConfig): StandoutResult[] {
  const results: StandoutResult[] = cells.map(() => ({ tone: null, pValue: null, qValue: null }));
  const tested: number[] = [];
  const pValues: number[] = [];
  cells.forEach((c, i) => {
    const restX = c.groupX - c.x;
    const restN = c.groupN - c.n;
    if (c.n < config.minCohortSize || restN < config.minCohortSize) return;
    if (!bigEnoughForTest(c.x, c.n, restX, restN, config.minConversions)) return;
    const p = twoProportionPValue(c.x, c.n, restX, restN);
    if (p === null) return;
    tested.push(i);
    pValues.push(p);
  });
  const adjusted = benjaminiHochberg(pValues);
  tested.forEach((i, j) => {
    const c = cells[i];
    const high = c.x / c.n > (c.groupX - c.x) / (c.groupN - c.n);
    results[i] = { pValue: pValues[j], qValue: adjusted[j], tone: adjusted[j] <= config.significanceLevel ? (high ? 'high' : 'low') : null };
  });
  return results;
}
