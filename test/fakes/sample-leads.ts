/**
 * A fake spreadsheet holding `count` sample leads in a Leads sheet, put there the way the add-on's
 * "Set up example sheets" writes them (real dates, protected text), with the call counters reset
 * afterwards so only the refresh is counted.
 */
import { buildExampleSheet } from '../../src/sheets/example-sheets';
import { createFakeServices, type FakeWorld } from './services';

export const SAMPLE_TODAY = '2026-11-22';
/** Noon on SAMPLE_TODAY in Moscow. */
export const SAMPLE_NOW = new Date('2026-11-22T09:00:00Z');

export function worldWithSampleLeads(count: number, timeZone = 'Europe/Moscow'): FakeWorld {
  const w = createFakeServices({ timeZone });
  const sheet = w.app.spreadsheet.addSheet('Leads');
  const example = buildExampleSheet(SAMPLE_TODAY, timeZone, count);
  const rows = example.values.length;
  const cols = example.values[0].length;
  sheet.maxRows = Math.max(sheet.maxRows, rows);
  sheet.getRange(1, 1, rows, cols).setValues(example.values);
  w.resetCalls();
  return w;
}
