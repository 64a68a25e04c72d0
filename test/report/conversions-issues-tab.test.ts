import fc from 'fast-check';
import type { CohortRow, FunnelReport } from '../../src/core/model';
import type { TabLayout } from '../../src/report/layout';
import { buildReportTabs } from '../../src/report/tabs';
import { ISSUES, sampleReport } from './fixture';

const rowOf = (t: TabLayout, first: unknown) => t.values.findIndex((r) => r[0] === first);

describe('Conversions tab', () => {
  const conv = buildReportTabs(sampleReport(), { locale: 'en', leadsSheet: 'Leads' })[1];

  test('one section per dimension, values sorted by leads descending', () => {
    expect(conv.values[0][0]).toBe('Conversions by slice · leads created 2026-08-29 – 2026-09-25 · as of 2026-09-26');
    const channelSection = rowOf(conv, 'Channel');
    expect(conv.values[channelSection][1]).toBe('Source');
    const first = channelSection + 3; // section row, two header rows
    expect([0, 1, 2].map((i) => conv.values[first + i][0])).toEqual(['=IMPORTXML("http://x.example","//a")', 'Organic', '(blank)']);
    expect([0, 1, 2].map((i) => conv.values[first + i][1])).toEqual([300, 100, 7]);
    expect(rowOf(conv, 'Manager')).toBeGreaterThan(first + 2);
    expect(conv.values.some((r) => r[0] === 'Иван Петров')).toBe(true);
    expect(conv.values[rowOf(conv, 'Manager')][1]).toBe('Ответственный');
    const same = sampleReport();
    same.conversions.tables[0].column = 'Channel';
    const t = buildReportTabs(same, { locale: 'en', leadsSheet: 'Leads' })[1];
    expect(t.values[rowOf(t, 'Channel')][1]).toBeNull();
  });

  test('rates, dashes and formats', () => {
    const r = rowOf(conv, 'Organic');
    // columns: 0 value, 1 leads, stage k reached at 2k, step % at 2k+1, 10 lead→won
    expect(conv.values[r].slice(1, 11)).toEqual([100, 60, 0.6, 30, 0.5, 10, 1 / 3, 5, 0.5, 0.05]);
    expect(conv.numberFormats![r][2]).toBe('#,##0');
    expect(conv.numberFormats![r][3]).toBe('0.0%');
    expect(conv.numberFormats![r][10]).toBe('0.00%');
    const big = rowOf(conv, '=IMPORTXML("http://x.example","//a")');
    expect(conv.values[big][7]).toBe('—'); // proposal step: 0 / 0
    expect(conv.values[big][5]).toBe(0); // qualified step: 0 / 100
  });

  test('no colour scales: only rates that stand out from all other leads are marked, with ▲/▼, colour and a note', () => {
    expect(conv.colorScales).toEqual([]);
    const r = sampleReport();
    const organic = r.conversions.tables[0].rows[0];
    organic.stepTone[1] = 'high';
    organic.overallTone = 'high';
    r.conversions.tables[0].rows[1].stepTone[1] = 'low';
    const t = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[1];
    const row = rowOf(t, 'Organic');
    expect(t.values[row][3]).toBe(0.6);
    expect(t.numberFormats![row][3]).toBe('"▲ "0.0%');
    expect(t.backgrounds![row][3]).toBe('#c6efce');
    // all other leads at the Target step: (160 − 60) / (407 − 100) = 32.6%
    expect(t.notes!.find((n) => n.row === row && n.col === 3)?.text).toBe('Significantly above all other leads: 60.0% vs 32.6%.');
    expect(t.numberFormats![row][10]).toBe('"▲ "0.00%');
    const big = rowOf(t, '=IMPORTXML("http://x.example","//a")');
    expect(t.numberFormats![big][3]).toBe('"▼ "0.0%');
    expect(t.backgrounds![big][3]).toBe('#ffc7ce');
    // an unmarked rate is neither coloured nor arrowed
    expect(t.backgrounds![row][5]).toBeNull();
    expect(t.numberFormats![row][5]).toBe('0.0%');
    const ru = buildReportTabs(r, { locale: 'ru', leadsSheet: 'Leads' })[1];
    expect(ru.notes!.find((n) => n.row === row && n.col === 3)?.text).toBe('Значимо выше всех остальных лидов: 60,0% против 32,6%.');
  });

  test('each section ends with the row of all leads', () => {
    const first = rowOf(conv, 'Channel') + 3;
    expect(conv.values[first + 3].slice(0, 3)).toEqual(['All leads', 407, 160]);
    expect(conv.values[first + 3][10]).toBeCloseTo(5 / 407, 12);
    expect(conv.fontWeights![first + 3][0]).toBe('bold');
    expect(buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' })[1].values.some((r) => r[0] === 'Все лиды')).toBe(true);
  });

  test('the subtitle states the filters and which leads each stage counts', () => {
    expect(conv.values[1][0]).toBe(
      'Filters: all. Each stage counts only leads old enough to have reached it (the usual time, as on the Cohorts tab): Target — created by 2026-09-25; Qualified — created by 2026-09-22; Proposal — created by 2026-09-13; Won — created by 2026-09-05. ▲▼ and green / red = significantly above / below all other leads (false-discovery rate controlled over this tab); other differences are within noise and not coloured.',
    );
    const r = sampleReport();
    r.conversions.filters = { channel: 'Organic' };
    r.conversions.countedTo[4] = null;
    const t = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[1];
    expect(String(t.values[1][0])).toMatch(/^Filters: channel = Organic\. .*Won — every lead \(usual time unknown; not judged\)\./);
    // --filter narrows the Cohorts tab only: the Conversions tab says it does not apply
    const f = sampleReport();
    f.cohortReport.filters = { manager: 'Anna' };
    expect(String(buildReportTabs(f, { locale: 'en', leadsSheet: 'Leads' })[1].values[1][0])).toMatch(
      /^Filters: none \(the filter manager = Anna applies to the Cohorts tab only; this tab shows every lead, so each slice is compared with the whole funnel\)\. /,
    );
    expect(String(buildReportTabs(f, { locale: 'ru', leadsSheet: 'Leads' })[1].values[1][0])).toMatch(/^Фильтры: нет \(фильтр менеджер = Anna действует только на вкладке когорт/);
    // a stage that is not judged is grey
    const row = rowOf(t, 'Organic');
    expect(t.backgrounds![row][8]).toBe('#ededed');
  });

  test('russian labels', () => {
    const ru = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Лиды' })[1];
    expect(ru.values.some((r) => r[0] === 'Канал')).toBe(true);
    expect(ru.values.some((r) => r[0] === '(пусто)')).toBe(true);
  });
});

describe('Data issues tab', () => {
  test('one row per issue with a link to the offending cell (the row when the column is unknown)', () => {
    const t = buildReportTabs(sampleReport(ISSUES), { locale: 'en', leadsSheet: 'Leads' })[2];
    expect(t.values[0][0]).toBe('Data issues · 2 found · the rest of the data was used');
    expect(t.values[1]).toEqual(['Cell', 'Column', 'Value', 'Problem', 'Severity']);
    // The first issue is in column index 1 (B); the second has no column index, so it points at the row's A cell.
    expect(t.values[2]).toEqual(['Leads!B123', 'Created at', 'soon', 'Unreadable date', 'error']);
    expect(t.values[3]).toEqual(['Leads!A7', 'Amount', '-5', 'Negative amount', 'warning']);
    expect(t.links).toEqual([
      { row: 2, col: 0, sheet: 'Leads', a1: 'B123' },
      { row: 3, col: 0, sheet: 'Leads', a1: 'A7' },
    ]);
    // Only the problem column wraps, header included.
    expect(t.wraps?.map((r) => r.map((w) => w === true))).toEqual(t.values.map((_, r) => t.values[0].map((__, c) => r > 0 && c === 3)));
    expect(t.frozenRows).toBe(2);
  });

  test('russian problems, quoted sheet names, and the cap', () => {
    const t = buildReportTabs(sampleReport(ISSUES), { locale: 'ru', leadsSheet: 'Мои лиды', maxIssueRows: 1 })[2];
    expect(t.values[2]).toEqual(["'Мои лиды'!B123", 'Created at', 'soon', 'Не удалось прочитать дату', 'ошибка']);
    expect(t.values).toHaveLength(4);
    expect(t.values[3][0]).toBe('… и ещё 1 не показаны.');
  });

  test('no issues: one line saying so', () => {
    const t = buildReportTabs(sampleReport([]), { locale: 'en', leadsSheet: 'Leads' })[2];
    expect(t.values.map((r) => r[0])).toEqual(['Data issues · 0 found · the rest of the data was used', 'No data issues found: every row was read.']);
    expect(t.links).toBeUndefined();
  });
});

/** Random cohort reports, with rates derived from counts the way DESIGN defines them. */
const arbReport = fc
  .record({
    stageCount: fc.integer({ min: 2, max: 6 }),
    cohorts: fc.array(fc.record({ leads: fc.integer({ min: 0, max: 500 }), fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }), immatureFrom: fc.integer({ min: 1, max: 7 }) }), { minLength: 0, maxLength: 12 }),
  })
  .map(({ stageCount, cohorts }) => {
    const base = sampleReport(ISSUES);
    const stages = ['Lead', 'A', 'B', 'C', 'D', 'E'].slice(0, stageCount);
    const rows: CohortRow[] = cohorts.map((c, i) => {
      const reached = [c.leads];
      for (let k = 1; k < stageCount; k++) reached.push(Math.floor(reached[k - 1] * c.fractions[k]));
      return {
        start: `2026-01-${String(i + 1).padStart(2, '0')}`,
        end: `2026-01-${String(i + 1).padStart(2, '0')}`,
        leads: c.leads,
        reached,
        implied: reached.map(() => 0),
        undated: reached.map(() => 0),
        stepRate: reached.map((n, k) => (k === 0 || reached[k - 1] === 0 ? null : n / reached[k - 1])),
        overallRate: reached.map((n) => (c.leads === 0 ? null : n / c.leads)),
        previous: null,
        change: reached.map(() => null),
        pValue: reached.map(() => null),
        qValue: reached.map(() => null),
        flag: reached.map(() => null),
        immature: reached.map((_, k) => k >= c.immatureFrom),
        ageDays: 3,
        lostStageUnknown: 0,
        stepTone: reached.map(() => null),
        overallTone: null,
      };
    });
    const report: FunnelReport = {
      ...base,
      stages,
      cohortReport: {
        ...base.cohortReport,
        stages,
        cohorts: rows,
        maturityDays: stages.map(() => 5),
        testedCells: 0,
        total: { leads: 0, lostStageUnknown: 0, reached: stages.map(() => 0), implied: stages.map(() => 0), undated: stages.map(() => 0), stepRate: stages.map(() => null), overallRate: stages.map(() => null) },
        matureTotal: { leads: stages.map(() => 0), reached: stages.map(() => 0), stepRate: stages.map(() => null), overallRate: stages.map(() => null) },
      },
      conversions: { ...base.conversions, stages, tables: [] },
    };
    return report;
  });

describe('layout invariants', () => {
  test('every grid is rectangular and parallel; rates are numbers in [0,1] or a dash', () => {
    fc.assert(
      fc.property(arbReport, fc.constantFrom('en' as const, 'ru' as const), (report, locale) => {
        for (const t of buildReportTabs(report, { locale, leadsSheet: 'Leads' })) {
          const h = t.values.length;
          const w = t.values[0].length;
          for (const grid of [t.values, t.numberFormats, t.backgrounds, t.fontColors, t.fontWeights, t.fontStyles]) {
            if (!grid) continue;
            expect(grid).toHaveLength(h);
            for (const r of grid) expect(r).toHaveLength(w);
          }
          t.values.forEach((r, i) =>
            r.forEach((x, j) => {
              const f = t.numberFormats?.[i][j];
              if (f === '0.0%' || f === '0.00%') expect(typeof x === 'number' && x >= 0 && x <= 1 || x === null).toBe(true);
            }),
          );
          for (const s of t.colorScales ?? []) expect(s.range.row + s.range.numRows).toBeLessThanOrEqual(h);
        }
        const cohortsTab = buildReportTabs(report, { locale, leadsSheet: 'Leads' })[0];
        // each cohort row: a step cell is '—' exactly when the previous stage has 0 leads
        report.cohortReport.cohorts
          .slice()
          .reverse()
          .forEach((c, i) => {
            for (let k = 1; k < report.stages.length; k++) {
              const cell = cohortsTab.values[4 + i][3 + 2 * (k - 1)];
              expect(cell === '—').toBe(c.reached[k - 1] === 0);
            }
          });
      }),
      { numRuns: 150 },
    );
  });
});
