/**
 * "Usual time to reach a step" (maturity), estimated so that censoring does not bias it.
 *
 * By the report date only the leads that have *already* reached a step are seen: a lead created `a`
 * days ago shows its conversion only if its delay is at most `a`. A plain percentile of the delays
 * seen so far is pulled down by recent cohorts, which contribute only their fast converters (on Olist
 * as of 2018-06-30 the Won threshold was 36.6 days; all the data gives about 80).
 *
 * Definition (Kaplan–Meier, time since creation, conditional on reaching):
 *
 *   every lead created by the report date is followed from its creation: a lead that reached step k
 *   with a real timestamp t (creation c ≤ t ≤ report date) has an event at delay d = t − c; a lead
 *   that has not reached k (nor any later step) is censored at its age (report date − c): it is known
 *   not to have converted by then, nothing more. Leads that passed k only by reaching a later step, or
 *   at an unknown time, or with a timestamp before creation, carry no usable delay and are left out.
 *   S(t) = Π over delays s ≤ t of (1 − events(s) / at risk(s)), at risk = leads neither converted nor
 *   censored before s (events at a tie come before censoring); G = 1 − S is the share converted by t.
 *   F(t) = G(t) / G(longest seen delay) is the distribution of the delay among leads that reach the
 *   step (within the longest delay anyone could have shown: the oldest lead's age).
 *
 * The threshold for percentile p is the smallest delay d with F(d) ≥ p: no interpolation between seen
 * delays. Delays are resolved on a grid of whole minutes with at most 65,536 steps over the oldest
 * lead's age (one minute up to a 45-day span, 9 minutes for a year), a delay rounded up to its step and
 * an age rounded down, so the threshold is exact to the grid step. With no censoring before the longest
 * delay (every lead old enough), F is the plain empirical distribution of the delays.
 *
 * The estimate assumes the funnel's pace does not depend on when a lead was created; the reverse-time
 * product-limit estimator for right-truncated delays (which uses converters only) was tried first and
 * rejected: on Olist, whose 2017 leads were only worked from 2018 on, it put the Won threshold at 329 days.
 */
import type { LeadTable, WallMs } from './types';
import { DAY_MS } from './time/wall-time';

const MINUTE_MS = 60_000;
const MAX_STEPS = 65_536;

/**
 * Per funnel step (index 0 = lead created, always 0), the maturity threshold in days, or null when no
 * lead reached the step with a real timestamp by the report date. Uses every lead, unfiltered, so a
 * small slice is judged against the usual pace of the whole funnel.
 */
export function maturityDays(leads: LeadTable, asOfMs: WallMs, percentile: number): (number | null)[] {
  const stages = leads.stageTimes.length;
  const result: (number | null)[] = new Array<number | null>(stages + 1).fill(null);
  result[0] = 0;
  const created = leads.createdAt;
  let maxAge = 0;
  for (let i = 0; i < leads.count; i++) {
    const age = asOfMs - created[i];
    if (age > maxAge) maxAge = age;
  }
  const step = MINUTE_MS * Math.max(1, Math.ceil(maxAge / MINUTE_MS / MAX_STEPS));
  // Delays round up to the next grid step (events) and ages down (censoring): both must fit.
  const bins = Math.ceil(maxAge / step) + 1;
  const events = new Int32Array(bins);
  const censored = new Int32Array(bins);
  // Last stage first, so "reached a later step by the report date" is known per lead.
  const laterReached = new Uint8Array(leads.count);
  for (let k = stages; k >= 1; k--) {
    const times = leads.stageTimes[k - 1];
    events.fill(0);
    censored.fill(0);
    let followed = 0;
    let seen = 0;
    for (let i = 0; i < leads.count; i++) {
      const c = created[i];
      if (c > asOfMs) continue;
      const t = times[i];
      if (t <= asOfMs) {
        // Reached k (UNKNOWN_TIME included): a delay only with a real timestamp not before creation.
        if (t >= c) {
          events[Math.ceil((t - c) / step)]++;
          followed++;
          seen++;
        }
        laterReached[i] = 1;
      } else if (laterReached[i] === 0) {
        censored[Math.floor((asOfMs - c) / step)]++;
        followed++;
      }
    }
    result[k] = seen === 0 ? null : (productLimitQuantile(events, censored, followed, percentile) * step) / DAY_MS;
  }
  return result;
}

/**
 * Smallest grid index j with F(j) ≥ p (see the definition above) from per-index counts: `events[j]`
 * conversions at delay j, `censored[j]` leads still unconverted at age j, `followed` their total.
 */
export function productLimitQuantile(events: Int32Array, censored: Int32Array, followed: number, p: number): number {
  let atRisk = followed;
  let survival = 1;
  let top = 0;
  for (let j = 0; j < events.length; j++) {
    if (events[j] > 0) {
      survival *= 1 - events[j] / atRisk;
      top = j;
    }
    atRisk -= events[j] + censored[j];
  }
  // Relative tolerance so that exact fractions (4 of 5 = 80%) are not lost to rounding.
  const target = p * (1 - survival) * (1 - 1e-12);
  atRisk = followed;
  let s = 1;
  for (let j = 0; j < top; j++) {
    if (events[j] > 0) {
      s *= 1 - events[j] / atRisk;
      if (1 - s >= target) return j;
    }
    atRisk -= events[j] + censored[j];
  }
  return top;
}
