/**
 * What people typed on the Feedback tab, as the Review reads it: one record per lead id from the
 * feedback input (the tab as read at the start of the run, header first). Columns are found as the
 * keyed merge finds them (header text, EN or RU; recorded ids when the face passes them). A cell that
 * cannot be read (a verdict not in the list, a date or a count that is not one) is a data issue naming
 * the sheet, row and column; the rest of the row is still used.
 */
import { isBlankCell } from '../cells';
import { locateKeyedColumns, keyText } from '../keyed-merge';
import type { KeyedTabSpec } from '../keyed-spec';
import { dataIssue, msg } from '../messages';
import { toIsoDay } from '../time/wall-time';
import { instantToWall } from '../time/zone';
import type { CellValue, DataIssue, WallMs } from '../types';
import { FB, VERDICTS, verdictOf, type VerdictId } from './spec';

export interface HumanFeedback {
  row: number;
  verdict: VerdictId | null;
  /** The verdict as typed (also when it is not one of the list). */
  verdictText: string;
  reason: string;
  comment: string;
  nextStep: WallMs | null;
  attempts: number | null;
  firstAttempt: WallMs | null;
  /**
   * The computed "Sent back to nurturing (first seen)" cell as read ('' when blank): the report date
   * of the refresh that first saw the verdict "Back to nurturing". Any rows of the lead count.
   */
  sentBackSince: string;
  /** Ever sent back to nurturing: that cell is set, or the verdict is "Back to nurturing" now. */
  everNurturing: boolean;
}

export interface HumanTable {
  byLead: Map<string, HumanFeedback>;
  issues: DataIssue[];
}

const DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/;

/** A typed day as wall ms (midnight), from a Date instant (read in `zone`), or ISO / DD.MM.YYYY text. */
export function dayOf(v: CellValue, zone: string): WallMs | null | 'bad' {
  if (isBlankCell(v)) return null;
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return 'bad';
    const w = instantToWall(t, zone);
    return w - (((w % 86_400_000) + 86_400_000) % 86_400_000);
  }
  if (typeof v !== 'string') return 'bad';
  const s = v.trim();
  const m = ISO.exec(s);
  const d = DMY.exec(s);
  const [y, mo, day] = m ? [+m[1], +m[2], +m[3]] : d ? [+d[3], +d[2], +d[1]] : [NaN, NaN, NaN];
  if (!Number.isFinite(y)) return 'bad';
  const ms = Date.UTC(y, mo - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === day ? ms : 'bad';
}

/** A computed mark cell as text: a date cell (Sheets may turn the text into one) as its `YYYY-MM-DD` day. */
function markText(v: CellValue, zone: string): string {
  if (isBlankCell(v)) return '';
  if (v instanceof Date) {
    const d = dayOf(v, zone);
    return typeof d === 'number' ? toIsoDay(d) : String(v);
  }
  return String(v).trim();
}

function count(v: CellValue): number | null | 'bad' {
  if (isBlankCell(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : 'bad';
}

/** Reads the people's columns of the feedback input. `rows` is the tab as read (header first). */
export function readHumanFeedback(spec: KeyedTabSpec, sheet: string, rows: readonly (readonly CellValue[])[], zone: string, columnIds?: readonly (string | null)[]): HumanTable {
  const byLead = new Map<string, HumanFeedback>();
  const issues: DataIssue[] = [];
  if (rows.length < 2) return { byLead, issues };
  const cols = locateKeyedColumns(spec, { values: rows, ...(columnIds ? { columnIds } : {}) });
  const at = new Map(cols.filter((c) => c.foundBy !== 'created').map((c) => [c.id, c.index]));
  const keyAt = at.get(FB.lead);
  if (keyAt === undefined) return { byLead, issues };
  const header = rows[0];
  const cell = (line: readonly CellValue[], id: string): CellValue => {
    const j = at.get(id);
    return j === undefined ? '' : line[j];
  };
  const issue = (row: number, id: string, value: CellValue, m: Parameters<typeof dataIssue>[1], severity: 'error' | 'warning' = 'warning'): void => {
    const j = at.get(id)!;
    issues.push(dataIssue({ sheet, row, column: String(header[j] ?? ''), col: j, value: String(value), severity }, m));
  };
  const seen = new Map<string, number[]>();
  for (let r = 1; r < rows.length; r++) {
    const line = rows[r];
    const key = keyText(line[keyAt]);
    if (key === '') continue;
    const rowNo = r + 1;
    const sentBackSince = markText(cell(line, FB.sentBack), zone);
    const others = seen.get(key);
    if (others) {
      others.push(rowNo);
      // The mark is never lost: one on a duplicate row of the lead counts as well.
      const first = byLead.get(key);
      if (first && first.sentBackSince === '' && sentBackSince !== '') Object.assign(first, { sentBackSince, everNurturing: true });
      continue;
    }
    seen.set(key, [rowNo]);
    const verdictText = isBlankCell(cell(line, FB.verdict)) ? '' : String(cell(line, FB.verdict)).trim();
    const verdict = verdictText === '' ? null : verdictOf(verdictText);
    if (verdictText !== '' && verdict === null) issue(rowNo, FB.verdict, verdictText, msg('feedback.unknownVerdict', { known: VERDICTS.map((v) => v.label.en) }));
    const dates: Record<'nextStep' | 'firstAttempt', WallMs | null> = { nextStep: null, firstAttempt: null };
    for (const id of [FB.nextStep, FB.firstAttempt] as const) {
      const d = dayOf(cell(line, id), zone);
      if (d === 'bad') issue(rowNo, id, cell(line, id), msg('feedback.badDate', {}));
      else dates[id] = d;
    }
    const n = count(cell(line, FB.attempts));
    if (n === 'bad') issue(rowNo, FB.attempts, cell(line, FB.attempts), msg('feedback.badAttempts', {}));
    const text = (id: string): string => (isBlankCell(cell(line, id)) ? '' : String(cell(line, id)).trim());
    byLead.set(key, {
      row: rowNo,
      verdict,
      verdictText,
      reason: text(FB.reason),
      comment: text(FB.comment),
      nextStep: dates.nextStep,
      attempts: n === 'bad' ? null : n,
      firstAttempt: dates.firstAttempt,
      sentBackSince,
      everNurturing: sentBackSince !== '' || verdict === 'nurturing',
    });
  }
  for (const [, rowsOfKey] of seen) {
    if (rowsOfKey.length < 2) continue;
    const keyCol = keyAt;
    const value = String(rows[rowsOfKey[0] - 1][keyCol] ?? '');
    issues.push(dataIssue({ sheet, row: rowsOfKey[0], column: String(header[keyCol] ?? ''), col: keyCol, value, severity: 'warning' }, msg('feedback.duplicateLead', { rows: rowsOfKey.slice(1) })));
  }
  return { byLead, issues };
}

/**
 * The "Sent back to nurturing (first seen)" cell a refresh writes for a lead: the value already on the
 * tab (never cleared, so a verdict changed later from "Back to nurturing" to "Won" still counts as a
 * sale to a former lead), else the report date when the verdict is "Back to nurturing" now, else ''.
 */
export function sentBackValue(fb: HumanFeedback | undefined, asOf: string): string {
  if (!fb) return '';
  return fb.sentBackSince !== '' ? fb.sentBackSince : fb.verdict === 'nurturing' ? asOf : '';
}
