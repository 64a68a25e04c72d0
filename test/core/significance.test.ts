/**
 * Statistics that do not cry wolf: a minimum of conversions on both sides of a test, and the
 * false-discovery rate controlled (Benjamini–Hochberg) over every cell a report could flag.
 */
import fc from 'fast-check';
import { computeCohorts } from '../../src/core/cohorts';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { benjaminiHochberg, bigEnoughForTest } from '../../src/core/stats';
import { leadTable, testConfig, times, type TestLead } from '../helpers/leads';

describe('Benjamini–Hochberg', () => {
  test('hand example: p = 0.01, 0.04, 0.03, 0.005', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 (m = 4): p·m/rank = 0.02, 0.02, 0.04, 0.04; running minimum from the top.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
    [0.02, 0.04, 0.04, 0.02].forEach((x, i) => expect(q[i]).toBeCloseTo(x, 12));
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
  });

  test('q ≤ α rejects exactly the step-up set {p ≤ p(k*)}, k* = max k with p(k) ≤ k·α/m (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.constantFrom(0.01, 0.05, 0.1), (ps, alpha) => {
        const q = benjaminiHochberg(ps);
        const sorted = [...ps].sort((a, b) => a - b);
        let cutoff = -1;
        sorted.forEach((p, i) => {
          if (p <= ((i + 1) * alpha) / ps.length) cutoff = p;
        });
        ps.forEach((p, i) => {
          expect(q[i]).toBeGreaterThanOrEqual(p - 1e-15);
          expect(q[i]).toBeLessThanOrEqual(1);
          // 1e-12 slack: q is p·m/rank in floating point
          if (Math.abs(q[i] - alpha) > 1e-12) expect(q[i] <= alpha).toBe(p <= cutoff);
        });
      }),
    );
  });
});

describe('minimum conversions', () => {
  test('each side needs min expected conversions and non-conversions under no change', () => {
    // 2/300 vs 20/300: pooled 22/600, 300 × 0.0367 = 11 expected on each side: testable.
    expect(bigEnoughForTest(2, 300, 20, 300, 5)).toBe(true);
    // 1/100 vs 4/100: pooled 0.025, 2.5 expected: not testable.
    expect(bigEnoughForTest(1, 100, 4, 100, 5)).toBe(false);
    // 98/100 vs 99/100: 1.5 expected non-conversions: not testable.
    expect(bigEnoughForTest(98, 100, 99, 100, 5)).toBe(false);
    expect(bigEnoughForTest(0, 0, 1, 10, 0)).toBe(false);
  });

  test('config: minConversions defaults to 5 and is validated', () => {
    expect(DEFAULT_CONFIG.minConversions).toBe(5);
    const base = { columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }] };
    const ok = parseConfig({ ...base, minConversions: 10 });
    expect(ok.ok && ok.config.minConversions).toBe(10);
    const bad = parseConfig({ ...base, minConversions: -1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.some((e) => e.startsWith('minConversions:'))).toBe(true);
  });
});

/** Weekly cohorts of `n` leads with `won[i]` wins each (won the day after creation), created on Tuesdays. */
function weeks(n: number, won: number[]): TestLead[] {
  return won.flatMap((w, i) => {
    const created = new Date(Date.UTC(2024, 0, 2 + 7 * i)).toISOString().slice(0, 10);
    const next = new Date(Date.UTC(2024, 0, 3 + 7 * i)).toISOString().slice(0, 10);
    return [...times(w, { created, stages: [next] }), ...times(n - w, { created })];
  });
}

describe('flags in a cohort report', () => {
  const cfg = testConfig(['Won']);

  test('1 win vs 8 in 100 leads is "significant" alone (p = 0.017) but below the conversions minimum: not tested', () => {
    // pooled 9/200 = 0.045, se = sqrt(0.045 × 0.955 × 0.02) = 0.0293, z = 0.07 / 0.0293 = 2.39, p = 0.017;
    // expected wins per side 100 × 0.045 = 4.5 < 5.
    const row = computeCohorts(leadTable(['Won'], weeks(100, [8, 1])), cfg, { asOf: '2024-03-31' }).cohorts[1];
    expect(row.pValue[1]).toBeCloseTo(0.017, 3);
    expect(row.qValue[1]).toBeNull();
    expect(row.flag[1]).toBeNull();
  });

  test('p = 0.037 is flagged alone, not when the report tests a second cell (BH: 0.037 × 2 / 1 = 0.075)', () => {
    // 20/100 → 33/100: pooled 0.265, se = sqrt(0.265 × 0.735 × 0.02) = 0.0624, z = 0.13 / 0.0624 = 2.08, p = 0.037.
    const alone = computeCohorts(leadTable(['Won'], weeks(100, [20, 33])), cfg, { asOf: '2024-03-31' });
    expect(alone.testedCells).toBe(1);
    expect(alone.cohorts[1].pValue[1]).toBeCloseTo(0.037, 3);
    expect(alone.cohorts[1].qValue[1]).toBeCloseTo(alone.cohorts[1].pValue[1] as number, 12);
    expect(alone.cohorts[1].flag[1]).toBe('up');
    // A third week, 30/100 vs 33/100: p = 0.65. Family of 2: q = min(0.037 × 2, 0.65) = 0.075 > 0.05.
    const two = computeCohorts(leadTable(['Won'], weeks(100, [20, 33, 30])), cfg, { asOf: '2024-03-31' });
    expect(two.testedCells).toBe(2);
    expect(two.cohorts[1].qValue[1]).toBeCloseTo(2 * (two.cohorts[1].pValue[1] as number), 12);
    expect(two.cohorts[1].flag[1]).toBeNull();
    expect(two.cohorts[2].flag[1]).toBeNull();
  });

  test('immature, undersized and first cohorts are outside the family', () => {
    // Three weeks of 100 leads; report on the Sunday ending week 3: week 3 is 0 days old and Won takes 1 day.
    const r = computeCohorts(leadTable(['Won'], weeks(100, [20, 33, 30])), cfg, { asOf: '2024-01-21' });
    expect(r.cohorts[2].immature[1]).toBe(true);
    expect(r.testedCells).toBe(1);
    const small = computeCohorts(leadTable(['Won'], weeks(20, [2, 10])), cfg, { asOf: '2024-03-31' });
    expect(small.testedCells).toBe(0);
  });
});

describe('colours (tones) on the Cohorts tab', () => {
  test('only a cohort clearly apart from the other mature cohorts is coloured; a 1-lead cohort never', () => {
    // Five weeks of 100 leads winning 20, 20, 20, 20, 45, then a week with 1 lead that won (100%).
    // Week 5: 45/100 vs the rest 81/401 = 20.2%: pooled 126/501, se = sqrt(0.2515 × 0.7485 × (1/100 + 1/401))
    // = 0.0485, z = 0.248 / 0.0485 = 5.1 → high. A 20% week: 20/100 vs 106/401 = 26.4%, z = −1.3 → noise.
    const data = leadTable(['Won'], [...weeks(100, [20, 20, 20, 20, 45]), ...weeks(1, [0, 0, 0, 0, 0, 1]).slice(-1)]);
    const r = computeCohorts(data, cfg(), { asOf: '2024-03-31' });
    expect(r.cohorts.map((c) => c.leads)).toEqual([100, 100, 100, 100, 100, 1]);
    expect(r.cohorts.map((c) => c.stepTone[1])).toEqual([null, null, null, null, 'high', null]);
    expect(r.cohorts.map((c) => c.overallTone)).toEqual([null, null, null, null, 'high', null]);
  });
});

describe('colours do not paint noise', () => {
  test('80.0% vs 96.7% on 60-lead cohorts among eight is not coloured', () => {
    // Eight weeks of 60 leads winning 48, 58, then 54 six times (80%, 96.7%, 90%). The 80% week against
    // the rest (382/420 = 90.95%): pooled 430/480 = 0.896, se = sqrt(0.896 × 0.104 × (1/60 + 1/420)) = 0.0421,
    // z = −0.1095 / 0.0421 = −2.60, p = 0.0093 — the smallest p of the 8 tested cells (one stage: the step
    // and overall rates are one cell); the 96.7% week: z = +1.92, p = 0.055. BH: q = 0.0093 × 8 / 1 = 0.075
    // and 0.055 × 8 / 2 = 0.22, both above 0.05: nothing is coloured, where colour scales painted both.
    const r = computeCohorts(leadTable(['Won'], weeks(60, [48, 58, 54, 54, 54, 54, 54, 54])), cfg(), { asOf: '2024-03-31' });
    expect(r.cohorts[0].stepRate[1]).toBeCloseTo(0.8, 12);
    expect(r.cohorts.map((c) => c.stepTone[1])).toEqual([null, null, null, null, null, null, null, null]);
    expect(r.cohorts.map((c) => c.overallTone)).toEqual([null, null, null, null, null, null, null, null]);
  });
});

function cfg() {
  return testConfig(['Won']);
}

describe('flag invariants (property-based)', () => {
  const STAGES = ['A', 'B', 'C'];
  const base = Date.UTC(2024, 0, 1);
  // Weeks of leads with their own conversion fractions (so real differences, and flags, occur), a delay,
  // and optionally one stage passed at an unknown time by every third lead.
  const weekArb = fc.record({
    size: fc.integer({ min: 0, max: 200 }),
    fracs: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
    gap: fc.integer({ min: 0, max: 20 }),
    unknownStage: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
  });
  test('a flag is only ever on a mature, dated cell of two big-enough cohorts, with q ≤ α over the tested family', () => {
    let flagsSeen = 0;
    fc.assert(
      fc.property(fc.array(weekArb, { maxLength: 12 }), fc.integer({ min: 30, max: 120 }), fc.integer({ min: 1, max: 40 }), (weeksGen, asOfDay, minSize) => {
        const created: number[] = [];
        const stageTimes: number[][] = [[], [], []];
        weeksGen.forEach((w, wi) => {
          for (let j = 0; j < w.size; j++) {
            const c = base + (wi * 7 + (j % 7)) * 86_400_000;
            created.push(c);
            let share = 1;
            for (let k = 0; k < 3; k++) {
              share *= w.fracs[k];
              const passes = j < w.size * share;
              stageTimes[k].push(!passes ? NaN : w.unknownStage === k && j % 3 === 0 ? -Infinity : c + w.gap * (k + 1) * 86_400_000);
            }
          }
        });
        const data = leadTable(STAGES, []);
        data.leads.count = created.length;
        data.leads.createdAt = Float64Array.from(created);
        data.leads.stageTimes = stageTimes.map((t) => Float64Array.from(t));
        const config = { ...testConfig(STAGES), minCohortSize: minSize };
        const asOf = new Date(base + asOfDay * 86_400_000).toISOString().slice(0, 10);
        const r = computeCohorts(data, config, { asOf });
        let tested = 0;
        for (const c of r.cohorts) {
          c.qValue.forEach((q) => (tested += q === null ? 0 : 1));
          c.flag.forEach((f, k) => {
            if (f === null) return;
            flagsSeen++;
            expect(k).toBeGreaterThan(0);
            expect(c.immature[k]).toBe(false);
            expect(c.undated[k]).toBe(0);
            expect(c.previous).not.toBeNull();
            expect(Math.min(c.leads, c.previous!.leads)).toBeGreaterThanOrEqual(minSize);
            expect(bigEnoughForTest(c.reached[k], c.leads, c.previous!.reached[k], c.previous!.leads, config.minConversions)).toBe(true);
            expect(c.qValue[k]).not.toBeNull();
            expect(c.qValue[k]!).toBeLessThanOrEqual(config.significanceLevel);
            expect(c.qValue[k]!).toBeGreaterThanOrEqual(c.pValue[k]!);
            expect(f).toBe((c.overallRate[k] ?? 0) > c.previous!.reached[k] / c.previous!.leads ? 'up' : 'down');
          });
        }
        expect(tested).toBe(r.testedCells);
      }),
      // A fixed seed keeps the non-vacuity check below deterministic.
      { numRuns: 200, seed: 20261129 },
    );
    // The property is not vacuous: the generated weeks differ enough to be flagged now and then.
    expect(flagsSeen).toBeGreaterThan(0);
  });
});
