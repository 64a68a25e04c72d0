/**
 * Duplicate-ID detection when the IDs first arrive in increasing order (the index is only filled once
 * the order breaks): the issues must be those of a plain first-occurrence map.
 */
import fc from 'fast-check';
import { parseConfig } from '../../src/core/config';
import { ingestRows } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

const parsed = parseConfig({ columns: { createdAt: 'created', id: 'id' }, stages: [{ name: 'Won', column: 'created' }] });
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const config = parsed.config;

test('an increasing run of IDs, then repeats and blanks: each repeat names the first row of its ID', () => {
  const pool = fc.constantFrom('', 'a', 'b', 'c', 'a1', 'b2', 'z', 'A', ' a ', '10', '9');
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 30 }), fc.array(pool, { maxLength: 40 }), (head, tail) => {
      const ids = [...head.filter((s) => s.trim() !== '').map((s) => s.trim()).filter((s, i, a) => a.indexOf(s) === i).sort(), ...tail];
      const rows: CellValue[][] = [['id', 'created'], ...ids.map((id) => [id, '2024-01-01'])];
      const r = ingestRows(rows, { config, sheet: 'S' });
      const firstRow = new Map<string, number>();
      const expected: string[] = [];
      ids.forEach((raw, i) => {
        const id = raw.trim();
        const row = i + 2;
        if (id === '') expected.push(`${row}: blank`);
        else if (firstRow.has(id)) expected.push(`${row}: dup of ${firstRow.get(id)}`);
        else firstRow.set(id, row);
      });
      const actual = r.issues.map((x) => {
        const m = /row (\d+)/.exec(x.problem);
        return m ? `${x.row}: dup of ${m[1]}` : `${x.row}: blank`;
      });
      expect(actual).toEqual(expected);
    }),
    { numRuns: 300 },
  );
});
