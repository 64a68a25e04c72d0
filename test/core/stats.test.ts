import fc from 'fast-check';
import { normalCdf, percentileInPlace, ratio, twoProportionPValue, wilsonInterval } from '../../src/core/stats';

test('ratio: 0/0 and x/0 are no value', () => {
  expect(ratio(0, 0)).toBeNull();
  expect(ratio(3, 0)).toBeNull();
  expect(ratio(1, 4)).toBe(0.25);
});

test('normal CDF matches table values', () => {
  expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
  expect(normalCdf(-1.6449)).toBeCloseTo(0.05, 4);
});

test('two-proportion test: 60/100 vs 40/100 gives z = 2.828, p = 0.0047', () => {
  // pooled 0.5, se = sqrt(0.25 × 0.02) = 0.0707, z = 0.2 / 0.0707 = 2.828; 2 × (1 − Φ(2.828)) = 0.00468.
  expect(twoProportionPValue(60, 100, 40, 100)).toBeCloseTo(0.00468, 4);
  expect(twoProportionPValue(40, 100, 60, 100)).toBeCloseTo(0.00468, 4);
  expect(twoProportionPValue(5, 50, 5, 50)).toBeCloseTo(1, 7);
  expect(twoProportionPValue(0, 50, 0, 40)).toBeNull();
  expect(twoProportionPValue(1, 0, 1, 10)).toBeNull();
});

test('Wilson interval for 8 of 10 at 95% is [0.490, 0.943]', () => {
  const w = wilsonInterval(8, 10);
  expect(w?.low).toBeCloseTo(0.4902, 3);
  expect(w?.high).toBeCloseTo(0.9433, 3);
  expect(wilsonInterval(0, 0)).toBeNull();
});

test('percentile interpolates between closest ranks like a spreadsheet PERCENTILE', () => {
  expect(percentileInPlace(Float64Array.from([4, 1, 3, 2]), 0.8)).toBeCloseTo(3.4, 10);
  expect(percentileInPlace(Float64Array.from([7]), 0.8)).toBe(7);
  expect(percentileInPlace(new Float64Array(0), 0.5)).toBeNull();
});

describe('percentile agrees with the sort-based definition (property)', () => {
  test('any array, any p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (xs, p) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const rank = p * (sorted.length - 1);
          const lo = Math.floor(rank);
          const hi = Math.ceil(rank);
          const expected = sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
          const got = percentileInPlace(Float64Array.from(xs), p) as number;
          expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
        },
      ),
    );
  });
});
