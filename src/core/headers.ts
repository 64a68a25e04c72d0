/**
 * Header vocabularies (English and Russian) and header matching. Besides plain names they cover the
 * report exports of amoCRM, Bitrix24, HubSpot (`Create Date`, `Original Source`, `Contact owner`,
 * `Lifecycle Stage`, `Became a … Date`), Pipedrive (`Deal - Deal created`, `Deal - Owner`, `Deal - Won time`)
 * and Salesforce (`Created Date`, `Lead Source`, `Lead Owner`, `Opportunity Owner`, `Converted Date`). Matching is case-insensitive and
 * ignores surrounding spaces, underscores vs spaces and ё vs е; with duplicate headers the first wins
 * (amoCRM exports have two `Источник` columns and the first one holds the lead source).
 */
import type { CellValue } from './types';
import { isBlankCell } from './cells';

/** Fields found by header name: the `columns` of a config, the current-stage column and its change time. */
export type HeaderField =
  | 'createdAt' | 'id' | 'channel' | 'manager' | 'product' | 'region' | 'amount' | 'lostAt' | 'lostReason'
  | 'currentStage' | 'changedAt' | 'closedAt';

/** Synonyms in priority order: the first synonym present in the header wins, then its first occurrence. */
export const HEADER_SYNONYMS: Readonly<Record<HeaderField, readonly string[]>> = {
  createdAt: [
    'created at', 'created', 'date created', 'creation date', 'created date', 'created on', 'create date',
    'lead date', 'lead created', 'lead created at', 'lead creation date', 'first contact date', 'first_contact_date',
    'deal - deal created', 'deal created', 'deal - add time', 'lead - lead created', 'lead - created',
    'Дата создания', 'Дата создания сделки', 'Дата создания лида', 'Дата создания заявки', 'Дата заявки',
    'Дата обращения', 'Создана', 'Создан', 'Создано',
  ],
  id: [
    'id', 'lead id', 'deal id', 'mql_id', 'opportunity id', 'record id', 'deal - id', 'lead - id', 'contact id',
    '№', 'ИД', 'ID сделки', 'ID лида', 'Номер сделки',
  ],
  channel: [
    'channel', 'source', 'lead source', 'original source', 'deal - source channel', 'deal - channel', 'deal - source',
    'source channel', 'deal - source origin', 'source origin', 'latest source', 'Источник', 'Канал', 'Источник лида',
    'Источник сделки', 'Источник трафика', 'Рекламный канал', 'origin', 'utm_source',
  ],
  manager: [
    'manager', 'owner', 'responsible', 'sales rep', 'sales agent', 'sdr', 'sdr id', 'deal owner', 'lead owner', 'assigned to',
    'contact owner', 'deal - owner', 'opportunity owner', 'hubspot owner', 'account owner', 'company owner', 'lead - owner',
    'Ответственный', 'Менеджер', 'Ответственный менеджер',
  ],
  product: ['product', 'service', 'product name', 'deal - product', 'Товар', 'Продукт', 'Услуга'],
  region: ['region', 'city', 'country', 'country/region', 'state/region', 'billing country', 'Регион', 'Город', 'Область', 'Страна'],
  amount: [
    'amount', 'budget', 'deal value', 'deal amount', 'revenue', 'value', 'close value', 'close_value', 'price', 'sum',
    'deal - value', 'amount in company currency',
    'Бюджет', 'Сумма', 'Сумма сделки', 'Выручка', 'Стоимость',
  ],
  lostAt: ['lost at', 'lost date', 'date lost', 'lost on', 'lost time', 'deal - lost time', 'Дата отказа', 'Дата проигрыша'],
  lostReason: [
    'lost reason', 'loss reason', 'reason lost', 'closed lost reason', 'deal - lost reason', 'Причина отказа', 'Причина проигрыша',
    'Причина отказа от сделки',
  ],
  currentStage: [
    'stage', 'status', 'deal stage', 'lead status', 'pipeline stage', 'lifecycle stage', 'deal - stage', 'opportunity stage',
    'Этап', 'Этап сделки', 'Статус', 'Стадия',
    'Стадия сделки', 'Статус лида', 'Этап воронки',
  ],
  changedAt: [
    'stage changed at', 'stage change date', 'status changed at', 'status change date', 'moved to stage at',
    'Дата изменения этапа', 'Дата перехода на этап', 'Дата смены этапа', 'Дата изменения статуса',
    'Дата изменения стадии',
  ],
  closedAt: [
    'closed at', 'close date', 'closed date', 'date closed', 'closed on', 'closed', 'close_date', 'deal - deal closed on',
    'deal closed on', 'deal - close time',
    'Дата закрытия', 'Дата закрытия сделки', 'Закрыта', 'Закрыто',
  ],
};

/** Word stems that mark bookkeeping or planned dates (never funnel stages): edited/updated/modified, "last …", "next …", expected. */
const NON_STAGE_DATE_STEMS = ['edit', 'updat', 'modif', 'last', 'next', 'expect', 'редакт', 'изменен', 'обновл', 'последн', 'следующ', 'ожидаем'];

/** Lower-cased, trimmed, inner whitespace and underscores collapsed to one space, ё → е. */
export function normalizeHeader(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[\s_\u00a0\u202f]+/g, ' ').trim();
}

/** Normalised header → index of its first occurrence (blank header cells are left out). */
export function headerIndex(header: readonly CellValue[]): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < header.length; i++) {
    const key = normalizeHeader(header[i]);
    if (key !== '' && !map.has(key)) map.set(key, i);
  }
  return map;
}

/** Index of the column whose header matches `name` (first occurrence), or -1. */
export function findHeader(index: ReadonlyMap<string, number>, name: string): number {
  return index.get(normalizeHeader(name)) ?? -1;
}

/** Index of the column for a field, trying synonyms in priority order; columns in `taken` are skipped. */
export function findField(index: ReadonlyMap<string, number>, field: HeaderField, taken?: ReadonlySet<number>): number {
  for (const synonym of HEADER_SYNONYMS[field]) {
    const i = index.get(normalizeHeader(synonym));
    if (i !== undefined && !taken?.has(i)) return i;
  }
  return -1;
}

/** Rows looked at for the header row: a few title lines above the header are common in exports. */
export const HEADER_SCAN_ROWS = 10;

const KNOWN_HEADERS: ReadonlySet<string> = new Set(Object.values(HEADER_SYNONYMS).flat().map(normalizeHeader));

/** How much a row looks like a header: cells naming a known field, plus cells that read like a timestamp. */
function headerScore(row: readonly CellValue[]): number {
  let score = 0;
  for (const v of row) {
    const key = normalizeHeader(v);
    if (key !== '' && (KNOWN_HEADERS.has(key) || looksLikeDateHeader(v))) score++;
  }
  return score;
}

/** Non-blank cells of a row (an unchecked checkbox, `false`, counts as blank). */
function filledCells(row: readonly CellValue[]): number {
  let n = 0;
  for (const v of row) if (v !== false && !isBlankCell(v)) n++;
  return n;
}

/**
 * 0-based index of the header row among the first HEADER_SCAN_ROWS rows: of the rows that name the
 * creation column (`createdAt`, or any creation-date synonym) and have only title-like rows above them
 * (each with at most half as many filled cells, so a data row holding a status such as "Создана" is
 * not taken for a header), the one that names the most known fields; the first on a tie. -1 when none.
 */
export function findHeaderRow(rows: readonly (readonly CellValue[] | undefined)[], createdAt?: string): number {
  let best = -1;
  let bestScore = -1;
  let widestAbove = 0;
  const end = Math.min(rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < end; r++) {
    const row = rows[r] ?? [];
    const width = filledCells(row);
    const titlesAbove = widestAbove * 2 <= width;
    widestAbove = Math.max(widestAbove, width);
    const index = headerIndex(row);
    const created = createdAt ? findHeader(index, createdAt) : findField(index, 'createdAt');
    if (created < 0 || !titlesAbove) continue;
    const score = headerScore(row);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/** True when a header names a given field (any synonym). */
export function isFieldHeader(header: CellValue, field: HeaderField): boolean {
  const h = normalizeHeader(header);
  return h !== '' && HEADER_SYNONYMS[field].some((s) => normalizeHeader(s) === h);
}

/** Edited/updated/modified, "last …" and closed-at dates: dates that are not funnel stages. */
export function isNonStageDateHeader(header: CellValue): boolean {
  const words = normalizeHeader(header).split(' ');
  if (words.some((w) => NON_STAGE_DATE_STEMS.some((stem) => w.startsWith(stem)))) return true;
  return isFieldHeader(header, 'closedAt') || isFieldHeader(header, 'changedAt');
}

const STAGE_SUFFIXES = [' at', ' date', ' time', ' on', ' дата'];
/** Export prefixes in front of a stage name: Pipedrive's `Deal - `, HubSpot's `Became a(n) `. */
const STAGE_PREFIXES = ['deal - ', 'lead - ', 'became an ', 'became a '];

/**
 * Stage name from a timestamp header: `Qualified at` → `Qualified`, `proposal_date` → `proposal`,
 * `Deal - Won time` → `Won`, `Became a Sales Qualified Lead Date` → `Sales Qualified Lead`.
 */
export function stageNameFromHeader(header: CellValue): string {
  let raw = String(header ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
  for (const suffix of STAGE_SUFFIXES) {
    const lower = raw.replace(/_/g, ' ').toLowerCase();
    if (lower.endsWith(suffix) && lower.length > suffix.length) {
      raw = raw.slice(0, raw.length - suffix.length).trim();
      break;
    }
  }
  const lower = raw.toLowerCase();
  for (const prefix of STAGE_PREFIXES) {
    if (lower.startsWith(prefix) && lower.length > prefix.length) return raw.slice(prefix.length).trim();
  }
  return raw;
}

/** True when the header reads like a timestamp (`… at`, `… date`, `Дата …`). */
export function looksLikeDateHeader(header: CellValue): boolean {
  const h = normalizeHeader(header);
  return STAGE_SUFFIXES.some((s) => h.endsWith(s)) || h.startsWith('дата ') || h.startsWith('date ');
}

/** A built-in mapping of current-stage values (one CRM's default pipeline) to funnel stages. */
export interface StageVocabulary {
  name: string;
  /** Stage names after "Lead", in funnel order. */
  stages: readonly string[];
  /** The same stages named in Russian (the CRM's own labels for Russian CRMs), used for a Russian report. */
  stagesRu: readonly string[];
  /** Cell value → stage name, 'lead' or 'lost'. */
  values: Readonly<Record<string, string>>;
}

export const STAGE_VOCABULARIES: readonly StageVocabulary[] = [
  {
    name: 'amoCRM',
    stages: ['Contacted', 'Negotiation', 'Decision', 'Contract', 'Won'],
    stagesRu: ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора', 'Успешно реализовано'],
    values: {
      'Неразобранное': 'lead',
      'Первичный контакт': 'Contacted',
      'Переговоры': 'Negotiation',
      'Принимают решение': 'Decision',
      'Согласование договора': 'Contract',
      'Успешно реализовано': 'Won',
      'Закрыто и не реализовано': 'lost',
    },
  },
  {
    name: 'Bitrix24',
    stages: ['Preparing documents', 'Prepayment invoice', 'In progress', 'Final invoice', 'Won'],
    stagesRu: ['Подготовка документов', 'Счёт на предоплату', 'В работе', 'Финальный счёт', 'Сделка успешна'],
    values: {
      'Новая': 'lead',
      'Подготовка документов': 'Preparing documents',
      'Счёт на предоплату': 'Prepayment invoice',
      'В работе': 'In progress',
      'Финальный счёт': 'Final invoice',
      'Сделка успешна': 'Won',
      'Сделка провалена': 'lost',
      'Анализ причины провала': 'lost',
    },
  },
  {
    name: 'generic',
    stages: ['Contacted', 'Qualified', 'Proposal', 'Negotiation', 'Won'],
    stagesRu: ['Контакт', 'Квалифицирован', 'Предложение', 'Переговоры', 'Выиграна'],
    values: {
      'New': 'lead',
      'Lead': 'lead',
      'Open': 'lead',
      'Prospecting': 'lead',
      // Salesforce lead statuses and opportunity stages, Pipedrive's default pipeline.
      'Open - Not Contacted': 'lead',
      'Lead In': 'lead',
      'Working - Contacted': 'Contacted',
      'Contact Made': 'Contacted',
      'Qualification': 'Qualified',
      'Needs Analysis': 'Qualified',
      'Needs Defined': 'Qualified',
      'Value Proposition': 'Qualified',
      'Id. Decision Makers': 'Qualified',
      'Perception Analysis': 'Qualified',
      'Closed - Converted': 'Qualified',
      'Closed - Not Converted': 'lost',
      'Proposal Made': 'Proposal',
      'Negotiations Started': 'Negotiation',
      // HubSpot lead statuses.
      'Connected': 'Contacted',
      'Open Deal': 'Qualified',
      'Bad Timing': 'lost',
      'Contacted': 'Contacted',
      'Attempted to contact': 'Contacted',
      'Engaging': 'Contacted',
      'Working': 'Contacted',
      'In progress': 'Contacted',
      'Qualified': 'Qualified',
      'MQL': 'Qualified',
      'SQL': 'Qualified',
      'Qualified to buy': 'Qualified',
      'Proposal': 'Proposal',
      'Proposal sent': 'Proposal',
      'Proposal/Price Quote': 'Proposal',
      'Quote sent': 'Proposal',
      'Negotiation': 'Negotiation',
      'Negotiation/Review': 'Negotiation',
      'Contract sent': 'Negotiation',
      'Won': 'Won',
      'Closed Won': 'Won',
      'Closed-Won': 'Won',
      'ClosedWon': 'Won',
      'Deal won': 'Won',
      'Lost': 'lost',
      'Closed Lost': 'lost',
      'Closed-Lost': 'lost',
      'ClosedLost': 'lost',
      'Deal lost': 'lost',
      'Disqualified': 'lost',
      'Unqualified': 'lost',
    },
  },
  {
    // HubSpot's lifecycle stages (labels, and the internal values some exports carry).
    name: 'HubSpot',
    stages: ['MQL', 'SQL', 'Opportunity', 'Customer'],
    stagesRu: ['MQL', 'SQL', 'Сделка', 'Клиент'],
    values: {
      'Subscriber': 'lead',
      'Lead': 'lead',
      'Marketing Qualified Lead': 'MQL',
      'marketingqualifiedlead': 'MQL',
      'Sales Qualified Lead': 'SQL',
      'salesqualifiedlead': 'SQL',
      'Opportunity': 'Opportunity',
      'Customer': 'Customer',
      'Evangelist': 'Customer',
    },
  },
];

/** Normal form of a current-stage value: lower case, single spaces, ё → е, `-`/`_` as spaces. */
export function normalizeStageValue(v: CellValue): string {
  if (v === null || v === undefined) return '';
  return String(v).toLowerCase().replace(/ё/g, 'е').replace(/[\s_\u00a0\u202f-]+/g, ' ').trim();
}
