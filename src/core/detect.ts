/**
 * Column detection: a config from the header row (English or Russian names) and a sample of values,
 * so a pasted CRM export works without setup. Two input shapes:
 *  a) timestamp shape: date columns to the right of the creation date are the stages, left to right;
 *  b) current-stage shape: one stage column whose values follow a known CRM pipeline (amoCRM, Bitrix24,
 *     or plain English stage names).
 */
import { isBlankCell } from './cells';
import { DEFAULT_CONFIG, STAGE_TARGET_LOST, parseConfig } from './config';
import type { ColumnsConfig, CurrentStageConfig, FunnelConfig, StageConfig } from './config';
import { INVALID_DATE, makeDateParser } from './dates';
import type { DateParser } from './dates';
import {
  COLUMN_LABELS,
  STAGE_VOCABULARIES,
  findField,
  findHeader,
  findHeaderRow,
  headerIndex,
  isFieldHeader,
  isNonStageDateHeader,
  looksLikeDateHeader,
  normalizeHeader,
  normalizeStageValue,
  stageNameFromHeader,
} from './headers';
import type { StageVocabulary } from './headers';
import type { CellValue, DateOrder } from './types';

export type DetectResult =
  | {
      ok: true;
      config: FunnelConfig;
      notes: string[];
      notesRu: string[];
      /** Everything a person should look at; faces print these (the CLI to stderr) and list them as data issues. */
      warnings: DetectWarning[];
      /** Date-like columns right of the creation date that were not made stages because most values are not dates. */
      droppedStageColumns: DroppedStageColumn[];
    }
  | { ok: false; error: string; errorRu: string };

export interface DroppedStageColumn {
  column: string;
  /** Sampled non-blank values that are dates, of `sampled`. */
  dates: number;
  sampled: number;
}

/** How many non-blank values of a column are looked at to decide whether it holds dates. */
const SAMPLE_VALUES = 200;
/** …and how many rows at most are scanned to find them. */
const SAMPLE_ROWS = 2000;
/** Share of non-blank sample values that must be dates for a column to be a stage timestamp. */
const DATE_SHARE = 0.8;
/**
 * Stage order check on the detected timestamp stages: for consecutive stages k, k+1 (left to right), among
 * the sampled leads with real timestamps at both, if at least this share has t(k+1) < t(k) (and there are
 * at least ORDER_MIN_LEADS such leads), the two look swapped.
 */
const ORDER_SWAPPED_SHARE = 0.9;
const ORDER_MIN_LEADS = 10;
/** Rows scanned for the stage order check. */
const ORDER_ROWS = 5000;
/** Rows scanned to choose the stage vocabulary of a current-stage column. */
const VOCABULARY_ROWS = 5000;
/**
 * Share of the scanned non-blank rows of a current-stage column whose value a vocabulary must know for
 * it to be used: counted in rows (leads), because every row with an unknown value lands on the first step.
 */
const VOCABULARY_SHARE = 0.5;
/** Unknown values quoted in the message when no vocabulary fits. */
const UNKNOWN_VALUES_SHOWN = 10;

type OptionalColumn = Exclude<keyof ColumnsConfig, 'createdAt'>;
const OPTIONAL_COLUMNS: readonly OptionalColumn[] = ['id', 'channel', 'manager', 'product', 'region', 'amount', 'lostAt', 'lostReason'];


function fail(error: string, errorRu: string): DetectResult {
  return { ok: false, error, errorRu };
}

function headerText(v: CellValue): string {
  return String(v ?? '').trim();
}

/** Day order from slash/dash dates in the first rows: `13/02/2024` proves dmy, `02/13/2024` proves mdy. */
function detectDateOrder(rows: CellValue[][]): DateOrder | null {
  let dmy = 0;
  let mdy = 0;
  const pattern = /^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{4}(?:\D|$)/;
  const end = Math.min(rows.length, SAMPLE_VALUES + 1);
  for (let r = 1; r < end; r++) {
    const row = rows[r] ?? [];
    for (const v of row) {
      if (typeof v !== 'string') continue;
      const m = pattern.exec(v);
      if (!m) continue;
      if (Number(m[1]) > 12) dmy++;
      if (Number(m[2]) > 12) mdy++;
    }
  }
  if (mdy > 0 && dmy === 0) return 'mdy';
  if (dmy > 0 && mdy === 0) return 'dmy';
  return null;
}

/** A number, or text that is only a number (`45366`, `45366.5`, `45366,5`). */
function isNumeric(v: CellValue): boolean {
  return typeof v === 'number' || (typeof v === 'string' && /^\s*\d+(?:[.,]\d+)?\s*$/.test(v));
}

/**
 * Counts dates among the first non-blank values of a column. Serial day numbers (numbers, or numbers
 * as text) count only under a header that reads like a date (`Won at`, `Дата оплаты`): elsewhere amounts
 * and counts would pass as serials.
 */
function sampleDates(rows: CellValue[][], col: number, parser: DateParser, serialsAreDates: boolean): { dates: number; nonBlank: number } {
  let dates = 0;
  let nonBlank = 0;
  const end = Math.min(rows.length, SAMPLE_ROWS + 1);
  for (let r = 1; r < end && nonBlank < SAMPLE_VALUES; r++) {
    const v = rows[r]?.[col];
    if (v === null || v === undefined || v === '') continue;
    const t = parser.parse(v);
    if (t !== t) continue; // blank or placeholder
    nonBlank++;
    if (t !== INVALID_DATE && (serialsAreDates || !isNumeric(v))) dates++;
  }
  return { dates, nonBlank };
}

/** Consecutive stage pairs [k, k+1] whose timestamps are mostly in the opposite order, with the counts. */
function swappedStagePairs(rows: CellValue[][], cols: readonly number[], parser: DateParser): { k: number; reversed: number; both: number }[] {
  const out: { k: number; reversed: number; both: number }[] = [];
  const end = Math.min(rows.length, ORDER_ROWS + 1);
  for (let k = 0; k + 1 < cols.length; k++) {
    let both = 0;
    let reversed = 0;
    for (let r = 1; r < end; r++) {
      const row = rows[r];
      if (!row) continue;
      const a = parser.parse(row[cols[k]]);
      if (!Number.isFinite(a)) continue;
      const b = parser.parse(row[cols[k + 1]]);
      if (!Number.isFinite(b)) continue;
      both++;
      if (b < a) reversed++;
    }
    if (both >= ORDER_MIN_LEADS && reversed >= ORDER_SWAPPED_SHARE * both) out.push({ k, reversed, both });
  }
  return out;
}

/**
 * A close-date column tells when a deal reached its current stage only if it is filled for closed deals
 * (won, lost) and not for open ones (amoCRM writes «не закрыта»). Salesforce and HubSpot fill it for
 * open deals too, with the *expected* close date: true when more than half of the sampled open deals
 * have a date there.
 */
function openDealsHaveCloseDates(rows: CellValue[][], stageCol: number, closeCol: number, vocabulary: StageVocabulary, parser: DateParser): boolean {
  const target = new Map(Object.entries(vocabulary.values).map(([raw, t]) => [normalizeStageValue(raw), t] as const));
  const won = vocabulary.stages[vocabulary.stages.length - 1];
  let open = 0;
  let dated = 0;
  const end = Math.min(rows.length, VOCABULARY_ROWS + 1);
  for (let r = 1; r < end; r++) {
    const t = target.get(normalizeStageValue(rows[r]?.[stageCol]));
    if (t === undefined || t === STAGE_TARGET_LOST || t === won) continue;
    open++;
    if (Number.isFinite(parser.parse(rows[r]?.[closeCol]))) dated++;
  }
  return open > 0 && dated > open / 2;
}

/** Stage names from headers, kept unique and clear of the reserved targets `lead` and `lost`. */
function uniqueStageNames(headers: string[]): string[] {
  const used = new Set<string>();
  return headers.map((h) => {
    let name = stageNameFromHeader(h);
    const clash = (n: string) => used.has(n.toLowerCase()) || n.toLowerCase() === 'lead' || n.toLowerCase() === 'lost';
    if (clash(name)) name = h;
    for (let k = 2; clash(name); k++) name = `${h} (${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

interface VocabularyChoice {
  /** The vocabulary knowing the most rows, null when none knows any. */
  vocabulary: StageVocabulary | null;
  /** Scanned rows whose value it knows, of `nonBlank`. */
  matched: number;
  nonBlank: number;
  /** Values it does not know, each once (as first written), with their row counts, most frequent first. */
  unknown: { value: string; rows: number }[];
}

function pickVocabulary(rows: CellValue[][], col: number): VocabularyChoice {
  const counts = new Map<string, { value: string; rows: number }>();
  let nonBlank = 0;
  const end = Math.min(rows.length, VOCABULARY_ROWS + 1);
  for (let r = 1; r < end; r++) {
    const v = rows[r]?.[col];
    const key = normalizeStageValue(v);
    if (key === '') continue;
    nonBlank++;
    const seen = counts.get(key);
    if (seen) seen.rows++;
    else counts.set(key, { value: String(v).trim(), rows: 1 });
  }
  let vocabulary: StageVocabulary | null = null;
  let matched = 0;
  let known = new Set<string>();
  for (const candidate of STAGE_VOCABULARIES) {
    const keys = new Set(Object.keys(candidate.values).map(normalizeStageValue));
    let n = 0;
    for (const key of keys) n += counts.get(key)?.rows ?? 0;
    if (n > matched) {
      vocabulary = candidate;
      matched = n;
      known = keys;
    }
  }
  const unknown = [...counts.entries()].filter(([key]) => !known.has(key)).map(([, c]) => c).sort((a, b) => b.rows - a.rows);
  return { vocabulary, matched, nonBlank, unknown };
}

function quoteCounts(unknown: { value: string; rows: number }[], open: string, close: string): string {
  const shown = unknown.slice(0, UNKNOWN_VALUES_SHOWN).map((u) => `${open}${u.value}${close} (${u.rows})`);
  return shown.join(', ') + (unknown.length > UNKNOWN_VALUES_SHOWN ? ', …' : '');
}

/**
 * A full config for `rows` (header first): DEFAULT_CONFIG, then what the header and values show,
 * then `base` on top (`base.columns` entries override single columns; `base.stages` replaces the stages).
 */
/** Something detection chose not to use that a person should look at (becomes a data issue at row 1). */
export interface DetectWarning {
  /** Sheet row of the header (where the warning is listed as a data issue). */
  row: number;
  column: string;
  problem: string;
  problemRu: string;
}

export function detectConfig(allRows: CellValue[][], base: Partial<FunnelConfig> = {}): DetectResult {
  if ((allRows[0] ?? []).every(isBlankCell) && findHeaderRow(allRows, base.columns?.createdAt) < 0) {
    return fail('The sheet is empty: there is no header row.', 'Лист пуст: нет строки заголовков.');
  }
  // The header may sit under a few title lines; from here on rows[0] is the header.
  const headerAt = base.headerRow !== undefined ? base.headerRow - 1 : Math.max(0, findHeaderRow(allRows, base.columns?.createdAt));
  const rows = headerAt === 0 ? allRows : allRows.slice(headerAt);
  const headerRow = headerAt + 1;
  const header = rows[0] ?? [];
  const index = headerIndex(header);
  const notes: string[] = [];
  const notesRu: string[] = [];
  const note = (en: string, ru: string) => {
    notes.push(en);
    notesRu.push(ru);
  };
  const warnings: DetectWarning[] = [];
  const droppedStageColumns: DroppedStageColumn[] = [];
  const baseColumns: Partial<ColumnsConfig> = base.columns ?? {};

  const createdIdx = baseColumns.createdAt ? findHeader(index, baseColumns.createdAt) : findField(index, 'createdAt');
  if (createdIdx < 0) {
    if (baseColumns.createdAt) {
      return fail(
        `The creation date column "${baseColumns.createdAt}" is not in the header row.`,
        `Столбца с датой создания «${baseColumns.createdAt}» нет в строке заголовков.`,
      );
    }
    return fail(
      'No lead creation date column found. Name it e.g. "Created at" or "Дата создания", or choose it in the settings (columns.createdAt).',
      'Не найден столбец с датой создания лида. Назовите его, например, «Дата создания» или «Created at», либо укажите его в настройках (columns.createdAt).',
    );
  }
  if (headerRow > 1) {
    note(`The header is row ${headerRow}; the rows above it are titles`, `Заголовки в строке ${headerRow}; строки выше — заголовок отчёта`);
  }
  const taken = new Set<number>([createdIdx]);
  const columns: ColumnsConfig = { createdAt: headerText(header[createdIdx]) };
  note(`${COLUMN_LABELS.createdAt[0]}: column "${columns.createdAt}"`, `${COLUMN_LABELS.createdAt[1]}: столбец «${columns.createdAt}»`);
  for (const key of OPTIONAL_COLUMNS) {
    const given = baseColumns[key];
    if (given) {
      const i = findHeader(index, given);
      if (i >= 0) taken.add(i);
      continue;
    }
    const i = findField(index, key, taken);
    if (i < 0) continue;
    taken.add(i);
    columns[key] = headerText(header[i]);
    note(`${COLUMN_LABELS[key][0]}: column "${columns[key]}"`, `${COLUMN_LABELS[key][1]}: столбец «${columns[key]}»`);
  }

  const timeZone = base.timeZone ?? DEFAULT_CONFIG.timeZone;
  let dateOrder = base.dateOrder;
  if (!dateOrder) {
    const seen = detectDateOrder(rows);
    dateOrder = seen ?? DEFAULT_CONFIG.dateOrder;
    if (seen === 'mdy') note('Dates are read as month/day/year (values such as 02/13/2024 were found)', 'Даты читаются как месяц/день/год (встречаются значения вида 02/13/2024)');
  }

  let stages: StageConfig[];
  let currentStage: CurrentStageConfig | undefined;
  if (base.stages && base.stages.length > 0) {
    stages = base.stages;
    currentStage = base.currentStage;
  } else {
    const parser = makeDateParser({ timeZone, dateOrder });
    const stageHeaders: string[] = [];
    const stageCols: number[] = [];
    for (let j = createdIdx + 1; j < header.length; j++) {
      const key = normalizeHeader(header[j]);
      // Blank headers, later duplicates (unreachable by name), known fields and bookkeeping dates are skipped.
      if (key === '' || index.get(key) !== j || taken.has(j)) continue;
      if (isNonStageDateHeader(header[j]) || isFieldHeader(header[j], 'currentStage')) continue;
      const { dates, nonBlank } = sampleDates(rows, j, parser, looksLikeDateHeader(header[j]));
      const isStage = nonBlank > 0 ? dates >= DATE_SHARE * nonBlank : looksLikeDateHeader(header[j]);
      if (isStage) {
        stageHeaders.push(headerText(header[j]));
        stageCols.push(j);
      } else if (dates > 0 || looksLikeDateHeader(header[j])) {
        const column = headerText(header[j]);
        droppedStageColumns.push({ column, dates, sampled: nonBlank });
        warnings.push({
          row: headerRow,
          column,
          problem: `Column "${column}" looks like a stage date column, but only ${dates} of ${nonBlank} sampled values are dates; it is not used as a stage (fix the values, or list the stages in the settings)`,
          problemRu: `Столбец «${column}» похож на столбец с датами этапа, но датами оказались только ${dates} из ${nonBlank} проверенных значений; как этап он не используется (исправьте значения или перечислите этапы в настройках)`,
        });
      }
    }
    if (stageHeaders.length > 0) {
      const names = uniqueStageNames(stageHeaders);
      stages = stageHeaders.map((column, i) => ({ name: names[i], column }));
      for (const { k, reversed, both } of swappedStagePairs(rows, stageCols, parser)) {
        const [a, b] = [names[k], names[k + 1]];
        const [colA, colB] = [stageHeaders[k], stageHeaders[k + 1]];
        warnings.push({
          row: headerRow,
          column: colB,
          problem: `Stages "${a}" and "${b}" look swapped: in ${reversed} of ${both} leads with both dates, "${colB}" is earlier than "${colA}". ` +
            `Swap them: move column "${colB}" to the left of "${colA}", or list the stages in the settings with "${b}" before "${a}"`,
          problemRu: `Этапы «${a}» и «${b}», похоже, перепутаны местами: у ${reversed} из ${both} лидов с обеими датами «${colB}» раньше, чем «${colA}». ` +
            `Поменяйте их местами: переставьте столбец «${colB}» левее «${colA}» или перечислите этапы в настройках, поставив «${b}» перед «${a}»`,
        });
      }
      note(
        `Stages from timestamp columns: ${stageHeaders.map((h, i) => `"${h}" → ${names[i]}`).join(', ')}`,
        `Этапы из столбцов с датами: ${stageHeaders.map((h, i) => `«${h}» → ${names[i]}`).join(', ')}`,
      );
    } else {
      const stageIdx = base.currentStage?.column ? findHeader(index, base.currentStage.column) : findField(index, 'currentStage', taken);
      if (stageIdx < 0) {
        return fail(
          'No stage columns found: add a date column for each stage to the right of the creation date (e.g. "Qualified at"), or a current stage column ("Stage", "Этап сделки").',
          'Не найдены этапы: добавьте справа от даты создания столбец с датой для каждого этапа (например, «Qualified at») или столбец с текущим этапом («Этап», «Этап сделки»).',
        );
      }
      const stageColumn = headerText(header[stageIdx]);
      const picked = pickVocabulary(rows, stageIdx);
      const { vocabulary, matched, nonBlank, unknown } = picked;
      if (!vocabulary) {
        return fail(
          `The stage column "${stageColumn}" has no known stage names (amoCRM, Bitrix24, HubSpot, Salesforce, Pipedrive, or New/Contacted/Qualified/Proposal/Negotiation/Won/Lost). List the stages and what each value means in the settings.`,
          `В столбце этапов «${stageColumn}» нет известных названий этапов (amoCRM, Битрикс24, HubSpot, Salesforce, Pipedrive или New/Contacted/Qualified/Proposal/Negotiation/Won/Lost). Перечислите этапы и значения в настройках.`,
        );
      }
      if (matched < VOCABULARY_SHARE * nonBlank) {
        return fail(
          `The stage column "${stageColumn}" is mostly not ${vocabulary.name} stage names: only ${matched} of ${nonBlank} rows have a known stage. ` +
            `Unknown values (rows): ${quoteCounts(unknown, '"', '"')}. List the stages and what each value means in the settings (currentStage.values).`,
          `В столбце этапов «${stageColumn}» в основном не названия этапов ${vocabulary.name}: известный этап только в ${matched} из ${nonBlank} строк. ` +
            `Неизвестные значения (строк): ${quoteCounts(unknown, '«', '»')}. Перечислите этапы и значения в настройках (currentStage.values).`,
        );
      }
      taken.add(stageIdx);
      // A Russian report names the stages in Russian (for amoCRM and Bitrix24, the CRM's own labels).
      const names = base.locale === 'ru' ? vocabulary.stagesRu : vocabulary.stages;
      const rename = new Map(vocabulary.stages.map((en, i) => [en, names[i]] as const));
      stages = names.map((name) => ({ name }));
      let changedAt = base.currentStage?.changedAt;
      if (!changedAt) {
        let i = findField(index, 'changedAt', taken);
        if (i < 0) {
          i = findField(index, 'closedAt', taken);
          const parser = makeDateParser({ timeZone, dateOrder });
          if (i >= 0 && openDealsHaveCloseDates(rows, stageIdx, i, vocabulary, parser)) {
            const closed = headerText(header[i]);
            note(
              `"${closed}" is not used as the time of the current stage: open deals have dates there too (expected close dates)`,
              `«${closed}» не используется как время текущего этапа: у открытых сделок там тоже даты (ожидаемые даты закрытия)`,
            );
            i = -1;
          }
        }
        if (i >= 0) changedAt = headerText(header[i]);
      }
      const values = Object.fromEntries(Object.entries(vocabulary.values).map(([raw, target]) => [raw, rename.get(target) ?? target]));
      currentStage = { column: stageColumn, values, ...(changedAt ? { changedAt } : {}) };
      note(
        `Stages from the current stage column "${stageColumn}" (${vocabulary.name} stage names): ${names.join(', ')}` +
          (changedAt ? `; the time of the current stage is taken from "${changedAt}"` : ''),
        `Этапы из столбца текущего этапа «${stageColumn}» (названия этапов ${vocabulary.name}): ${names.join(', ')}` +
          (changedAt ? `; время текущего этапа берётся из «${changedAt}»` : ''),
      );
    }
  }

  const { columns: _c, stages: _s, currentStage: _cs, ...baseRest } = base;
  const config: FunnelConfig = {
    ...DEFAULT_CONFIG,
    ...baseRest,
    timeZone,
    dateOrder,
    ...(headerRow > 1 ? { headerRow } : {}),
    columns: { ...columns, ...stripUndefined(baseColumns) },
    stages,
    ...(currentStage ? { currentStage } : {}),
  };
  // Safety net: the detected config must be one the settings validator accepts as well.
  const checked = parseConfig(JSON.parse(JSON.stringify(config)));
  if (!checked.ok) {
    return fail(`The settings are not valid: ${checked.errors.join('; ')}`, `Настройки неверны: ${checked.errors.join('; ')}`);
  }
  return { ok: true, config, notes, notesRu, warnings, droppedStageColumns };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
