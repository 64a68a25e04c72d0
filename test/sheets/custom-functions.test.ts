/**
 * FUNNEL_CONVERSION and FUNNEL_COHORTS on hand-computed tables. Cells are Date objects, as Sheets
 * passes them: instants. The spreadsheet zone is Europe/Moscow (UTC+3 all year), and several dates
 * sit near midnight, so reading them in UTC instead of the spreadsheet's zone changes the answers.
 */
import fc from 'fast-check';
import { appsScriptEnv, funnelCohorts, funnelConversion, NO_RATE, type CustomFunctionEnv } from '../../src/sheets/custom-functions';
import { instantToWall, wallToInstant } from '../../src/core/time/zone';
import { asOfArg } from '../../src/sheets/args';
import { FUNNEL_COHORTS, FUNNEL_CONVERSION } from '../../src/sheets/entrypoints';

const ZONE = 'Europe/Moscow';

/** A cell holding local time y-m-d h:mi in Moscow (UTC+3), as the instant Sheets hands over. */
function msk(y: number, m: number, d: number, h = 12, mi = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h - 3, mi));
}

function env(now: Date = msk(2024, 10, 1)): CustomFunctionEnv {
  return { timeZone: () => ZONE, now: () => now };
}

/**
 * Six leads created in September 2024, plus one created after the main report date.
 *                 Created          Target         Qualified      Won
 *  L1             Mon 02 Sep       03 Sep         05 Sep         10 Sep
 *  L2             Tue 03 Sep       04 Sep         —  (skipped)   26 Sep 10:00
 *  L3             Mon 09 Sep       10 Sep         12 Sep         27 Sep 00:30 (after 26 Sep; 26 Sep 21:30 UTC)
 *  L4             Tue 10 Sep       11 Sep         —              —
 *  L5             Mon 16 Sep 00:30 —              —              —     (15 Sep 21:30 UTC: a week earlier in UTC)
 *  L6             Tue 17 Sep       30 Sep         —              —
 *  L7             Fri 27 Sep       28 Sep         —              —
 * As of 26 Sep: leads 6 (L1–L6), Target 4 (L1–L4), Qualified 3 (L1, L2 via Won, L3), Won 2 (L1, L2).
 * As of 30 Sep: leads 7, Target 6 (L1–L4, L6, L7), Qualified 3, Won 3 (L1–L3).
 */
const HEADER = ['Created', 'Target', 'Qualified', 'Won'];
function sixLeads(): (Date | string)[][] {
  return [
    HEADER,
    [msk(2024, 9, 2), msk(2024, 9, 3), msk(2024, 9, 5), msk(2024, 9, 10)],
    [msk(2024, 9, 3), msk(2024, 9, 4), '', msk(2024, 9, 26, 10)],
    [msk(2024, 9, 9), msk(2024, 9, 10), msk(2024, 9, 12), msk(2024, 9, 27, 0, 30)],
    [msk(2024, 9, 10), msk(2024, 9, 11), '', ''],
    [msk(2024, 9, 16, 0, 30), '', '', ''],
    [msk(2024, 9, 17), msk(2024, 9, 30), '', ''],
    [msk(2024, 9, 27), msk(2024, 9, 28), '', ''],
  ];
}

describe('FUNNEL_CONVERSION on six hand-computed leads', () => {
  const asOf = '2024-09-26';
  it.each([
    ['Lead', 'Target', 4 / 6],
    ['Target', 'Qualified', 3 / 4],
    ['Qualified', 'Won', 2 / 3],
    ['Lead', 'Won', 2 / 6],
    ['Target', 'Won', 2 / 4],
  ])('%s → %s as of 26 Sep', (from, to, expected) => {
    expect(funnelConversion(sixLeads(), from, to, asOf, env())).toBeCloseTo(expected, 12);
  });

  it('counts a skipped stage as passed: L2 has no Qualified date but was won', () => {
    const withoutL2 = sixLeads().filter((_, i) => i !== 2);
    expect(funnelConversion(sixLeads(), 'Target', 'Qualified', asOf, env())).toBeCloseTo(3 / 4, 12);
    expect(funnelConversion(withoutL2, 'Target', 'Qualified', asOf, env())).toBeCloseTo(2 / 3, 12);
  });

  it('ignores timestamps after as_of, in the spreadsheet time zone', () => {
    // L3 was won at 00:30 on 27 Sep Moscow time, which is still 26 Sep in UTC: not counted as of 26 Sep.
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', '2024-09-26', env())).toBeCloseTo(2 / 3, 12);
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', '2024-09-27', env())).toBeCloseTo(3 / 3, 12);
    // L2 was won on 26 Sep and has no Qualified date: as of 25 Sep it is only at Target,
    // leaving Qualified = L1, L3 and Won = L1.
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', '2024-09-25', env())).toBeCloseTo(1 / 2, 12);
    expect(funnelConversion(sixLeads(), 'Lead', 'Target', '2024-09-30', env())).toBeCloseTo(6 / 7, 12);
  });

  it('accepts as_of as a date cell, a serial number, a dotted date, or blank for today', () => {
    const expected = 2 / 3; // Qualified → Won as of 26 Sep
    // Midnight of 26 Sep in Moscow is 25 Sep 21:00 UTC.
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', msk(2024, 9, 26, 0), env())).toBeCloseTo(expected, 12);
    // 2024-01-01 is serial 45292; 26 Sep is day 270 of the leap year 2024 → 45292 + 269.
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', 45561, env())).toBeCloseTo(expected, 12);
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', '26.09.2024', env())).toBeCloseTo(expected, 12);
    // "Now" is 01:30 on 26 Sep in Moscow (25 Sep in UTC).
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', '', env(msk(2024, 9, 26, 1, 30)))).toBeCloseTo(expected, 12);
    expect(funnelConversion(sixLeads(), 'Qualified', 'Won', undefined, env(msk(2024, 9, 26, 1, 30)))).toBeCloseTo(expected, 12);
  });

  it('finds stages by name case- and space-insensitively, and "Lead"/"Лид"/the creation header mean the first step', () => {
    for (const first of ['Lead', 'lead', 'Лид', ' created ', 'CREATED']) {
      expect(funnelConversion(sixLeads(), first, ' won ', '2024-09-26', env())).toBeCloseTo(2 / 6, 12);
    }
    expect(funnelConversion(sixLeads(), 'TARGET', 'qualified', '2024-09-26', env())).toBeCloseTo(3 / 4, 12);
  });

  it('returns "—" for 0 of 0 and a real 0 when the denominator is not 0', () => {
    // L1 qualified and was won only after the report date; every column still holds dates.
    const nobodyQualified = [HEADER, [msk(2024, 9, 2), msk(2024, 9, 3), msk(2024, 10, 5), msk(2024, 10, 6)], [msk(2024, 9, 3), '', '', '']];
    expect(funnelConversion(nobodyQualified, 'Qualified', 'Won', '2024-09-26', env())).toBe(NO_RATE);
    expect(NO_RATE).toBe('—');
    expect(funnelConversion(nobodyQualified, 'Target', 'Won', '2024-09-26', env())).toBe(0);
  });

  it('ignores trailing blank rows and columns of a whole-column reference', () => {
    const padded = [...sixLeads().map((r) => [...r, '', '']), ...Array.from({ length: 500 }, () => ['', '', '', '', '', ''])];
    expect(funnelConversion(padded, 'Target', 'Qualified', asOf, env())).toBeCloseTo(3 / 4, 12);
  });
});

/** The cohort from the issue: 12–18 Sep 2022 (Mon–Sun), report made 26 Sep: 558 → 236 → 126 → 53 → 23. */
function issueCohort(): (Date | string)[][] {
  const rows: (Date | string)[][] = [['Created', 'Target', 'Qualified', 'Proposal', 'Won']];
  for (let i = 0; i < 558; i++) {
    const created = msk(2022, 9, 12 + (i % 7), 9 + (i % 9));
    const target = i < 236 ? msk(2022, 9, 19) : '';
    const qualified = i < 126 ? msk(2022, 9, 20) : '';
    // Won leads skipped the Proposal column (the CRM jumped straight to Won): still counted as proposals.
    const proposal = i >= 23 && i < 53 ? msk(2022, 9, 22) : '';
    // Three proposals were won on 27 Sep, after the report date: they count as proposals only.
    const won = i < 23 ? msk(2022, 9, 23) : i < 26 ? msk(2022, 9, 27, 10) : '';
    rows.push([created, target, qualified, proposal, won]);
  }
  return rows;
}

describe('the 558 / 236 / 126 / 53 / 23 cohort from the issue', () => {
  const asOf = '2022-09-26';
  it.each([
    ['Lead', 'Target', 236 / 558],
    ['Target', 'Qualified', 126 / 236],
    ['Qualified', 'Proposal', 53 / 126],
    ['Proposal', 'Won', 23 / 53],
    ['Lead', 'Won', 23 / 558],
  ])('FUNNEL_CONVERSION %s → %s', (from, to, expected) => {
    expect(funnelConversion(issueCohort(), from, to, asOf, env())).toBeCloseTo(expected, 12);
  });

  it('lead → sale is 4.12%', () => {
    expect(funnelConversion(issueCohort(), 'Lead', 'Won', asOf, env())).toBeCloseTo(0.0412, 4);
  });

  it('FUNNEL_COHORTS gives one weekly row starting Monday 12 Sep with 558, 236, 126, 53, 23', () => {
    const table = funnelCohorts(issueCohort(), 'week', asOf, env());
    expect(table).toHaveLength(2);
    expect(table[0]).toEqual(['Period start', 'Leads', 'Target', 'Qualified', 'Proposal', 'Won', 'Overall conversion']);
    const [start, ...counts] = table[1];
    // Midnight of 12 Sep in Moscow = 11 Sep 21:00 UTC.
    expect((start as Date).getTime()).toBe(Date.UTC(2022, 8, 11, 21));
    expect(counts.slice(0, 5)).toEqual([558, 236, 126, 53, 23]);
    expect(counts[5]).toBeCloseTo(23 / 558, 12);
  });
});

describe('FUNNEL_COHORTS on six hand-computed leads', () => {
  it('weekly: three Monday weeks, L5 in the week of 16 Sep although it is 15 Sep in UTC', () => {
    const table = funnelCohorts(sixLeads(), 'week', '2024-09-26', env());
    expect(table[0]).toEqual(['Period start', 'Leads', 'Target', 'Qualified', 'Won', 'Overall conversion']);
    const rows = table.slice(1).map(([start, ...rest]) => [(start as Date).getTime(), ...rest]);
    expect(rows).toEqual([
      // Week of 2 Sep: L1, L2 — both reached Target and Won, hence Qualified.
      [Date.UTC(2024, 8, 1, 21), 2, 2, 2, 2, 1],
      // Week of 9 Sep: L3 (Qualified; Won after as_of), L4 (Target).
      [Date.UTC(2024, 8, 8, 21), 2, 2, 1, 0, 0],
      // Week of 16 Sep: L5 and L6 (Target on 30 Sep, after as_of).
      [Date.UTC(2024, 8, 15, 21), 2, 0, 0, 0, 0],
    ]);
  });

  it('monthly and quarterly: one period holding all six leads created by 26 Sep', () => {
    for (const [grain, start] of [
      ['month', Date.UTC(2024, 7, 31, 21)],
      ['Квартал', Date.UTC(2024, 5, 30, 21)],
    ] as const) {
      const table = funnelCohorts(sixLeads(), grain, '2024-09-26', env());
      expect(table).toHaveLength(2);
      const [first, ...rest] = table[1];
      expect((first as Date).getTime()).toBe(start);
      expect(rest.slice(0, 4)).toEqual([6, 4, 3, 2]);
      expect(rest[4]).toBeCloseTo(2 / 6, 12);
    }
  });

  it('defaults to weeks, and shows "—" as the overall conversion of a week with no leads', () => {
    const gap = [HEADER, [msk(2024, 9, 2), msk(2024, 9, 3), msk(2024, 9, 3), msk(2024, 9, 4)], [msk(2024, 9, 17), '', '', '']];
    const table = funnelCohorts(gap, '', '2024-09-26', env());
    expect(table.slice(1).map((r) => r.slice(1))).toEqual([
      [1, 1, 1, 1, 1],
      [0, 0, 0, 0, NO_RATE],
      [1, 0, 0, 0, 0],
    ]);
  });

  it('returns period starts as real Dates at local midnight across a DST change (New York)', () => {
    const ny = { timeZone: () => 'America/New_York', now: () => new Date() };
    // Local noon on Fri 1 Nov and Tue 5 Nov 2024; DST ended on Sun 3 Nov.
    const rows = [['Created', 'Won'], [new Date(Date.UTC(2024, 10, 1, 16)), new Date(Date.UTC(2024, 10, 6, 17))], [new Date(Date.UTC(2024, 10, 5, 17)), '']];
    const starts = funnelCohorts(rows, 'week', '2024-11-10', ny).slice(1).map((r) => (r[0] as Date).getTime());
    // Mon 28 Oct 00:00 EDT (UTC−4) and Mon 4 Nov 00:00 EST (UTC−5).
    expect(starts).toEqual([Date.UTC(2024, 9, 28, 4), Date.UTC(2024, 10, 4, 5)]);
  });
});

describe('Russian headers', () => {
  // "Дата создания" = created, "Квалифицирован" = qualified, "Оплачен" = paid.
  const rows = [
    ['Дата создания', 'Квалифицирован', 'Оплачен'],
    [msk(2024, 9, 2), msk(2024, 9, 3), msk(2024, 9, 9)],
    [msk(2024, 9, 3), msk(2024, 9, 5), ''],
    [msk(2024, 9, 4), '', ''],
  ];

  it('stages are found by their Russian names and "Лид" is the first step', () => {
    expect(funnelConversion(rows, 'Лид', 'квалифицирован', '2024-09-26', env())).toBeCloseTo(2 / 3, 12);
    expect(funnelConversion(rows, 'Квалифицирован', 'ОПЛАЧЕН', '2024-09-26', env())).toBeCloseTo(1 / 2, 12);
  });

  it('FUNNEL_COHORTS labels its columns in Russian unless the settings say otherwise', () => {
    expect(funnelCohorts(rows, 'месяц', '2024-09-26', env())[0]).toEqual(['Начало периода', 'Лиды', 'Квалифицирован', 'Оплачен', 'Общая конверсия']);
    const english = { ...env(), baseConfig: () => ({ locale: 'en' as const }) };
    expect(funnelCohorts(rows, 'месяц', '2024-09-26', english)[0]).toEqual(['Period start', 'Leads', 'Квалифицирован', 'Оплачен', 'Overall conversion']);
  });
});

describe('bad arguments give an error saying what to fix, in English and Russian', () => {
  function messageOf(f: () => unknown): string {
    try {
      f();
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('expected an error');
  }

  it('unknown stage: names the typo and lists the stages', () => {
    const msg = messageOf(() => funnelConversion(sixLeads(), 'Qualifed', 'Won', '2024-09-26', env()));
    expect(msg).toContain('FUNNEL_CONVERSION');
    expect(msg).toContain('"Qualifed" not found');
    expect(msg).toContain('Stages: Lead, Target, Qualified, Won.');
    expect(msg).toContain('этап "Qualifed" не найден');
  });

  it('stages in the wrong order', () => {
    const msg = messageOf(() => funnelConversion(sixLeads(), 'Won', 'Target', '2024-09-26', env()));
    expect(msg).toContain('must come after');
    expect(msg).toContain('Lead → Target → Qualified → Won');
    expect(msg).toContain('должен идти после');
  });

  it.each([
    ['a single cell', 'Created', /not a single value/],
    ['an empty range', [['', ''], ['', '']], /range is empty/],
    ['a header row only', [HEADER, ['', '', '', '']], /only a header row/],
  ])('%s as leads', (_, leads, pattern) => {
    const msg = messageOf(() => funnelConversion(leads, 'Lead', 'Won', '2024-09-26', env()));
    expect(msg).toMatch(pattern);
    expect(msg).toMatch(/[а-я]/);
    expect(messageOf(() => funnelCohorts(leads, 'week', '2024-09-26', env()))).toMatch(pattern);
  });

  it('unknown grain', () => {
    const msg = messageOf(() => funnelCohorts(sixLeads(), 'fortnight', '2024-09-26', env()));
    expect(msg).toContain('FUNNEL_COHORTS');
    expect(msg).toContain('"fortnight"');
    expect(msg).toContain('"week", "month" or "quarter"');
    expect(msg).toContain('"неделя", "месяц" или "квартал"');
  });

  it.each(['yesterday', '2024-02-30', '26/09/2024', 2024, true])('unparseable as_of %p', (asOf) => {
    const msg = messageOf(() => funnelConversion(sixLeads(), 'Lead', 'Won', asOf, env()));
    expect(msg).toContain(`as_of "${String(asOf)}" is not a date`);
    expect(msg).toContain('не распознана');
  });

  it('a missing stage argument', () => {
    expect(messageOf(() => funnelConversion(sixLeads(), '', 'Won', '2024-09-26', env()))).toMatch(/from_stage must be a stage name/);
  });

  it('a table with no creation column', () => {
    const msg = messageOf(() => funnelConversion([['Name', 'Phone'], ['Ann', '123']], 'Lead', 'Won', '2024-09-26', env()));
    expect(msg).toContain('FUNNEL_CONVERSION');
    expect(msg).toMatch(/[а-я]/);
  });
});

describe('time zone handling', () => {
  it('as_of from a date cell is read in the spreadsheet zone', () => {
    // 25 Sep 22:00 UTC is 26 Sep 01:00 in Moscow and 25 Sep 18:00 in New York.
    const cell = new Date(Date.UTC(2024, 8, 25, 22));
    expect(asOfArg('F', cell, 'Europe/Moscow', new Date())).toBe('2024-09-26');
    expect(asOfArg('F', cell, 'America/New_York', new Date())).toBe('2024-09-25');
  });

  it('wallToInstant inverts instantToWall, also around DST changes', () => {
    const zones = ['Europe/Moscow', 'America/New_York', 'Europe/Berlin', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const wall = instantToWall(instant, zone);
          // The wall time of the chosen instant is the wall time asked for (holds for repeated hours too).
          expect(instantToWall(wallToInstant(wall, zone), zone)).toBe(wall);
        },
      ),
    );
  });

  it('a local midnight that does not exist maps to the first instant of that day', () => {
    // Chile moved clocks from 00:00 to 01:00 on Sun 8 Sep 2024 (UTC−4 → UTC−3).
    const instant = wallToInstant(Date.UTC(2024, 8, 8), 'America/Santiago');
    expect(instant).toBe(Date.UTC(2024, 8, 8, 4));
    expect(new Date(instantToWall(instant, 'America/Santiago')).toISOString()).toBe('2024-09-08T01:00:00.000Z');
  });

  it('appsScriptEnv reads the spreadsheet zone, then the script zone, then falls back to UTC', () => {
    const g = globalThis as Record<string, unknown>;
    try {
      g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'Asia/Tokyo' }) };
      g.Session = { getScriptTimeZone: () => 'Europe/Berlin' };
      expect(appsScriptEnv().timeZone()).toBe('Asia/Tokyo');
      g.SpreadsheetApp = { getActiveSpreadsheet: () => { throw new Error('not allowed'); } };
      expect(appsScriptEnv().timeZone()).toBe('Europe/Berlin');
      delete g.Session;
      expect(appsScriptEnv().timeZone()).toBe('UTC');
    } finally {
      delete g.SpreadsheetApp;
      delete g.Session;
    }
  });

  it('appsScriptEnv keeps a custom GMT-07:00 spreadsheet zone instead of falling back to the script zone', () => {
    const g = globalThis as Record<string, unknown>;
    try {
      g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'GMT-07:00' }) };
      g.Session = { getScriptTimeZone: () => 'Europe/Berlin' };
      const zone = appsScriptEnv().timeZone();
      expect(zone).toBe('GMT-07:00');
      // 2024-09-02 06:59 UTC is still Sunday 1 Sep at UTC−7: the week of 26 Aug.
      const rows = [['Created at', 'Won at'], [new Date(Date.UTC(2024, 8, 2, 6, 59)), '']];
      const env: CustomFunctionEnv = { timeZone: () => zone, now: () => new Date(Date.UTC(2024, 8, 10)) };
      const table = funnelCohorts(rows, 'week', '2024-09-09', env);
      // Period start = midnight 26 Aug at UTC−7 = 07:00 UTC.
      expect((table[1][0] as Date).getTime()).toBe(Date.UTC(2024, 7, 26, 7));
    } finally {
      delete g.SpreadsheetApp;
      delete g.Session;
    }
  });

  it('the exported entry points use the spreadsheet zone', () => {
    const g = globalThis as Record<string, unknown>;
    try {
      g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => ZONE }) };
      expect(FUNNEL_CONVERSION(sixLeads(), 'Qualified', 'Won', '2024-09-26')).toBeCloseTo(2 / 3, 12);
      const cohorts = FUNNEL_COHORTS(sixLeads(), 'week', '2024-09-26');
      expect((cohorts[1][0] as Date).getTime()).toBe(Date.UTC(2024, 8, 1, 21));
      // In UTC, L3's Won date (27 Sep 00:30 Moscow = 26 Sep 21:30 UTC) would fall on 26 Sep.
      g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'UTC' }) };
      expect(FUNNEL_CONVERSION(sixLeads(), 'Qualified', 'Won', '2024-09-26')).toBeCloseTo(3 / 3, 12);
    } finally {
      delete g.SpreadsheetApp;
    }
  });
});
