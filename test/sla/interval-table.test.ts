/**
 * The working calendar answers from a precomputed table of working intervals (instants, running
 * totals, an index by UTC hour). This checks it against the calendar's definition computed directly,
 * day by day, with the zone consulted for every instant: the local day of an instant from
 * `instantToWall`, each day's working hours turned into instants with `wallToInstant`, working time as
 * the overlap with those intervals, a deadline as the walk that spends the limit interval by interval.
 * Zones with summer time (Europe/Berlin, America/New_York, Australia/Lord_Howe, whose clocks move by
 * half an hour), holidays and moved working days, instants around the clock changes.
 */
import fc from 'fast-check';
import { compileCalendar, type WorkingCalendarSpec } from '../../src/core/sla/calendar';
import { calendarSpec } from '../../src/core/sla/config';
import { DAY_MS, HOUR_MS } from '../../src/core/sla/duration';
import { instantToWall, wallToInstant } from '../../src/core/time/zone';

/** Direct arithmetic from the definition: no table, no running totals, no index. */
function direct(spec: WorkingCalendarSpec) {
  const dayOf = (t: number): number => Math.floor(instantToWall(t, spec.timeZone) / DAY_MS);
  const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
  const working = (day: number): boolean =>
    spec.workingDays.includes(iso(day)) || (spec.days.includes(new Date(day * DAY_MS).getUTCDay()) && !spec.holidays.includes(iso(day)));
  const intervals = (day: number): [number, number][] =>
    working(day)
      ? spec.hours
          .map(([a, b]): [number, number] => [wallToInstant(day * DAY_MS + a * 60_000, spec.timeZone), wallToInstant(day * DAY_MS + b * 60_000, spec.timeZone)])
          .filter(([a, b]) => b > a)
      : [];
  const between = (x: number, y: number): number => {
    if (y < x) return 0 - between(y, x) || 0; // never -0
    let sum = 0;
    for (let day = dayOf(x) - 1; day <= dayOf(y) + 1; day++) for (const [a, b] of intervals(day)) sum += Math.max(0, Math.min(b, y) - Math.max(a, x));
    return sum;
  };
  const add = (x: number, ms: number): number => {
    let rest = ms;
    for (let day = dayOf(x) - 1; ; day++) {
      for (const [a, b] of intervals(day)) {
        const s = Math.max(a, x);
        if (b <= s) continue;
        if (rest <= b - s) return s + rest;
        rest -= b - s;
      }
    }
  };
  return { between, add };
}

const ZONES = ['UTC', 'Europe/Berlin', 'Europe/Moscow', 'America/New_York', 'Australia/Lord_Howe'];
/** Clock changes of 2025–2026 in those zones, so that many instants fall near one. */
const CHANGES = [
  '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', // Europe
  '2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', // New York
  '2025-04-05T15:00:00Z', '2025-10-04T15:30:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z', // Lord Howe
].map((s) => Date.parse(s));

const isoDay = fc.integer({ min: Date.UTC(2025, 0, 1) / DAY_MS, max: Date.UTC(2026, 11, 31) / DAY_MS }).map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
const specs = fc.record({
  zone: fc.constantFrom(...ZONES),
  days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
  hours: fc.constantFrom<[string, string][]>([['09:00', '18:00']], [['09:00', '13:00'], ['14:00', '18:00']], [['00:00', '24:00']], [['01:00', '05:00'], ['22:30', '24:00']], [['08:30', '17:45']]),
  holidays: fc.array(isoDay, { maxLength: 6 }),
  workingDays: fc.array(isoDay, { maxLength: 3 }),
});
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS })).map(([c, d]) => c + d),
  fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3, max: 3 })).map(([c, h]) => c + h * (HOUR_MS / 2)),
);

const compile = (s: { zone: string; days: number[]; hours: [string, string][]; holidays: string[]; workingDays: string[] }) =>
  calendarSpec({ timeZone: s.zone, days: s.days, hours: s.hours, holidays: s.holidays, workingDays: s.workingDays }, 'UTC');

describe('the interval table agrees with direct calendar arithmetic', () => {
  test('working time between two instants', () => {
    fc.assert(
      fc.property(specs, instant, instant, (s, a, b) => {
        const spec = compile(s);
        expect(compileCalendar(spec).between(a, b)).toBe(direct(spec).between(a, b));
      }),
      { numRuns: 300 },
    );
  });

  test('the deadline of a limit (seconds to days)', () => {
    fc.assert(
      fc.property(specs, instant, fc.integer({ min: 1, max: 4 * DAY_MS }), (s, a, limit) => {
        const spec = compile(s);
        expect(compileCalendar(spec).add(a, limit)).toBe(direct(spec).add(a, limit));
      }),
      { numRuns: 300 },
    );
  });

  test('one calendar asked many times in any order (the table grows both ways) gives the direct answers', () => {
    fc.assert(
      fc.property(specs, fc.array(fc.tuple(instant, instant, fc.integer({ min: 1, max: 3 * DAY_MS })), { minLength: 2, maxLength: 12 }), (s, queries) => {
        const spec = compile(s);
        const cal = compileCalendar(spec);
        const ref = direct(spec);
        for (const [a, b, limit] of queries) {
          expect(cal.between(a, b)).toBe(ref.between(a, b));
          expect(cal.add(a, limit)).toBe(ref.add(a, limit));
        }
      }),
      { numRuns: 60 },
    );
  });

  test('far from the first question: ten years later, and a limit of many weeks', () => {
    const spec = compile({ zone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], hours: [['09:00', '13:00'], ['14:00', '18:00']], holidays: ['2035-03-26'], workingDays: ['2035-03-31'] });
    const cal = compileCalendar(spec);
    const ref = direct(spec);
    const a = Date.parse('2025-03-28T16:00:00Z');
    const b = Date.parse('2035-03-29T10:00:00Z');
    expect(cal.between(a, a + HOUR_MS)).toBe(ref.between(a, a + HOUR_MS));
    expect(cal.between(b, b + 3 * DAY_MS)).toBe(ref.between(b, b + 3 * DAY_MS));
    expect(cal.add(b - 5 * DAY_MS, 20 * HOUR_MS)).toBe(ref.add(b - 5 * DAY_MS, 20 * HOUR_MS));
    expect(cal.add(a, 60 * DAY_MS)).toBe(ref.add(a, 60 * DAY_MS));
  });
});
