/**
 * FUNNEL_VELOCITY and FUNNEL_SLA on a hand-computed table. Cells are Date objects (instants) in a
 * Moscow spreadsheet (UTC+3 all year).
 *         Created         Contacted          Won
 *  L1     Mon 02 Nov 10:00  02 Nov 11:00 (1 h)   05 Nov 10:00 (3 d)
 *  L2     Tue 03 Nov 10:00  03 Nov 16:00 (6 h)   —
 *  L3     Wed 04 Nov 10:00  —                    —
 *  L4     Thu 05 Nov 10:00  06 Nov 10:00 (24 h)  12 Nov 10:00 (7 d)
 */
import { NO_RATE, type CustomFunctionEnv } from '../../src/sheets/custom-functions';
import { funnelSla, funnelVelocity } from '../../src/sheets/speed-functions';
import { FUNNEL_SLA, FUNNEL_VELOCITY } from '../../src/sheets/entrypoints';

const msk = (m: number, d: number, h: number): Date => new Date(Date.UTC(2026, m - 1, d, h - 3));
const env = (now = new Date(Date.UTC(2026, 11, 1))): CustomFunctionEnv => ({ timeZone: () => 'Europe/Moscow', now: () => now });

const rows: (Date | string)[][] = [
  ['Created', 'Contacted', 'Won'],
  [msk(11, 2, 10), msk(11, 2, 11), msk(11, 5, 10)],
  [msk(11, 3, 10), msk(11, 3, 16), ''],
  [msk(11, 4, 10), '', ''],
  [msk(11, 5, 10), msk(11, 6, 10), msk(11, 12, 10)],
];

describe('FUNNEL_VELOCITY', () => {
  test('created → Contacted: median 6 h, mean 31/3 h, p90 20.4 h (R-7: 6 + 0.8 × 18), in days', () => {
    expect(funnelVelocity(rows, 'Lead', 'Contacted', undefined, undefined, env())).toBeCloseTo(6 / 24, 12);
    expect(funnelVelocity(rows, 'created', 'Contacted', 'mean', undefined, env())).toBeCloseTo(31 / 3 / 24, 12);
    expect(funnelVelocity(rows, 'Lead', 'Contacted', 'p90', undefined, env())).toBeCloseTo(20.4 / 24, 12);
  });

  test('the sales cycle: median of 3 and 7 days is 5; as of 10 Nov only L1 (3 days) counts', () => {
    expect(funnelVelocity(rows, 'Lead', 'Won', 'median', undefined, env())).toBeCloseTo(5, 12);
    expect(funnelVelocity(rows, 'Lead', 'Won', 'median', '2026-11-10', env())).toBeCloseTo(3, 12);
    expect(funnelVelocity(rows, 'Lead', 'Won', 'median', '2026-11-04', env())).toBe(NO_RATE);
  });

  test('a bad statistic and stages in the wrong order are errors', () => {
    expect(() => funnelVelocity(rows, 'Lead', 'Won', 'mode', undefined, env())).toThrow(/median", "mean" or "p90/);
    expect(() => funnelVelocity(rows, 'Won', 'Contacted', undefined, undefined, env())).toThrow(/must come after/);
  });
});

describe('FUNNEL_SLA', () => {
  test('created → Contacted within 4 h: L1 on time, L2 and L4 late, L3 open: 1 of 4', () => {
    expect(funnelSla(rows, 'Lead', 'Contacted', '4h', undefined, env())).toBeCloseTo(0.25, 12);
    // Within 1 day: L1, L2 and L4 (exactly 24 h: on the deadline) on time, L3 open: 3 of 4.
    expect(funnelSla(rows, 'Lead', 'Contacted', '1d', undefined, env())).toBeCloseTo(0.75, 12);
  });

  test('as of 4 Nov (end of day): L4 is not created yet; L3 (due 14:00) is open: 1 of 3', () => {
    expect(funnelSla(rows, 'Lead', 'Contacted', '4h', '2026-11-04', env())).toBeCloseTo(1 / 3, 12);
  });

  test('a limit that cannot be parsed says the accepted forms', () => {
    expect(() => funnelSla(rows, 'Lead', 'Contacted', '4 hours', undefined, env())).toThrow(/"15s", "30m", "4h", "2d" or a combination such as "1h30m"/);
    expect(() => funnelSla(rows, 'Lead', 'Contacted', 4, undefined, env())).toThrow(/is not a duration/);
  });

  test('the entry points are declared with the same parameters', () => {
    expect(FUNNEL_VELOCITY.length).toBe(5);
    expect(FUNNEL_SLA.length).toBe(5);
  });
});
