/**
 * Sequences the XLSX property once found: a person types a formula into a row without a key; exceljs
 * gives a formula it wrote itself no cached result, so the row read as empty, was taken for formatting
 * below the data, and the next appended key was written over it (the formula was lost).
 */
import { runSequence, type Op } from './property-model';
import { XLSX_TYPINGS as TYPINGS } from './xlsx-typings';
import { xlsxSurface } from './xlsx-surface';

const only = (k: number): boolean[] => Array.from({ length: 7 }, (_, i) => i === k);

test('a formula typed into an inserted row survives sort, delete and a refresh that appends a key', async () => {
  const ops: Op[] = [
    { kind: 'refresh', keys: only(6), seed: 0 },
    { kind: 'insert', at: 0 },
    { kind: 'edit', at: 0, human: 0, typing: 3 },
    { kind: 'sort', col: 0, ascending: false },
    { kind: 'delete', at: 0 },
    { kind: 'refresh', keys: only(6), seed: 0 },
  ];
  await runSequence(xlsxSurface(), ops, TYPINGS);
});

test('a formula typed below the data survives a refresh with no keys and one that appends a key', async () => {
  const ops: Op[] = [
    { kind: 'refresh', keys: only(4), seed: 0 },
    { kind: 'insert', at: 0 },
    { kind: 'insert', at: 0 },
    { kind: 'edit', at: 4, human: 0, typing: 3 },
    { kind: 'delete', at: 0 },
    { kind: 'sort', col: 0, ascending: false },
    { kind: 'refresh', keys: only(-1), seed: 0 },
    { kind: 'refresh', keys: only(5), seed: 0 },
  ];
  await runSequence(xlsxSurface(), ops, TYPINGS);
});
