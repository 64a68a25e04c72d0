/** Report: cohort period, week start, report date (default today), slices, maturity percentile. */
import { h, on, select, uid } from '../dom';
import { field } from '../fields';
import { columnsOf, SLICE_ROLES, type Section } from '../model';

/**
 * The percentile as the settings hold it (0.8), so the engine's message ("between 0 and 1") reads
 * right next to it; text that is not a number goes to the server as it is and the engine's check names it.
 */
function fractionValue(text: string): number | string {
  const n = Number(text.trim().replace(',', '.'));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export const reportSection: Section = {
  id: 'report',
  title: (t) => t.sections.report,
  render(app) {
    const { t, draft } = app;
    const cfg = draft.config;
    const body = h('div', { class: 'block' });

    const grain = select({}, (['week', 'month', 'quarter'] as const).map((g): [string, string] => [g, t.grains[g]]), String(cfg.grain ?? 'week'));
    on(grain, 'change', () => {
      cfg.grain = grain.value;
      app.rerender('path:grain');
    });
    body.appendChild(field(app, 'grain', t.grain, grain));

    if ((cfg.grain ?? 'week') === 'week') {
      const order = [1, 2, 3, 4, 5, 6, 0];
      const week = select({}, order.map((d): [string, string] => [String(d), t.weekdays[d]]), String(cfg.weekStartsOn ?? 1));
      on(week, 'change', () => (cfg.weekStartsOn = Number(week.value)));
      body.appendChild(field(app, 'weekStartsOn', t.weekStart, week));
    }

    const date = h('input', { type: 'text', value: draft.reportDate, placeholder: 'YYYY-MM-DD', inputmode: 'numeric', autocomplete: 'off' });
    on(date, 'input', () => (draft.reportDate = date.value));
    body.appendChild(field(app, 'reportDate', t.reportDate, date, t.reportDateHint));

    const slices = h('fieldset', { class: 'slices' }, h('legend', {}, t.slices));
    const columns = columnsOf(draft);
    for (const role of SLICE_ROLES) {
      const id = uid('s');
      const mapped = (columns[role] ?? '') !== '';
      const box = h('input', { type: 'checkbox', id, 'data-focus': `slice:${role}` });
      box.checked = mapped && !draft.sliceOff[role];
      box.disabled = !mapped;
      on(box, 'change', () => (draft.sliceOff[role] = !box.checked));
      const label = h('label', { for: id }, t.roles[role], ' ', h('span', { class: 'gray' }, mapped ? `(${columns[role]})` : `(${t.sliceNotMapped})`));
      slices.appendChild(h('div', { class: 'inline-check' }, box, label));
    }
    body.appendChild(slices);

    const maturity = h('input', { type: 'text', value: cfg.maturityPercentile === undefined ? '0.8' : String(cfg.maturityPercentile), inputmode: 'decimal', autocomplete: 'off' });
    on(maturity, 'input', () => (cfg.maturityPercentile = fractionValue(maturity.value)));
    body.appendChild(field(app, 'maturityPercentile', t.maturity, maturity, t.maturityHint));
    return body;
  },
};
