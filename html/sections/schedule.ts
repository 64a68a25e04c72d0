/** Schedule: off, every day at an hour, every week on a day at an hour; who scheduled it and the next run. */
import type { ScheduleSpec } from '../../src/sheets/sidebar-contract';
import { call } from '../api';
import { h, on, select, uid } from '../dom';
import { field } from '../fields';
import type { App, Section } from '../model';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

function when(iso: string, locale: string, zone: string, withTime: boolean): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = withTime ? { dateStyle: 'medium', timeStyle: 'short', timeZone: zone } : { dateStyle: 'medium', timeZone: zone };
  try {
    return d.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', opts);
  } catch {
    return iso;
  }
}

interface Pending {
  spec: ScheduleSpec;
  message: string;
}
let pending: Pending | null = null;

function specOf(app: App): ScheduleSpec {
  if (pending) return pending.spec;
  return app.state.schedule?.spec ?? { kind: 'off' };
}

export const scheduleSection: Section = {
  id: 'schedule',
  title: (t) => t.sections.schedule,
  render(app) {
    const { t, state } = app;
    const spec = specOf(app);
    pending = { spec, message: pending?.message ?? '' };
    const body = h('div', { class: 'block' });

    const kinds = h('fieldset', { 'data-path': 'schedule.kind' }, h('legend', {}, t.scheduleKind));
    for (const [kind, label] of [
      ['off', t.off],
      ['daily', t.daily],
      ['weekly', t.weekly],
    ] as const) {
      const id = uid('k');
      const radio = h('input', { type: 'radio', name: 'schedule-kind', id, value: kind, 'data-focus': `schedule:${kind}` });
      radio.checked = spec.kind === kind;
      on(radio, 'change', () => {
        const hour = spec.kind === 'off' ? 9 : spec.hour;
        const weekday = spec.kind === 'weekly' ? spec.weekday : 1;
        pending = { spec: kind === 'off' ? { kind } : kind === 'daily' ? { kind, hour } : { kind, weekday, hour }, message: '' };
        app.rerender(`schedule:${kind}`);
      });
      kinds.appendChild(h('div', { class: 'inline-check' }, radio, h('label', { for: id }, label)));
    }
    body.appendChild(kinds);

    if (spec.kind === 'weekly') {
      const order = [1, 2, 3, 4, 5, 6, 0];
      const day = select({}, order.map((d): [string, string] => [String(d), t.weekdays[d]]), String(spec.weekday));
      on(day, 'change', () => {
        if (pending && pending.spec.kind === 'weekly') pending.spec.weekday = Number(day.value);
      });
      body.appendChild(field(app, 'schedule.weekday', t.day, day));
    }
    if (spec.kind !== 'off') {
      const hours = Array.from({ length: 24 }, (_, i): [string, string] => [String(i), `${pad(i)}:00`]);
      const hour = select({}, hours, String(spec.hour));
      on(hour, 'change', () => {
        if (pending && pending.spec.kind !== 'off') pending.spec.hour = Number(hour.value);
      });
      body.appendChild(field(app, 'schedule.hour', t.hour, hour));
    }

    const apply = h('button', { type: 'button', class: 'action', 'data-focus': 'applySchedule' }, t.applySchedule);
    const message = h('div', { class: 'schedule-message', role: 'status' }, pending.message);
    on(apply, 'click', () => {
      apply.disabled = true;
      const wanted = specOf(app);
      void call('sidebarSetSchedule', wanted)
        .then(async (r) => {
          app.problems = r.problems;
          if (!r.ok) {
            app.rerender('applySchedule');
            return;
          }
          pending = null;
          await app.reload();
          pending = { spec: specOf(app), message: wanted.kind === 'off' ? t.scheduleRemoved : t.scheduleSaved };
          app.rerender('applySchedule');
        })
        .catch((e: unknown) => {
          message.textContent = t.error(e instanceof Error ? e.message : String(e));
          apply.disabled = false;
        });
    });
    body.appendChild(apply);
    body.appendChild(message);

    const info = h('div', { class: 'schedule-info gray' });
    const s = state.schedule;
    if (!s) info.appendChild(h('div', {}, t.notScheduled));
    else {
      info.appendChild(h('div', { 'data-scheduled-by': '' }, t.scheduledBy(s.by, when(s.since, app.locale, s.timeZone, false))));
      if (s.nextRun) {
        const end = new Date(new Date(s.nextRun).getTime() + 3_600_000).toISOString();
        info.appendChild(h('div', { 'data-next-run': '' }, t.nextRun(when(s.nextRun, app.locale, s.timeZone, true), when(end, app.locale, s.timeZone, true), s.timeZone)));
      }
      if (!s.mine) info.appendChild(h('div', {}, t.notMine));
    }
    body.appendChild(info);
    return body;
  },
};
