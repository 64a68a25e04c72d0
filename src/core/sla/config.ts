/**
 * The `sla` and `speedPairs` settings (issue 8), parsed apart from config.ts so that file only calls
 * them. Errors are `config.*`/`sla.*` message codes whose `path` names the key
 * (`sla.rules[1].limit`), like every other settings error.
 */
import { msg, type Message } from '../messages';
import { normaliseTimeZone } from '../time/zone';
import { parseIsoDay } from '../time/wall-time';
import { parseClock, type WorkingCalendarSpec } from './calendar';
import { parseDuration } from './duration';

/** The calendar as written in the settings (every field optional). */
export interface WorkingCalendarConfig {
  days?: number[];
  hours?: [string, string][];
  timeZone?: string;
  holidays?: string[];
  workingDays?: string[];
}

export interface SlaRuleConfig {
  name: string;
  /** A stage name or "created". */
  from: string;
  to: string;
  /** As written ("4h"), valid for parseDuration (kept as text so the config stays what people wrote). */
  limit: string;
  calendar?: WorkingCalendarConfig;
}

export interface SlaConfig {
  calendar?: WorkingCalendarConfig;
  rules: SlaRuleConfig[];
}

export interface SpeedPairConfig {
  from: string;
  to: string;
}

/** The word for the first step in `from`/`to`. */
export const CREATED = 'created';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** True when `name` is "created" or one of the stage names (case-insensitive). */
function knownStep(name: string, stageNames: string[]): boolean {
  const n = name.trim().toLowerCase();
  return n === CREATED || stageNames.some((s) => s.trim().toLowerCase() === n);
}

function parseCalendar(value: unknown, path: string, errors: Message[]): WorkingCalendarConfig | undefined {
  if (!isRecord(value)) {
    errors.push(msg('sla.calendarNotObject', { path }));
    return undefined;
  }
  const cal: WorkingCalendarConfig = {};
  for (const k of Object.keys(value)) {
    if (!['days', 'hours', 'timeZone', 'holidays', 'workingDays'].includes(k)) errors.push(msg('config.unknownField', { path: `${path}.${k}` }));
  }
  if (value.days !== undefined) {
    const d = value.days;
    if (Array.isArray(d) && d.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 6)) cal.days = d as number[];
    else errors.push(msg('sla.days', { path: `${path}.days` }));
  }
  if (value.hours !== undefined) {
    const h = value.hours;
    const ok =
      Array.isArray(h) &&
      h.length > 0 &&
      h.every((p) => Array.isArray(p) && p.length === 2 && parseClock(p[0]) !== null && parseClock(p[1]) !== null && parseClock(p[0])! < parseClock(p[1])!);
    const spans = ok ? (h as [string, string][]).map((p) => [parseClock(p[0])!, parseClock(p[1])!] as const) : [];
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    if (ok && sorted.every((s, i) => i === 0 || s[0] >= sorted[i - 1][1])) cal.hours = h as [string, string][];
    else errors.push(msg('sla.hours', { path: `${path}.hours` }));
  }
  if (value.timeZone !== undefined) {
    const zone = typeof value.timeZone === 'string' ? normaliseTimeZone(value.timeZone) : null;
    if (zone !== null) cal.timeZone = zone;
    else errors.push(msg('config.timeZone', { path: `${path}.timeZone` }));
  }
  for (const key of ['holidays', 'workingDays'] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string' && parseIsoDay(x) !== null)) cal[key] = (list as string[]).map((x) => x.trim());
    else errors.push(msg('sla.isoDays', { path: `${path}.${key}` }));
  }
  return cal;
}

/** `sla` of the settings; pushes errors and returns what was valid. */
export function parseSlaConfig(value: unknown, errors: Message[], stageNames: string[]): SlaConfig | undefined {
  if (!isRecord(value)) {
    errors.push(msg('sla.notObject', { path: 'sla' }));
    return undefined;
  }
  for (const k of Object.keys(value)) if (k !== 'calendar' && k !== 'rules') errors.push(msg('config.unknownField', { path: `sla.${k}` }));
  const out: SlaConfig = { rules: [] };
  if (value.calendar !== undefined) {
    const cal = parseCalendar(value.calendar, 'sla.calendar', errors);
    if (cal) out.calendar = cal;
  }
  if (!Array.isArray(value.rules)) {
    errors.push(msg('sla.rulesNotArray', { path: 'sla.rules' }));
    return out;
  }
  const names = new Set<string>();
  value.rules.forEach((r: unknown, i: number) => {
    const path = `sla.rules[${i}]`;
    if (!isRecord(r)) {
      errors.push(msg('sla.ruleNotObject', { path }));
      return;
    }
    for (const k of Object.keys(r)) {
      if (!['name', 'from', 'to', 'limit', 'calendar'].includes(k)) errors.push(msg('config.unknownField', { path: `${path}.${k}` }));
    }
    const name = nonEmptyString(r.name) ? r.name.trim() : '';
    if (name === '') errors.push(msg('config.required', { path: `${path}.name` }));
    else if (names.has(name.toLowerCase())) errors.push(msg('sla.duplicateRule', { path: `${path}.name`, name }));
    names.add(name.toLowerCase());
    let ok = name !== '';
    for (const key of ['from', 'to'] as const) {
      const v = r[key];
      if (!nonEmptyString(v) || !knownStep(v, stageNames)) {
        errors.push(msg('sla.unknownStep', { path: `${path}.${key}`, rule: name, stages: [CREATED, ...stageNames] }));
        ok = false;
      }
    }
    const limitMs = parseDuration(r.limit);
    if (limitMs === null) {
      errors.push(msg('sla.limit', { path: `${path}.limit`, rule: name, value: typeof r.limit === 'string' ? r.limit : JSON.stringify(r.limit) ?? '' }));
      ok = false;
    }
    let calendar: WorkingCalendarConfig | undefined;
    if (r.calendar !== undefined) {
      calendar = parseCalendar(r.calendar, `${path}.calendar`, errors);
      if (!calendar) ok = false;
    }
    if (ok && limitMs !== null) {
      out.rules.push({ name, from: (r.from as string).trim(), to: (r.to as string).trim(), limit: (r.limit as string).trim(), ...(calendar ? { calendar } : {}) });
    }
  });
  return out;
}

/** `speedPairs` of the settings. */
export function parseSpeedPairs(value: unknown, errors: Message[], stageNames: string[]): SpeedPairConfig[] {
  if (!Array.isArray(value)) {
    errors.push(msg('sla.speedPairsNotArray', { path: 'speedPairs' }));
    return [];
  }
  const out: SpeedPairConfig[] = [];
  value.forEach((p: unknown, i: number) => {
    const path = `speedPairs[${i}]`;
    if (!isRecord(p)) {
      errors.push(msg('sla.speedPairNotObject', { path }));
      return;
    }
    let ok = true;
    for (const k of Object.keys(p)) if (k !== 'from' && k !== 'to') errors.push(msg('config.unknownField', { path: `${path}.${k}` }));
    for (const key of ['from', 'to'] as const) {
      const v = p[key];
      if (!nonEmptyString(v) || !knownStep(v, stageNames)) {
        errors.push(msg('sla.unknownStep', { path: `${path}.${key}`, rule: '', stages: [CREATED, ...stageNames] }));
        ok = false;
      }
    }
    if (ok) out.push({ from: (p.from as string).trim(), to: (p.to as string).trim() });
  });
  return out;
}

/** A calendar with every default filled in (days Mon–Fri, 09:00–18:00, the report's zone). */
export function calendarSpec(cal: WorkingCalendarConfig, defaultZone: string): WorkingCalendarSpec {
  const hours = (cal.hours ?? [['09:00', '18:00']]).map((p) => [parseClock(p[0]) ?? 540, parseClock(p[1]) ?? 1080] as [number, number]);
  hours.sort((a, b) => a[0] - b[0]);
  return {
    days: cal.days ?? [1, 2, 3, 4, 5],
    hours,
    timeZone: cal.timeZone ?? defaultZone,
    holidays: cal.holidays ?? [],
    workingDays: cal.workingDays ?? [],
  };
}
