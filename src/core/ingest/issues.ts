/** Data issues and input errors of ingestion that are built once per run rather than once per row. */
import { InputError } from '../errors';
import type { CellValue, DataIssue } from '../types';

/** Headers quoted in the "missing column" message. */
const HEADERS_SHOWN = 60;

/**
 * A configured column the header row lacks makes the input unusable (it would otherwise become a column
 * of zeros and a headline 0%): the message names each missing column and the headers that do exist.
 */
export function missingColumnsError(
  missing: readonly { name: string; what: string; whatRu: string }[],
  header: readonly CellValue[],
  headerRowNo: number,
  sheet: string,
): InputError {
  const where = headerRowNo > 1 ? ` (row ${headerRowNo})` : '';
  const whereRu = headerRowNo > 1 ? ` (строка ${headerRowNo})` : '';
  const names = header.map((h) => String(h ?? '').trim()).filter((h) => h !== '');
  const list = (open: string, close: string) =>
    names
      .slice(0, HEADERS_SHOWN)
      .map((h) => `${open}${h}${close}`)
      .join(', ') + (names.length > HEADERS_SHOWN ? ', …' : '');
  const en = missing.map((m) => `"${m.name}" (${m.what})`).join(', ');
  const ru = missing.map((m) => `«${m.name}» (${m.whatRu})`).join(', ');
  const one = missing.length === 1;
  return new InputError(
    `Sheet "${sheet}" has no ${one ? 'column' : 'columns'} ${en} in its header row${where}. Its columns are: ${list('"', '"')}. ` +
      'Fix the column names in the settings or in the sheet.',
    `На листе «${sheet}» в строке заголовков${whereRu} нет ${one ? 'столбца' : 'столбцов'} ${ru}. Столбцы листа: ${list('«', '»')}. ` +
      'Исправьте названия столбцов в настройках или на листе.',
  );
}

/** One warning per blank or unknown current-stage value, with how many rows hold it (first row first). */
export function unknownStageIssues(
  unknown: ReadonlyMap<string, { row: number; value: CellValue; rows: number }>,
  sheet: string,
  column: string,
  valueText: (v: CellValue) => string,
): DataIssue[] {
  const out: DataIssue[] = [];
  for (const [key, u] of unknown) {
    const many = u.rows > 1;
    const where = many ? ` in ${u.rows} rows (this is the first)` : '';
    const whereRu = many ? ` (строк с таким значением: ${u.rows}, это первая)` : '';
    const who = many ? 'these leads are' : 'the lead is';
    const whoRu = many ? 'эти лиды учтены' : 'лид учтён';
    const [problem, problemRu] =
      key === ''
        ? [`The stage is blank${where}; ${who} counted at the first step`, `Этап не заполнен${whereRu}; ${whoRu} на первом шаге`]
        : [
            `Unknown stage${where}: it is not in the stage list of the settings; ${who} counted at the first step`,
            `Неизвестный этап${whereRu}: его нет в списке этапов в настройках; ${whoRu} на первом шаге`,
          ];
    out.push({ sheet, row: u.row, column, value: valueText(u.value), problem, problemRu, severity: 'warning' });
  }
  return out.sort((a, b) => a.row - b.row);
}

/** Merges `extra` (sorted by row) into `issues` (sorted by row), keeping both orders; equal rows: `issues` first. */
export function mergeByRow(issues: DataIssue[], extra: readonly DataIssue[]): void {
  const merged: DataIssue[] = [];
  let i = 0;
  for (const e of extra) {
    while (i < issues.length && issues[i].row <= e.row) merged.push(issues[i++]);
    merged.push(e);
  }
  while (i < issues.length) merged.push(issues[i++]);
  issues.length = 0;
  for (const m of merged) issues.push(m);
}
