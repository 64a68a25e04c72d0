/**
 * A model of what people and refreshes do to a keyed tab, independent of any writer, and a
 * fast-check command list over it. Each face (Sheets fakes, XLSX files) supplies a Surface: the tab
 * as a person sees it and the operations a person performs on it.
 *
 * The model keeps, per key, the people's cells of each row with that key (as the value the face
 * stores for that typing), and the same for rows without a key (rows people inserted). People may
 * also type a key into an inserted row, which makes hand-made rows and duplicate keys. After every
 * step, the tab must hold exactly the model's rows per key: nothing typed lost, nothing on another
 * key's row. Right after a refresh, owned cells and flags must be what that refresh said.
 */
import fc from 'fast-check';
import type { KeyedRow, KeyedTabSpec } from '../../src/core/keyed-spec';
import { SPEC } from './spec-fixture';

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

const STAGES = ['Lead', 'Contacted', 'Qualified', 'Won', 'Lost', '=SUM(1)'];
const stageOf = (key: string, seed: number): string => STAGES[(seed + KEYS.indexOf(key)) % STAGES.length];
const channelOf = (key: string): string => (KEYS.indexOf(key) % 2 ? '+7 495 Google' : 'Facebook');

/**
 * The keyed tab a sequence runs on: its spec, the labels the model reads, and the fresh owned values
 * of a key at a refresh (the generic fixture by default; the Feedback tab's spec in test/feedback).
 */
export interface Profile {
  spec: KeyedTabSpec;
  keyLabel: string;
  statusLabel: string;
  /** People's columns the sequences type into (labels; at least one). */
  human: string[];
  /** Owned columns checked after each refresh: label, owned column id, value for (key, seed). */
  owned: { label: string; id: string; value: (key: string, seed: number) => string | number }[];
}

export const FIXTURE_PROFILE: Profile = {
  spec: SPEC,
  keyLabel: 'Lead ID',
  statusLabel: 'Status',
  human: ['Accepted?', 'Comment'],
  owned: [
    { label: 'Channel', id: 'channel', value: (k) => channelOf(k) },
    { label: 'Stage', id: 'stage', value: stageOf },
  ],
};

/** At most this many people's columns are typed into (the op arbitrary picks among them). */
const HUMAN_SLOTS = 6;
/** Kept for the fixture's tests: its people's columns. */
export const HUMAN = FIXTURE_PROFILE.human;
export const ORPHAN = 'Not in Leads any more';

export type Op =
  | { kind: 'refresh'; keys: boolean[]; seed: number }
  | { kind: 'sort'; col: number; ascending: boolean }
  | { kind: 'filter'; col: number; parity: number }
  | { kind: 'insert'; at: number }
  | { kind: 'delete'; at: number }
  | { kind: 'move'; col: number; dest: number }
  | { kind: 'edit'; at: number; human: number; typing: number }
  | { kind: 'key'; at: number; key: number };

export function opArbitrary(typings: number): fc.Arbitrary<Op> {
  const refresh = fc.record({ kind: fc.constant('refresh' as const), keys: fc.array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length }), seed: fc.nat(5) });
  return fc.oneof(
    { arbitrary: refresh, weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('sort' as const), col: fc.nat(5), ascending: fc.boolean() }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('filter' as const), col: fc.nat(5), parity: fc.nat(1) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(20) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(20) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('move' as const), col: fc.nat(5), dest: fc.nat(6) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.nat(20), human: fc.nat(HUMAN_SLOTS - 1), typing: fc.nat(typings - 1) }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('key' as const), at: fc.nat(20), key: fc.nat(KEYS.length - 1) }), weight: 1 },
  );
}

/** A first refresh, then a random mix. */
export function sequenceArbitrary(typings: number, maxOps: number): fc.Arbitrary<Op[]> {
  const first = fc.record({ kind: fc.constant('refresh' as const), keys: fc.array(fc.boolean(), { minLength: KEYS.length, maxLength: KEYS.length }), seed: fc.nat(5) });
  return fc.tuple(first, fc.array(opArbitrary(typings), { minLength: Math.min(6, maxOps), maxLength: maxOps, size: 'max' })).map(([f, rest]) => [f, ...rest]);
}

export const DUPLICATE = 'Duplicate key: this key is on more than one row';

/** People's cells of one row, in the profile's human order. */
type Tuple = Canon[];
const isEmpty = (t: Tuple): boolean => t.every((v) => v === '');
const same = (a: Tuple, b: Tuple): boolean => JSON.stringify(a) === JSON.stringify(b);

class Model {
  /** Key → people's cells of each row with that key; '' → rows without a key that hold something. */
  readonly rows = new Map<string, Tuple[]>();
  lastKeys = new Set<string>();
  seed = 0;

  add(key: string, t: Tuple): void {
    if (key === '' && isEmpty(t)) return;
    this.rows.set(key, [...(this.rows.get(key) ?? []), t]);
  }

  remove(key: string, t: Tuple): void {
    if (key === '' && isEmpty(t)) return;
    const list = this.rows.get(key) ?? [];
    const i = list.findIndex((x) => same(x, t));
    if (i < 0) throw new Error(`Model: no row ${JSON.stringify(t)} under key "${key}"`);
    list.splice(i, 1);
    if (list.length === 0) this.rows.delete(key);
    else this.rows.set(key, list);
  }
}

function columnOf(header: Canon[], label: string): number {
  const i = header.indexOf(label);
  if (i < 0) throw new Error(`No column ${label} in ${JSON.stringify(header)}`);
  return i;
}

let P: Profile = FIXTURE_PROFILE;
const keyAt = (grid: Canon[][], row: number): string => String(grid[row - 1][columnOf(grid[0], P.keyLabel)] ?? '');
const tupleAt = (grid: Canon[][], row: number): Tuple => P.human.map((h) => grid[row - 1][columnOf(grid[0], h)] ?? '');
const sortTuples = (list: Tuple[]): string[] => list.map((t) => JSON.stringify(t)).sort();

function check(grid: Canon[][], model: Model, afterRefresh: boolean): void {
  const header = grid[0];
  const actual = new Map<string, Tuple[]>();
  for (let r = 2; r <= grid.length; r++) {
    const key = keyAt(grid, r);
    const t = tupleAt(grid, r);
    if (key === '') {
      for (const label of [...P.owned.map((o) => o.label), P.statusLabel]) expect({ row: r, column: label, value: grid[r - 1][columnOf(header, label)] ?? '' }).toEqual({ row: r, column: label, value: '' });
      if (isEmpty(t)) continue;
    }
    actual.set(key, [...(actual.get(key) ?? []), t]);
  }
  const keys = [...new Set([...actual.keys(), ...model.rows.keys()])].sort();
  for (const k of keys) expect({ key: k, rows: sortTuples(actual.get(k) ?? []) }).toEqual({ key: k, rows: sortTuples(model.rows.get(k) ?? []) });
  if (!afterRefresh) return;
  for (let r = 2; r <= grid.length; r++) {
    const key = keyAt(grid, r);
    if (key === '') continue;
    const at = (label: string): Canon => grid[r - 1][columnOf(header, label)] ?? '';
    const inLast = model.lastKeys.has(key);
    const flags = [...(inLast ? [] : [ORPHAN]), ...((actual.get(key)?.length ?? 0) > 1 ? [DUPLICATE] : [])];
    expect({ key, status: at(P.statusLabel) }).toEqual({ key, status: flags.join('; ') });
    if (inLast) for (const o of P.owned) expect({ key, [o.label]: at(o.label) }).toEqual({ key, [o.label]: o.value(key, model.seed) });
  }
}

/** Runs one sequence on a surface, checking the tab against the model after every step. */
export async function runSequence(surface: Surface, ops: Op[], typings: readonly Typing[], profile: Profile = FIXTURE_PROFILE): Promise<void> {
  P = profile;
  const EMPTY: Tuple = P.human.map(() => '');
  const model = new Model();
  for (const op of ops) {
    const before = op.kind === 'refresh' ? null : await surface.read();
    const dataRows = before ? before.length - 1 : 0;
    const width = before ? before[0].length : 0;
    const pick = (at: number): number => 2 + (at % dataRows);
    switch (op.kind) {
      case 'refresh': {
        const keys = KEYS.filter((_, i) => op.keys[i]);
        await surface.refresh(keys.map((key) => ({ key, values: Object.fromEntries(P.owned.map((o) => [o.id, o.value(key, op.seed)])) })));
        for (const k of keys) if (!model.rows.has(k)) model.add(k, [...EMPTY]);
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
        await surface.insertRowBefore(pick(op.at));
        break;
      case 'delete': {
        if (dataRows < 1) break;
        const row = pick(op.at);
        // The person deletes the row and what they had typed on it.
        model.remove(keyAt(before!, row), tupleAt(before!, row));
        await surface.deleteRow(row);
        break;
      }
      case 'move':
        await surface.moveColumn(1 + (op.col % width), 1 + (op.dest % (width + 1)));
        break;
      case 'edit': {
        if (dataRows < 1) break;
        const row = pick(op.at);
        const key = keyAt(before!, row);
        const old = tupleAt(before!, row);
        const t = typings[op.typing];
        const h = op.human % P.human.length;
        await surface.type(row, columnOf(before![0], P.human[h]) + 1, t.typed);
        const updated = [...old];
        updated[h] = t.canon;
        model.remove(key, old);
        model.add(key, updated);
        break;
      }
      case 'key': {
        // A person fills in the key of a row without one (a lead added by hand, or a copy).
        if (dataRows < 1) break;
        const row = pick(op.at);
        if (keyAt(before!, row) !== '') break;
        const t = tupleAt(before!, row);
        await surface.type(row, columnOf(before![0], P.keyLabel) + 1, KEYS[op.key]);
        model.remove('', t);
        model.add(KEYS[op.key], t);
        break;
      }
    }
    check(await surface.read(), model, op.kind === 'refresh');
  }
}
