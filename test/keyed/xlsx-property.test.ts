/**
 * Property: the XLSX face over 200 random sequences (a first refresh, then 6 to 12 steps; each refresh
 * writes and reads real report files, so fewer than the 1,000 on the Sheets fakes): no value a person
 * typed is lost or attached to another key.
 */
import fc from 'fast-check';
import { runSequence, sequenceArbitrary } from './property-model';
import { XLSX_TYPINGS as TYPINGS } from './xlsx-typings';
import { xlsxSurface } from './xlsx-surface';


test('200 random sequences on XLSX files: nothing typed is lost or moves to another key', async () => {
  let sequences = 0;
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary(TYPINGS.length, 12), async (ops) => {
      sequences++;
      await runSequence(xlsxSurface(), ops, TYPINGS);
    }),
    { numRuns: 200 },
  );
  expect(sequences).toBeGreaterThanOrEqual(200);
}, 240_000);
