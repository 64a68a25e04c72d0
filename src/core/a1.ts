/** A1 notation helpers shared by data-issue messages and the report writers. */

/** 0-based column index → A1 letters (0 → A, 26 → AA). */
export function columnLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
