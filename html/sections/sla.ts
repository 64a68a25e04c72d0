/**
 * SLA: rules (name, from and to — "created" or a stage name — and a limit such as 4h or 1h30m), and the
 * global working calendar: working days, hours (one range, or several for a lunch break), time zone,
 * holidays and moved working days as ISO dates. Everything is written straight into `config.sla`; the
 * engine's messages (`sla.rules[0].limit`, `sla.calendar.hours`, …) show next to their fields.
 */
import { append, h, on, select, uid } from '../dom';
import { field } from '../fields';
import { stagesOf, type App, type ConfigJson, type Section } from '../model';
import type { Json } from '../../src/sheets/sidebar-contract';

export const CREATED = 'created';
const DEFAULT_DAYS = [1, 2, 3, 4, 5];
const DEFAULT_HOURS: [string, string][] = [['09:00', '18:00']];

export interface RuleDraft {
  name: string;
  from: string;
  to: string;
  limit: string;
  calendar?: Json;
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function slaOf(config: ConfigJson): { rules: RuleDraft[]; calendar?: { [key: string]: Json } } {
  if (!isObject(config.sla)) config.sla = { rules: [] };
  const sla = config.sla as { [key: string]: Json };
  if (!Array.isArray(sla.rules)) sla.rules = [];
  return sla as unknown as { rules: RuleDraft[]; calendar?: { [key: string]: Json } };
}

/** The calendar being edited: created with the defaults shown (so a first change keeps the rest as seen). */
function calendarOf(config: ConfigJson): { [key: string]: Json } {
  const sla = slaOf(config);
  if (!isObject(sla.calendar)) sla.calendar = {};
  return sla.calendar;
}

function hoursOf(config: ConfigJson): [string, string][] {
  const cal = calendarOf(config);
  if (!Array.isArray(cal.hours)) cal.hours = DEFAULT_HOURS.map((p) => [...p]);
  return cal.hours as unknown as [string, string][];
}

/** ISO dates typed as a list (commas, spaces or new lines between them); what is not a date goes as typed for the engine to name. */
function dateList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** A stage renamed in the Funnel section: rules naming it follow. */
export function renameInRules(config: ConfigJson, from: string, to: string): void {
  if (!isObject(config.sla) || !Array.isArray(config.sla.rules)) return;
  for (const r of config.sla.rules as unknown as RuleDraft[]) {
    if (r.from === from) r.from = to;
    if (r.to === from) r.to = to;
  }
}

function ruleBlock(app: App, rules: RuleDraft[], i: number): HTMLElement {
  const { t, draft } = app;
  const rule = rules[i];
  const block = h('div', { class: 'stage rule', 'data-rule': i });
  const name = h('input', { type: 'text', value: rule.name, 'data-focus': `rule:${i}:name` });
  on(name, 'input', () => (rule.name = name.value));
  const label = rule.name || t.rule(i + 1);
  const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.remove(label), title: t.remove(label), 'data-focus': `rule:${i}:remove` }, '✕');
  on(del, 'click', () => {
    rules.splice(i, 1);
    app.rerender(rules.length ? `rule:${Math.min(i, rules.length - 1)}:name` : 'addRule');
  });
  const nameGroup = field(app, `sla.rules[${i}].name`, t.rule(i + 1), name);
  const line = h('div', { class: 'stage-line' });
  name.replaceWith(line);
  append(line, name, del);
  block.appendChild(nameGroup);

  const steps: [string, string][] = [
    [CREATED, t.firstStage],
    ...stagesOf(draft)
      .filter((s) => s.name.trim() !== '')
      .map((s): [string, string] => [s.name, s.name]),
  ];
  const pair = h('div', { class: 'pair' });
  for (const key of ['from', 'to'] as const) {
    const options = [...steps];
    if (rule[key] !== '' && !options.some(([v]) => v === rule[key])) options.push([rule[key], rule[key]]);
    if (rule[key] === '') options.unshift(['', t.none]);
    const s = select({}, options, rule[key]);
    on(s, 'change', () => (rule[key] = s.value));
    pair.appendChild(field(app, `sla.rules[${i}].${key}`, key === 'from' ? t.ruleFrom : t.ruleTo, s));
  }
  block.appendChild(pair);
  const limit = h('input', { type: 'text', value: rule.limit, placeholder: '4h', autocomplete: 'off', class: 'short' });
  on(limit, 'input', () => (rule.limit = limit.value.trim()));
  block.appendChild(field(app, `sla.rules[${i}].limit`, t.ruleLimit, limit, t.ruleLimitHint));
  return block;
}

function calendarBlock(app: App): HTMLElement {
  const { t, draft } = app;
  const existing = isObject(draft.config.sla) && isObject(draft.config.sla.calendar) ? draft.config.sla.calendar : {};
  const box = h('fieldset', { class: 'calendar' }, h('legend', {}, t.calendar));

  // Days: Monday first, as the week is read.
  const daysSet = h('fieldset', { class: 'days', 'data-path': 'sla.calendar.days' }, h('legend', {}, t.workingDays));
  const days = Array.isArray(existing.days) ? (existing.days as number[]) : DEFAULT_DAYS;
  for (const d of [1, 2, 3, 4, 5, 6, 0]) {
    const id = uid('d');
    const cb = h('input', { type: 'checkbox', id, 'data-focus': `day:${d}` });
    cb.checked = days.includes(d);
    on(cb, 'change', () => {
      const cal = calendarOf(draft.config);
      const now = new Set(Array.isArray(cal.days) ? (cal.days as number[]) : DEFAULT_DAYS);
      if (cb.checked) now.add(d);
      else now.delete(d);
      cal.days = [...now].sort((a, b) => a - b);
    });
    daysSet.appendChild(h('div', { class: 'inline-check day' }, cb, h('label', { for: id }, t.weekdaysShort[d])));
  }
  box.appendChild(daysSet);
  const daysError = app.problems.find((p) => p.path === 'sla.calendar.days');
  if (daysError) box.appendChild(h('div', { class: 'error field-error', 'data-error-for': 'sla.calendar.days' }, daysError.message));

  // Hours: one line per range (two for a lunch break).
  const hoursSet = h('fieldset', { class: 'hours', 'data-path': 'sla.calendar.hours' }, h('legend', {}, t.workingHours));
  const ranges = Array.isArray(existing.hours) ? (existing.hours as unknown as [string, string][]) : DEFAULT_HOURS;
  ranges.forEach((range, i) => {
    const from = h('input', { type: 'text', value: range[0], placeholder: '09:00', class: 'time', 'aria-label': t.hoursFrom(i + 1), 'data-focus': `hours:${i}:from` });
    const to = h('input', { type: 'text', value: range[1], placeholder: '18:00', class: 'time', 'aria-label': t.hoursTo(i + 1), 'data-focus': `hours:${i}:to` });
    on(from, 'input', () => (hoursOf(draft.config)[i][0] = from.value.trim()));
    on(to, 'input', () => (hoursOf(draft.config)[i][1] = to.value.trim()));
    const line = h('div', { class: 'row-line' }, from, h('span', { class: 'gray eq' }, '–'), to);
    if (ranges.length > 1) {
      const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.removeHours(i + 1), title: t.removeHours(i + 1), 'data-focus': `hours:${i}:remove` }, '✕');
      on(del, 'click', () => {
        hoursOf(draft.config).splice(i, 1);
        app.rerender(`hours:0:from`);
      });
      line.appendChild(del);
    }
    hoursSet.appendChild(line);
  });
  const addHours = h('button', { type: 'button', 'data-focus': 'addHours' }, t.addHours);
  on(addHours, 'click', () => {
    const hours = hoursOf(draft.config);
    hours.push(['', '']);
    app.rerender(`hours:${hours.length - 1}:from`);
  });
  hoursSet.appendChild(addHours);
  box.appendChild(hoursSet);
  const hoursError = app.problems.find((p) => p.path === 'sla.calendar.hours');
  if (hoursError) box.appendChild(h('div', { class: 'error field-error', 'data-error-for': 'sla.calendar.hours' }, hoursError.message));

  const zone = h('input', { type: 'text', value: typeof existing.timeZone === 'string' ? existing.timeZone : '', placeholder: app.state.timeZone, autocomplete: 'off' });
  on(zone, 'input', () => {
    const cal = calendarOf(draft.config);
    if (zone.value.trim() !== '') cal.timeZone = zone.value.trim();
    else delete cal.timeZone;
  });
  box.appendChild(field(app, 'sla.calendar.timeZone', t.calendarZone, zone, t.calendarZoneHint(app.state.timeZone)));

  for (const key of ['holidays', 'workingDays'] as const) {
    const list = Array.isArray(existing[key]) ? (existing[key] as Json[]).map(String) : [];
    const area = h('textarea', { rows: 2, placeholder: key === 'holidays' ? '2026-12-31, 2027-01-01' : '2026-12-26', autocomplete: 'off' });
    area.value = list.join(', ');
    on(area, 'input', () => {
      const cal = calendarOf(draft.config);
      const dates = dateList(area.value);
      if (dates.length > 0) cal[key] = dates;
      else delete cal[key];
    });
    box.appendChild(field(app, `sla.calendar.${key}`, key === 'holidays' ? t.holidays : t.movedWorkingDays, area, key === 'holidays' ? t.holidaysHint : t.movedHint));
  }
  return box;
}

export const slaSection: Section = {
  id: 'sla',
  title: (t) => t.sections.sla,
  render(app) {
    const { t, draft } = app;
    const body = h('div', { class: 'block' });
    const rules = isObject(draft.config.sla) && Array.isArray(draft.config.sla.rules) ? (draft.config.sla.rules as unknown as RuleDraft[]) : [];
    if (rules.length === 0) body.appendChild(h('p', { class: 'gray' }, t.noRules));
    rules.forEach((_, i) => body.appendChild(ruleBlock(app, rules, i)));
    const add = h('button', { type: 'button', 'data-focus': 'addRule' }, t.addRule);
    on(add, 'click', () => {
      const list = slaOf(draft.config).rules;
      list.push({ name: '', from: CREATED, to: '', limit: '' });
      app.rerender(`rule:${list.length - 1}:name`);
    });
    body.appendChild(h('div', { class: 'form-group' }, add));
    body.appendChild(calendarBlock(app));
    return body;
  },
};
