/**
 * The Sheets face of keyed tabs on the fakes: what people do between refreshes (sort, filter, insert
 * and delete rows, move and delete columns, type) and what a refresh must then do.
 */
import { COLUMN_KEY, KeyedTabNameTakenError } from '../../src/sheets/keyed-writer';
import { OWNER_KEY } from '../../src/sheets/tab-owner';
import { formulaResult } from '../fakes/spreadsheet';
import { cell, colOf, rowsOf, setup, type } from './sheets-helpers';
import { EN_HEADER, SPEC, row } from './spec-fixture';

const ORPHAN = 'Not in Leads any more';
const DUP = 'Duplicate key: this key is on more than one row';
const THREE = [row('L1', 'Google', 'Lead'), row('L2', 'Facebook', 'Lead'), row('L3', 'Organic', 'Lead')];

/** A tab made by a first refresh, with people's verdicts and comments typed in. */
function withFeedback() {
  const ctx = setup();
  const sheet = ctx.refresh(THREE);
  type(sheet, rowsOf(sheet, 'L1')[0], colOf(sheet, 'Accepted?'), 'yes');
  type(sheet, rowsOf(sheet, 'L2')[0], colOf(sheet, 'Comment'), 'spam, wrong country');
  type(sheet, rowsOf(sheet, 'L3')[0], colOf(sheet, 'Comment'), 'call back Tuesday');
  return { ...ctx, sheet };
}

function expectFeedbackKept(sheet: ReturnType<typeof withFeedback>['sheet']): void {
  expect(cell(sheet, 'L1', 'Accepted?')).toBe('yes');
  expect(cell(sheet, 'L1', 'Comment')).toBe('');
  expect(cell(sheet, 'L2', 'Comment')).toBe('spam, wrong country');
  expect(cell(sheet, 'L3', 'Comment')).toBe('call back Tuesday');
}

describe('SheetsKeyedTabWriter', () => {
  test('a first refresh makes the tab: header, rows, column ids in metadata, people columns yellow, a note, frozen header', () => {
    const { refresh } = setup();
    const sheet = refresh(THREE);
    expect(sheet.peekValues()).toEqual([EN_HEADER, ['L1', 'Google', 'Lead', '', '', ''], ['L2', 'Facebook', 'Lead', '', '', ''], ['L3', 'Organic', 'Lead', '', '', '']]);
    expect(sheet.columnMetadata.map((m) => [m.key, m.value, m.place.column])).toEqual(
      ['lead', 'channel', 'stage', 'status', 'verdict', 'comment'].map((id, i) => [COLUMN_KEY, id, i + 1]),
    );
    expect(sheet.format(1, 5).background).toBe('#fff2cc');
    expect(sheet.format(1, 6).background).toBe('#fff2cc');
    expect(sheet.format(1, 1).background).not.toBe('#fff2cc');
    expect(sheet.format(1, 1).note).toMatch(/yellow header are yours/);
    expect(sheet.frozenRows).toBe(1);
  });

  test('sort by a column, then refresh: owned values follow the key, people values stay on their rows', () => {
    const { sheet, refresh } = withFeedback();
    sheet.sort(colOf(sheet, 'Channel'), false); // Organic, Google, Facebook
    expect(rowsOf(sheet, 'L3')).toEqual([2]);
    refresh([row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Lost'), row('L3', 'Organic', 'Qualified')]);
    expect(rowsOf(sheet, 'L3')).toEqual([2]);
    expect(cell(sheet, 'L1', 'Stage')).toBe('Won');
    expect(cell(sheet, 'L2', 'Stage')).toBe('Lost');
    expect(cell(sheet, 'L3', 'Stage')).toBe('Qualified');
    expectFeedbackKept(sheet);
  });

  test('a filter hides rows; the refresh still updates them and keeps what people typed', () => {
    const { sheet, refresh } = withFeedback();
    sheet.filterRows((line) => line[1] !== 'Google');
    expect(sheet.isRowHiddenByFilter(rowsOf(sheet, 'L2')[0])).toBe(true);
    refresh([row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Won'), row('L3', 'Organic', 'Won')]);
    for (const k of ['L1', 'L2', 'L3']) expect(cell(sheet, k, 'Stage')).toBe('Won');
    expectFeedbackKept(sheet);
  });

  test('an inserted row between rows is left alone, even with a note typed in it', () => {
    const { sheet, refresh } = withFeedback();
    sheet.insertRowBefore(3);
    type(sheet, 3, colOf(sheet, 'Comment'), 'my own note');
    const result = refresh([...THREE, row('L4', 'Google', 'Lead')]);
    expect(sheet.peekValues()[2]).toEqual(['', '', '', '', '', 'my own note']);
    expect(rowsOf(sheet, 'L4')).toEqual([6]);
    expect(result.peekValues().length).toBe(6);
    expectFeedbackKept(sheet);
  });

  test('a deleted row comes back at the bottom with blank people cells (the person deleted them)', () => {
    const { sheet, refresh } = withFeedback();
    sheet.deleteRow(rowsOf(sheet, 'L2')[0]);
    refresh(THREE);
    expect(rowsOf(sheet, 'L2')).toEqual([4]);
    expect(cell(sheet, 'L2', 'Comment')).toBe('');
    expect(cell(sheet, 'L1', 'Accepted?')).toBe('yes');
    expect(cell(sheet, 'L3', 'Comment')).toBe('call back Tuesday');
  });

  test('a people column moved to the far left is found by its metadata; owned columns are written in runs around it', () => {
    const { sheet, refresh, app } = withFeedback();
    sheet.moveColumns(sheet.getRange(1, colOf(sheet, 'Comment'), 1, 1), 1);
    expect(sheet.peekValues()[0]).toEqual(['Comment', 'Lead ID', 'Channel', 'Stage', 'Status', 'Accepted?']);
    // A person also retitles it: the metadata still says it is theirs.
    type(sheet, 1, 1, 'Notes from sales');
    app.calls.reset();
    refresh([row('L1', 'Google', 'Won'), ...THREE.slice(1)]);
    expect(sheet.peekValues()[0]).toEqual(['Notes from sales', 'Lead ID', 'Channel', 'Stage', 'Status', 'Accepted?']);
    expect(cell(sheet, 'L1', 'Stage')).toBe('Won');
    expect(cell(sheet, 'L2', 'Notes from sales')).toBe('spam, wrong country');
    expect(cell(sheet, 'L1', 'Accepted?')).toBe('yes');
    expect(app.calls.count('Range.setValues')).toBe(1); // owned B:E in one run
  });

  test('an owned column between people columns splits the write into runs; no range includes a people column', () => {
    const { sheet, refresh, app } = withFeedback();
    sheet.moveColumns(sheet.getRange(1, colOf(sheet, 'Stage'), 1, 1), colOf(sheet, 'Comment')); // ... Accepted?, Stage, Comment
    app.calls.reset();
    const writes: { col: number; numCols: number }[] = [];
    const original = sheet.getRange.bind(sheet);
    jest.spyOn(sheet, 'getRange').mockImplementation(((...args: [number, number, number, number]) => {
      const r = original(...args);
      const setValues = r.setValues.bind(r);
      r.setValues = (v) => {
        writes.push({ col: r.getColumn(), numCols: v[0].length });
        return setValues(v);
      };
      return r;
    }) as typeof sheet.getRange);
    refresh([row('L1', 'Google', 'Won'), ...THREE.slice(1)]);
    const people = [colOf(sheet, 'Accepted?'), colOf(sheet, 'Comment')];
    expect(writes.length).toBe(2);
    for (const w of writes) for (let c = w.col; c < w.col + w.numCols; c++) expect(people).not.toContain(c);
    expect(cell(sheet, 'L1', 'Stage')).toBe('Won');
    expectFeedbackKept(sheet);
  });

  test('a key that disappears is kept and flagged (owned cells kept); when it reappears the flag goes', () => {
    const { sheet, refresh } = withFeedback();
    const gone = refresh([THREE[0], THREE[2]]);
    expect(cell(gone, 'L2', 'Status')).toBe(ORPHAN);
    expect(cell(gone, 'L2', 'Channel')).toBe('Facebook');
    expect(cell(gone, 'L2', 'Comment')).toBe('spam, wrong country');
    refresh([...THREE.slice(0, 1), row('L2', 'Facebook', 'Won'), THREE[2]]);
    expect(cell(sheet, 'L2', 'Status')).toBe('');
    expect(cell(sheet, 'L2', 'Stage')).toBe('Won');
    expectFeedbackKept(sheet);
  });

  test('duplicate keys: both rows flagged, both kept with their own people cells', () => {
    const { sheet, refresh, writer } = withFeedback();
    sheet.insertRowBefore(2);
    type(sheet, 2, colOf(sheet, 'Lead ID'), 'L3');
    type(sheet, 2, colOf(sheet, 'Comment'), 'second opinion');
    const result = writer.mergeKeyedTab(SPEC, THREE);
    expect(result.duplicates).toEqual(['L3']);
    const rows = rowsOf(sheet, 'L3');
    expect(rows.length).toBe(2);
    expect(rows.map((r) => sheet.peek(r, colOf(sheet, 'Status')))).toEqual([DUP, DUP]);
    expect(rows.map((r) => sheet.peek(r, colOf(sheet, 'Comment')))).toEqual(['second opinion', 'call back Tuesday']);
    refresh(THREE);
    expect(rowsOf(sheet, 'L3').length).toBe(2);
  });

  test('new keys are appended in the order of the fresh rows', () => {
    const { sheet, refresh } = withFeedback();
    const result = refresh([row('L5', 'Organic', 'Lead'), ...THREE, row('L4', 'Google', 'Lead')]);
    expect(result.peekValues().slice(4).map((r) => r[0])).toEqual(['L5', 'L4']);
    expectFeedbackKept(sheet);
  });

  test('a person typing =1+1 keeps a formula; CRM text that looks like a formula goes out as text', () => {
    const { sheet, refresh } = withFeedback();
    const r = rowsOf(sheet, 'L1')[0];
    type(sheet, r, colOf(sheet, 'Comment'), '=1+1');
    refresh([row('L1', '=HYPERLINK("http://x")', '+7 999 123'), ...THREE.slice(1)]);
    expect(sheet.formulaAt(r, colOf(sheet, 'Comment'))).toBe('=1+1');
    expect(sheet.peek(r, colOf(sheet, 'Comment'))).toBe(formulaResult('=1+1'));
    expect(cell(sheet, 'L1', 'Channel')).toBe('=HYPERLINK("http://x")');
    expect(cell(sheet, 'L1', 'Stage')).toBe('+7 999 123');
    expect(sheet.formulaCount()).toBe(1);
  });

  test('a deleted owned column is re-created at the right end with its metadata; a retitled owned header is put back', () => {
    const { sheet, refresh } = withFeedback();
    sheet.deleteColumn(colOf(sheet, 'Channel'));
    type(sheet, 1, colOf(sheet, 'Stage'), 'Этап сделки');
    const result = refresh(THREE);
    expect(sheet.peekValues()[0]).toEqual(['Lead ID', 'Stage', 'Status', 'Accepted?', 'Comment', 'Channel']);
    expect(cell(sheet, 'L2', 'Channel')).toBe('Facebook');
    expect(sheet.columnMetadata.find((m) => m.value === 'channel')?.place.column).toBe(6);
    expect(sheet.columnMetadata.filter((m) => m.value === 'channel').length).toBe(1);
    expect(result.peekValues().length).toBe(4);
    expectFeedbackKept(sheet);
  });

  test('a refresh in Russian rewrites our headers in Russian and still finds every column', () => {
    const { sheet, app } = withFeedback();
    const { SheetsKeyedTabWriter } = jest.requireActual<typeof import('../../src/sheets/keyed-writer')>('../../src/sheets/keyed-writer');
    new SheetsKeyedTabWriter(app.spreadsheet, 'ru', app).mergeKeyedTab(SPEC, THREE);
    expect(sheet.peekValues()[0]).toEqual(['ID лида', 'Канал', 'Этап', 'Статус', 'Accepted?', 'Comment']);
    expect(sheet.peekValues().length).toBe(4);
    expect(sheet.format(1, 1).note).toMatch(/жёлтым заголовком — ваши/);
  });

  test.each([
    [10, 900],
    // Both past a new sheet's 1,000-row grid: one insertRowsAfter each.
    [1500, 3000],
  ])('the number of service calls does not depend on the number of rows (%i vs %i rows)', (small, large) => {
    const counts = [small, large].map((n) => {
      const { refresh, app } = setup();
      const keys = Array.from({ length: n }, (_, i) => row(`L${i}`, i % 2 ? 'Google' : 'Facebook', 'Lead'));
      const sheet = refresh(keys);
      sheet.sort(colOf(sheet, 'Channel'));
      sheet.moveColumns(sheet.getRange(1, colOf(sheet, 'Stage'), 1, 1), colOf(sheet, 'Comment'));
      app.calls.reset();
      refresh([...keys.slice(1), row('new1', 'Organic', 'Lead'), row('new2', 'Organic', 'Lead')]);
      return app.calls.snapshot();
    });
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[0]['Range.getValues']).toBe(3); // one read of the tab, then the header row and the key column again right before the write
    expect(counts[0]['Range.setValues']).toBe(2);
  });

  test('a sheet people made with that name is adopted: columns found by header and tagged, their cells kept', () => {
    const { app, refresh } = setup();
    app.spreadsheet.addSheet('Feedback', [
      ['Comment', 'Lead ID', 'Accepted?'],
      ['already typed', 'L2', 'no'],
    ]);
    const sheet = refresh(THREE);
    expect(sheet.peekValues()[0]).toEqual(['Comment', 'Lead ID', 'Accepted?', 'Channel', 'Stage', 'Status']);
    expect(cell(sheet, 'L2', 'Comment')).toBe('already typed');
    expect(cell(sheet, 'L2', 'Accepted?')).toBe('no');
    expect(cell(sheet, 'L2', 'Stage')).toBe('Lead');
    expect(rowsOf(sheet, 'L3')).toEqual([4]);
    expect(sheet.columnMetadata.map((m) => `${m.value}@${m.place.column}`).sort()).toEqual(
      ['comment@1', 'lead@2', 'verdict@3', 'channel@4', 'stage@5', 'status@6'].sort(),
    );
  });

  test('a generated report tab with that name is refused: its next refresh would clear what people type', () => {
    const { app, writer } = setup();
    app.spreadsheet.addSheet('Feedback', [['Cohort']]).addDeveloperMetadata(OWNER_KEY, 'report', app.DeveloperMetadataVisibility.PROJECT);
    expect(() => writer.mergeKeyedTab(SPEC, THREE)).toThrow(KeyedTabNameTakenError);
  });

  test('an id the spec no longer has does not make a column lose its current id', () => {
    const { sheet, refresh } = withFeedback();
    // Metadata left by an older spec on the Comment column, listed before the current one.
    sheet.addColumnMetadata(COLUMN_KEY, 'old-id', colOf(sheet, 'Comment'));
    sheet.columnMetadata.unshift(sheet.columnMetadata.pop()!);
    const before = sheet.columnMetadata.length;
    refresh(THREE);
    refresh(THREE);
    expect(sheet.columnMetadata.length).toBe(before);
    expectFeedbackKept(sheet);
  });
});
