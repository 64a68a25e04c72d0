/**
 * A model of what people and refreshes do to a keyed tab, independent of any writer, and a
 * fast-check command list over it. Each face (Sheets fakes, XLSX files) supplies a Surface: the tab
 * as a person sees it and the operations a person performs on it.
 *
 * The model tracks, per key, what people typed in each people's column (as the value the face
 * stores for that typing), which keys are on the tab, and which keys the last refresh had. After
 * every step the tab must agree with the model: every key on the tab once, every people's cell of a
 * key's row equal to what was typed for that key (never lost, never on another key's row), what was
 * typed on rows without a key (rows people inserted) still on rows without a key, and owned cells
 * and flags as the last refresh said.
 */
import fc from 'fast-check';
import type { KeyedRow } from '../../src/core/keyed-spec';

/** A typed entry and how the face stores it, written canonically: 'FORMULA:=1+1', 'DATE:<iso>', numbers, text. */
export type Canon = string | number;

export interface Typing {
  typed: string;
  canon: Canon;
}

export interface Surface {
  /** Header labels and canonical cells of every row, header first (trailing blank rows trimmed). */
  read(): Promise<Canon[][]>;
  sort(col: number, ascending: boolean): Promise<void>;
  /** Hides the data rows whose canonical cell in `col` has a text length of the given parity. */
  filter(col: number, parity: number): Promise<void>;
  insertRowBefore(row: number): Promise<void>;
  deleteRow(row: number): Promise<void>;
  moveColumn(col: number, destinationIndex: number): Promise<void>;
  type(row: number, col: number, typed: string): Promise<void>;
  refresh(rows: KeyedRow[]): Promise<void>;
}

export const KEYS = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'];
export const HUMAN = ['Accepted?', 'Comment'];
export const ORPHAN = 'Not in Leads any more';

export type Op =
  | { kind: 'refresh'; keys: boolean[]; seed: number }
  | { kind: 'sort'; col: number; ascending: boolean }
  | { kind: 'filter'; col: number; parity: number }
  | { kind: 'insert'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'move'; col: number; dest: number }
  | { kind: 'edit'; at: number; human: number; typing: number };

export function opArbitrary(typings: number): fc.Arbitrary<Op> {
  const refresh = fc.record({ kind: fc.constant('refresh' as const), keys: fc.array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length }), seed: fc.nat(5) });
  return fc.oneof(
    { arbitrary: refresh, weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('sort' as const), col: fc.nat(5), ascending: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('filter' as const), col: fc.nat(5), parity: fc.nat(1) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(20) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('move' as const), col: fc.nat(5), dest: fc.nat(6) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.nat(20), human: fc.nat(HUMAN.length - 1), typing: fc.nat(typings - 1) }), weight: 4 },
  );
}

/** A first refresh, then a random mix. */
export function sequenceArbitrary(typings: number, maxOps: number): fc.Arbitrary<Op[]> {
  const first = fc.record({ kind: fc.constant('refresh' as const), keys: fc.array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length }), seed: fc.nat(5) });
  return fc.tuple(first, fc.array(opArbitrary(typings), { maxLength: maxOps })).map(([f, rest]) => [f, ...rest]);
}

const STAGES = ['Lead', 'Contacted', 'Qualified', 'Won', 'Lost', '=SUM(1)'];
const stageOf = (key: string, seed: number): string => STAGES[(seed + KEYS.indexOf(key)) % STAGES.length];
const channelOf = (key: string): string => (KEYS.indexOf(key) % 2 ? '+7 495 Google' : 'Facebook');

class Model {
  readonly human = new Map<string, Map<string, Canon>>();
  readonly present = new Set<string>();
  lastKeys = new Set<string>();
  seed = 0;
  /** What people typed on rows without a key (rows they inserted): kept, attached to no key. */
  free: Canon[] = [];
}

function removeOne(list: Canon[], v: Canon): void {
  const i = list.indexOf(v);
  if (i < 0) throw new Error(`Model: ${String(v)} is not among the free values`);
  list.splice(i, 1);
}

function columnOf(header: Canon[], label: string): number {
  const i = header.indexOf(label);
  if (i < 0) throw new Error(`No column ${label} in ${JSON.stringify(header)}`);
  return i;
}

function check(grid: Canon[][], model: Model): void {
  const header = grid[0];
  const keyCol = columnOf(header, 'Lead ID');
  const seen = new Map<string, number>();
  const free: Canon[] = [];
  for (let r = 1; r < grid.length; r++) {
    const line = grid[r];
    const key = line[keyCol] ?? '';
    const at = (label: string): Canon => line[columnOf(header, label)] ?? '';
    if (key === '') {
      for (const h of HUMAN) if (at(h) !== '') free.push(at(h));
      for (const label of ['Channel', 'Stage', 'Status']) expect({ row: r + 1, column: label, value: at(label) }).toEqual({ row: r + 1, column: label, value: '' });
      continue;
    }
    expect(typeof key).toBe('string');
    seen.set(String(key), (seen.get(String(key)) ?? 0) + 1);
    for (const h of HUMAN) {
      const expected = model.human.get(String(key))?.get(h) ?? '';
      expect({ key, column: h, value: at(h) }).toEqual({ key, column: h, value: expected });
    }
    const inLast = model.lastKeys.has(String(key));
    expect({ key, status: at('Status') }).toEqual({ key, status: inLast ? '' : ORPHAN });
    if (inLast) expect({ key, stage: at('Stage'), channel: at('Channel') }).toEqual({ key, stage: stageOf(String(key), model.seed), channel: channelOf(String(key)) });
  }
  expect([...seen.keys()].sort()).toEqual([...model.present].sort());
  const order = (a: Canon, b: Canon): number => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  expect({ free: free.sort(order) }).toEqual({ free: [...model.free].sort(order) });
  for (const [k, n] of seen) expect({ key: k, rows: n }).toEqual({ key: k, rows: 1 });
}

/** Runs one sequence on a surface, checking the tab against the model after every step. */
export async function runSequence(surface: Surface, ops: Op[], typings: readonly Typing[]): Promise<void> {
  const model = new Model();
  for (const op of ops) {
    const before = op.kind === 'refresh' ? null : await surface.read();
    const dataRows = before ? before.length - 1 : 0;
    const width = before ? before[0].length : 0;
    switch (op.kind) {
      case 'refresh': {
        const keys = KEYS.filter((_, i) => op.keys[i]);
        await surface.refresh(keys.map((key) => ({ key, values: { channel: channelOf(key), stage: stageOf(key, op.seed) } })));
        for (const k of keys) model.present.add(k);
        model.lastKeys = new Set(keys);
        model.seed = op.seed;
        break;
      }
      case 'sort':
        await surface.sort(1 + (op.col % width), op.ascending);
        break;
      case 'filter':
        await surface.filter(1 + (op.col % width), op.parity);
        break;
      case 'insert':
        if (dataRows < 1) break;
        await surface.insertRowBefore(2 + (op.at % dataRows));
        break;
      case 'delete': {
        if (dataRows < 1) break;
        const row = 2 + (op.at % dataRows);
        const key = before![row - 1][columnOf(before![0], 'Lead ID')];
        await surface.deleteRow(row);
        // The person deleted the row and what they had typed on it.
        if (key !== '' && key !== undefined) {
          model.present.delete(String(key));
          model.human.delete(String(key));
        } else {
          for (const h of HUMAN) {
            const v = before![row - 1][columnOf(before![0], h)] ?? '';
            if (v !== '') removeOne(model.free, v);
          }
        }
        break;
      }
      case 'move':
        await surface.moveColumn(1 + (op.col % width), 1 + (op.dest % (width + 1)));
        break;
      case 'edit': {
        if (dataRows < 1) break;
        const row = 2 + (op.at % dataRows);
        const key = before![row - 1][columnOf(before![0], 'Lead ID')];
        const label = HUMAN[op.human];
        const t = typings[op.typing];
        await surface.type(row, columnOf(before![0], label) + 1, t.typed);
        if (key === '' || key === undefined) {
          const old = before![row - 1][columnOf(before![0], label)] ?? '';
          if (old !== '') removeOne(model.free, old);
          if (t.canon !== '') model.free.push(t.canon);
          break;
        }
        const cells = model.human.get(String(key)) ?? new Map<string, Canon>();
        cells.set(label, t.canon);
        model.human.set(String(key), cells);
        break;
      }
    }
    check(await surface.read(), model);
  }
}
