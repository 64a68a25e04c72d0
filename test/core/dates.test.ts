import fc from 'fast-check';
import { INVALID_DATE } from '../../src/core/time/sentinels';
import { daysFromCivil } from '../../src/core/time/civil';
import { formatWallDateTime } from '../../src/core/time/format';
import { instantToWallConverter } from '../../src/core/time/zone';
import { makeDateParser } from '../../src/core/time/date-parser';
import type { CellValue } from '../../src/core/types';

const utc = makeDateParser({ timeZone: 'UTC', dateOrder: 'dmy' });
const W = Date.UTC; // wall-clock ms are local date/time encoded as UTC

function wall(v: CellValue, p = utc): number {
  const r = p.parseResult(v);
  if (!('ms' in r)) throw new Error(`expected a date from ${String(v)}, got ${JSON.stringify(r)}`);
  return r.ms;
}

function errorOf(v: CellValue, p = utc): string {
  const r = p.parseResult(v);
  if (!('error' in r)) throw new Error(`expected an error from ${String(v)}, got ${JSON.stringify(r)}`);
  expect(r.errorRu).not.toBe('');
  return r.error;
}

describe('ISO strings', () => {
  test('date only, with minutes, seconds and milliseconds, space or T', () => {
    expect(wall('2024-03-15')).toBe(W(2024, 2, 15));
    expect(wall('2024-03-15 14:30')).toBe(W(2024, 2, 15, 14, 30));
    expect(wall('2024-03-15 14:30:05')).toBe(W(2024, 2, 15, 14, 30, 5));
    expect(wall('2024-03-15 14:30:05.123')).toBe(W(2024, 2, 15, 14, 30, 5, 123));
    expect(wall('2024-03-15T14:30:05')).toBe(W(2024, 2, 15, 14, 30, 5));
    expect(wall('2024-03-15T14:30:05.5')).toBe(W(2024, 2, 15, 14, 30, 5, 500));
    expect(wall('  2024-03-15 09:00  ')).toBe(W(2024, 2, 15, 9, 0));
  });

  test('no offset means wall-clock time already, whatever the zone', () => {
    const moscow = makeDateParser({ timeZone: 'Europe/Moscow', dateOrder: 'dmy' });
    expect(wall('2024-03-15 14:30', moscow)).toBe(W(2024, 2, 15, 14, 30));
  });

  test('an explicit offset is an instant, shown in the configured zone', () => {
    const moscow = makeDateParser({ timeZone: 'Europe/Moscow', dateOrder: 'dmy' });
    // Moscow is UTC+3 all year.
    expect(wall('2024-03-31T00:30:00Z', moscow)).toBe(W(2024, 2, 31, 3, 30));
    expect(wall('2024-03-31T00:30:00.250Z', moscow)).toBe(W(2024, 2, 31, 3, 30, 0, 250));
    expect(wall('2024-03-31T05:30:00+05:00', moscow)).toBe(W(2024, 2, 31, 3, 30));
    expect(wall('2024-03-30T19:30:00-05:00', moscow)).toBe(W(2024, 2, 31, 3, 30));
    expect(wall('2024-03-31T06:15:00+0545', moscow)).toBe(W(2024, 2, 31, 3, 30));
    expect(wall('2024-03-31T00:30:00Z')).toBe(W(2024, 2, 31, 0, 30));
  });
});

describe('dotted and slash dates', () => {
  test('dd.mm.yyyy with optional time (always day first)', () => {
    const mdy = makeDateParser({ timeZone: 'UTC', dateOrder: 'mdy' });
    expect(wall('15.03.2024')).toBe(W(2024, 2, 15));
    expect(wall('15.03.2024 14:30')).toBe(W(2024, 2, 15, 14, 30));
    expect(wall('15.03.2024 14:30:59')).toBe(W(2024, 2, 15, 14, 30, 59));
    expect(wall('5.3.2024 9:05')).toBe(W(2024, 2, 5, 9, 5));
    expect(wall('03.04.2024', mdy)).toBe(W(2024, 3, 3));
  });

  test('slash dates follow the configured day order', () => {
    const mdy = makeDateParser({ timeZone: 'UTC', dateOrder: 'mdy' });
    expect(wall('03/04/2024')).toBe(W(2024, 3, 3));
    expect(wall('03/04/2024', mdy)).toBe(W(2024, 2, 4));
    expect(wall('15/03/2024 14:30')).toBe(W(2024, 2, 15, 14, 30));
    expect(wall('3/15/2024 1:30 PM', mdy)).toBe(W(2024, 2, 15, 13, 30));
    expect(wall('3/15/2024 12:05 am', mdy)).toBe(W(2024, 2, 15, 0, 5));
    expect(errorOf('15/03/2024', mdy)).toMatch(/no such day/);
    expect(wall('2024/03/15')).toBe(W(2024, 2, 15));
  });

  test('two-digit years are an error, not a guess', () => {
    expect(errorOf('15.03.24')).toMatch(/two-digit year/);
    expect(errorOf('03/04/24 10:00')).toMatch(/two-digit year/);
  });
});

describe('spreadsheet serial numbers', () => {
  test('days since 1899-12-30, the fraction is the time of day', () => {
    // 44927 is 2023-01-01; + 31 (Jan) + 28 (Feb) + 14 = 45000 → 2023-03-15.
    expect(wall(45000)).toBe(W(2023, 2, 15));
    expect(wall(45000.5)).toBe(W(2023, 2, 15, 12));
    expect(wall(45000.75)).toBe(W(2023, 2, 15, 18));
    expect(wall(1)).toBe(W(1899, 11, 31));
    expect(wall(2958465)).toBe(W(9999, 11, 31));
  });

  test('out of range numbers and numeric strings are errors', () => {
    expect(errorOf(0)).toMatch(/range/);
    expect(errorOf(-3)).toMatch(/range/);
    expect(errorOf(2958466)).toMatch(/range/);
    expect(errorOf(Number.NaN)).toMatch(/range/);
    expect(errorOf('123')).toMatch(/number written as text/);
    expect(errorOf('1234567')).toMatch(/number written as text/);
  });
});

describe('serial day numbers written as text (CSV exports of spreadsheets)', () => {
  // By hand: 1900-01-01 … 2024-01-01 is 124 years with 30 leap days (1904 … 2020; 1900 is not one):
  // 45,290 days; serial 1 = 1900-01-01 counts the fictitious 1900-02-29, so 2024-01-01 = serial 45,292.
  // + 31 (January) + 29 (February 2024) + 14 = 45,366 → 2024-03-15.
  test('45366 is 2024-03-15; the fraction is the time of day, with a dot or a comma', () => {
    expect(wall('45366')).toBe(W(2024, 2, 15));
    expect(wall(' 45366 ')).toBe(W(2024, 2, 15));
    expect(wall('45366.5')).toBe(W(2024, 2, 15, 12));
    expect(wall('45366,75')).toBe(W(2024, 2, 15, 18));
    // 14:30 = 0.6041666… of a day; an export's rounding noise is rounded to the second.
    expect(wall('45366.604166667')).toBe(W(2024, 2, 15, 14, 30));
    expect(wall('45366')).toBe(wall(45366));
  });

  test('only 1970-01-01 (25569) … 2099-12-31 (73050) are read as dates; other numbers stay numbers', () => {
    expect(wall('25569')).toBe(W(1970, 0, 1));
    expect(wall('73050')).toBe(W(2099, 11, 31));
    expect(errorOf('25568')).toMatch(/number written as text/);
    expect(errorOf('73051')).toMatch(/number written as text/);
    expect(errorOf('45000.')).toMatch(/number written as text/);
    expect(errorOf('45000.5.1')).toMatch(/number written as text|not a date/);
    expect(errorOf('45366x')).toMatch(/not a date/);
  });
});

describe('Date objects (instants) in a time zone', () => {
  test('Moscow (UTC+3)', () => {
    const moscow = makeDateParser({ timeZone: 'Europe/Moscow', dateOrder: 'dmy' });
    expect(wall(new Date('2024-03-31T00:30:00Z'), moscow)).toBe(W(2024, 2, 31, 3, 30));
  });

  test('Berlin around both DST changes of 2024', () => {
    const berlin = makeDateParser({ timeZone: 'Europe/Berlin', dateOrder: 'dmy' });
    // 31 March: clocks go 02:00 CET → 03:00 CEST at 01:00 UTC.
    expect(wall(new Date('2024-03-31T00:30:00Z'), berlin)).toBe(W(2024, 2, 31, 1, 30));
    expect(wall(new Date('2024-03-31T00:59:59Z'), berlin)).toBe(W(2024, 2, 31, 1, 59, 59));
    expect(wall(new Date('2024-03-31T01:00:00Z'), berlin)).toBe(W(2024, 2, 31, 3, 0));
    expect(wall(new Date('2024-03-31T01:30:00Z'), berlin)).toBe(W(2024, 2, 31, 3, 30));
    // 27 October: 03:00 CEST → 02:00 CET at 01:00 UTC, so 02:30 happens twice.
    expect(wall(new Date('2024-10-27T00:30:00Z'), berlin)).toBe(W(2024, 9, 27, 2, 30));
    expect(wall(new Date('2024-10-27T01:30:00Z'), berlin)).toBe(W(2024, 9, 27, 2, 30));
  });

  test('a zone whose offset changes in the middle of a UTC hour (Lord Howe, +10:30 → +11 on 2024-10-06 02:00)', () => {
    const lh = makeDateParser({ timeZone: 'Australia/Lord_Howe', dateOrder: 'dmy' });
    // The change is at 2024-10-05 15:30 UTC.
    expect(wall(new Date('2024-10-05T15:15:00Z'), lh)).toBe(W(2024, 9, 6, 1, 45));
    expect(wall(new Date('2024-10-05T15:45:00Z'), lh)).toBe(W(2024, 9, 6, 2, 45));
    expect(wall(new Date('2024-10-05T15:15:00Z'), lh)).toBe(W(2024, 9, 6, 1, 45));
  });

  test('UTC is the identity and an invalid Date is an error', () => {
    expect(wall(new Date('2024-03-31T00:30:00.123Z'))).toBe(W(2024, 2, 31, 0, 30, 0, 123));
    expect(errorOf(new Date('nonsense'))).toMatch(/invalid date/);
  });

  test('the hour-cached converter agrees with Intl for any instant (1970–2040)', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/Moscow'];
    const direct = (zone: string, t: number): number => {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      }).formatToParts(t);
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second')) + (t % 1000);
    };
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: Date.UTC(2040, 0, 1) }), (zone, t) => {
        expect(instantToWallConverter(zone)(t)).toBe(direct(zone, t));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('impossible values, placeholders and junk', () => {
  test('impossible calendar days and times', () => {
    expect(errorOf('31.02.2024')).toMatch(/no such day/);
    expect(errorOf('2023-02-29')).toMatch(/no such day/);
    expect(errorOf('1900-02-29')).toMatch(/no such day/);
    expect(errorOf('2024-13-01')).toMatch(/no such day/);
    expect(errorOf('2024-04-31 10:00')).toMatch(/no such day/);
    expect(errorOf('00.01.2024')).toMatch(/no such day/);
    expect(errorOf('2024-03-15 24:00')).toMatch(/time of day/);
    expect(errorOf('2024-03-15 12:60')).toMatch(/time of day/);
    expect(errorOf('2024-03-15 12:30:60')).toMatch(/time of day/);
    expect(wall('2024-02-29')).toBe(W(2024, 1, 29));
    expect(wall('2000-02-29')).toBe(W(2000, 1, 29));
  });

  test('"no date" placeholders are blank', () => {
    for (const v of ['', '   ', '-', '—', 'не закрыта', 'Не закрыта', 'not closed', 'N/A', 'null', null, undefined]) {
      expect(utc.parseResult(v)).toEqual({ blank: true });
      expect(Number.isNaN(utc.parse(v))).toBe(true);
    }
  });

  test('anything else is an error with English and Russian text', () => {
    for (const v of ['abc', 'yesterday', '2024-03-15 lunch', '2024-3-15', '15.03.2024T10:00', '2024-03-15T10:00+3', true]) {
      expect(utc.parse(v)).toBe(INVALID_DATE);
      const r = utc.parseResult(v);
      expect(r).toEqual({ error: expect.any(String), errorRu: expect.any(String) });
    }
    expect(errorOf(false)).toMatch(/TRUE\/FALSE/);
  });

  test('lastError describes the latest failure', () => {
    const p = makeDateParser({ timeZone: 'UTC', dateOrder: 'dmy' });
    expect(p.parse('31.02.2024')).toBe(INVALID_DATE);
    expect(p.lastError().error).toMatch(/no such day/);
    expect(p.lastError().errorRu).toMatch(/такого дня нет/);
    expect(p.parse('15.03.24')).toBe(INVALID_DATE);
    expect(p.lastError().error).toMatch(/two-digit/);
  });
});

describe('round trips (fast-check)', () => {
  const wallTime = fc
    .record({
      y: fc.integer({ min: 1900, max: 2100 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
    })
    .filter(({ y, mo, d }) => new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d);
  const p2 = (n: number) => String(n).padStart(2, '0');

  test('YYYY-MM-DD HH:MM:SS and dd.mm.yyyy hh:mm:ss parse back to themselves, in any zone and day order', () => {
    const parsers = [
      makeDateParser({ timeZone: 'UTC', dateOrder: 'dmy' }),
      makeDateParser({ timeZone: 'America/New_York', dateOrder: 'mdy' }),
    ];
    fc.assert(
      fc.property(wallTime, fc.constantFrom(0, 1), ({ y, mo, d, h, mi, s }, which) => {
        const expected = Date.UTC(y, mo - 1, d, h, mi, s);
        const p = parsers[which];
        expect(p.parse(`${y}-${p2(mo)}-${p2(d)} ${p2(h)}:${p2(mi)}:${p2(s)}`)).toBe(expected);
        expect(p.parse(`${p2(d)}.${p2(mo)}.${y} ${p2(h)}:${p2(mi)}:${p2(s)}`)).toBe(expected);
        expect(p.parse(`${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}`)).toBe(expected);
        // Surrounding spaces take the general (slower) path; it must agree with the fixed-position one.
        expect(p.parse(` ${p2(d)}.${p2(mo)}.${y} ${p2(h)}:${p2(mi)} `)).toBe(Date.UTC(y, mo - 1, d, h, mi));
        expect(p.parse(`${y}-${p2(mo)}-${p2(d)}`)).toBe(Date.UTC(y, mo - 1, d));
      }),
      { numRuns: 1000 },
    );
  });

  test('formatWallDateTime gives YYYY-MM-DD HH:MM, which parses back to the minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const text = formatWallDateTime(ms);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
        expect(utc.parse(text)).toBe(Math.floor(ms / 60_000) * 60_000);
      }),
    );
    expect(formatWallDateTime(W(2024, 2, 5, 7, 9, 59))).toBe('2024-03-05 07:09');
    expect(formatWallDateTime(Number.NaN)).toBe('');
    expect(formatWallDateTime(Number.NEGATIVE_INFINITY)).toBe('');
  });

  test('daysFromCivil matches Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(day);
      }),
    );
  });
});
