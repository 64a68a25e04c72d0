/**
 * Spreadsheet zones as Apps Script hands them over: an IANA name, or a custom fixed offset such as
 * `GMT-07:00` (File → Settings → Time zone offers GMT offsets), which `Intl` rejects with
 * "Invalid time zone specified". normaliseTimeZone gives every one a spelling the engine reads.
 */
import { fixedOffsetMs, instantToWall, normaliseTimeZone, wallToInstant } from '../../src/core/time/zone';
import { parseConfig } from '../../src/core/config';

const H = 3_600_000;

describe('normaliseTimeZone', () => {
  test('Intl itself rejects the custom zone Sheets can report (the bug this guards against)', () => {
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: 'GMT-07:00' })).toThrow('Invalid time zone');
  });

  test('fixed offsets in the spellings people and Sheets use become GMT±HH:MM', () => {
    expect(normaliseTimeZone('GMT-07:00')).toBe('GMT-07:00');
    expect(normaliseTimeZone('GMT+05:30')).toBe('GMT+05:30');
    expect(normaliseTimeZone('UTC+3')).toBe('GMT+03:00');
    expect(normaliseTimeZone('-0700')).toBe('GMT-07:00');
    expect(normaliseTimeZone('GMT+00:00')).toBe('UTC');
    expect(normaliseTimeZone('gmt')).toBe('UTC');
  });

  test('IANA names stay as they are; nonsense and offsets past ±14 h are refused', () => {
    expect(normaliseTimeZone('Europe/Moscow')).toBe('Europe/Moscow');
    expect(normaliseTimeZone('Etc/GMT+7')).toBe('Etc/GMT+7');
    expect(normaliseTimeZone('Mars/Olympus')).toBeNull();
    expect(normaliseTimeZone('GMT+15:00')).toBeNull();
    expect(normaliseTimeZone('')).toBeNull();
  });

  test('a fixed offset converts instants both ways with no daylight saving', () => {
    expect(fixedOffsetMs('GMT-07:00')).toBe(-7 * H);
    expect(fixedOffsetMs('GMT+05:30')).toBe(5.5 * H);
    // 2026-07-01 03:00 UTC is 2026-06-30 20:00 at UTC−7, in summer and in winter alike.
    expect(instantToWall(Date.UTC(2026, 6, 1, 3), 'GMT-07:00')).toBe(Date.UTC(2026, 5, 30, 20));
    expect(instantToWall(Date.UTC(2026, 0, 1, 3), 'GMT-07:00')).toBe(Date.UTC(2025, 11, 31, 20));
    expect(wallToInstant(Date.UTC(2026, 10, 2), 'GMT-07:00')).toBe(Date.UTC(2026, 10, 2, 7));
    // Etc/GMT+7 is the IANA name of the same offset (POSIX sign): both agree.
    expect(instantToWall(Date.UTC(2026, 6, 1, 3), 'Etc/GMT+7')).toBe(instantToWall(Date.UTC(2026, 6, 1, 3), 'GMT-07:00'));
  });

  test('a saved config may name a fixed offset; it is stored in the normal spelling', () => {
    const r = parseConfig({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }], timeZone: 'UTC-7' });
    expect(r.ok && r.config.timeZone).toBe('GMT-07:00');
  });
});
