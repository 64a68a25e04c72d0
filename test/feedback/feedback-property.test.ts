/**
 * Property on the real Feedback tab (its spec, all six people's columns, numbers and text among the
 * computed columns): over 1,000 random sequences of sort, filter, insert row, delete row, move
 * column, typing (a verdict, a date, a count, a formula, text), a lead id typed by hand and refresh,
 * on the SpreadsheetApp fakes and on XLSX report files, no value a person typed is lost or attached to
 * another lead (the model and its checks are test/keyed/property-model.ts).
 */
import fc from 'fast-check';
import { runSequence, sequenceArbitrary } from '../keyed/property-model';
import { TYPINGS, sheetsSurface } from '../keyed/sheets-surface';
import { xlsxSurface } from '../keyed/xlsx-surface';
import { XLSX_TYPINGS } from '../keyed/xlsx-typings';
import { FEEDBACK_PROFILE, FEEDBACK_SPEC } from './profile';

const VERDICT = { typed: 'Rejected — not qualified', canon: 'Rejected — not qualified' };

test('1,000 random sequences on the Sheets fakes with the Feedback spec', async () => {
  const typings = [...TYPINGS, VERDICT];
  let sequences = 0;
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary(typings.length, 16), async (ops) => {
      sequences++;
      await runSequence(sheetsSurface(FEEDBACK_SPEC), ops, typings, FEEDBACK_PROFILE);
    }),
    { numRuns: 1000 },
  );
  expect(sequences).toBe(1000);
}, 300_000);

test('1,000 random sequences on XLSX report files with the Feedback spec', async () => {
  const typings = [...XLSX_TYPINGS, VERDICT];
  let sequences = 0;
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary(typings.length, 8), async (ops) => {
      sequences++;
      await runSequence(xlsxSurface(undefined, FEEDBACK_SPEC), ops, typings, FEEDBACK_PROFILE);
    }),
    { numRuns: 1000 },
  );
  expect(sequences).toBe(1000);
}, 600_000);
