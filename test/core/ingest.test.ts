import vm from 'node:vm';
import fc from 'fast-check';
import { DEFAULT_CONFIG } from '../../src/core/config';
import type { FunnelConfig } from '../../src/core/config';
import { InputError } from '../../src/core/errors';
import { ingestRows } from '../../src/core/ingest';
import { INVALID_AMOUNT, parseAmount } from '../../src/core/numbers';
import { UNKNOWN_TIME } from '../../src/core/types';
import type { CellValue, DataIssue } from '../../src/core/types';

const W = Date.UTC;
const N = Number.NaN;

function config(partial: Partial<FunnelConfig> & Pick<FunnelConfig, 'columns' | 'stages'>): FunnelConfig {
  return { ...DEFAULT_CONFIG, ...partial };
}

type IssueKey = [row: number, column: string, value: string, severity: DataIssue['severity']];
const keyOf = (i: DataIssue): IssueKey => [i.row, i.column, i.value, i.severity];
const byRowThenColumn = (a: IssueKey, b: IssueKey) => a[0] - b[0] || a[1].localeCompare(b[1]);

describe('a small broken sheet (timestamp shape)', () => {
  const rows: CellValue[][] = [
    ['ID', 'Created', '', 'Qualified at', 'Won at', 'Channel', 'Amount', '  '],
    ['A1', '2024-03-04 10:00', 'junk', '2024-03-05', '', 'Google', '1 200'], // row 2
    ['A2', '05.03.2024', '', 'not a date', '2024-03-10 12:00', 'Yandex', 'abc'], // row 3
    ['', '', '', '', '', '', '', ''], // row 4: empty
    ['A1', '2024-03-06 09:00', '', '2024-03-01 08:00', '', ' Google ', ''], // row 5
    ['A3', '', '', '2024-03-07', '', 'Google', ''], // row 6: no creation date
    ['A4', '31.02.2024', '', '', '', 'Google', ''], // row 7: impossible creation date
    [], // row 8: empty
    ['', '2024-03-08', '', '', '', '', '5'], // row 9
    ['A5', '2024-03-08 12:00', '', '2024-03-08', '2024-03-08 11:59:30', null, '$1,200.50'], // row 10
    ['A6', '2024-03-09'], // row 11: shorter than the header
    ['  ', null, undefined, '   '], // row 12: only blanks
  ];
  const cfg = config({
    columns: { createdAt: 'created', id: 'ID', channel: 'Channel', amount: 'Amount' },
    stages: [
      { name: 'Qualified', column: 'Qualified at' },
      { name: 'Won', column: 'Won at' },
    ],
  });
  const result = ingestRows(rows, { config: cfg, sheet: 'Leads' });

  test('the issues, with spreadsheet row numbers', () => {
    const expected: IssueKey[] = [
      [2, 'C', 'junk', 'warning'], // data under a blank header, reported once for column C
      [3, 'Amount', 'abc', 'warning'],
      [3, 'Qualified at', 'not a date', 'error'],
      [5, 'ID', 'A1', 'warning'], // duplicate of row 2
      [5, 'Qualified at', '2024-03-01 08:00', 'warning'], // before creation
      [6, 'Created', '', 'error'],
      [7, 'Created', '31.02.2024', 'error'],
      [9, 'ID', '', 'warning'],
      [10, 'Won at', '2024-03-08 11:59:30', 'warning'], // 30 s before creation
    ];
    expect(result.issues.map(keyOf).sort(byRowThenColumn)).toEqual(expected);
    for (const issue of result.issues) {
      expect(issue.sheet).toBe('Leads');
      expect(issue.problem).not.toBe('');
      expect(issue.problemRu).toMatch(/[а-я]/);
    }
    const dup = result.issues.find((i) => i.row === 5 && i.column === 'ID');
    expect(dup?.problem).toContain('row 2');
    expect(dup?.problemRu).toContain('строке 2');
    const impossible = result.issues.find((i) => i.row === 7);
    expect(impossible?.problem).toMatch(/no such day/);
  });

  test('leads: rows with a usable creation date, in sheet order', () => {
    expect(result.rowsRead).toBe(8); // rows 2, 3, 5, 6, 7, 9, 10, 11
    expect(result.leads.count).toBe(6);
    expect(Array.from(result.leads.rowNumbers)).toEqual([2, 3, 5, 9, 10, 11]);
    expect(result.leads.ids).toEqual(['A1', 'A2', 'A1', '', 'A5', 'A6']);
    expect(Array.from(result.leads.createdAt)).toEqual([
      W(2024, 2, 4, 10), W(2024, 2, 5), W(2024, 2, 6, 9), W(2024, 2, 8), W(2024, 2, 8, 12), W(2024, 2, 9),
    ]);
    expect(result.stageNames).toEqual(['Lead', 'Qualified', 'Won']);
  });

  test('stage timestamps: bad values dropped, early ones kept', () => {
    const [qualified, won] = result.leads.stageTimes.map((a) => Array.from(a));
    expect(qualified).toEqual([W(2024, 2, 5), N, W(2024, 2, 1, 8), N, W(2024, 2, 8), N]);
    expect(won).toEqual([N, W(2024, 2, 10, 12), N, N, W(2024, 2, 8, 11, 59, 30), N]);
    expect(Array.from(result.leads.lostAt)).toEqual([N, N, N, N, N, N]);
    expect(result.leads.lostReason).toEqual(['', '', '', '', '', '']);
  });

  test('the timestamp shape knows every furthest stage', () => {
    expect(Array.from(result.leads.furthestUnknown)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('amounts and dictionary-encoded slices', () => {
    expect(Array.from(result.leads.amount)).toEqual([1200, N, N, 5, 1200.5, N]);
    expect(result.leads.slices.channel?.values).toEqual(['Google', 'Yandex', '']);
    expect(Array.from(result.leads.slices.channel?.codes ?? [])).toEqual([0, 1, 0, 2, 2, 2]);
    expect(result.leads.slices.manager).toBeUndefined();
    expect(result.leads.slices.product).toBeUndefined();
  });
});

describe('a configured column that is not in the header row', () => {
  const rows: CellValue[][] = [['ID', 'Created', 'Qualified at'], ['A1', '2024-03-04', '2024-03-05']];
  const attempt = (partial: Partial<FunnelConfig>) => () =>
    ingestRows(rows, { config: config({ columns: { createdAt: 'Created' }, stages: [{ name: 'Qualified', column: 'Qualified at' }], ...partial }), sheet: 'Leads' });

  test('a stage column: unusable input naming it and the headers that exist (not a column of zeros)', () => {
    const run = attempt({ stages: [{ name: 'Qualified', column: 'Qualified at' }, { name: 'Demo', column: 'Demo at' }] });
    expect(run).toThrow(InputError);
    expect(run).toThrow('Sheet "Leads" has no column "Demo at" (stage "Demo") in its header row. Its columns are: "ID", "Created", "Qualified at".');
    try {
      run();
    } catch (e) {
      expect((e as InputError).messageRu).toContain('нет столбца «Demo at» (этап «Demo»). Столбцы листа: «ID», «Created», «Qualified at».');
    }
  });

  test('optional columns too, all named in one message', () => {
    expect(attempt({ columns: { createdAt: 'Created', manager: 'Manager', amount: 'Budget' } })).toThrow(
      'has no columns "Budget" (Amount), "Manager" (Manager) in its header row',
    );
  });

  test('the creation date column, and the current-stage columns', () => {
    expect(attempt({ columns: { createdAt: 'Opened' } })).toThrow('"Opened" (the lead creation date)');
    const cs = { column: 'Status', values: { Qualified: 'Qualified' } };
    expect(attempt({ stages: [{ name: 'Qualified' }], currentStage: cs })).toThrow('"Status" (current stage)');
  });
});

describe('the current-stage shape', () => {
  const rows: CellValue[][] = [
    ['Created', 'Stage', 'Stage changed', 'Lost at'],
    ['2024-03-01', 'Qualified', '2024-03-10', ''], // 2
    ['2024-03-01', '  WON ', '', ''], // 3
    ['2024-03-01', 'Lost', '2024-03-12', ''], // 4
    ['2024-03-01', 'lost', '', ''], // 5
    ['2024-03-01', 'Lost', '2024-03-12', '2024-03-11'], // 6
    ['2024-03-01', 'Mystery', '', ''], // 7
    ['2024-03-01', 'New', '', ''], // 8
    ['2024-03-01', '', '', ''], // 9
    ['2024-03-01', 'Contacted', 'garbage', ''], // 10
    ['2024-03-05', 'Contacted', '2024-03-02 10:00', ''], // 11
  ];
  const cfg = config({
    columns: { createdAt: 'Created', lostAt: 'Lost at' },
    stages: [{ name: 'Contacted' }, { name: 'Qualified' }, { name: 'Won' }],
    currentStage: {
      column: 'Stage',
      values: { New: 'lead', Contacted: 'Contacted', Qualified: 'Qualified', Won: 'won', Lost: 'lost' },
      changedAt: 'Stage changed',
    },
  });
  const result = ingestRows(rows, { config: cfg, sheet: 'CRM' });
  const U = UNKNOWN_TIME;

  test('stages up to the current one are passed; the current one takes the change time', () => {
    const [contacted, qualified, won] = result.leads.stageTimes.map((a) => Array.from(a));
    //                  r2 r3 r4 r5 r6 r7 r8 r9 r10 r11
    expect(contacted).toEqual([U, U, N, N, N, N, N, N, U, W(2024, 2, 2, 10)]);
    expect(qualified).toEqual([W(2024, 2, 10), U, N, N, N, N, N, N, N, N]);
    expect(won).toEqual([N, U, N, N, N, N, N, N, N, N]);
  });

  test('lost: the lost date column, else the change time, else unknown time', () => {
    expect(Array.from(result.leads.lostAt)).toEqual([N, N, W(2024, 2, 12), U, W(2024, 2, 11), N, N, N, N, N]);
  });

  test('lost leads of the current-stage column have an unknown furthest stage (not a drop-off at the first step)', () => {
    //                                                  r2 r3 r4 r5 r6 r7 r8 r9 r10 r11
    expect(Array.from(result.leads.furthestUnknown)).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  test('unknown and blank stages are warnings, a bad change time an error', () => {
    expect(result.issues.map(keyOf).sort(byRowThenColumn)).toEqual([
      [7, 'Stage', 'Mystery', 'warning'],
      [9, 'Stage', '', 'warning'],
      [10, 'Stage changed', 'garbage', 'error'],
      [11, 'Stage changed', '2024-03-02 10:00', 'warning'],
    ]);
    expect(result.leads.count).toBe(10);
  });

  test('missing current-stage and lost-date columns make the input unusable, naming both', () => {
    expect(() => ingestRows([['Created'], ['2024-03-01']], { config: cfg, sheet: 'CRM' })).toThrow(
      'has no columns "Lost at" (Lost date), "Stage" (current stage) in its header row',
    );
  });
});

describe('Date objects and time zones', () => {
  test('instants become wall time in the configured zone, also in issue texts', () => {
    const cfg = config({
      columns: { createdAt: 'Created' },
      stages: [{ name: 'Won', column: 'Won at' }],
      timeZone: 'Europe/Moscow',
    });
    const rows: CellValue[][] = [
      ['Created', 'Won at'],
      [new Date('2024-03-31T00:30:00Z'), new Date('2024-03-30T20:00:00Z')],
      [45000.5, ''],
    ];
    const r = ingestRows(rows, { config: cfg, sheet: 'S' });
    expect(Array.from(r.leads.createdAt)).toEqual([W(2024, 2, 31, 3, 30), W(2023, 2, 15, 12)]);
    expect(r.leads.stageTimes[0][0]).toBe(W(2024, 2, 30, 23));
    expect(r.issues.map(keyOf)).toEqual([[2, 'Won at', '2024-03-30 23:00', 'warning']]);
    expect(r.issues[0].problem).toContain('2024-03-31 03:30');
  });
});

describe('unusable input', () => {
  const cfg = config({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }] });

  test('no creation-date column throws InputError in English and Russian', () => {
    expect(() => ingestRows([['ID', 'Won at'], ['1', '2024-01-01']], { config: cfg, sheet: 'Leads' })).toThrow(InputError);
    let thrown: unknown = null;
    try {
      ingestRows([['ID', 'Won at']], { config: cfg, sheet: 'Leads' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message).toContain('"Created at"');
    expect((thrown as InputError).message).toContain('"Leads"');
    expect((thrown as InputError).messageRu).toContain('«Created at»');
  });

  test('an empty sheet throws InputError', () => {
    expect(() => ingestRows([], { config: cfg, sheet: 'Leads' })).toThrow(InputError);
  });

  test('header matching: case-insensitive, trimmed, first duplicate wins, blank headers not used', () => {
    const rows: CellValue[][] = [
      ['', ' CREATED AT ', 'Source', 'Source', 'won at'],
      ['x', '2024-01-01', 'first', 'second', '2024-01-02'],
    ];
    const r = ingestRows(rows, {
      config: config({ columns: { createdAt: 'Created at', channel: 'source' }, stages: [{ name: 'Won', column: 'Won At' }] }),
      sheet: 'S',
    });
    // The blank-headed column A holds data: one warning naming the column, nothing else.
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.severity])).toEqual([[2, 'A', 'x', 'warning']]);
    expect(r.leads.slices.channel?.values).toEqual(['first']);
    expect(r.leads.stageTimes[0][0]).toBe(W(2024, 0, 2));
  });
});

describe('duplicate IDs (property)', () => {
  test('each repeated ID is flagged once per repeat, naming the row of its first occurrence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', '', 'ab', 'ba'), { maxLength: 200 }), (ids) => {
        const rows: CellValue[][] = [['id', 'created'], ...ids.map((id) => [id, '2024-01-01'])];
        const r = ingestRows(rows, {
          config: config({ columns: { createdAt: 'created', id: 'id' }, stages: [{ name: 'Won', column: 'created' }] }),
          sheet: 'S',
        });
        const firstRow = new Map<string, number>();
        const expected: string[] = [];
        ids.forEach((id, i) => {
          const row = i + 2;
          if (id === '') expected.push(`${row}: blank`);
          else if (firstRow.has(id)) expected.push(`${row}: dup of ${firstRow.get(id)}`);
          else firstRow.set(id, row);
        });
        const actual = r.issues.map((i) => {
          const m = /row (\d+)/.exec(i.problem);
          return m ? `${i.row}: dup of ${m[1]}` : `${i.row}: blank`;
        });
        expect(actual).toEqual(expected);
        expect(r.leads.count).toBe(ids.length);
      }),
    );
  });
});

describe('parseAmount', () => {
  test('CRM amount formats', () => {
    const cases: [CellValue, number][] = [
      [1200, 1200],
      [0, 0],
      ['1234.5', 1234.5],
      ['1 234,50', 1234.5],
      ['1,234.50', 1234.5],
      ['1.234,50', 1234.5],
      ['₽ 1 200', 1200],
      ['$1,200', 1200],
      ['1 200 руб.', 1200],
      ['1\u00a0200', 1200],
      ['1\u202f234\u00a0567,5', 1234567.5],
      ['-1 200', -1200],
      ['1,234', 1234],
      ['1,5', 1.5],
      ['0,500', 0.5],
      ['1.234.567', 1234567],
      ['1,234,567.89', 1234567.89],
      ['EUR 99', 99],
      ['99 грн', 99],
      ["1'234.5", 1234.5],
    ];
    for (const [v, expected] of cases) expect([v, parseAmount(v)]).toEqual([v, expected]);
  });

  test('blanks are NaN without an issue, anything else is INVALID_AMOUNT', () => {
    for (const v of ['', '  ', '-', '—', 'n/a', null, undefined]) expect(Number.isNaN(parseAmount(v))).toBe(true);
    for (const v of ['abc', '12 apples', '1,2,3.4,5', '1.5.6,7,8', '+7 (999) 123-45-67', '1200-', true, new Date(0), Number.POSITIVE_INFINITY]) {
      expect([v, parseAmount(v)]).toEqual([v, INVALID_AMOUNT]);
    }
  });

  test('any amount in cents round-trips through Russian and English formatting', () => {
    const group = (n: number, sep: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        const whole = Math.floor(cents / 100);
        const frac = String(cents % 100).padStart(2, '0');
        expect(parseAmount(`${group(whole, '\u00a0')},${frac} ₽`)).toBe(cents / 100);
        expect(parseAmount(`$${group(whole, ',')}.${frac}`)).toBe(cents / 100);
        expect(parseAmount(`${whole}.${frac}`)).toBe(cents / 100);
      }),
    );
  });
});

describe('columns without a header and negative amounts', () => {
  test('a merged header (blank right half) and cells past the header are reported once per column', () => {
    const rows: CellValue[][] = [
      ['Created at', 'Won at', '', 'Amount'], // C is the blank right half of a merged "Won at"
      ['2024-01-01', '2024-01-05', '', '10'],
      ['2024-01-02', '', 'note', '-5', 'extra'], // C and E (beyond the header) hold data
      ['2024-01-03', '', 'again', '7', 'more'],
    ];
    const r = ingestRows(rows, {
      config: config({ columns: { createdAt: 'Created at', amount: 'Amount' }, stages: [{ name: 'Won', column: 'Won at' }] }),
      sheet: 'Leads',
    });
    expect(r.issues.map((i) => [i.row, i.column, i.value, i.severity]).sort()).toEqual([
      [3, 'Amount', '-5', 'warning'],
      [3, 'C', 'note', 'warning'],
      [3, 'E', 'extra', 'warning'],
    ]);
    expect(r.issues.find((i) => i.column === 'C')?.problemRu).toContain('нет заголовка');
    // Everything else is still used: 3 leads, the negative amount kept as typed.
    expect(r.leads.count).toBe(3);
    expect(Array.from(r.leads.amount)).toEqual([10, -5, 7]);
  });
});

describe('Date cells from another realm (a vm context, as in the bundle tests)', () => {
  test('are parsed and quoted in data issues as local date-times, not as Date.toString()', () => {
    const foreign = vm.runInNewContext('[new Date(Date.UTC(2024, 0, 10, 9, 30)), new Date(Date.UTC(2024, 0, 5, 8, 0))]') as Date[];
    expect(foreign[0] instanceof Date).toBe(false);
    const r = ingestRows(
      [['Created at', 'Won at'], [foreign[0], foreign[1]]],
      { config: config({ columns: { createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }] }), sheet: 'Leads' },
    );
    expect(r.leads.count).toBe(1);
    // Won before creation: the warning quotes the value as the sheet shows it (UTC zone here).
    expect(r.issues.map((i) => [i.column, i.value])).toEqual([['Won at', '2024-01-05 08:00']]);
  });
});
