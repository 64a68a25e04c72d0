/**
 * The Feedback tab as a keyed tab (keyed-spec.ts): key = lead id, the columns the add-on recomputes on
 * every refresh, and the people's columns (never written once a person typed there), with EN/RU labels.
 */
import type { KeyedLabel, KeyedTabSpec } from '../keyed-spec';
import { DEFAULT_REASON_LABELS, DEFAULT_REASONS } from './config';

export type VerdictId = 'accepted' | 'notQualified' | 'duplicate' | 'noContact' | 'active' | 'stalled' | 'won' | 'lost' | 'nurturing';

/** The verdict dropdown, in this order. */
export const VERDICTS: readonly { id: VerdictId; label: KeyedLabel }[] = [
  { id: 'accepted', label: { en: 'Accepted', ru: 'Принят' } },
  { id: 'notQualified', label: { en: 'Rejected — not qualified', ru: 'Отклонён — не квалифицирован' } },
  { id: 'duplicate', label: { en: 'Rejected — duplicate', ru: 'Отклонён — дубль' } },
  { id: 'noContact', label: { en: 'Rejected — no contact', ru: 'Отклонён — нет связи' } },
  { id: 'active', label: { en: 'Active', ru: 'В работе' } },
  { id: 'stalled', label: { en: 'Stalled', ru: 'Завис' } },
  { id: 'won', label: { en: 'Won', ru: 'Выигран' } },
  { id: 'lost', label: { en: 'Lost', ru: 'Проигран' } },
  { id: 'nurturing', label: { en: 'Back to nurturing', ru: 'Возвращён в прогрев' } },
];

export const REJECTED: ReadonlySet<VerdictId> = new Set(['notQualified', 'duplicate', 'noContact']);

function norm(s: string): string {
  // Dashes people type instead of the em dash ("Rejected - duplicate") read the same.
  return s.trim().toLowerCase().replace(/[‐-―-]/g, '-').replace(/\s+/g, ' ');
}

const BY_TEXT = new Map<string, VerdictId>();
for (const v of VERDICTS) {
  BY_TEXT.set(norm(v.id), v.id);
  BY_TEXT.set(norm(v.label.en), v.id);
  BY_TEXT.set(norm(v.label.ru), v.id);
}

/** The verdict a cell's text names (EN or RU label, or id; case, spaces and dash kind ignored), else null. */
export function verdictOf(text: string): VerdictId | null {
  return BY_TEXT.get(norm(text)) ?? null;
}

/** Column ids of the Feedback tab. */
export const FB = {
  lead: 'lead',
  created: 'created',
  channel: 'channel',
  manager: 'manager',
  stage: 'stage',
  sinceHandoff: 'sinceHandoff',
  sinceChange: 'sinceChange',
  outcome: 'outcome',
  sentBack: 'sentBack',
  status: 'status',
  verdict: 'verdict',
  reason: 'reason',
  comment: 'comment',
  nextStep: 'nextStep',
  attempts: 'attempts',
  firstAttempt: 'firstAttempt',
} as const;

/**
 * The reason dropdown's items: the default list (absent from the settings, or saved unchanged) in the
 * report locale; a list the user typed stays as typed in both languages.
 */
function reasonItems(reasons: readonly string[]): KeyedLabel[] {
  const isDefault = reasons.length === DEFAULT_REASONS.length && reasons.every((r, i) => r === DEFAULT_REASONS[i]);
  return isDefault ? DEFAULT_REASON_LABELS.map((r) => ({ ...r })) : reasons.map((r) => ({ en: r, ru: r }));
}

/** The Feedback tab's spec; `reasons` fills the reason dropdown. */
export function feedbackSpec(sheetName: string, reasons: readonly string[]): KeyedTabSpec {
  return {
    sheetName,
    key: { id: FB.lead, label: { en: 'Lead ID', ru: 'ID лида' } },
    owned: [
      { id: FB.created, label: { en: 'Created', ru: 'Создан' } },
      { id: FB.channel, label: { en: 'Channel', ru: 'Канал' } },
      { id: FB.manager, label: { en: 'Manager', ru: 'Менеджер' } },
      { id: FB.stage, label: { en: 'Current stage', ru: 'Текущий этап' } },
      { id: FB.sinceHandoff, label: { en: 'Days since hand-off', ru: 'Дней с передачи' } },
      { id: FB.sinceChange, label: { en: 'Days since last stage change', ru: 'Дней с последней смены этапа' } },
      { id: FB.outcome, label: { en: 'Won / lost', ru: 'Выигран / проигран' } },
      // Sticky: set by the first refresh that sees the verdict "Back to nurturing", never cleared (human.ts).
      { id: FB.sentBack, label: { en: 'Sent back to nurturing (first seen)', ru: 'Возвращён в прогрев (впервые замечено)' } },
    ],
    status: { id: FB.status, label: { en: 'Row status', ru: 'Статус строки' } },
    human: [
      { id: FB.verdict, label: { en: 'Sales verdict', ru: 'Решение продаж' }, dropdown: VERDICTS.map((v) => v.label) },
      { id: FB.reason, label: { en: 'Reason', ru: 'Причина' }, dropdown: reasonItems(reasons) },
      { id: FB.comment, label: { en: 'Comment', ru: 'Комментарий' } },
      { id: FB.nextStep, label: { en: 'Next step date', ru: 'Дата следующего шага' } },
      { id: FB.attempts, label: { en: 'Contact attempts', ru: 'Попыток связаться' } },
      { id: FB.firstAttempt, label: { en: 'First contact attempt', ru: 'Первая попытка связаться' } },
    ],
  };
}
