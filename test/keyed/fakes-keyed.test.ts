/** The fake's model of what people do to a sheet, checked against the behaviour Google documents. */
import { FakeEnv, FakeSpreadsheetApp, type FakeRange, type FakeSheet } from '../fakes/spreadsheet';

function sheetWith(rows: (string | number)[][]): FakeSheet {
  const app = new FakeSpreadsheetApp(new FakeEnv());
  return app.spreadsheet.addSheet('S', rows);
}

describe('fakes: rows, columns, filters and column metadata', () => {
  test('moveColumns: the destination index counts columns before the move (E:F to 4 lands before D)', () => {
    const s = sheetWith([['A', 'B', 'C', 'D', 'E', 'F', 'G']]);
    s.moveColumns(s.getRange(1, 5, 1, 2), 4);
    expect(s.peekValues()[0]).toEqual(['A', 'B', 'C', 'E', 'F', 'D', 'G']);
    s.moveColumns(s.getRange(1, 1, 1, 1), 8);
    expect(s.peekValues()[0]).toEqual(['B', 'C', 'E', 'F', 'D', 'G', 'A']);
    expect(() => s.moveColumns(s.getRange(1, 1, 1, 3), 2)).toThrow(/outside the columns being moved/);
  });

  test('column metadata needs a whole column, moves with it and goes when it is deleted; getDeveloperMetadata does not list it', () => {
    const s = sheetWith([['A', 'B', 'C']]);
    expect(() => s.getRange(1, 2, 1, 1).addDeveloperMetadata('k', 'b')).toThrow(/arbitrary ranges/);
    expect(() => s.getRange('B:C').addDeveloperMetadata('k', 'bc')).toThrow(/arbitrary ranges/);
    s.getRange('B:B').addDeveloperMetadata('k', 'b');
    s.getRange('C:C').addDeveloperMetadata('k', 'c');
    s.moveColumns(s.getRange(1, 2, 1, 1), 1);
    const where = () => s.createDeveloperMetadataFinder().withKey('k').find().map((m) => `${m.getValue()}@${m.getLocation().getColumn()?.getColumn()}`);
    expect(where()).toEqual(['b@1', 'c@3']);
    s.deleteColumn(1);
    expect(where()).toEqual(['c@2']);
    expect(s.getDeveloperMetadata()).toEqual([]);
  });

  test('Sheet.sort moves whole rows below the frozen rows, blanks last; Range.sort moves only the range\'s columns', () => {
    const s = sheetWith([
      ['k', 'v'],
      ['b', 1],
      ['', 2],
      ['a', 3],
    ]);
    s.setFrozenRows(1);
    s.sort(1, true);
    expect(s.peekValues()).toEqual([['k', 'v'], ['a', 3], ['b', 1], ['', 2]]);
    s.sort(1, false);
    expect(s.peekValues()).toEqual([['k', 'v'], ['b', 1], ['a', 3], ['', 2]]);
    (s.getRange(2, 1, 2, 1) as FakeRange).sort({ column: 1, ascending: true });
    expect(s.peekValues()).toEqual([['k', 'v'], ['a', 1], ['b', 3], ['', 2]]);
  });

  test('inserted and deleted rows shift values, formulas and filter marks; hidden rows are still read and written', () => {
    const s = sheetWith([['h'], ['x'], ['y']]);
    s.writeUserEntered(3, 2, '=1+1');
    s.filterRows((line) => line[0] === 'x');
    expect(s.isRowHiddenByFilter(2)).toBe(true);
    s.insertRowBefore(2);
    expect(s.formulaAt(4, 2)).toBe('=1+1');
    expect(s.isRowHiddenByFilter(3)).toBe(true);
    expect(s.getRange(3, 1, 1, 1).getValues()).toEqual([['x']]);
    s.getRange(3, 1, 1, 1).setValues([['written']]);
    expect(s.peek(3, 1)).toBe('written');
    s.deleteRow(2);
    expect(s.peekValues()).toEqual([['h', ''], ['written', ''], ['y', '#EVALUATED(=1+1)']]);
    expect(s.isRowHiddenByFilter(2)).toBe(true);
  });
});
