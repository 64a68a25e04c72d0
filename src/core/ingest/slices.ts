/** Slice columns (channel, manager, …) as codes into a list of distinct values, built while rows are read. */
import type { CellValue, SliceColumn, SliceKey } from '../types';

export interface SliceState {
  key: SliceKey;
  col: number;
  codes: Int32Array;
  values: string[];
  /** Raw cell text (trimmed or not) → code. */
  lookup: Map<string, number>;
  /** Cell → code, adding first-seen values to `values`. */
  resolve: (v: CellValue) => number;
}

/** Storage for `capacity` rows; `cellText` gives the text of a non-string cell. */
export function sliceState(key: SliceKey, col: number, capacity: number, cellText: (v: CellValue) => string): SliceState {
  const sl: SliceState = { key, col, codes: new Int32Array(capacity), values: [], lookup: new Map(), resolve: () => 0 };
  sl.resolve = (v) => {
    const raw = typeof v === 'string' ? v : cellText(v);
    let code = sl.lookup.get(raw);
    if (code === undefined) {
      const text = raw.trim();
      code = sl.lookup.get(text);
      if (code === undefined) {
        code = sl.values.length;
        sl.values.push(text);
        sl.lookup.set(text, code);
      }
      sl.lookup.set(raw, code);
    }
    return code;
  };
  return sl;
}

/** The column as the lead table keeps it, its codes trimmed by `fit`. */
export function sliceColumn(sl: SliceState, fit: (a: Int32Array) => Int32Array): SliceColumn {
  return { codes: fit(sl.codes), values: sl.values };
}
