/**
 * Plausible dates (DESIGN.md): dates before 1990-01-01 or more than a year after the report date are
 * data issues at their row and column and are not used; leads created after the report date are
 * counted and said. Expected counts are worked out by hand from the rows below.
 */
import fc from 'fast-check';
import { CsvRowSource, csvLayout } from '../../src/cli/csv-columnar';
import { DEFAULT_CONFIG, parseConfig, type FunnelConfig } from '../../src/core/config';
import { buildFunnelReport } from '../../src/core/engine';
import { ingestRows, ingestSource } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

const W = Date.UTC;
const N = Number.NaN;
const AS_OF = '2026-11-22';
const config: FunnelConfig = {
  ...DEFAULT_CONFIG,
  columns: { createdAt: 'Created', id: 'ID', lostAt: 'Lost at' },
  stages: [{ name: 'Won', column: 'Won at' }],
};

const rows: CellValue[][] = [
  ['ID', 'Created', 'Won at', 'Lost at'],
  ['a', '0001-01-01', '', ''], // 2: not a lead
  ['b', new Date(Date.UTC(1899, 11, 30)), '', ''], // 3: the spreadsheet zero date, not a lead
  ['c', '1900-01-01', '', ''], // 4: not a lead
  ['d', '1989-12-31 23:59', '', ''], // 5: one minute too early, not a lead
  ['e', '1990-01-01', '', ''], // 6: the first plausible day
  ['f', '2026-11-16', '30.12.1899', ''], // 7: the Won date is ignored
  ['g', '2026-11-17', '2026-11-20', '1899-12-30'], // 8: the lost date is ignored
  ['h', '2026-11-22 23:59', '', ''], // 9: the report date itself
  ['i', '2027-11-22', '', ''], // 10: exactly a year later: plausible, but after the report date
  ['j', '2027-11-23', '', ''], // 11: more than a year later: not a lead
];

describe('dates outside the plausible window', () => {
  const r = ingestRows(rows, { config, sheet: 'Leads', asOf: AS_OF });

  test('are errors at their row and column; creation dates make the row no lead', () => {
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([
      [2, 'Created', '0001-01-01', 'error'],
      [3, 'Created', '1899-12-30 00:00', 'error'],
      [4, 'Created', '1900-01-01', 'error'],
      [5, 'Created', '1989-12-31 23:59', 'error'],
      [7, 'Won at', '30.12.1899', 'error'],
      [8, 'Lost at', '1899-12-30', 'error'],
      [11, 'Created', '2027-11-23', 'error'],
    ]);
    expect(r.issues[0].problem).toBe(
      'Creation date: an implausible date (outside 1990-01-01 … 2027-11-22; see plausibleDates in the settings); the row is not counted as a lead',
    );
    expect(r.issues[0].problemRu).toContain('неправдоподобная дата (вне диапазона 1990-01-01 … 2027-11-22');
    expect(r.issues[4].problem).toMatch(/^Date of stage "Won": an implausible date .*; the value is ignored$/);
  });

  test('the leads are e … i; the ignored stage and lost dates are blank', () => {
    expect(r.leads.ids).toEqual(['e', 'f', 'g', 'h', 'i']);
    expect(r.rowsRead).toBe(10);
    expect(Array.from(r.leads.stageTimes[0])).toEqual([N, N, W(2026, 10, 20), N, N]);
    expect(Array.from(r.leads.lostAt)).toEqual([N, N, N, N, N]);
  });

  test('the report: 4 leads in it (e, f, g, h), 1 created after the report date, said in both languages', () => {
    const out = buildFunnelReport(rows, { config, sheet: 'Leads', sourceName: 't', asOf: AS_OF });
    if (!out.ok) throw new Error(out.error);
    const { source, cohortReport } = out.report;
    expect(source.leads).toBe(4);
    expect(cohortReport.total.leads).toBe(source.leads);
    expect(source.createdAfterAsOf).toBe(1);
    expect(source.createdAfterAsOfNote).toEqual({
      en: '1 lead created after 2026-11-22 is not in this report',
      ru: 'Лидов, созданных после 2026-11-22: 1; в этот отчёт они не вошли',
    });
    // Weeks from 1990-01-01 (a Monday) to the week of 2026-11-16: the span of real dates only.
    const weeks = (W(2026, 10, 16) - W(1990, 0, 1)) / (7 * 86_400_000) + 1;
    expect(cohortReport.cohorts).toHaveLength(weeks);
  });

  test('one zero date no longer stretches the table over a hundred thousand weeks', () => {
    const two: CellValue[][] = [['Created', 'Won at'], ['0001-01-01', ''], ['2026-11-17', '2026-11-18']];
    const out = buildFunnelReport(two, { config: { ...config, columns: { createdAt: 'Created' } }, sheet: 'Leads', sourceName: 't', asOf: AS_OF });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.cohortReport.cohorts.map((c) => [c.start, c.leads])).toEqual([['2026-11-16', 1]]);
    expect(out.report.dataIssues.map((i) => i.row)).toEqual([2]);
  });

  test('12 leads after the report date: "12 leads created after 2026-11-22 are not in this report"', () => {
    const many: CellValue[][] = [['Created', 'Won at'], ['2026-11-20', '']];
    for (let d = 1; d <= 12; d++) many.push([`2026-12-${String(d).padStart(2, '0')}`, '']);
    const out = buildFunnelReport(many, { config: { ...config, columns: { createdAt: 'Created' } }, sheet: 'Leads', sourceName: 't', asOf: AS_OF });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.source.leads).toBe(1);
    expect(out.report.source.createdAfterAsOf).toBe(12);
    expect(out.report.source.createdAfterAsOfNote?.en).toBe('12 leads created after 2026-11-22 are not in this report');
    expect(out.data.leads.count).toBe(13);
  });

  test('the CSV byte reader applies the same window', () => {
    const csv = rows.map((r) => r.map((v) => (v instanceof Date ? '1899-12-30' : String(v))).join(',')).join('\n');
    const layout = csvLayout(Buffer.from(csv));
    if (!layout) throw new Error('byte reader declined the file');
    const strings = csv.split('\n').map((l) => l.split(','));
    expect(ingestSource(new CsvRowSource(layout), { config, sheet: 'Leads', asOf: AS_OF })).toStrictEqual(
      ingestRows(strings, { config, sheet: 'Leads', asOf: AS_OF }),
    );
  });
});

describe('the window is configurable and validated', () => {
  const base = { columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }] };

  test('an earlier start and a longer reach', () => {
    const parsed = parseConfig({ ...base, plausibleDates: { earliest: '1850-01-01', yearsAfterReportDate: 2 } });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const r = ingestRows(
      [['Created', 'Won at'], ['1899-12-30', ''], ['2028-11-22', ''], ['2028-11-23', '']],
      { config: parsed.config, sheet: 'Leads', asOf: AS_OF },
    );
    expect(r.leads.count).toBe(2);
    expect(r.issues.map((i) => i.row)).toEqual([4]);
  });

  test('each bad key is named', () => {
    const r = parseConfig({ ...base, plausibleDates: { earliest: '1990-13-01', yearsAfterReportDate: -1, latest: 'x' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'plausibleDates.latest: unknown field',
      'plausibleDates.earliest: must be a YYYY-MM-DD date (e.g. "1990-01-01")',
      'plausibleDates.yearsAfterReportDate: must be an integer 0 … 100 (e.g. 1)',
    ]);
    expect(parseConfig({ ...base, plausibleDates: 5 })).toMatchObject({ ok: false, errors: ['plausibleDates: must be an object {earliest, yearsAfterReportDate}'] });
  });

  test('without a report date only the lower bound applies', () => {
    const r = ingestRows([['Created', 'Won at'], ['1980-01-01', ''], ['2999-01-01', '']], { config: { ...config, columns: { createdAt: 'Created' } }, sheet: 'Leads' });
    expect(r.leads.count).toBe(1);
  });
});

describe('property: every lead is inside the window, every row outside it is an error', () => {
  test('random creation days from year 1 to 9999', () => {
    const lo = W(1990, 0, 1);
    const hi = W(2027, 10, 22, 23, 59, 59, 999);
    const FIRST_DAY = -719_162; // 0001-01-01 in days since 1970 (Date.UTC would read year 1 as 1901)
    const day = fc.integer({ min: FIRST_DAY, max: W(9999, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    const near = fc.integer({ min: W(1985, 0, 1) / 86_400_000, max: W(2030, 0, 1) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.oneof(day, near), { minLength: 1, maxLength: 40 }), (days) => {
        const r = ingestRows([['Created', 'Won at'], ...days.map((d) => [d, ''])], { config: { ...config, columns: { createdAt: 'Created' } }, sheet: 'Leads', asOf: AS_OF });
        // ISO days compare as strings (and Date.UTC would read years below 100 as 19xx).
        const inside = days.filter((d) => d >= '1990-01-01' && d <= '2027-11-22');
        expect(r.leads.count).toBe(inside.length);
        expect(r.issues.length).toBe(days.length - inside.length);
        for (const t of r.leads.createdAt) expect(t >= lo && t <= hi).toBe(true);
      }),
    );
  });
});
