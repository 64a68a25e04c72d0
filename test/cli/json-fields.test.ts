/**
 * The statistics behind the tabs are in --json too: adjusted p-values, the tested family, undated passes,
 * lost leads at an unknown stage, mature-only totals and the Conversions tab's counted leads. Values are
 * the hand-made fixture's (test/report/fixture.ts).
 */
import { toJsonReport } from '../../src/cli/json-output';
import { ISSUES, sampleReport } from '../report/fixture';

const json = toJsonReport(sampleReport(ISSUES));

test('cohorts carry qValue, undated passes, lost-at-unknown-stage and tones keyed by stage', () => {
  const main = json.cohorts.find((c) => c.start === '2026-09-12');
  expect(main?.qValue).toEqual({ Target: 0.45, Qualified: 0.4, Proposal: 0.24, Won: 0.03 });
  expect(main?.undated).toEqual({ Target: 0, Qualified: 0, Proposal: 0, Won: 0 });
  expect(main?.lostStageUnknown).toBe(0);
  expect(Object.keys(main?.stepTone ?? {})).toEqual(['Target', 'Qualified', 'Proposal', 'Won']);
});

test('the tested family, the mature-only total and the Conversions baseline', () => {
  expect(json.testedCells).toBe(6);
  expect(json.matureTotal.reached).toEqual({ Target: 466, Qualified: 226, Proposal: 93, Won: 38 });
  expect(json.matureTotal.leads.Won).toBe(958);
  expect(json.total.lostStageUnknown).toBe(0);
  expect(Object.keys(json.conversions.countedTo)).toEqual(['Target', 'Qualified', 'Proposal', 'Won']);
  expect(json.conversions.total.counted.Lead).toBe(json.conversions.total.leads);
  expect(json.conversions.dimensions.channel?.rows[0].stepBase.Target).toBeGreaterThanOrEqual(json.conversions.dimensions.channel?.rows[0].reached.Target ?? Infinity);
});
