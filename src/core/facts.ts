/**
 * Per-lead funnel facts, computed once per run and handed to every report (cohorts, conversions,
 * outcomes, and any report registered later) instead of each report asking `highestReached` for each
 * lead again. For the report date `asOf` (end of that day, wall-clock ms), per lead i:
 *
 * - `top[i]`: highest funnel step reached (0 = lead created; reach.ts: a later stage implies the
 *   earlier ones, or in strict mode only an unbroken run of timestamped stages counts);
 * - `dated[i]`: highest step ≤ top[i] whose pass has a real timestamp by asOf (reach.ts
 *   `highestDated`); steps dated[i] + 1 … top[i] were passed at an unknown time (current-stage shape);
 * - implied-pass bits: bit k set when step k (1 ≤ k ≤ top[i]) was passed without a real timestamp of
 *   its own by asOf (reach.ts `isImpliedPass`), read with `isImplied`;
 * - real pass times: the ingested `leads.stageTimes[k - 1][i]` where finite and ≤ asOf. They are not
 *   copied (the lead table already holds them columnar); `maturityDays` reads them there, once per run.
 *
 * Facts are over every lead, unfiltered (filters are applied by each report when it scans). A report
 * called without the run's facts (on its own: tests, custom functions, the cohort benchmark) computes
 * each lead's reach inline instead (`sharedFacts` returns null), so it pays for no pass it cannot share.
 * What is NOT here: reach at any other instant. The cohort table's "previous cohort at the same age" needs
 * each lead's reach as of an earlier, per-cohort instant, so cohorts.ts still calls highestReached /
 * highestDated for that comparison (only for leads created by then, in every cohort but the newest).
 */
import { highestDated, highestReached, isImpliedPass } from './reach';
import type { LeadTable, WallMs } from './types';

export interface LeadFacts {
  /** The instant the facts hold for: end of the report day, wall-clock ms. */
  asOfMs: WallMs;
  /** Strict-order mode the reach was computed in. */
  strict: boolean;
  /** Steps including step 0 (lead created): stages + 1. */
  steps: number;
  /** Highest step reached by asOf, per lead. */
  top: Uint8Array | Uint16Array;
  /** Highest step with a real timestamp by asOf (≤ top), per lead. */
  dated: Uint8Array | Uint16Array;
  /** Implied-pass bits: `words` 32-bit words per lead, bit k of lead i = step k passed without its own timestamp. */
  implied: Uint32Array;
  words: number;
}

function stepArray(count: number, steps: number): Uint8Array | Uint16Array {
  return steps <= 0xff ? new Uint8Array(count) : new Uint16Array(count);
}

/**
 * Every lead's facts as of `asOfMs`: one pass over the lead table. Outside strict mode one walk down
 * the stages per lead gives all three facts, by the definitions of reach.ts (which strict mode calls;
 * test/core/facts.test.ts checks both against reach.ts lead by lead).
 */
export function computeLeadFacts(leads: LeadTable, asOfMs: WallMs, strict: boolean): LeadFacts {
  const stages = leads.stageTimes;
  const steps = stages.length + 1;
  const words = (steps + 31) >>> 5;
  const top = stepArray(leads.count, steps);
  const dated = stepArray(leads.count, steps);
  const implied = new Uint32Array(leads.count * words);
  for (let i = 0; i < leads.count; i++) {
    if (strict) {
      const t = highestReached(leads, i, asOfMs, true);
      top[i] = t;
      if (t === 0) continue;
      dated[i] = highestDated(leads, i, asOfMs, t);
      for (let k = 1; k <= t; k++) if (isImpliedPass(leads, i, k, asOfMs)) implied[i * words + (k >>> 5)] |= 1 << (k & 31);
      continue;
    }
    // From the last stage down: the first time on or before asOf is the top (NaN compares false,
    // UNKNOWN_TIME is before any date); from there down, a step without a real time by asOf is an
    // implied pass, and the first step with one is the highest dated step.
    let t = 0;
    let d = 0;
    for (let k = steps - 1; k >= 1; k--) {
      const time = stages[k - 1][i];
      if (t === 0) {
        if (!(time <= asOfMs)) continue;
        t = k;
      }
      if (time <= asOfMs && time !== -Infinity) {
        if (d === 0) d = k;
      } else {
        implied[i * words + (k >>> 5)] |= 1 << (k & 31);
      }
    }
    top[i] = t;
    dated[i] = d;
  }
  return { asOfMs, strict, steps, top, dated, implied, words };
}

/** True when lead i passed step k (≥ 1) without a real timestamp of its own by the facts' asOf. */
export function isImplied(facts: LeadFacts, i: number, k: number): boolean {
  return ((facts.implied[i * facts.words + (k >>> 5)] >>> (k & 31)) & 1) === 1;
}

/**
 * The given facts when they hold for this table, instant and mode; otherwise null, and the report
 * computes each lead's reach inline as it scans (reach.ts). A report called on its own (tests, custom
 * functions, the cohort benchmark) then does no facts pass it could not share; a run shares one set.
 */
export function sharedFacts(leads: LeadTable, asOfMs: WallMs, strict: boolean, given: LeadFacts | undefined): LeadFacts | null {
  if (given && given.asOfMs === asOfMs && given.strict === strict && given.top.length === leads.count && given.steps === leads.stageTimes.length + 1) return given;
  return null;
}
