/**
 * The correctness check of the benchmarks: every side (engine, naive reference, CLI JSON, DuckDB) is
 * reduced to weekly counts {start, leads, reached: {stage: n}} and compared week by week, stage by
 * stage. Weeks with no leads are dropped on every side (SQL GROUP BY has no empty groups).
 */
/** Weekly counts from the CLI's JSON (a FunnelReport, or a bare CohortReport), weeks with leads only. */
export function weeklyFromCliJson(json) {
  const report = json.cohortReport ?? json;
  const stages = report.stages ?? json.stages;
  if (!Array.isArray(report.cohorts) || !Array.isArray(stages)) throw new Error('CLI JSON has no cohortReport.cohorts / stages');
  return report.cohorts
    .filter((c) => c.leads > 0)
    .map((c) => ({
      start: c.start,
      leads: c.leads,
      // reached: an array by step (model) or an object keyed by stage name ("Lead" included) in the CLI JSON.
      reached: Object.fromEntries(stages.slice(1).map((name, i) => [name, Array.isArray(c.reached) ? c.reached[i + 1] : c.reached[name]])),
    }));
}

/** Differences between two weekly count lists (empty = identical). */
export function diffWeekly(aName, a, bName, b) {
  const problems = [];
  const byStart = (xs) => new Map(xs.map((x) => [x.start, x]));
  const am = byStart(a);
  const bm = byStart(b);
  if (a.length === 0 && b.length === 0) problems.push('both sides are empty');
  for (const [start, x] of am) {
    const y = bm.get(start);
    if (!y) {
      problems.push(`week ${start}: in ${aName} (${x.leads} leads), missing in ${bName}`);
      continue;
    }
    if (x.leads !== y.leads) problems.push(`week ${start} leads: ${aName} ${x.leads}, ${bName} ${y.leads}`);
    const stages = new Set([...Object.keys(x.reached), ...Object.keys(y.reached)]);
    for (const s of stages) {
      if (x.reached[s] !== y.reached[s]) problems.push(`week ${start} reached ${s}: ${aName} ${x.reached[s]}, ${bName} ${y.reached[s]}`);
    }
  }
  for (const [start, y] of bm) if (!am.has(start)) problems.push(`week ${start}: in ${bName} (${y.leads} leads), missing in ${aName}`);
  return problems;
}

export function totals(weekly) {
  const t = { weeks: weekly.length, leads: 0, reached: {} };
  for (const w of weekly) {
    t.leads += w.leads;
    for (const [s, n] of Object.entries(w.reached)) t.reached[s] = (t.reached[s] ?? 0) + n;
  }
  return t;
}

