/** Statistics used by the reports: rates, a two-proportion test, Wilson intervals, percentiles. */

/** a / b, or null when b is 0 (0/0 is "no value", never 0%). */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 via erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Two-sided p-value of the pooled two-proportion z-test of x1/n1 against x2/n2.
 * Null when either sample is empty or both proportions are 0 or both 1 (no variance: no test).
 */
export function twoProportionPValue(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return null;
  const z = (x1 / n1 - x2 / n2) / se;
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/** Wilson score interval for x successes out of n at the given z (1.96 ≈ 95%). */
export function wilsonInterval(x: number, n: number, z = 1.96): { low: number; high: number } | null {
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Percentile with linear interpolation between closest ranks (the "R-7" / spreadsheet PERCENTILE
 * definition). Reorders `values` in place (quickselect, linear time: maturity needs one percentile per
 * stage over up to a million durations, where a full sort was most of the cohort computation).
 * Null for an empty array.
 */
export function percentileInPlace(values: Float64Array, p: number): number | null {
  const n = values.length;
  if (n === 0) return null;
  const rank = p * (n - 1);
  const lo = Math.floor(rank);
  selectInPlace(values, lo);
  if (rank === lo) return values[lo];
  // After selection everything right of `lo` is ≥ values[lo]; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
  return values[lo] + (next - values[lo]) * (rank - lo);
}

/** Moves the k-th smallest value to index k, smaller ones left of it and larger ones right (Hoare quickselect). */
function selectInPlace(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as the pivot keeps sorted and reverse-sorted input linear.
    const mid = (left + right) >>> 1;
    const x = a[left], y = a[mid], z = a[right];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Benjamini–Hochberg adjusted p-values ("q-values"): rejecting every hypothesis with q ≤ α controls the
 * false-discovery rate at α over the family. q(i) = min over j with p(j) ≥ p(i) of p(j) · m / rank(j),
 * capped at 1; m = the number of p-values given (every test that could have been rejected).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const q = new Array<number>(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    running = Math.min(running, (pValues[i] * m) / (r + 1));
    q[i] = running;
  }
  return q;
}

/**
 * The two-proportion z-test is used only where its normal approximation holds: each side's expected
 * conversions and non-conversions under "no difference" (its leads × the pooled rate, and × one minus
 * it) are at least `min`. A fall from 20 to 2 conversions in 300 leads passes (11 expected on each side);
 * 1 conversion against 4 does not.
 */
export function bigEnoughForTest(x1: number, n1: number, x2: number, n2: number, min: number): boolean {
  if (n1 === 0 || n2 === 0) return false;
  const pooled = (x1 + x2) / (n1 + n2);
  const smaller = Math.min(n1, n2);
  return smaller * pooled >= min && smaller * (1 - pooled) >= min;
}
