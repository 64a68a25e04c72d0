/**
 * A current-stage column is read with a built-in CRM vocabulary only when that vocabulary knows the
 * values of at least half of the (non-blank) rows; the values it does not know are listed once each with
 * their row counts, never once per row.
 */
import { detectConfig } from '../../src/core/detect';
import { ingestRows } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

/** 100 rows (sheet rows 2…101) with the given stage values in order. */
function sheet(values: string[]): CellValue[][] {
  return [['ID', 'Created', 'Status'], ...values.map((v, i) => [`L${i + 1}`, '2024-03-01', v])];
}
const repeat = (v: string, n: number) => new Array<string>(n).fill(v);

describe('choosing a stage vocabulary', () => {
  test('40 of 100 rows known: no vocabulary, and the unknown values are named with their counts', () => {
    const r = detectConfig(sheet([...repeat('Won', 40), ...repeat('Замер', 45), ...repeat('КП', 15)]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('only 40 of 100 rows');
    expect(r.error).toContain('"Замер" (45), "КП" (15)');
    expect(r.errorRu).toContain('только в 40 из 100 строк');
    expect(r.errorRu).toContain('«Замер» (45), «КП» (15)');
  });

  test('exactly half known is enough (blank rows are not counted)', () => {
    const r = detectConfig(sheet([...repeat('Qualified', 50), ...repeat('Замер', 50), ...repeat('', 10)]));
    expect(r.ok).toBe(true);
  });

  test('70 of 100 known: one warning per unknown value with its row count, at its first row', () => {
    const values = [...repeat('Qualified', 50), ...repeat('Замер', 12), ...repeat('Closed Won', 20), ...repeat('КП', 10), ...repeat('', 8)];
    const rows = sheet(values);
    const r = detectConfig(rows);
    if (!r.ok) throw new Error(r.error);
    const data = ingestRows(rows, { config: r.config, sheet: 'S' });
    // Rows: Qualified 2…51, Замер 52…63, Closed Won 64…83, КП 84…93, blank 94…101.
    expect(data.issues.map((i) => [i.row, i.column, i.value])).toEqual([
      [52, 'Status', 'Замер'],
      [84, 'Status', 'КП'],
      [94, 'Status', ''],
    ]);
    expect(data.issues[0].problem).toContain('in 12 rows');
    expect(data.issues[0].problemRu).toContain('строк с таким значением: 12');
    expect(data.issues[1].problem).toContain('in 10 rows');
    expect(data.issues[2].problem).toMatch(/^The stage is blank in 8 rows/);
    expect(data.leads.count).toBe(100);
  });
});
