/**
 * The `spend` key of the funnel config: report currency, exchange rates, channel aliases, margin and
 * the Spend sheet's name. Parsed here so config.ts only calls `parseSpendConfig`.
 */
import { msg, type Message } from '../messages';

export interface SpendConfig {
  /** ISO code of the report currency (upper case); absent: amounts are summed as they are, with no currency check. */
  currency?: string;
  /** 1 unit of the keyed currency in report currency (`{"USD": 92.5}` when reporting in RUB). */
  rates: Record<string, number>;
  /** Spend channel → leads channel, keys matched like channels (case, spaces and punctuation ignored). */
  aliases: Record<string, string>;
  /** Gross margin in percent (0–100): ROMI is then margin-based, (revenue × margin − spend) / spend. */
  marginPercent?: number;
  /** Name of the spend sheet when it is not "Spend" / "Расходы". */
  sheet?: string;
}

export const DEFAULT_SPEND_CONFIG: SpendConfig = { rates: {}, aliases: {} };

const KEYS = ['currency', 'rates', 'aliases', 'marginPercent', 'sheet'] as const;
const CURRENCY_RE = /^[A-Za-z]{3}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The validated `spend` block, or null with errors pushed (each naming its `spend.*` path). */
export function parseSpendConfig(value: unknown, errors: Message[]): SpendConfig | null {
  if (!isRecord(value)) {
    errors.push(msg('config.spendNotObject', { path: 'spend' }));
    return null;
  }
  const before = errors.length;
  const out: SpendConfig = { rates: {}, aliases: {} };
  for (const k of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(k)) errors.push(msg('config.unknownField', { path: `spend.${k}` }));
  }
  if (value.currency !== undefined) {
    if (typeof value.currency === 'string' && CURRENCY_RE.test(value.currency.trim())) out.currency = value.currency.trim().toUpperCase();
    else errors.push(msg('config.spendCurrency', { path: 'spend.currency' }));
  }
  if (value.rates !== undefined) {
    if (!isRecord(value.rates)) errors.push(msg('config.spendRates', { path: 'spend.rates' }));
    else {
      for (const [code, rate] of Object.entries(value.rates)) {
        if (CURRENCY_RE.test(code.trim()) && typeof rate === 'number' && Number.isFinite(rate) && rate > 0)
          out.rates[code.trim().toUpperCase()] = rate;
        else errors.push(msg('config.spendRates', { path: `spend.rates.${code}` }));
      }
    }
  }
  if (value.aliases !== undefined) {
    if (!isRecord(value.aliases)) errors.push(msg('config.spendAliases', { path: 'spend.aliases' }));
    else {
      for (const [from, to] of Object.entries(value.aliases)) {
        if (typeof to === 'string' && to.trim() !== '' && from.trim() !== '') out.aliases[from] = to;
        else errors.push(msg('config.spendAliases', { path: `spend.aliases["${from}"]` }));
      }
    }
  }
  if (value.marginPercent !== undefined) {
    const m = value.marginPercent;
    if (typeof m === 'number' && Number.isFinite(m) && m > 0 && m <= 100) out.marginPercent = m;
    else errors.push(msg('config.spendMargin', { path: 'spend.marginPercent' }));
  }
  if (value.sheet !== undefined) {
    if (typeof value.sheet === 'string' && value.sheet.trim() !== '') out.sheet = value.sheet.trim();
    else errors.push(msg('config.notHeader', { path: 'spend.sheet' }));
  }
  return errors.length > before ? null : out;
}
