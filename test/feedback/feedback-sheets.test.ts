/**
 * The Feedback tab on the SpreadsheetApp fakes: after each thing people do between refreshes, every
 * people's cell is checked cell by cell against what was typed for that lead; the dropdowns are data
 * validation; service calls stay constant in rows; and an edit landing between the refresh's read and
 * its write survives.
 */
import type { KeyedRow } from '../../src/core/keyed-spec';
import { FakeDataValidation, type FakeSheet, type Stored } from '../fakes/spreadsheet';
import { colOf, rowsOf, setup, type } from '../keyed/sheets-helpers';
import { DEFAULT_REASONS } from '../../src/core/feedback/config';
import { feedbackSpec } from '../../src/core/feedback/spec';
import { FEEDBACK_SPEC } from './profile';
import { KeyedTabKeptChangingError } from '../../src/sheets/keyed-writer';

const HUMAN = ['Sales verdict', 'Reason', 'Comment', 'Next step date', 'Contact attempts', 'First contact attempt'];

function fresh(ids: string[], stage = 'Qualified'): KeyedRow[] {
  return ids.map((id, i) => ({ key: id, values: { created: `2026-01-0${(i % 9) + 1}`, channel: i % 2 ? 'Ads' : 'Organic', manager: `Rep ${i % 3}`, stage, sinceHandoff: 10 + i, sinceChange: i, outcome: '' } }));
}

/** What people typed per lead: label → value as stored (typed text parses as Sheets parses typing). */
const TYPED: Record<string, Record<string, string>> = {
  A1: { 'Sales verdict': 'Accepted', Comment: 'good fit', 'Contact attempts': '2' },
  A2: { 'Sales verdict': 'Rejected — not qualified', Reason: 'Price', Comment: '=1+1' },
  A3: { 'Sales verdict': 'Stalled', Comment: "'+7 495 123" },
  A4: { Reason: 'Timing', 'Next step date': '2026-03-01' },
};

function human(sheet: FakeSheet): ReturnType<typeof setup> extends never ? never : void {
  for (const [lead, cells] of Object.entries(TYPED)) {
    for (const [label, v] of Object.entries(cells)) type(sheet, rowsOf(sheet, lead)[0], colOf(sheet, label), v);
  }
}

/** Every people's cell of every lead, as stored (formulas as their text). */
function humanCells(sheet: FakeSheet, leads: string[]): Record<string, Record<string, Stored | string>> {
  const out: Record<string, Record<string, Stored | string>> = {};
  for (const lead of leads) {
    const rows = rowsOf(sheet, lead);
    if (rows.length !== 1) throw new Error(`${lead} on rows ${JSON.stringify(rows)}`);
    out[lead] = Object.fromEntries(HUMAN.map((h) => {
      const f = sheet.formulaAt(rows[0], colOf(sheet, h));
      const v = sheet.peek(rows[0], colOf(sheet, h));
      return [h, f !== undefined ? `FORMULA:${f}` : v instanceof Date ? `DATE:${v.toISOString()}` : v];
    }));
  }
  return out;
}

const LEADS = ['A1', 'A2', 'A3', 'A4', 'A5'];
/** Expected people's cells, written out by hand from TYPED (zone Europe/Moscow, UTC+3, in the fakes). */
const EXPECTED = {
  A1: { 'Sales verdict': 'Accepted', Reason: '', Comment: 'good fit', 'Next step date': '', 'Contact attempts': 2, 'First contact attempt': '' },
  A2: { 'Sales verdict': 'Rejected — not qualified', Reason: 'Price', Comment: 'FORMULA:=1+1', 'Next step date': '', 'Contact attempts': '', 'First contact attempt': '' },
  A3: { 'Sales verdict': 'Stalled', Reason: '', Comment: '+7 495 123', 'Next step date': '', 'Contact attempts': '', 'First contact attempt': '' },
  A4: { 'Sales verdict': '', Reason: 'Timing', Comment: '', 'Next step date': 'DATE:2026-02-28T21:00:00.000Z', 'Contact attempts': '', 'First contact attempt': '' },
  A5: { 'Sales verdict': '', Reason: '', Comment: '', 'Next step date': '', 'Contact attempts': '', 'First contact attempt': '' },
};

function typedTab() {
  const ctx = setup('en', FEEDBACK_SPEC);
  const sheet = ctx.refresh(fresh(LEADS));
  human(sheet);
  expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
  return { ...ctx, sheet };
}

describe('Feedback tab on the fakes: people cells survive, cell by cell', () => {
  test('after sorting the tab by a computed column, descending', () => {
    const { sheet, refresh } = typedTab();
    sheet.sort(colOf(sheet, 'Days since hand-off'), false);
    expect(rowsOf(sheet, 'A5')).toEqual([2]);
    refresh(fresh(LEADS, 'Proposal'));
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    expect(sheet.peek(rowsOf(sheet, 'A2')[0], colOf(sheet, 'Current stage'))).toBe('Proposal');
  });

  test('after filtering (hidden rows are written like the others)', () => {
    const { sheet, refresh } = typedTab();
    sheet.filterRows((line) => line[colOf(sheet, 'Channel') - 1] === 'Ads');
    refresh(fresh(LEADS, 'Won'));
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    for (const lead of LEADS) expect(sheet.peek(rowsOf(sheet, lead)[0], colOf(sheet, 'Current stage'))).toBe('Won');
  });

  test('after inserting rows (one typed by hand) and deleting a row', () => {
    const { sheet, refresh } = typedTab();
    sheet.insertRowBefore(3);
    type(sheet, 3, colOf(sheet, 'Comment'), 'my own note row');
    sheet.insertRowBefore(2);
    sheet.deleteRow(rowsOf(sheet, 'A5')[0]);
    refresh(fresh(LEADS));
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    const own = sheet.peekValues().findIndex((l) => l.includes('my own note row'));
    expect(sheet.peekValues()[own][colOf(sheet, 'Lead ID') - 1]).toBe('');
  });

  test('after moving a people column to the front and a computed column to the end', () => {
    const { sheet, refresh } = typedTab();
    sheet.moveColumns(sheet.getRange(1, colOf(sheet, 'Comment'), 1, 1), 1);
    sheet.moveColumns(sheet.getRange(1, colOf(sheet, 'Channel'), 1, 1), 16);
    refresh(fresh(LEADS));
    expect(sheet.peekValues()[0][0]).toBe('Comment');
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
  });

  test('after renaming a computed header (found by its column id; the header is written back)', () => {
    const { sheet, refresh } = typedTab();
    const c = colOf(sheet, 'Manager');
    type(sheet, 1, c, 'Owner');
    refresh(fresh(LEADS));
    expect(sheet.peek(1, c)).toBe('Manager');
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
  });

  test('after a lead vanished from Leads: the row stays with its cells and is flagged', () => {
    const { sheet, refresh } = typedTab();
    refresh(fresh(['A1', 'A3', 'A4', 'A5']));
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    expect(sheet.peek(rowsOf(sheet, 'A2')[0], colOf(sheet, 'Row status'))).toBe('Not in Leads any more');
    expect(sheet.peek(rowsOf(sheet, 'A1')[0], colOf(sheet, 'Row status'))).toBe('');
  });

  test('after new leads arrived: appended below with blank people cells', () => {
    const { sheet, refresh } = typedTab();
    refresh(fresh([...LEADS, 'A6', 'A7']));
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    expect(rowsOf(sheet, 'A6')).toEqual([7]);
    expect(rowsOf(sheet, 'A7')).toEqual([8]);
    expect(humanCells(sheet, ['A6'])).toEqual({ A6: EXPECTED.A5 });
  });

  test("after a lead's id was edited by hand: that row keeps its cells under the new id; the old id comes back as a new row", () => {
    const { sheet, refresh } = typedTab();
    type(sheet, rowsOf(sheet, 'A3')[0], colOf(sheet, 'Lead ID'), 'A3-typo');
    refresh(fresh(LEADS));
    const typo = rowsOf(sheet, 'A3-typo');
    expect(typo).toHaveLength(1);
    expect(sheet.peek(typo[0], colOf(sheet, 'Sales verdict'))).toBe('Stalled');
    expect(sheet.peek(typo[0], colOf(sheet, 'Row status'))).toBe('Not in Leads any more');
    expect(humanCells(sheet, ['A1', 'A2', 'A4'])).toEqual({ A1: EXPECTED.A1, A2: EXPECTED.A2, A4: EXPECTED.A4 });
    expect(humanCells(sheet, ['A3'])).toEqual({ A3: EXPECTED.A5 });
  });

  test('a duplicated id is flagged on both rows, each row keeps its own cells', () => {
    const { sheet, refresh } = typedTab();
    type(sheet, rowsOf(sheet, 'A5')[0], colOf(sheet, 'Lead ID'), 'A1');
    refresh(fresh(LEADS));
    const rows = rowsOf(sheet, 'A1');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(sheet.peek(r, colOf(sheet, 'Row status'))).toBe('Duplicate key: this key is on more than one row');
    expect(rows.map((r) => sheet.peek(r, colOf(sheet, 'Comment'))).sort()).toEqual(['', 'good fit']);
  });
});

describe('Feedback tab on the fakes: dropdowns, looks, calls', () => {
  test('verdict and reason columns carry list validation with the labels; other values are allowed', () => {
    const { sheet } = typedTab();
    const v = sheet.format(5, colOf(sheet, 'Sales verdict')).validation;
    expect(v).toBeInstanceOf(FakeDataValidation);
    expect(v!.values).toEqual(['Accepted', 'Rejected — not qualified', 'Rejected — duplicate', 'Rejected — no contact', 'Active', 'Stalled', 'Won', 'Lost', 'Back to nurturing']);
    expect(v!.allowInvalid).toBe(true);
    expect(sheet.format(900, colOf(sheet, 'Reason')).validation!.values).toContain('A service we do not offer');
    expect(sheet.format(1, colOf(sheet, 'Sales verdict')).validation).toBeUndefined();
    expect(sheet.format(3, colOf(sheet, 'Comment')).validation).toBeUndefined();
  });

  test('the default reasons are listed in the report language; reasons the user typed stay as typed', () => {
    const reasonsOn = (locale: 'en' | 'ru', reasons: readonly string[], label: string) => {
      const ctx = setup(locale, feedbackSpec('Feedback', reasons));
      const sheet = ctx.refresh(fresh(['A1']));
      return sheet.format(2, colOf(sheet, label)).validation!.values;
    };
    expect(reasonsOn('ru', DEFAULT_REASONS, 'Причина')).toEqual(['Цена', 'Сроки', 'Конкурент', 'Ложные ожидания от услуги', 'Услуга, которую мы не оказываем', 'Нет бюджета', 'Нет ЛПР', 'Другое']);
    expect(reasonsOn('en', DEFAULT_REASONS, 'Reason')).toEqual(['Price', 'Timing', 'Competitor', 'False expectations about the service', 'A service we do not offer', 'No budget', 'No decision maker', 'Other']);
    expect(reasonsOn('ru', ['Price', 'Дорого'], 'Причина')).toEqual(['Price', 'Дорого']);
  });

  test('people columns have the yellow header, computed ones grey; the key header explains it in a note (RU labels in Russian)', () => {
    const { sheet } = typedTab();
    for (const h of HUMAN) expect(sheet.format(1, colOf(sheet, h)).background).toBe('#fff2cc');
    expect(sheet.format(1, colOf(sheet, 'Manager')).background).toBe('#f3f3f3');
    expect(sheet.format(1, colOf(sheet, 'Lead ID')).note).toMatch(/yellow header are yours/);
    const ru = setup('ru', FEEDBACK_SPEC).refresh(fresh(['A1']));
    expect(ru.peekValues()[0]).toEqual(['ID лида', 'Создан', 'Канал', 'Менеджер', 'Текущий этап', 'Дней с передачи', 'Дней с последней смены этапа', 'Выигран / проигран', 'Возвращён в прогрев (впервые замечено)', 'Статус строки', 'Решение продаж', 'Причина', 'Комментарий', 'Дата следующего шага', 'Попыток связаться', 'Первая попытка связаться']);
    expect(ru.format(2, ru.peekValues()[0].indexOf('Решение продаж') + 1).validation!.values[0]).toBe('Принят');
  });

  test('service calls of a refresh are the same for 1,500 and 3,000 leads (two dropdowns: two setDataValidation)', () => {
    const counts = [1500, 3000].map((n) => {
      const ids = Array.from({ length: n }, (_, i) => `L${i}`);
      const { app, refresh } = setup('en', FEEDBACK_SPEC);
      refresh(fresh(ids));
      app.calls.reset();
      refresh(fresh([...ids.slice(1), 'new']));
      return app.calls.snapshot();
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]['Range.setDataValidation']).toBe(2);
    expect(counts[0]['Range.getValues']).toBe(3);
  });
});

describe('an edit between the refresh read and its write survives', () => {
  test("a person types a verdict right after the read: it is not overwritten (only computed columns are written)", () => {
    const { sheet, refresh } = typedTab();
    sheet.afterNextRead = () => type(sheet, rowsOf(sheet, 'A5')[0], colOf(sheet, 'Sales verdict'), 'Won');
    refresh(fresh(LEADS, 'Won'));
    expect(humanCells(sheet, ['A5']).A5['Sales verdict']).toBe('Won');
    expect(humanCells(sheet, ['A1', 'A2', 'A3', 'A4'])).toEqual({ A1: EXPECTED.A1, A2: EXPECTED.A2, A3: EXPECTED.A3, A4: EXPECTED.A4 });
  });

  test('a person sorts the tab right after the read: the refresh sees the key column moved, reads again, and every cell stays with its lead', () => {
    const { sheet, refresh } = typedTab();
    sheet.afterNextRead = () => sheet.sort(colOf(sheet, 'Days since hand-off'), false);
    refresh(fresh(LEADS, 'Proposal'));
    expect(rowsOf(sheet, 'A5')).toEqual([2]);
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    for (const lead of LEADS) expect(sheet.peek(rowsOf(sheet, lead)[0], colOf(sheet, 'Current stage'))).toBe('Proposal');
  });

  test('a person inserts a row after every read: after the last attempt the refresh gives up and writes nothing', () => {
    const { app, sheet, writer } = typedTab();
    // Re-armed on every read: each read of the tab is followed by a blank row inserted above the leads.
    const insertAfterEachRead = (): void => {
      sheet.insertRowBefore(2);
      sheet.afterNextRead = insertAfterEachRead;
    };
    sheet.afterNextRead = insertAfterEachRead;
    app.calls.reset();
    expect(() => writer.mergeKeyedTab(FEEDBACK_SPEC, fresh(LEADS, 'Proposal'))).toThrow(KeyedTabKeptChangingError);
    sheet.afterNextRead = null;
    const calls = app.calls.snapshot();
    expect(calls['Range.setValues'] ?? 0).toBe(0);
    expect(calls['Range.setDataValidation'] ?? 0).toBe(0);
    expect(humanCells(sheet, LEADS)).toEqual(EXPECTED);
    // Owned cells keep the previous refresh's values.
    for (const lead of LEADS) expect(sheet.peek(rowsOf(sheet, lead)[0], colOf(sheet, 'Current stage'))).toBe('Qualified');
  });
});
