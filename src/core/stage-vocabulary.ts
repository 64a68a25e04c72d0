/**
 * Choosing the built-in CRM vocabulary of a current-stage column (amoCRM, Bitrix24, HubSpot, generic
 * English incl. Salesforce/Pipedrive stage names), and whether a close-date column can stand for the
 * time of the current stage.
 */
import { STAGE_TARGET_LOST } from './config';
import type { DateParser } from './time/date-parser';
import { STAGE_VOCABULARIES, normalizeStageValue } from './headers';
import type { StageVocabulary } from './headers';
import type { CellValue } from './types';

/** Rows scanned to choose the stage vocabulary of a current-stage column. */
const VOCABULARY_ROWS = 5000;
/**
 * Share of the scanned non-blank rows of a current-stage column whose value a vocabulary must know for
 * it to be used: counted in rows (leads), because every row with an unknown value lands on the first step.
 */
export const VOCABULARY_SHARE = 0.5;
/** Unknown values quoted in the message when no vocabulary fits. */
const UNKNOWN_VALUES_SHOWN = 10;

/**
 * A close-date column tells when a deal reached its current stage only if it is filled for closed deals
 * (won, lost) and not for open ones (amoCRM writes «не закрыта»). Salesforce and HubSpot fill it for
 * open deals too, with the *expected* close date: true when more than half of the sampled open deals
 * have a date there.
 */
export function openDealsHaveCloseDates(rows: CellValue[][], stageCol: number, closeCol: number, vocabulary: StageVocabulary, parser: DateParser): boolean {
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

export interface VocabularyChoice {
  /** The vocabulary knowing the most rows, null when none knows any. */
  vocabulary: StageVocabulary | null;
  /** Scanned rows whose value it knows, of `nonBlank`. */
  matched: number;
  nonBlank: number;
  /** Values it does not know, each once (as first written), with their row counts, most frequent first. */
  unknown: { value: string; rows: number }[];
}

export function pickVocabulary(rows: CellValue[][], col: number): VocabularyChoice {
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

export function quoteCounts(unknown: { value: string; rows: number }[], open: string, close: string): string {
  const shown = unknown.slice(0, UNKNOWN_VALUES_SHOWN).map((u) => `${open}${u.value}${close} (${u.rows})`);
  return shown.join(', ') + (unknown.length > UNKNOWN_VALUES_SHOWN ? ', …' : '');
}
