/**
 * The logic of the custom function FUNNEL_CPL(leads, spend, channel, [stage], [from_date], [to_date]):
 * the spend of a channel over the dates divided by its leads created in those dates (or by those of
 * them that reached `stage` by today). Same reading, matching and allocation as the Channels tab:
 * spend rows read by core/spend (forgiving amounts, months, currencies, overlaps left out), the channel
 * matched case-, space- and punctuation-insensitively then through `spend.aliases` of the settings,
 * a row's amount spread evenly over its days and only the days within the dates counted (days after
 * today are not spent yet). 0 leads gives "—".
 */
import { asOfBound } from '../core/cohorts';
import { computeLeadFacts } from '../core/facts';
import { amountInDays, channelKey, channelMatcher, readSpend } from '../core/spend';
import { DEFAULT_SPEND_CONFIG } from '../core/spend/config';
import { DAY_MS, parseIsoDay } from '../core/time/wall-time';
import { argError, asOfArg, tableArg } from './args';
import { NO_RATE, prepare, resolveStep, type CustomFunctionEnv } from './custom-functions';

const FN = 'FUNNEL_CPL';

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A date argument as a day number; `fallback` when blank. */
function dayArg(name: string, value: unknown, timeZone: string, now: Date, fallback: number): number {
  if (isBlank(value)) return fallback;
  try {
    return Math.floor((parseIsoDay(asOfArg(FN, value, timeZone, now)) ?? 0) / DAY_MS);
  } catch {
    throw argError(FN, `${name} "${String(value)}" is not a date; use a date cell, DATE(2024,9,26) or "2024-09-26"`, `${name} "${String(value)}" не дата; укажите ячейку с датой, DATE(2024;9;26) или "2024-09-26"`);
  }
}

export function funnelCpl(leads: unknown, spend: unknown, channel: unknown, stage: unknown, fromDate: unknown, toDate: unknown, env: CustomFunctionEnv): number | string {
  const leadRows = tableArg(FN, 'leads', leads);
  const spendRows = tableArg(FN, 'spend', spend);
  if (typeof channel !== 'string' && typeof channel !== 'number') throw argError(FN, 'channel must be a channel name (text)', 'channel должен быть названием канала (текст)');
  const wanted = String(channel);
  const timeZone = env.timeZone();
  const now = env.now();
  const { config, data } = prepare(FN, leadRows, timeZone, env);
  const step = isBlank(stage) ? 0 : resolveStep(FN, 'stage', String(stage), config, data.stageNames);
  const today = Math.floor((parseIsoDay(asOfArg(FN, '', timeZone, now)) ?? 0) / DAY_MS);
  const from = dayArg('from_date', fromDate, timeZone, now, -Infinity);
  const to = Math.min(today, dayArg('to_date', toDate, timeZone, now, today));

  // The channel as the leads name it (the same matcher as the tab: an alias of a leads channel works too).
  const values = data.leads.slices.channel?.values ?? [];
  const matcher = channelMatcher(values, (config.spend ?? DEFAULT_SPEND_CONFIG).aliases);
  const code = matcher.match(wanted);
  const sameChannel = (name: string): boolean => (code >= 0 ? matcher.match(name) === code : channelKey(name) === channelKey(wanted));

  let total = 0;
  for (const r of readSpend('spend', spendRows, config, asOfArg(FN, '', timeZone, now)).rows) {
    if (sameChannel(r.channel)) total += amountInDays(r.start, r.end, r.amount, from, to);
  }

  const asOfMs = asOfBound(asOfArg(FN, '', timeZone, now));
  const facts = computeLeadFacts(data.leads, asOfMs, config.strictOrder);
  const codes = data.leads.slices.channel?.codes;
  let count = 0;
  for (let i = 0; i < data.leads.count; i++) {
    if (code < 0 || !codes || codes[i] !== code) continue;
    const day = Math.floor(data.leads.createdAt[i] / DAY_MS);
    if (day < from || day > to) continue;
    if (facts.top[i] >= step) count++;
  }
  return count === 0 ? NO_RATE : total / count;
}
