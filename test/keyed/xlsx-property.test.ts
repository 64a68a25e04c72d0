/**
 * Property: the XLSX face over 200 random sequences (a first refresh, then 6 to 12 steps; each refresh
 * writes and reads real report files, so fewer than the 1,000 on the Sheets fakes): no value a person
 * typed is lost or attached to another key.
 */
import fc from 'fast-check';
import { runSequence, sequenceArbitrary, type Typing } from './property-model';
import { xlsxSurface } from './xlsx-surface';

/** What typing each entry stores in an XLSX file (Excel keeps no time zone: a date is its UTC day). */
const TYPINGS: Typing[] = [
  { typed: 'yes', canon: 'yes' },
  { typed: 'no: wrong region', canon: 'no: wrong region' },
  { typed: 'нет ответа', canon: 'нет ответа' },
  { typed: '=1+1', canon: 'FORMULA:=1+1' },
  { typed: '42', canon: 42 },
  { typed: '2026-01-05', canon: 'DATE:2026-01-05T00:00:00.000Z' },
  { typed: "'=2+2", canon: '=2+2' },
  { typed: '', canon: '' },
];

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
