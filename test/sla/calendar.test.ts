/**
 * Working-calendar arithmetic, hand-computed: every expected instant below was worked out on paper
 * from the calendar (2026-11-27 is a Friday; Europe/Berlin moves from +01:00 to +02:00 at 02:00 on
 * Sunday 2026-03-29 and back at 03:00 on Sunday 2026-10-25).
 */
import fc from 'fast-check';
import { compileCalendar, type WorkingCalendarSpec } from '../../src/core/sla/calendar';
import { calendarSpec } from '../../src/core/sla/config';
import { DAY_MS, HOUR_MS, MINUTE_MS, durationWords, parseDuration } from '../../src/core/sla/duration';

const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad instant ${iso}`);
  return t;
};

const office = (over: Partial<WorkingCalendarSpec> = {}) => compileCalendar({ ...calendarSpec({}, 'UTC'), ...over });

describe('durations', () => {
  test.each([
    ['15s', 15_000],
    ['30m', 30 * MINUTE_MS],
    ['4h', 4 * HOUR_MS],
    ['2d', 2 * DAY_MS],
    ['1h30m', 90 * MINUTE_MS],
    [' 1d 2h ', 26 * HOUR_MS],
    ['1H', HOUR_MS],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));

  test.each(['', '4', '4 hours', 'h', '0s', '-1h', '1.5h', '30m1h', '4ч'])('"%s" is not a limit', (text) => expect(parseDuration(text)).toBeNull());

  test('durations in words: the two largest units', () => {
    expect(durationWords(2 * HOUR_MS + 15 * MINUTE_MS, 'en')).toBe('2 h 15 min');
    expect(durationWords(2 * HOUR_MS + 15 * MINUTE_MS + 30_000, 'ru')).toBe('2 ч 15 мин');
    expect(durationWords(DAY_MS + 2 * HOUR_MS + 59 * MINUTE_MS, 'en')).toBe('1 d 2 h');
    expect(durationWords(DAY_MS + 5 * MINUTE_MS, 'en')).toBe('1 d');
    expect(durationWords(15_000, 'en')).toBe('15 s');
    expect(durationWords(400, 'en')).toBe('0 s');
    // Working time is said in hours: 32 working hours are not "1 d 8 h".
    expect(durationWords(32 * HOUR_MS + 5 * MINUTE_MS, 'en', false)).toBe('32 h 5 min');
    expect(durationWords(32 * HOUR_MS, 'ru', false)).toBe('32 ч');
  });
});

describe('working calendar Mon–Fri 09:00–18:00 (UTC)', () => {
  const cal = office();

  test("the issue's example: created Friday 18:30 with a 4 h limit is due Monday 13:00", () => {
    expect(new Date(cal.add(at('2026-11-27T18:30:00Z'), 4 * HOUR_MS)).toISOString()).toBe('2026-11-30T13:00:00.000Z');
  });

  test('overnight: Tuesday 17:00 + 2 h = Wednesday 10:00; measured back it is 2 h', () => {
    const due = cal.add(at('2026-11-24T17:00:00Z'), 2 * HOUR_MS);
    expect(new Date(due).toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(cal.between(at('2026-11-24T17:00:00Z'), due)).toBe(2 * HOUR_MS);
  });

  test('a weekend counts nothing: Friday 17:00 → Monday 10:00 is 2 h of working time', () => {
    expect(cal.between(at('2026-11-27T17:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(2 * HOUR_MS);
    expect(cal.between(at('2026-11-28T10:00:00Z'), at('2026-11-29T20:00:00Z'))).toBe(0);
  });

  test('a deadline that falls exactly on closing time stays that day (Monday 14:00 + 4 h = 18:00)', () => {
    expect(new Date(cal.add(at('2026-11-30T14:00:00Z'), 4 * HOUR_MS)).toISOString()).toBe('2026-11-30T18:00:00.000Z');
  });

  test('limits in seconds: Monday 17:59:50 + 15 s = Tuesday 09:00:05', () => {
    expect(new Date(cal.add(at('2026-11-30T17:59:50Z'), 15_000)).toISOString()).toBe('2026-12-01T09:00:05.000Z');
  });

  test('before opening the clock starts at 09:00: Monday 07:00 + 30 min = 09:30', () => {
    expect(new Date(cal.add(at('2026-11-30T07:00:00Z'), 30 * MINUTE_MS)).toISOString()).toBe('2026-11-30T09:30:00.000Z');
  });

  test('measured backwards the time is negative', () => {
    expect(cal.between(at('2026-11-30T12:00:00Z'), at('2026-11-30T10:00:00Z'))).toBe(-2 * HOUR_MS);
  });
});

describe('split days, holidays and moved working days', () => {
  test('split day 09:00–13:00 and 14:00–18:00: Monday 12:00 + 2 h = 15:00; 12:30 → 14:30 is 1 h', () => {
    const cal = office({ hours: [[540, 780], [840, 1080]] });
    expect(new Date(cal.add(at('2026-11-30T12:00:00Z'), 2 * HOUR_MS)).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(cal.between(at('2026-11-30T12:30:00Z'), at('2026-11-30T14:30:00Z'))).toBe(HOUR_MS);
    // 13:00 + 1 s: the lunch break is skipped, the second counts from 14:00.
    expect(new Date(cal.add(at('2026-11-30T13:00:00Z'), 1000)).toISOString()).toBe('2026-11-30T14:00:01.000Z');
  });

  test('holidays: Wednesday 30 Dec 17:00 + 2 h skips 31 Dec and 1 Jan (holidays) and the weekend: Monday 4 Jan 10:00', () => {
    const cal = office({ holidays: ['2026-12-31', '2027-01-01'] });
    expect(new Date(cal.add(at('2026-12-30T17:00:00Z'), 2 * HOUR_MS)).toISOString()).toBe('2027-01-04T10:00:00.000Z');
    expect(new Date(office().add(at('2026-12-30T17:00:00Z'), 2 * HOUR_MS)).toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  test('a moved working Saturday: Friday 17:00 + 2 h = Saturday 10:00', () => {
    const cal = office({ workingDays: ['2026-11-28'] });
    expect(new Date(cal.add(at('2026-11-27T17:00:00Z'), 2 * HOUR_MS)).toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(cal.between(at('2026-11-27T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toBe(18 * HOUR_MS);
  });
});

describe('DST changes in the calendar zone (Europe/Berlin)', () => {
  test('a 09:00–18:00 deadline across the spring change lands on local 10:00 (now +02:00)', () => {
    const cal = compileCalendar(calendarSpec({ timeZone: 'Europe/Berlin' }, 'UTC'));
    // Friday 27 Mar 17:00 +01:00 + 2 h: 1 h on Friday, 1 h on Monday 30 Mar from 09:00 +02:00.
    expect(new Date(cal.add(at('2026-03-27T17:00:00+01:00'), 2 * HOUR_MS)).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  test('working hours spanning the missing hour: 01:00–05:00 is 3 h on the spring Sunday and 5 h on the autumn Sunday', () => {
    const cal = compileCalendar(calendarSpec({ timeZone: 'Europe/Berlin', days: [0], hours: [['01:00', '05:00']] }, 'UTC'));
    expect(cal.between(at('2026-03-29T00:00:00+01:00'), at('2026-03-29T12:00:00+02:00'))).toBe(3 * HOUR_MS);
    expect(cal.between(at('2026-10-25T00:00:00+02:00'), at('2026-10-25T12:00:00+01:00'))).toBe(5 * HOUR_MS);
    // 2 h after Sunday 29 Mar 01:00 +01:00: 1 h until 02:00 (= 03:00 +02:00), then 1 h more: 04:00 +02:00.
    expect(new Date(cal.add(at('2026-03-29T01:00:00+01:00'), 2 * HOUR_MS)).toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });

  test('a round-the-clock calendar equals calendar time: Saturday noon → Sunday noon across the change is 23 h', () => {
    const cal = compileCalendar(calendarSpec({ timeZone: 'Europe/Berlin', days: [0, 1, 2, 3, 4, 5, 6], hours: [['00:00', '24:00']] }, 'UTC'));
    expect(cal.between(at('2026-03-28T12:00:00+01:00'), at('2026-03-29T12:00:00+02:00'))).toBe(23 * HOUR_MS);
  });
});

describe('properties', () => {
  const specs = fc.record({
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
    split: fc.boolean(),
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'Europe/Moscow', 'America/New_York', 'Australia/Lord_Howe'),
  });
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) });

  test('working time is additive (a→b + b→c = a→c) and never exceeds calendar time', () => {
    fc.assert(
      fc.property(specs, instant, instant, instant, (s, x, y, z) => {
        const cal = compileCalendar(calendarSpec({ days: s.days, timeZone: s.zone, hours: s.split ? [['09:00', '13:00'], ['14:00', '18:00']] : [['08:30', '17:45']] }, 'UTC'));
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        expect(cal.between(a, b) + cal.between(b, c)).toBe(cal.between(a, c));
        expect(cal.between(a, c)).toBeLessThanOrEqual(c - a);
        expect(cal.between(a, c)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  test('adding a limit and measuring back gives the limit', () => {
    fc.assert(
      fc.property(specs, instant, fc.integer({ min: 1, max: 5 * DAY_MS }), (s, a, limit) => {
        const cal = compileCalendar(calendarSpec({ days: s.days, timeZone: s.zone, hours: s.split ? [['09:00', '13:00'], ['14:00', '18:00']] : [['08:30', '17:45']] }, 'UTC'));
        const due = cal.add(a, limit);
        expect(due).toBeGreaterThan(a);
        expect(cal.between(a, due)).toBe(limit);
        // And it is the first such instant: a millisecond earlier is short of the limit.
        expect(cal.between(a, due - 1)).toBeLessThan(limit);
      }),
    );
  });
});
