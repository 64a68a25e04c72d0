/**
 * The fakes must behave like Sheets where the add-on depends on it; otherwise the integration tests
 * prove nothing. These pin the behaviours the text protection and the writer rely on.
 */
import { createFakeServices } from '../fakes/services';
import { formulaResult, type FakeSheet } from '../fakes/spreadsheet';
import { msk } from './helpers';

function sheetWith(zone = 'Europe/Moscow'): { sheet: FakeSheet; world: ReturnType<typeof createFakeServices> } {
  const world = createFakeServices({ timeZone: zone });
  const sheet = world.app.spreadsheet.addSheet('S');
  return { sheet, world };
}

describe('fake Range.setValues parses strings like typing into Sheets', () => {
  test('a string starting with "=" becomes a formula; getValues returns its result, not the text', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 1).setValues([['=IMPORTXML("https://x","//a")']]);
    expect(sheet.formulaAt(1, 1)).toBe('=IMPORTXML("https://x","//a")');
    expect(sheet.getRange(1, 1, 1, 1).getValues()).toEqual([[formulaResult('=IMPORTXML("https://x","//a")')]]);
  });

  test('"+" and "-" followed by something that is not a number start a formula too', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 3).setValues([['-1+2', '+A1', '-abc']]);
    expect([sheet.formulaAt(1, 1), sheet.formulaAt(1, 2), sheet.formulaAt(1, 3)]).toEqual(['=-1+2', '=+A1', '=-abc']);
  });

  test('number-looking, percent and boolean strings become numbers and booleans', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 5).setValues([['123', '-4.5', '1,234', '12%', 'TRUE']]);
    expect(sheet.peekValues()[0]).toEqual([123, -4.5, 1234, 0.12, true]);
  });

  test('date-looking strings become dates in the spreadsheet time zone', () => {
    const { sheet } = sheetWith('Europe/Moscow');
    sheet.getRange(1, 1, 1, 2).setValues([['2024-01-01', '2024-03-05 10:30']]);
    const [a, b] = sheet.peekValues()[0];
    expect(a).toEqual(new Date('2023-12-31T21:00:00Z'));
    expect(b).toEqual(new Date('2024-03-05T07:30:00Z'));
  });

  test('a leading apostrophe makes text and is not stored or returned', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 4).setValues([["'=1+1", "'123", "'2024-01-01", "''quoted"]]);
    expect(sheet.getRange(1, 1, 1, 4).getValues()).toEqual([['=1+1', '123', '2024-01-01', "'quoted"]]);
    expect(sheet.formulaCount()).toBe(0);
  });

  test('"00123" becomes the number 123 (leading zeros lost), as typing it does; with an apostrophe it stays text', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 2).setValues([['00123', "'00123"]]);
    expect(sheet.peekValues()[0]).toEqual([123, '00123']);
  });

  test('a cell formatted as plain text (@) keeps "=…", "00123" and dates as typed', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 3).setNumberFormats([['@', '@', '@']]);
    sheet.getRange(1, 1, 1, 3).setValues([['=1+1', '00123', '2024-01-01']]);
    expect(sheet.formulaCount()).toBe(0);
    expect(sheet.peekValues()[0]).toEqual(['=1+1', '00123', '2024-01-01']);
  });

  test('a value over 50,000 characters is refused with Sheets’ message; 50,000 fit', () => {
    const { sheet } = sheetWith();
    expect(() => sheet.getRange(1, 1, 1, 1).setValues([["'" + 'x'.repeat(50_001)]])).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange(1, 1, 1, 1).setValues([["'" + 'x'.repeat(50_000)]]);
    expect(String(sheet.peek(1, 1))).toHaveLength(50_000);
  });

  test('setNotes takes strings; "" removes a note and null is refused (not documented)', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 2).setNotes([['a note', '']]);
    expect([sheet.format(1, 1).note, sheet.format(1, 2).note]).toEqual(['a note', undefined]);
    const withNull = [[null]] as unknown as string[][];
    expect(() => sheet.getRange(1, 1, 1, 1).setNotes(withNull)).toThrow("pass ''");
  });

  test('Date objects round-trip as the same instant', () => {
    const { sheet } = sheetWith();
    const d = msk('2026-11-02', '01:30');
    sheet.getRange(2, 3, 1, 1).setValues([[d]]);
    const back = sheet.getRange(2, 3, 1, 1).getValues()[0][0];
    expect(back).toBeInstanceOf(Date);
    expect((back as Date).getTime()).toBe(d.getTime());
  });
});

describe('fake ranges check dimensions and bounds like Sheets', () => {
  test('setValues with fewer rows than the range throws Sheets’ message', () => {
    const { sheet } = sheetWith();
    expect(() => sheet.getRange(1, 1, 3, 2).setValues([[1, 2], [3, 4]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
  });

  test('a ragged row throws the columns message', () => {
    const { sheet } = sheetWith();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([[1, 2], [3]])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.',
    );
  });

  test('format grids are checked the same way', () => {
    const { sheet } = sheetWith();
    expect(() => sheet.getRange(1, 1, 1, 2).setNumberFormats([['0']])).toThrow('The number of columns in the data');
  });

  test('a range past the grid (1000 × 26 for a new sheet) throws until rows are inserted', () => {
    const { sheet } = sheetWith();
    expect(() => sheet.getRange(999, 1, 5, 1)).toThrow('outside the dimensions of the sheet');
    sheet.insertRowsAfter(1000, 10);
    expect(() => sheet.getRange(999, 1, 5, 1)).not.toThrow();
  });

  test('frozen rows may not cut a merge, and a merge may not straddle the frozen edge', () => {
    const { sheet } = sheetWith();
    sheet.getRange(2, 1, 2, 1).merge();
    expect(() => sheet.setFrozenRows(2)).toThrow('merged');
    sheet.setFrozenRows(3);
    expect(() => sheet.getRange(3, 2, 2, 1).merge()).toThrow("can't merge frozen and non-frozen rows");
  });

  test('breakApart must cover whole merges', () => {
    const { sheet } = sheetWith();
    sheet.getRange(1, 1, 1, 3).merge();
    expect(() => sheet.getRange(1, 1, 1, 2).breakApart()).toThrow('all cells in a merged range');
    sheet.getRange(1, 1, 5, 5).breakApart();
    expect(sheet.merges).toEqual([]);
  });

  test('getDataRange spans the used cells only', () => {
    const { sheet } = sheetWith();
    sheet.seed([['a', 'b'], ['', ''], ['c', '', 'd']]);
    expect(sheet.getDataRange().getValues()).toEqual([['a', 'b', ''], ['', '', ''], ['c', '', 'd']]);
  });
});

describe('call counters', () => {
  test('count round trips per service and keep local builders apart', () => {
    const world = createFakeServices();
    const ss = world.app.getActiveSpreadsheet()!;
    const sheet = ss.insertSheet('X');
    sheet.getRange(1, 1, 1, 1).setValues([['x']]);
    world.app.newRichTextValue().setText('a').setLinkUrl('#gid=1').build();
    world.services.PropertiesService.getDocumentProperties()?.getProperties();
    expect(world.app.calls.snapshot()).toEqual({
      'Range.setValues': 1,
      'Sheet.getRange': 1,
      'Spreadsheet.insertSheet': 1,
      'SpreadsheetApp.getActiveSpreadsheet': 1,
    });
    expect(world.app.calls.local.get('RichTextValueBuilder.build')).toBe(1);
    expect(world.callTotals()).toMatchObject({ spreadsheet: 4, properties: 2, total: 6 });
  });

  test('in AuthMode.NONE the document and the properties are off limits', () => {
    const world = createFakeServices({ authMode: 'NONE' });
    expect(() => world.app.getActiveSpreadsheet()).toThrow('AuthMode.NONE');
    expect(() => world.properties.getDocumentProperties()).toThrow('AuthMode.NONE');
    expect(() => world.lock.getDocumentLock()).toThrow('AuthMode.NONE');
  });

  test('the properties store refuses values over 9 KB like Apps Script', () => {
    const world = createFakeServices();
    const props = world.properties.getDocumentProperties()!;
    expect(() => props.setProperties({ k: 'я'.repeat(5000) })).toThrow('Argument too large');
    expect(props.getProperties()).toEqual({});
  });
});
