/**
 * The logic of the custom function FUNNEL_FEEDBACK(feedback, [group_by], [metric]): the Review's
 * summary over a Feedback tab range, grouped by one of its columns, for ad-hoc analysis. It reads only
 * the range it is given (a custom function has no authorised services): columns are found by their EN
 * or RU header as the refresh finds them, verdicts by their EN or RU label.
 *
 * group_by: a header of the range (e.g. "Manager", "Channel", "Reason", "Sales verdict") or "month"
 * (the month of "Created"); default "Manager". metric: "summary" (default: every measure) or one of
 * handed, feedback, feedback_rate, accepted, accepted_rate, rejected, not_qualified, won.
 */
import { DEFAULT_REASONS } from '../core/feedback/config';
import { REJECTED, feedbackSpec, verdictOf, FB } from '../core/feedback/spec';
import { keyText, locateKeyedColumns } from '../core/keyed-merge';
import type { CellValue } from '../core/types';
import { argError, normaliseName, tableArg, textArg } from './args';
import type { CustomFunctionEnv } from './custom-functions';

const FN = 'FUNNEL_FEEDBACK';

const METRICS = ['handed', 'feedback', 'feedback_rate', 'accepted', 'accepted_rate', 'rejected', 'not_qualified', 'won'] as const;
type Metric = (typeof METRICS)[number];
/** Output labels in the locale the other custom functions pick (see `outputLocale`). */
const LABELS: Record<'en' | 'ru', { headers: Record<Metric, string>; blank: string; total: string }> = {
  en: {
    headers: {
      handed: 'Handed over',
      feedback: 'Feedback given',
      feedback_rate: 'Feedback %',
      accepted: 'Accepted',
      accepted_rate: 'Accepted %',
      rejected: 'Rejected',
      not_qualified: 'Not qualified',
      won: 'Won',
    },
    blank: '(blank)',
    total: 'Total',
  },
  ru: {
    headers: {
      handed: 'Передано',
      feedback: 'С обратной связью',
      feedback_rate: 'Обратная связь, %',
      accepted: 'Принято',
      accepted_rate: 'Принято, %',
      rejected: 'Отклонено',
      not_qualified: 'Не квалифицировано',
      won: 'Выиграно',
    },
    blank: '(пусто)',
    total: 'Итого',
  },
};

/** As custom-functions.ts picks it: the configured locale, else Russian when the range's Lead ID header is in Cyrillic. */
function outputLocale(keyHeader: string, env: Pick<CustomFunctionEnv, 'baseConfig'> | undefined): 'en' | 'ru' {
  const configured = env?.baseConfig?.()?.locale;
  if (configured) return configured;
  return /[а-яё]/i.test(keyHeader) ? 'ru' : 'en';
}

interface Tally {
  handed: number;
  feedback: number;
  accepted: number;
  rejected: number;
  notQualified: number;
  won: number;
}

const WON_TEXTS = new Set(['won', 'выигран']);

function value(t: Tally, m: Metric): number | string {
  switch (m) {
    case 'handed':
      return t.handed;
    case 'feedback':
      return t.feedback;
    case 'feedback_rate':
      return t.handed === 0 ? '—' : t.feedback / t.handed;
    case 'accepted':
      return t.accepted;
    case 'accepted_rate':
      return t.handed === 0 ? '—' : t.accepted / t.handed;
    case 'rejected':
      return t.rejected;
    case 'not_qualified':
      return t.notQualified;
    case 'won':
      return t.won;
  }
}

export function funnelFeedback(feedback: unknown, groupBy?: unknown, metric?: unknown, env?: Pick<CustomFunctionEnv, 'baseConfig'>): (string | number)[][] {
  const rows = tableArg(FN, 'feedback', feedback);
  const spec = feedbackSpec('Feedback', DEFAULT_REASONS);
  const cols = new Map(locateKeyedColumns(spec, { values: rows }).filter((c) => c.foundBy !== 'created').map((c) => [c.id, c.index]));
  if (!cols.has(FB.lead)) throw argError(FN, 'feedback must be the Feedback tab with its "Lead ID" column', 'feedback должен быть листом обратной связи со столбцом «ID лида»');

  const labels = LABELS[outputLocale(String(rows[0][cols.get(FB.lead)!] ?? ''), env)];
  const byDefault = groupBy === undefined || groupBy === '';
  const groupText = byDefault ? 'Manager' : textArg(FN, 'group_by', groupBy);
  const header = rows[0].map((h) => normaliseName(String(h ?? '')));
  const isMonth = ['month', 'месяц'].includes(normaliseName(groupText));
  // The default is the Manager column under either header ("Manager" or "Менеджер").
  const groupCol = isMonth ? cols.get(FB.created) : byDefault ? cols.get(FB.manager) : header.indexOf(normaliseName(groupText));
  if (groupCol === undefined || groupCol < 0) {
    throw argError(FN, `group_by "${groupText}" is not a column of the range (or "month")`, `group_by «${groupText}» — не столбец диапазона (и не «month»)`);
  }
  const metricText = metric === undefined || metric === '' ? 'summary' : normaliseName(textArg(FN, 'metric', metric)).replace(/ /g, '_');
  if (metricText !== 'summary' && !(METRICS as readonly string[]).includes(metricText)) {
    throw argError(FN, `metric must be summary or one of ${METRICS.join(', ')}`, `metric должен быть summary или одним из ${METRICS.join(', ')}`);
  }
  const shown: Metric[] = metricText === 'summary' ? [...METRICS] : [metricText as Metric];

  const groups = new Map<string, Tally>();
  const total: Tally = { handed: 0, feedback: 0, accepted: 0, rejected: 0, notQualified: 0, won: 0 };
  const at = (line: CellValue[], id: string): string => {
    const j = cols.get(id);
    return j === undefined ? '' : keyText(line[j]);
  };
  for (const line of rows.slice(1)) {
    if (at(line, FB.lead) === '') continue;
    const raw = keyText(line[groupCol]);
    const group = isMonth ? raw.slice(0, 7) : raw;
    const t = groups.get(group) ?? { handed: 0, feedback: 0, accepted: 0, rejected: 0, notQualified: 0, won: 0 };
    groups.set(group, t);
    const verdict = verdictOf(at(line, FB.verdict));
    const won = WON_TEXTS.has(at(line, FB.outcome).toLowerCase());
    for (const x of [t, total]) {
      x.handed++;
      if (verdict !== null) x.feedback++;
      if (verdict === 'accepted') x.accepted++;
      if (verdict !== null && REJECTED.has(verdict)) x.rejected++;
      if (verdict === 'notQualified') x.notQualified++;
      if (won) x.won++;
    }
  }
  const out: (string | number)[][] = [[String(rows[0][groupCol] ?? groupText) || groupText, ...shown.map((m) => labels.headers[m])]];
  const keys = [...groups.keys()].sort((a, b) => groups.get(b)!.handed - groups.get(a)!.handed || a.localeCompare(b));
  for (const k of keys) out.push([k === '' ? labels.blank : k, ...shown.map((m) => value(groups.get(k)!, m))]);
  out.push([labels.total, ...shown.map((m) => value(total, m))]);
  return out;
}
