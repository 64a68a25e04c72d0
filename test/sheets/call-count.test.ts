/**
 * Service calls per refresh must not grow with the data: the Leads sheet is read in one call and
 * each tab is written in a fixed number of calls, so 1,000 and 100,000 leads cost the same.
 */
import { runRefreshReports } from '../../src/sheets/app';
import type { FakeWorld } from '../fakes/services';
import { SAMPLE_NOW, worldWithSampleLeads } from '../fakes/sample-leads';

interface Calls {
  totals: ReturnType<FakeWorld['callTotals']>;
  spreadsheet: Record<string, number>;
  properties: Record<string, number>;
  lock: Record<string, number>;
}

function refreshCalls(w: FakeWorld): Calls {
  w.resetCalls();
  const out = runRefreshReports(w.services, { now: () => SAMPLE_NOW });
  if (out.kind !== 'done') throw new Error(`refresh did not finish: ${JSON.stringify(out)}`);
  return {
    totals: w.callTotals(),
    spreadsheet: w.app.calls.snapshot(),
    properties: w.properties.calls.snapshot(),
    lock: w.lock.calls.snapshot(),
  };
}

test('a refresh makes the same service calls for 1,000 and for 100,000 leads', () => {
  const small = worldWithSampleLeads(1_000);
  const big = worldWithSampleLeads(100_000);
  const firstSmall = refreshCalls(small);
  const firstBig = refreshCalls(big);
  expect(firstBig).toEqual(firstSmall);
  // Later refreshes replace the tabs (clear, unmerge, drop charts): more calls, still the same for both.
  const againSmall = refreshCalls(small);
  expect(refreshCalls(big)).toEqual(againSmall);

  // One read of the leads, one setValues per report tab plus the status line; a bounded total.
  expect(firstSmall.spreadsheet['Range.getValues']).toBe(1);
  expect(firstSmall.spreadsheet['Sheet.getDataRange']).toBe(1);
  expect(firstSmall.spreadsheet['Range.setValues']).toBe(3 + 1);
  expect(firstSmall.lock).toEqual({ 'Lock.releaseLock': 1, 'Lock.tryLock': 1, 'LockService.getDocumentLock': 1 });
  expect(firstSmall.properties).toEqual({
    'Properties.getProperties': 1,
    'Properties.setProperties': 1,
    'PropertiesService.getDocumentProperties': 1,
  });
  expect(againSmall.totals.total).toBeLessThan(250);
});
