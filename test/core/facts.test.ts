/**
 * Per-lead facts (core/facts.ts) against reach.ts's definitions, lead by lead, on random lead tables
 * with every kind of stage time: none (NaN), unknown (UNKNOWN_TIME), before, at and after the report
 * instant, in both modes, and with more than 32 steps (the implied bits span two words).
 */
import fc from 'fast-check';
import { computeLeadFacts, isImplied, sharedFacts } from '../../src/core/facts';
import { asOfBound, computeCohorts } from '../../src/core/cohorts';
import { computeSliceConversions } from '../../src/core/conversions';
import { ingestRows } from '../../src/core/ingest';
import { computeOutcomes } from '../../src/core/outcomes';
import { highestDated, highestReached, isImpliedPass } from '../../src/core/reach';
import { SAMPLE_CONFIG, sampleLeadRows } from '../../src/core/sample-data';
import { UNKNOWN_TIME, type LeadTable } from '../../src/core/types';

const AS_OF = 1_000;
const time = fc.constantFrom(NaN, UNKNOWN_TIME, 0, 500, AS_OF, AS_OF + 1, Infinity);

function table(stageTimes: number[][]): LeadTable {
  const count = stageTimes[0]?.length ?? 0;
  return {
    count,
    rowNumbers: new Int32Array(count),
    ids: new Array<string>(count).fill(''),
    createdAt: new Float64Array(count),
    stageTimes: stageTimes.map((s) => Float64Array.from(s)),
    lostAt: new Float64Array(count).fill(NaN),
    lostReason: new Array<string>(count).fill(''),
    furthestUnknown: new Uint8Array(count),
    amount: new Float64Array(count).fill(NaN),
    slices: {},
  };
}

const tables = (maxStages: number) =>
  fc.record({ stages: fc.integer({ min: 0, max: maxStages }), leads: fc.integer({ min: 1, max: 30 }) }).chain(({ stages, leads }) =>
    fc.array(fc.array(time, { minLength: leads, maxLength: leads }), { minLength: stages, maxLength: stages }).map((s) => ({ s, leads })));

describe('per-lead facts agree with reach.ts for every lead', () => {
  test.each([false, true])('strict = %s', (strict) => {
    fc.assert(
      fc.property(tables(6), ({ s, leads }) => {
        const t = s.length === 0 ? { ...table([]), count: leads } : table(s);
        const facts = computeLeadFacts(t, AS_OF, strict);
        for (let i = 0; i < t.count; i++) {
          const top = highestReached(t, i, AS_OF, strict);
          expect(facts.top[i]).toBe(top);
          expect(facts.dated[i]).toBe(top === 0 ? 0 : highestDated(t, i, AS_OF, top));
          for (let k = 1; k <= t.stageTimes.length; k++) expect(isImplied(facts, i, k)).toBe(k <= top && isImpliedPass(t, i, k, AS_OF));
        }
      }),
      { numRuns: 300 },
    );
  });

  test('more than 32 steps: the implied bits of steps 32 and above are kept', () => {
    const stages = Array.from({ length: 40 }, (_, k) => [k === 39 ? 500 : k % 2 === 0 ? NaN : 200]);
    const t = table(stages);
    const facts = computeLeadFacts(t, AS_OF, false);
    expect(facts.top[0]).toBe(40);
    for (let k = 1; k <= 40; k++) expect(isImplied(facts, 0, k)).toBe(isImpliedPass(t, 0, k, AS_OF));
  });

  test('sharedFacts hands over facts made for the same table, instant and mode, and none otherwise', () => {
    const t = table([[0, NaN], [NaN, 500]]);
    const facts = computeLeadFacts(t, AS_OF, false);
    expect(sharedFacts(t, AS_OF, false, facts)).toBe(facts);
    expect(sharedFacts(t, AS_OF - 600, false, facts)).toBeNull();
    expect(sharedFacts(t, AS_OF, true, facts)).toBeNull();
    expect(sharedFacts(table([[0]]), AS_OF, false, facts)).toBeNull();
    expect(Array.from(facts.top)).toEqual([1, 2]);
  });
});

describe('a report given the run\'s facts equals the same report computing reach per lead itself', () => {
  test.each([false, true])('demo data, strict = %s', (strictOrder) => {
    const config = { ...SAMPLE_CONFIG, strictOrder };
    const asOf = '2026-11-22';
    const data = ingestRows(sampleLeadRows({ today: asOf }), { config, sheet: 'Leads', asOf });
    const facts = computeLeadFacts(data.leads, asOfBound(asOf), strictOrder);
    const filters = { channel: 'Google Ads' };
    expect(computeCohorts(data, config, { asOf, facts })).toEqual(computeCohorts(data, config, { asOf }));
    expect(computeCohorts(data, config, { asOf, filters, facts })).toEqual(computeCohorts(data, config, { asOf, filters }));
    expect(computeSliceConversions(data, config, { asOf, facts })).toEqual(computeSliceConversions(data, config, { asOf }));
    expect(computeOutcomes(data, config, { asOf, facts })).toEqual(computeOutcomes(data, config, { asOf }));
    // Facts made for another date are not used: the report is still right.
    const early = computeLeadFacts(data.leads, asOfBound('2026-10-01'), strictOrder);
    expect(computeCohorts(data, config, { asOf, facts: early })).toEqual(computeCohorts(data, config, { asOf }));
  });
});
