import { reportStrings } from '../../src/report/i18n';
import { buildReportTabs } from '../../src/report/tabs';
import type { TabLayout } from '../../src/report/layout';
import { sampleReport } from './fixture';

const tabs = buildReportTabs(sampleReport(), { locale: 'en', leadsSheet: 'Leads' });
const cohorts = tabs[0];
const v = (t: TabLayout, r: number, c: number) => t.values[r][c];
const fmt = (t: TabLayout, r: number, c: number) => t.numberFormats?.[r][c] ?? null;

// Columns: 0 period, 1 leads, then per stage k=1..4 reached at 2k, step % at 2k+1, 10 lead→won, 11 vs prev.
// Rows: 0 title, 1 subtitle, 2-3 header, then cohorts newest first: 4 = 09-19, 5 = 09-12, 6 = 09-05, 7 = 08-29, 8 = totals.
const MAIN = 5;
const YOUNG = 4;
const EMPTY = 7;
const TOTAL = 8;

describe('Cohorts tab', () => {
  test('returns the three tabs with localised names', () => {
    expect(tabs.map((t) => t.name)).toEqual(['Cohorts', 'Conversions', 'Data issues']);
    const ru = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' });
    expect(ru.map((t) => t.name)).toEqual(['Когорты', 'Конверсии', 'Ошибки данных']);
    expect(ru[0].values[0][0]).toBe('Недельные когорты · на 2026-09-26 · фильтры: все');
  });

  test('title, explanation and header', () => {
    expect(v(cohorts, 0, 0)).toBe('Weekly cohorts · as of 2026-09-26 · filters: all');
    expect(String(v(cohorts, 1, 0))).toMatch(/reached this step or a later one.*grey = immature.*▲▼ = significant change vs the previous cohort at the same age/);
    expect(cohorts.values[2].slice(0, 4)).toEqual(['Period', 'Leads', 'Target', '']);
    expect(cohorts.values[3].slice(2, 4)).toEqual(['reached', 'step %']);
    expect(v(cohorts, 2, 10)).toBe('Lead→Won');
    expect(v(cohorts, 2, 11)).toBe('vs prev.');
    expect(cohorts.frozenRows).toBe(4);
    expect(cohorts.frozenColumns).toBe(1);
    expect(cohorts.merges).toContainEqual({ row: 2, col: 2, numRows: 1, numCols: 2 });
  });

  test('a filter label appears in the title', () => {
    const r = sampleReport();
    r.cohortReport.filters = { channel: 'Google Ads' };
    expect(buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[0].values[0][0]).toBe(
      'Weekly cohorts · as of 2026-09-26 · filters: channel = Google Ads',
    );
    expect(buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads', filtersLabel: 'X' })[0].values[0][0]).toMatch(/filters: X$/);
  });

  test('the DESIGN cohort 558 → 236 → 126 → 53 → 23, cell by cell', () => {
    expect(v(cohorts, MAIN, 0)).toBe('2026-09-12 – 2026-09-18');
    expect(v(cohorts, MAIN, 1)).toBe(558);
    expect([2, 4, 6, 8].map((c) => v(cohorts, MAIN, c))).toEqual([236, 126, 53, 23]);
    const steps = [3, 5, 7, 9].map((c) => v(cohorts, MAIN, c) as number);
    // hand computed: 236/558 = 42.29%, 126/236 = 53.39%, 53/126 = 42.06%, 23/53 = 43.40%
    expect(steps[0]).toBeCloseTo(0.4229, 4);
    expect(steps[1]).toBeCloseTo(0.5339, 4);
    expect(steps[2]).toBeCloseTo(0.4206, 4);
    expect(steps[3]).toBeCloseTo(0.434, 4);
    expect(v(cohorts, MAIN, 10)).toBeCloseTo(0.0412, 4); // 23/558 = 4.12%
    expect(fmt(cohorts, MAIN, 1)).toBe('#,##0');
    expect(fmt(cohorts, MAIN, 2)).toBe('#,##0');
    expect(fmt(cohorts, MAIN, 3)).toBe('0.0%');
    // the lead→won change of this cohort is flagged: the rate cell carries the arrow and the previous rate (12/400)
    expect(fmt(cohorts, MAIN, 10)).toBe('"▲ "0.00%" (was 3.00%)"');
    expect(fmt(cohorts, 6, 10)).toBe('0.00%');
  });

  test('a flagged lead→won change shows the tested rate with ▲ and the previous rate, in green, with a note', () => {
    expect(v(cohorts, MAIN, 10)).toBeCloseTo(23 / 558, 10);
    expect(fmt(cohorts, MAIN, 10)).toBe('"▲ "0.00%" (was 3.00%)"');
    expect(cohorts.fontColors?.[MAIN][10]).toBe('#1e7b34');
    expect(cohorts.fontWeights?.[MAIN][10]).toBe('bold');
    // the relative change stays beside it, coloured, with the test in its note
    expect(v(cohorts, MAIN, 11)).toBeCloseTo(0.22, 6);
    expect(fmt(cohorts, MAIN, 11)).toBe('+0%;-0%;0%');
    expect(cohorts.fontColors?.[MAIN][11]).toBe('#1e7b34');
    const note = cohorts.notes?.find((n) => n.row === MAIN && n.col === 11);
    expect(note?.text).toBe(
      'Lead→Won: 23 of 558 leads (4.12%). Significant change vs the cohort of 2026-09-05 counted as of 2026-09-19: 3.00% → 4.12% (p = 0.010; 0.030 after the false-discovery-rate adjustment over the 6 cells tested in this report).',
    );
    // an unflagged change carries no arrow
    const older = 6;
    expect(v(cohorts, older, 11)).toBe('');
    expect(fmt(cohorts, YOUNG, 11)).toBeNull();
    const r = sampleReport();
    r.cohortReport.cohorts[2].flag[4] = null;
    const plain = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[0];
    expect(plain.values[MAIN][11]).toBeCloseTo(0.22, 6);
    expect(plain.numberFormats?.[MAIN][11]).toBe('+0%;-0%;0%');
    expect(plain.numberFormats?.[MAIN][10]).toBe('0.00%');
    expect(plain.notes?.some((n) => n.row === MAIN && n.col === 11)).toBe(false);
  });

  test('a flagged intermediate stage shows the tested share (reached / leads) with the arrow and the previous share', () => {
    // this cohort 50 / 120 = 41.7%; the previous cohort at the same age 100 / 558 = 17.9%
    expect(v(cohorts, YOUNG, 2)).toBeCloseTo(50 / 120, 10);
    expect(fmt(cohorts, YOUNG, 2)).toBe('"▲ "0.0%" (was 17.9%)"');
    const note = cohorts.notes?.find((n) => n.row === YOUNG && n.col === 2);
    expect(note?.text).toBe(
      'Lead→Target: 50 of 120 leads (41.7%). Significant change vs the cohort of 2026-09-12 counted as of 2026-09-20: 17.9% → 41.7% (p = 0.001; 0.006 after the false-discovery-rate adjustment over the 6 cells tested in this report).',
    );
    expect(fmt(cohorts, MAIN, 2)).toBe('#,##0');
    const ru = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' })[0];
    expect(ru.numberFormats?.[YOUNG][2]).toBe('"▲ "0.0%" (было 17,9%)"');
    expect(ru.notes?.find((n) => n.row === YOUNG && n.col === 2)?.text).toBe(
      'Лид→Target: 50 из 120 лидов (41,7%). Значимое изменение к когорте 2026-09-12 (на 2026-09-20): 17,9% → 41,7% (p = 0,001; 0,006 с поправкой на долю ложных открытий по 6 проверенным ячейкам отчёта).',
    );
  });

  test('0/0 shows a dash as text, never 0%', () => {
    expect(v(cohorts, YOUNG, 9)).toBe('—'); // Won step: 0 / 0 proposals
    expect(v(cohorts, YOUNG, 7)).toBe(0); // Proposal step: 0 / 10 is a real 0%
    expect(v(cohorts, EMPTY, 1)).toBe(0);
    expect([3, 5, 7, 9, 10].map((c) => v(cohorts, EMPTY, c))).toEqual(['—', '—', '—', '—', '—']);
    expect(fmt(cohorts, EMPTY, 3)).toBeNull();
    // The dash sits where the numbers of its column sit; real numbers keep the default alignment.
    expect(cohorts.horizontalAlignments?.[EMPTY][3]).toBe('right');
    expect(cohorts.horizontalAlignments?.[YOUNG][7]).toBeNull();
  });

  test('immature cells are grey with a note, mature ones are not', () => {
    const bg = cohorts.backgrounds!;
    const fc = cohorts.fontColors!;
    for (const c of [6, 7, 8, 9, 10]) {
      expect(bg[YOUNG][c]).toBe('#ededed');
      expect(fc[YOUNG][c]).toBe('#9e9e9e');
    }
    for (const c of [2, 3, 4, 5]) expect(bg[YOUNG][c]).toBeNull();
    const note = cohorts.notes?.find((n) => n.row === YOUNG && n.col === 6);
    expect(note?.text).toBe('Immature: the cohort is 1 days old; 80% of leads that reach Proposal do so within 12.3 days.');
    // the cohort's Target change is flagged but Won is immature: no arrow on the lead→won change
    expect(v(cohorts, YOUNG, 11)).toBe('—');
  });

  test('no colour scales: only rates that stand out from the other mature cohorts are coloured', () => {
    expect(cohorts.colorScales).toEqual([]);
    const r = sampleReport();
    r.cohortReport.cohorts[2].stepTone[1] = 'high';
    r.cohortReport.cohorts[1].stepTone[2] = 'low';
    r.cohortReport.cohorts[2].overallTone = 'low';
    const t = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[0];
    expect(t.backgrounds![MAIN][3]).toBe('#c6efce');
    expect(t.backgrounds![6][5]).toBe('#ffc7ce');
    expect(t.backgrounds![MAIN][10]).toBe('#ffc7ce');
    // everything else: no colour (immature cells keep their grey)
    expect(t.backgrounds![MAIN][5]).toBeNull();
    expect(t.backgrounds![YOUNG][7]).toBe('#ededed');
  });

  test('totals row sums the cohorts', () => {
    expect(v(cohorts, TOTAL, 0)).toBe('Total');
    expect(v(cohorts, TOTAL, 1)).toBe(1078);
    expect([2, 4, 6, 8].map((c) => v(cohorts, TOTAL, c))).toEqual([466, 226, 93, 38]);
    expect(v(cohorts, TOTAL, 10)).toBeCloseTo(38 / 1078, 10);
    expect(cohorts.fontWeights?.[TOTAL][0]).toBe('bold');
  });

  test('implied passes and maturity thresholds are listed under the table', () => {
    const flat = cohorts.values.map((r) => r.map((x) => (x === null ? '' : String(x))).join('|'));
    const targetRow = flat.findIndex((line) => line.startsWith('Target|312|'));
    expect(targetRow).toBeGreaterThan(TOTAL);
    expect(cohorts.values[targetRow][2]).toBeCloseTo(312 / 466, 10);
    expect(cohorts.values[targetRow][3]).toBe('312 passes of Target were implied by later stages');
    expect(reportStrings('en').impliedLine(1, 'Won')).toBe('1 pass of Won was implied by later stages');
    expect(flat.some((l) => l.startsWith('A cell stays grey while the cohort is younger than: Target 0.4 d, Qualified 4 d, Proposal 12.3 d, Won 21 d.'))).toBe(true);
    const ru = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' })[0];
    expect(ru.values.some((r) => r[0] === 'Ячейка серая, пока когорта моложе: Target 0,4 дн., Qualified 4 дн., Proposal 12,3 дн., Won 21 дн.')).toBe(true);
  });

  test('the first step is named in the report language; the model keeps "Lead"', () => {
    const report = sampleReport();
    const header = (locale: 'en' | 'ru') => buildReportTabs(report, { locale, leadsSheet: 'Leads' })[0].values.flat().filter((v) => typeof v === 'string');
    expect(header('en').some((v) => (v as string).startsWith('Lead→'))).toBe(true);
    expect(header('ru').some((v) => (v as string).startsWith('Лид→'))).toBe(true);
    expect(header('ru').some((v) => (v as string).includes('Lead→'))).toBe(false);
    expect(report.cohortReport.stages[0]).toBe('Lead');
  });

  test('chart spec reads an oldest-first helper range with mature values only', () => {
    expect(cohorts.charts).toHaveLength(1);
    const ch = cohorts.charts![0];
    expect(ch.type === 'line' && ch.percentAxis).toBe(true);
    const { row, col, numRows, numCols } = ch.range;
    expect([numRows, numCols]).toEqual([5, 2]);
    const xs = cohorts.values.slice(row + 1, row + numRows).map((r) => r[col]);
    const ys = cohorts.values.slice(row + 1, row + numRows).map((r) => r[col + 1]);
    expect(xs).toEqual(['2026-08-29', '2026-09-05', '2026-09-12', '2026-09-19']);
    expect(ys[0]).toBeNull(); // empty cohort: no rate
    expect(ys[1]).toBeCloseTo(15 / 400, 10);
    expect(ys[2]).toBeCloseTo(23 / 558, 10);
    expect(ys[3]).toBeNull(); // immature
  });

  test('column widths exist for every table column', () => {
    expect(cohorts.columnWidths!.length).toBeGreaterThanOrEqual(12);
    expect(cohorts.columnWidths![0]).toBeGreaterThanOrEqual(150);
  });
});

describe('Cohorts tab: stages passed at unknown times', () => {
  const line = (t: TabLayout) => t.values.map((r) => r[0]).find((x) => typeof x === 'string' && /known time|известным временем/.test(x));
  test('no note when every pass is dated', () => {
    expect(line(cohorts)).toBeUndefined();
  });
  test('a note names the undated stages, EN and RU', () => {
    const r = sampleReport();
    r.cohortReport.total.undated = [0, 312, 7, 0, 0];
    const en = buildReportTabs(r, { locale: 'en', leadsSheet: 'Leads' })[0];
    expect(line(en)).toBe(
      'The report date applies only to stages passed at a known time. Passes of Target, Qualified have no time (current-stage column): they are counted as the data stands today, whatever the report date, and are not compared with the previous cohort.',
    );
    const ru = buildReportTabs(r, { locale: 'ru', leadsSheet: 'Leads' })[0];
    expect(line(ru)).toMatch(/^Дата отчёта действует только для этапов с известным временем прохода\. Проходы этапов Target, Qualified без времени/);
  });
});

describe('Cohorts tab: the mature-only total', () => {
  const MATURE = TOTAL + 1;
  test('a labelled row under Total gives the rates over mature cohorts only', () => {
    expect(v(cohorts, MATURE, 0)).toBe('Total, mature cohorts');
    expect(cohorts.notes?.find((n) => n.row === MATURE && n.col === 0)?.text).toMatch(/only the cohorts old enough for it/);
    // Won over the cohorts mature for Won (09-05 and 09-12): 15 + 23 = 38 of 400 + 558 = 958 leads,
    // where the all-cohort total says 38 of 1078.
    expect(v(cohorts, MATURE, 10)).toBeCloseTo(38 / 958, 10);
    expect(v(cohorts, TOTAL, 10)).toBeCloseTo(38 / 1078, 10);
    // step % Proposal: 93 / (90 + 126); Won: 38 / 93; Target (every cohort mature): 466 / 1078
    expect(v(cohorts, MATURE, 7)).toBeCloseTo(93 / 216, 10);
    expect(v(cohorts, MATURE, 9)).toBeCloseTo(38 / 93, 10);
    expect(v(cohorts, MATURE, 3)).toBeCloseTo(466 / 1078, 10);
    // counts are not shown: each stage covers different cohorts
    expect([1, 2, 4, 6, 8].map((c) => v(cohorts, MATURE, c))).toEqual([null, null, null, null, null]);
    const ru = buildReportTabs(sampleReport(), { locale: 'ru', leadsSheet: 'Leads' })[0];
    expect(ru.values[MATURE][0]).toBe('Итого, зрелые когорты');
  });
});
