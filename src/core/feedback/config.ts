/**
 * The `feedback` config key (closed-loop feedback, issue 10), parsed on its own so config.ts only
 * calls it. Every field is optional; `resolveHandoffStage` turns an absent `handoffStage` into the
 * default stage (see its comment).
 */
import { msg, type Message } from '../messages';

export interface FeedbackConfig {
  /** Stage whose reaching means "handed to sales" (a configured stage name); absent = the default. */
  handoffStage?: string;
  /** The reason dropdown's items (editable in the settings). */
  reasons: string[];
  /** Verdicts that mean "accepted by sales" (verdict ids or their EN/RU labels); default ["Accepted"]. */
  acceptedVerdicts: string[];
  /** Name of a SAL step defined by acceptance, shown in the cohort report after the hand-off stage; absent = off. */
  salStage?: string;
  /** An open lead whose last stage change is older than this is "stalled" in the Review. */
  staleDays: number;
  /** A handed-over lead without a verdict for longer than this goes first on the list to discuss. */
  noFeedbackDays: number;
  /** Name of the Feedback tab. */
  sheet: string;
}

/** The default reason dropdown in both languages; the Feedback tab shows the report locale's label. */
export const DEFAULT_REASON_LABELS: readonly { en: string; ru: string }[] = [
  { en: 'Price', ru: 'Цена' },
  { en: 'Timing', ru: 'Сроки' },
  { en: 'Competitor', ru: 'Конкурент' },
  { en: 'False expectations about the service', ru: 'Ложные ожидания от услуги' },
  { en: 'A service we do not offer', ru: 'Услуга, которую мы не оказываем' },
  { en: 'No budget', ru: 'Нет бюджета' },
  { en: 'No decision maker', ru: 'Нет ЛПР' },
  { en: 'Other', ru: 'Другое' },
];

/** The default reasons as stored in the config (English); feedback/spec.ts shows them in the report locale. */
export const DEFAULT_REASONS: readonly string[] = DEFAULT_REASON_LABELS.map((r) => r.en);

export const DEFAULT_FEEDBACK: FeedbackConfig = {
  reasons: [...DEFAULT_REASONS],
  acceptedVerdicts: ['accepted'],
  staleDays: 14,
  noFeedbackDays: 7,
  sheet: 'Feedback',
};

const KEYS = ['handoffStage', 'reasons', 'acceptedVerdicts', 'salStage', 'staleDays', 'noFeedbackDays', 'sheet'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

function textList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every(text);
}

/**
 * Validates `feedback`; pushes errors (each with its `feedback.*` path) and returns the config with
 * defaults, or undefined when the key is absent. Stage names are checked against `stageNames` (the
 * configured stages after "lead created").
 */
export function parseFeedbackConfig(value: unknown, stageNames: readonly string[], errors: Message[]): FeedbackConfig | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    errors.push(msg('config.notObject', { path: 'feedback' }));
    return undefined;
  }
  const out: FeedbackConfig = { ...DEFAULT_FEEDBACK, reasons: [...DEFAULT_FEEDBACK.reasons], acceptedVerdicts: [...DEFAULT_FEEDBACK.acceptedVerdicts] };
  for (const k of Object.keys(value)) if (!KEYS.includes(k)) errors.push(msg('config.unknownField', { path: `feedback.${k}` }));
  const known = stageNames.map((s) => s.toLowerCase());
  if (value.handoffStage !== undefined) {
    if (!text(value.handoffStage)) errors.push(msg('config.required', { path: 'feedback.handoffStage' }));
    else if (!known.includes(value.handoffStage.trim().toLowerCase())) {
      errors.push(msg('config.feedback.unknownStage', { path: 'feedback.handoffStage', name: value.handoffStage, known: [...stageNames] }));
    } else out.handoffStage = stageNames[known.indexOf(value.handoffStage.trim().toLowerCase())];
  }
  if (value.salStage !== undefined) {
    if (!text(value.salStage)) errors.push(msg('config.required', { path: 'feedback.salStage' }));
    else if (known.includes(value.salStage.trim().toLowerCase()) || ['lead', 'lost'].includes(value.salStage.trim().toLowerCase())) {
      errors.push(msg('config.duplicateStage', { path: 'feedback.salStage', name: value.salStage }));
    } else out.salStage = value.salStage.trim();
  }
  for (const k of ['reasons', 'acceptedVerdicts'] as const) {
    if (value[k] === undefined) continue;
    const v = value[k];
    if (textList(v)) out[k] = v.map((s) => s.trim());
    else errors.push(msg('config.feedback.textList', { path: `feedback.${k}` }));
  }
  for (const k of ['staleDays', 'noFeedbackDays'] as const) {
    if (value[k] === undefined) continue;
    const v = value[k];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1) out[k] = v;
    else errors.push(msg('config.positiveInteger', { path: `feedback.${k}` }));
  }
  if (value.sheet !== undefined) {
    if (text(value.sheet)) out.sheet = value.sheet.trim();
    else errors.push(msg('config.required', { path: 'feedback.sheet' }));
  }
  return out;
}

/**
 * Words that say a stage belongs to sales (EN/RU), for the default hand-off stage. Stages carry no
 * owner in the config, so the default is found by name: the first configured stage whose name says
 * sales qualified, accepted or handed over it (SQL, SAL, "Qualified", "Sales …", «Передан в продажи»,
 * «Квалифицирован»). "MQL" alone is marketing's and does not count. When no name says so, the first
 * stage after "lead created" is the hand-off (a funnel of only "Won", like Olist's closed deals,
 * hands over its won deals).
 */
const SALES_WORDS = /\b(sql|sal)\b|qualif|sales|handed|hand-off|handoff|продаж|квалифиц|передан/i;

/** Index (0-based, into `stageNames`, the stages after "lead created") of the hand-off stage. */
export function resolveHandoffStage(fb: FeedbackConfig | undefined, stageNames: readonly string[]): number {
  if (stageNames.length === 0) return -1;
  if (fb?.handoffStage) {
    const i = stageNames.findIndex((s) => s.toLowerCase() === fb.handoffStage!.toLowerCase());
    if (i >= 0) return i;
  }
  // The SAL step made from feedback (when already inserted) is never its own hand-off stage.
  const sal = fb?.salStage?.toLowerCase();
  const i = stageNames.findIndex((s) => s.toLowerCase() !== sal && SALES_WORDS.test(s) && !/^\s*mql\s*$/i.test(s));
  return i >= 0 ? i : 0;
}
