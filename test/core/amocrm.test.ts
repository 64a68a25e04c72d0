/**
 * The real amoCRM export (../shared/datasets/amocrm-export-sample/leads_test.csv) must be recognised
 * with no settings at all. Expected figures come from that folder's README and from counting the raw
 * CSV columns here, independently of the engine.
 */
import fs from 'fs';
import path from 'path';
import Papa from 'papaparse';
import { detectConfig } from '../../src/core/detect';
import { buildFunnelReport } from '../../src/core/engine';
import { ingestRows } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

const FILE = path.resolve(__dirname, '../../../shared/datasets/amocrm-export-sample/leads_test.csv');

function readRows(): string[][] {
  if (!fs.existsSync(FILE)) {
    throw new Error(`Dataset missing: ${FILE}. The shared datasets folder must sit beside the repository (../shared/datasets).`);
  }
  // skipEmptyLines off: the file's final newline yields one empty row, which ingestion must skip silently.
  const parsed = Papa.parse<string[]>(fs.readFileSync(FILE, 'utf8'), { header: false, skipEmptyLines: false });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const rows = readRows();
const header = rows[0];
const data = rows.slice(1).filter((r) => r.some((c) => c !== ''));
/** First column with this exact header text (the export has duplicate names). */
const col = (name: string) => header.indexOf(name);
/** `DD.MM.YYYY HH:MM:SS` → wall ms, written independently of the engine. */
function ddmmyyyy(s: string): number {
  const m = /^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d):(\d\d)$/.exec(s);
  if (!m) throw new Error(`unexpected date ${s}`);
  return Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5], +m[6]);
}

describe('amoCRM leads export', () => {
  test('the raw file is what its README describes', () => {
    expect(header.length).toBe(76);
    expect(data.length).toBe(20);
    expect(header.filter((h) => h === 'Источник').length).toBe(2);
    expect(header).toContain('Бюджет ');
    const stageCounts: Record<string, number> = {};
    for (const r of data) stageCounts[r[col('Этап сделки')]] = (stageCounts[r[col('Этап сделки')]] ?? 0) + 1;
    expect(stageCounts).toEqual({
      'Принимают решение': 10,
      'Закрыто и не реализовано': 7,
      'Успешно реализовано': 1,
      'Первичный контакт': 1,
      'Согласование договора': 1,
    });
  });

  const detection = detectConfig(rows as CellValue[][]);

  test('is recognised with no settings: columns, current-stage column and amoCRM vocabulary', () => {
    expect(detection.ok).toBe(true);
    if (!detection.ok) return;
    const c = detection.config;
    expect(c.columns).toEqual({
      createdAt: 'Дата создания сделки',
      id: 'ID',
      channel: 'Источник',
      manager: 'Ответственный',
      product: 'Товар',
      region: 'Город',
      amount: 'Бюджет',
    });
    expect(c.stages).toEqual([{ name: 'Contacted' }, { name: 'Negotiation' }, { name: 'Decision' }, { name: 'Contract' }, { name: 'Won' }]);
    expect(c.currentStage?.column).toBe('Этап сделки');
    expect(c.currentStage?.changedAt).toBe('Дата закрытия');
    expect(c.currentStage?.values).toMatchObject({
      'Первичный контакт': 'Contacted',
      'Переговоры': 'Negotiation',
      'Принимают решение': 'Decision',
      'Согласование договора': 'Contract',
      'Успешно реализовано': 'Won',
      'Закрыто и не реализовано': 'lost',
    });
  });

  test('ingests 20 leads; the only issue is the last row without an ID', () => {
    if (!detection.ok) throw new Error(detection.error);
    const result = ingestRows(rows as CellValue[][], { config: detection.config, sheet: 'leads_test.csv' });
    expect(result.rowsRead).toBe(20);
    expect(result.leads.count).toBe(20);
    // 20 records after the header are rows 2…21 (multi-line notes do not add rows).
    expect(result.issues.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([[21, 'ID', '', 'warning']]);
    expect(result.stageNames).toEqual(['Lead', 'Contacted', 'Negotiation', 'Decision', 'Contract', 'Won']);

    // Reached counts computed from the raw stage column and amoCRM's stage order.
    const order = ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора', 'Успешно реализовано'];
    const position = data.map((r) => order.indexOf(r[col('Этап сделки')]));
    const expectedReached = order.map((_, k) => position.filter((p) => p >= k).length);
    expect(expectedReached).toEqual([13, 12, 12, 2, 1]);
    const reached = result.leads.stageTimes.map((a) => Array.from(a).filter((t) => !Number.isNaN(t)).length);
    expect(reached).toEqual(expectedReached);

    // Lost deals take their close date; the won deal's Won time is its close date; open deals' "не закрыта" is blank.
    const closed = data.map((r) => r[col('Дата закрытия')]);
    const lostRows = data.map((r, i) => (r[col('Этап сделки')] === 'Закрыто и не реализовано' ? i : -1)).filter((i) => i >= 0);
    expect(lostRows.length).toBe(7);
    expect(lostRows.map((i) => result.leads.lostAt[i])).toEqual(lostRows.map((i) => ddmmyyyy(closed[i])));
    expect(Array.from(result.leads.lostAt).filter((t) => !Number.isNaN(t)).length).toBe(7);
    const wonRow = data.findIndex((r) => r[col('Этап сделки')] === 'Успешно реализовано');
    expect(result.leads.stageTimes[4][wonRow]).toBe(ddmmyyyy(closed[wonRow]));
    expect(closed.filter((c) => c === 'не закрыта').length).toBe(12);

    // Creation dates lie in 2022-02-21 … 2022-03-22 (README) and match the raw column.
    expect(Array.from(result.leads.createdAt)).toEqual(data.map((r) => ddmmyyyy(r[col('Дата создания сделки')])));
    expect(Math.min(...result.leads.createdAt)).toBeGreaterThanOrEqual(Date.UTC(2022, 1, 21));
    expect(Math.max(...result.leads.createdAt)).toBeLessThan(Date.UTC(2022, 2, 23));
  });

  test('slices: the first "Источник" holds the source; managers as in the README; budget 0 or blank', () => {
    if (!detection.ok) throw new Error(detection.error);
    const result = ingestRows(rows as CellValue[][], { config: detection.config, sheet: 'leads_test.csv' });
    const decode = (key: 'channel' | 'manager') => {
      const s = result.leads.slices[key];
      if (!s) throw new Error(`no ${key} slice`);
      return Array.from(s.codes).map((c) => s.values[c]);
    };
    expect(decode('channel')).toEqual(data.map((r) => r[col('Источник')]));
    expect(decode('channel')).toContain('Заявка Exp');
    const managers: Record<string, number> = {};
    for (const m of decode('manager')) managers[m] = (managers[m] ?? 0) + 1;
    expect(managers).toEqual({ 'Александр': 8, 'Алексей': 4, 'Антон': 4, 'Олег': 4 });
    const amounts = Array.from(result.leads.amount);
    expect(amounts.filter((a) => a === 0).length).toBe(14);
    expect(amounts.filter((a) => Number.isNaN(a)).length).toBe(6);
    expect(result.leads.ids[19]).toBe('');
  });
});

describe('lost deals of the amoCRM export', () => {
  test('7 lost deals have an unknown furthest stage; none of the other 13 is a first-step drop-off', () => {
    const detection = detectConfig(rows as CellValue[][]);
    if (!detection.ok) throw new Error(detection.error);
    const result = ingestRows(rows as CellValue[][], { config: detection.config, sheet: 'leads_test.csv' });
    // From the raw stage column: 7 × «Закрыто и не реализовано»; the other 13 are at a pipeline stage.
    const stage = data.map((r) => r[col('Этап сделки')]);
    const lost = stage.map((s, i) => (s === 'Закрыто и не реализовано' ? i : -1)).filter((i) => i >= 0);
    expect(lost.length).toBe(7);
    const flagged = Array.from(result.leads.furthestUnknown).map((f, i) => (f === 1 ? i : -1)).filter((i) => i >= 0);
    expect(flagged).toEqual(lost);
    // Before: these 7 of 20 (35 %) looked like leads that were never contacted. They carry no stage
    // time (their furthest stage is unknown), but they are flagged, with their close date as lostAt.
    const contacted = result.leads.stageTimes[0];
    for (const i of lost) {
      expect(Number.isNaN(contacted[i])).toBe(true);
      expect(result.leads.lostAt[i]).toBe(ddmmyyyy(data[i][col('Дата закрытия')]));
    }
    // Every lead whose furthest stage is known reached the first stage after Lead: 13 of 13.
    const known = data.map((_, i) => i).filter((i) => result.leads.furthestUnknown[i] === 0);
    expect(known.length).toBe(13);
    expect(known.filter((i) => !Number.isNaN(contacted[i])).length).toBe(13);
  });
});

describe('the amoCRM report', () => {
  test('lost deals at an unknown stage are lost, not first-step drop-offs: step 1 is 13 of 13, overall rates stay over 20', () => {
    const outcome = buildFunnelReport(rows as CellValue[][], { sheet: 'leads_test.csv', sourceName: 'amo', asOf: '2030-01-01' });
    if (!outcome.ok) throw new Error(outcome.error);
    const { cohortReport, conversions, outcomes } = outcome.report;
    const lost = data.filter((r) => r[col('Этап сделки')] === 'Закрыто и не реализовано').length;
    expect(lost).toBe(7);
    expect(cohortReport.total.leads).toBe(20);
    expect(cohortReport.total.lostStageUnknown).toBe(7);
    // Step Lead → first stage over the 13 leads whose stage is known; overall over all 20 leads.
    expect(cohortReport.total.stepRate[1]).toBe(13 / 13);
    expect(cohortReport.total.overallRate[1]).toBe(13 / 20);
    expect(conversions.total.stepRate[1]).toBe(1);
    expect(conversions.total.overallRate[1]).toBe(13 / 20);
    // The same 7 are the lost deals of the outcomes, all of them at an unknown stage.
    expect(outcomes.total.lost).toBe(7);
    expect(outcomes.total.lostStageUnknown).toBe(7);
  });
});

describe('amoCRM export for a Russian report', () => {
  test('stages carry the CRM’s own Russian names and count exactly as in the raw stage column', () => {
    const ru = detectConfig(rows as CellValue[][], { locale: 'ru' });
    if (!ru.ok) throw new Error(ru.error);
    expect(ru.config.stages.map((s) => s.name)).toEqual(['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора', 'Успешно реализовано']);
    expect(ru.config.currentStage?.values['Успешно реализовано']).toBe('Успешно реализовано');
    expect(ru.config.currentStage?.values['Закрыто и не реализовано']).toBe('lost');
    const result = ingestRows(rows as CellValue[][], { config: ru.config, sheet: 'leads' });
    // Reached k = current stage at k or later; the order is the amoCRM pipeline's. Counted from the raw column:
    // Первичный контакт 1, Принимают решение 10, Согласование договора 1, Успешно реализовано 1 (lost: none).
    const order = ru.config.stages.map((s) => s.name);
    const reached = order.map((_, k) =>
      data.filter((r) => {
        const at = order.indexOf(r[col('Этап сделки')]);
        return at >= k;
      }).length,
    );
    expect(reached).toEqual([13, 12, 12, 2, 1]);
    const counted = result.leads.stageTimes.map((t) => Array.from(t).filter((v) => !Number.isNaN(v)).length);
    expect(counted).toEqual(reached);
  });
});
