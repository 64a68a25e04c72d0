/**
 * Property: on the SpreadsheetApp fakes, over 1,000 random sequences (a first refresh, then 6 to 20
 * steps) of sort, filter, insert row, delete row, move column, human edit, a key typed by hand and
 * refresh, no value a person typed is ever lost or attached to another key (model in property-model.ts).
 */
import fc from 'fast-check';
import { COLUMN_KEY } from '../../src/sheets/keyed-writer';
import { runSequence, sequenceArbitrary } from './property-model';
import { TYPINGS, sheetsSurface } from './sheets-surface';

test('1,000 random sequences on the Sheets fakes: nothing typed is lost or moves to another key', async () => {
  let sequences = 0;
  await fc.assert(
    fc.asyncProperty(sequenceArbitrary(TYPINGS.length, 20), async (ops) => {
      sequences++;
      const surface = sheetsSurface();
      await runSequence(surface, ops, TYPINGS);
      // Column ids stay one per spec column and on the right header.
      const s = surface.sheet();
      const header = s.peekValues()[0];
      for (const m of s.columnMetadata) expect(m.key).toBe(COLUMN_KEY);
      const onColumns = new Map(s.columnMetadata.map((m) => [m.value, header[m.place.column! - 1]]));
      expect(onColumns.get('comment')).toBe('Comment');
      expect(onColumns.get('lead')).toBe('Lead ID');
      expect(s.columnMetadata.length).toBe(6);
    }),
    { numRuns: 1000 },
  );
  expect(sequences).toBeGreaterThanOrEqual(1000);
});
