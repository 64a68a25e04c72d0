import { parseConfig } from '../../src/core/config';
import { buildFunnelReport, dayInTimeZone } from '../../src/core/engine';

test('the day of an instant depends on the zone (Moscow is UTC+3, Los Angeles UTC−8 in November)', () => {
  const instant = new Date('2026-11-21T22:30:00Z');
  expect(dayInTimeZone(instant, 'Europe/Moscow')).toBe('2026-11-22');
  expect(dayInTimeZone(instant, 'UTC')).toBe('2026-11-21');
  expect(dayInTimeZone(new Date('2026-11-22T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-11-21');
});

describe('buildFunnelReport', () => {
  const rows = [
    ['Created at', 'Won at'],
    ['2026-11-20 10:00', '2026-11-22 01:00'],
  ];
  const parsed = parseConfig({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }], timeZone: 'Europe/Moscow' });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));

  test('without a report date, today is taken in the config time zone', () => {
    // 22:30 UTC on the 21st is already the 22nd in Moscow: the win at 01:00 on the 22nd counts.
    const out = buildFunnelReport(rows, { config: parsed.config, sheet: 'Leads', sourceName: 't', now: new Date('2026-11-21T22:30:00Z') });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.asOf).toBe('2026-11-22');
    expect(out.report.cohortReport.total.reached).toEqual([1, 1]);
  });

  test('unusable input is an outcome with an English and a Russian message, not an exception', () => {
    const empty = buildFunnelReport([], { sheet: 'Leads', sourceName: 't' });
    expect(empty).toMatchObject({ ok: false, error: expect.stringContaining('Leads'), errorRu: expect.stringContaining('Leads') });
    const noCreated = buildFunnelReport([['Name', 'Won at'], ['x', '2026-01-01']], { sheet: 'Leads', sourceName: 't' });
    expect(noCreated.ok).toBe(false);
    const badDate = buildFunnelReport(rows, { config: parsed.config, sheet: 'Leads', sourceName: 't', asOf: '2026-02-30' });
    expect(badDate).toMatchObject({ ok: false, error: expect.stringContaining('2026-02-30') });
  });
});
