/** Command-line arguments → options. Accepts `--opt value` and `--opt=value`. */
import { SLICE_KEYS, type Grain, type SliceKey } from '../core/types';
import { parseIsoDay } from '../core/time/wall-time';
import { COLUMN_ROLES, parseColumnMapping, type ColumnMapping } from './column-options';
import type { CliLocale, CliMessages } from './messages';

export interface CliOptions {
  /** Absent: the demo on sample data. */
  input?: string;
  sheet?: string;
  config?: string;
  asOf?: string;
  /** --now: the instant open SLA breaches are judged at (an ISO instant with a zone, e.g. 2026-11-30T13:00:00Z). */
  now?: Date;
  grain?: Grain;
  /** Cohorts of one slice only: --filter channel=Ads (repeatable, combined with AND). */
  filters?: Partial<Record<SliceKey, string>>;
  /** --column ROLE=HEADER, in the order given. */
  columns?: ColumnMapping[];
  out?: string;
  json?: string;
  /** --spend FILE: the run's `spend` input (CSV or XLSX). */
  spend?: string;
  /** --feedback FILE: the previous Feedback tab (CSV/XLSX export) or the previous report XLSX. */
  feedback?: string;
  lang?: CliLocale;
  quiet: boolean;
  help: boolean;
}

export type ArgsResult = { ok: true; options: CliOptions } | { ok: false; error: string };

const VALUE_OPTIONS = ['--sheet', '--config', '--as-of', '--now', '--grain', '--filter', '--column', '--out', '--json', '--lang', '--spend', '--feedback'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** The --lang value if one is given, so even argument errors can be reported in that language. */
export function langFromArgs(argv: readonly string[]): CliLocale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'ru') return v;
  }
  return undefined;
}

export function parseArgs(argv: readonly string[], m: CliMessages): ArgsResult {
  const o: CliOptions = { quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      o.help = true;
      continue;
    }
    if (arg === '--quiet' || arg === '-q') {
      o.quiet = true;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!(VALUE_OPTIONS as readonly string[]).includes(name)) return { ok: false, error: m.unknownOption(name) };
      let value: string | undefined;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2)) return { ok: false, error: m.missingValue(name) };
        i++;
      }
      if (value === '') return { ok: false, error: m.missingValue(name) };
      const err = setOption(o, name as ValueOption, value, m);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (o.input !== undefined) return { ok: false, error: m.extraArgument(arg) };
    o.input = arg;
  }
  return { ok: true, options: o };
}

function setOption(o: CliOptions, name: ValueOption, value: string, m: CliMessages): string | null {
  switch (name) {
    case '--sheet':
      o.sheet = value;
      break;
    case '--config':
      o.config = value;
      break;
    case '--as-of':
      if (parseIsoDay(value) === null) return m.badValue(name, value, 'YYYY-MM-DD');
      o.asOf = value;
      break;
    case '--now': {
      // An instant, so it must say its zone (Z or ±HH:MM): a bare local time would depend on this machine.
      const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
      if (Number.isNaN(t)) return m.badValue(name, value, 'an ISO instant such as 2026-11-30T13:00:00Z or 2026-11-30T16:00:00+03:00');
      o.now = new Date(t);
      break;
    }
    case '--grain':
      if (value !== 'week' && value !== 'month' && value !== 'quarter') return m.badValue(name, value, 'week, month or quarter');
      o.grain = value;
      break;
    case '--filter': {
      const eq = value.indexOf('=');
      const dim = (eq > 0 ? value.slice(0, eq).trim().toLowerCase() : '') as SliceKey;
      if (!SLICE_KEYS.includes(dim) || eq === value.length - 1) return m.badValue(name, value, `${SLICE_KEYS.join('|')}=VALUE`);
      o.filters = { ...o.filters, [dim]: value.slice(eq + 1).trim() };
      break;
    }
    case '--column': {
      const mapping = parseColumnMapping(value);
      if (!mapping) return m.badValue(name, value, `ROLE="Header" with ROLE one of ${COLUMN_ROLES.join(', ')}, or stage:NAME`);
      o.columns = [...(o.columns ?? []), mapping];
      break;
    }
    case '--out':
      o.out = value;
      break;
    case '--json':
      o.json = value;
      break;
    case '--spend':
      o.spend = value;
      break;
    case '--feedback':
      o.feedback = value;
      break;
    case '--lang':
      if (value !== 'en' && value !== 'ru') return m.badValue(name, value, 'en or ru');
      o.lang = value;
      break;
  }
  return null;
}

/** Today's date on this machine's clock, `YYYY-MM-DD` (local time, as a person running the CLI expects). */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
