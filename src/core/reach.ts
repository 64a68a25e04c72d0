/**
 * "Reached stage k as of T" for one lead: the lead has a timestamp at stage k or any later stage on
 * or before T (skipped stages count as passed). In strict mode only an unbroken run of timestamped
 * stages from the start counts.
 */
import type { LeadTable, WallMs } from './types';

/**
 * Highest funnel step (0 = lead created, k = stageTimes[k-1]) lead `i` reached by `asOf`.
 * NaN compares false, and UNKNOWN_TIME (-Infinity) is on or before any date.
 */
export function highestReached(leads: LeadTable, i: number, asOf: WallMs, strict: boolean): number {
  const stages = leads.stageTimes;
  if (strict) {
    let k = 0;
    while (k < stages.length && stages[k][i] <= asOf) k++;
    return k;
  }
  for (let k = stages.length; k >= 1; k--) {
    if (stages[k - 1][i] <= asOf) return k;
  }
  return 0;
}

/**
 * Highest step up to `top` (the lead's `highestReached` by `asOf`) whose pass has a known time: the
 * highest step j ≤ top with a real timestamp on or before `asOf`; skipped steps below it were passed by
 * then too. Steps above it up to `top` were passed at an unknown time (UNKNOWN_TIME, the current-stage
 * shape), so they cannot be placed on a date: "reached by date D" is unknowable for them.
 */
export function highestDated(leads: LeadTable, i: number, asOf: WallMs, top: number): number {
  const stages = leads.stageTimes;
  for (let k = top; k >= 1; k--) {
    const t = stages[k - 1][i];
    if (t <= asOf && Number.isFinite(t)) return k;
  }
  return 0;
}

/** True when step k (≥ 1) of lead i was passed without a real timestamp of its own by `asOf`. */
export function isImpliedPass(leads: LeadTable, i: number, k: number, asOf: WallMs): boolean {
  const t = leads.stageTimes[k - 1][i];
  return !(Number.isFinite(t) && t <= asOf);
}

/** Keeps leads whose slice values equal every filter value (case-sensitive, as written in the data). */
export function sliceFilter(
  leads: LeadTable,
  filters: Partial<Record<string, string>> | undefined,
): ((i: number) => boolean) | null {
  if (!filters) return null;
  const checks: { codes: Int32Array; code: number }[] = [];
  for (const [key, wanted] of Object.entries(filters)) {
    if (wanted === undefined) continue;
    const column = leads.slices[key as keyof LeadTable['slices']];
    const code = column ? column.values.indexOf(wanted) : -1;
    if (!column || code < 0) return () => false;
    checks.push({ codes: column.codes, code });
  }
  if (checks.length === 0) return null;
  return (i) => checks.every((c) => c.codes[i] === c.code);
}
