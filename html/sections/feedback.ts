/**
 * Feedback: the hand-off stage (`feedback.handoffStage`: reaching it puts the lead on the Feedback tab),
 * the verdicts that count as accepted by sales and the SAL step they make, the reasons list of the
 * tab's dropdown (add, remove, reorder), and the days after which a lead is stalled or lacks feedback.
 * Defaults come from the server (the engine's); a field left at its default writes nothing.
 */
import { h, on, select, uid } from '../dom';
import { field } from '../fields';
import { numberOrText, stagesOf, type App, type ConfigJson, type Section } from '../model';
import type { Json } from '../../src/sheets/sidebar-contract';

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function feedbackOf(config: ConfigJson): { [key: string]: Json } {
  if (!isObject(config.feedback)) config.feedback = {};
  return config.feedback as { [key: string]: Json };
}

function current(config: ConfigJson): { [key: string]: Json } {
  return isObject(config.feedback) ? config.feedback : {};
}

/** A stage renamed in the Funnel section: the hand-off stage follows. */
export function renameHandoff(config: ConfigJson, from: string, to: string): void {
  const fb = current(config);
  if (fb.handoffStage === from) fb.handoffStage = to;
}

function reasonsOf(app: App): string[] {
  const fb = feedbackOf(app.draft.config);
  if (!Array.isArray(fb.reasons)) fb.reasons = [...app.state.feedback.defaults.reasons];
  return fb.reasons as string[];
}

function reasonsBlock(app: App): HTMLElement {
  const { t, draft } = app;
  const fb = current(draft.config);
  const reasons = Array.isArray(fb.reasons) ? (fb.reasons as Json[]).map(String) : app.state.feedback.defaults.reasons;
  const set = h('fieldset', { class: 'rows reasons', 'data-path': 'feedback.reasons' }, h('legend', {}, t.reasons));
  reasons.forEach((reason, i) => {
    const label = reason || t.reason(i + 1);
    const input = h('input', { type: 'text', value: reason, 'aria-label': t.reason(i + 1), 'data-focus': `reason:${i}:text` });
    on(input, 'input', () => (reasonsOf(app)[i] = input.value));
    const up = h('button', { type: 'button', class: 'icon', 'aria-label': t.moveUp(label), title: t.moveUp(label), 'data-focus': `reason:${i}:up` }, '↑');
    const down = h('button', { type: 'button', class: 'icon', 'aria-label': t.moveDown(label), title: t.moveDown(label), 'data-focus': `reason:${i}:down` }, '↓');
    const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.remove(label), title: t.remove(label), 'data-focus': `reason:${i}:remove` }, '✕');
    up.disabled = i === 0;
    down.disabled = i === reasons.length - 1;
    const move = (to: number, focus: string) => {
      const list = reasonsOf(app);
      const [r] = list.splice(i, 1);
      list.splice(to, 0, r);
      app.rerender(`reason:${to}:${focus}`);
    };
    on(up, 'click', () => move(i - 1, i - 1 === 0 ? 'down' : 'up'));
    on(down, 'click', () => move(i + 1, i + 1 === reasons.length - 1 ? 'up' : 'down'));
    on(del, 'click', () => {
      const list = reasonsOf(app);
      list.splice(i, 1);
      app.rerender(list.length ? `reason:${Math.min(i, list.length - 1)}:text` : 'addReason');
    });
    set.appendChild(h('div', { class: 'stage-line reason' }, input, up, down, del));
  });
  const error = app.problems.find((p) => p.path === 'feedback.reasons');
  if (error) set.appendChild(h('div', { class: 'error field-error', 'data-error-for': 'feedback.reasons' }, error.message));
  const newReason = h('input', { type: 'text', placeholder: t.newReason, 'aria-label': t.newReason, 'data-focus': 'newReason' });
  const add = h('button', { type: 'button', 'data-focus': 'addReason' }, t.addReason);
  const addReason = () => {
    const list = reasonsOf(app);
    list.push(newReason.value.trim());
    app.rerender(newReason.value.trim() === '' ? `reason:${list.length - 1}:text` : 'newReason');
  };
  on(add, 'click', addReason);
  on(newReason, 'keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addReason();
    }
  });
  set.appendChild(h('div', { class: 'form-group add-stage' }, newReason, add));
  return set;
}

export const feedbackSection: Section = {
  id: 'feedback',
  title: (t) => t.sections.feedback,
  render(app) {
    const { t, draft } = app;
    const body = h('div', { class: 'block' });
    const fb = current(draft.config);
    const defaults = app.state.feedback.defaults;

    // Unnamed stages are not offered (an empty name would look like the default and be picked instead of it).
    const named = stagesOf(draft).filter((s) => s.name.trim() !== '');
    const handoffValue = typeof fb.handoffStage === 'string' ? fb.handoffStage : '';
    const options: [string, string][] = [['', t.handoffDefault], ...named.map((s): [string, string] => [s.name, s.name])];
    if (handoffValue !== '' && !named.some((s) => s.name === handoffValue)) options.push([handoffValue, handoffValue]);
    const handoff = select({}, options, handoffValue);
    on(handoff, 'change', () => {
      if (handoff.value) feedbackOf(draft.config).handoffStage = handoff.value;
      else delete feedbackOf(draft.config).handoffStage;
    });
    body.appendChild(field(app, 'feedback.handoffStage', t.handoff, handoff, t.handoffNote));

    // The verdicts that mean "accepted by sales" (and so the SAL step, when it is named).
    const accepted = new Set((Array.isArray(fb.acceptedVerdicts) ? (fb.acceptedVerdicts as Json[]) : defaults.acceptedVerdicts).map(String));
    const verdicts = h('fieldset', { class: 'verdicts', 'data-path': 'feedback.acceptedVerdicts' }, h('legend', {}, t.acceptedVerdicts));
    for (const v of app.state.feedback.verdicts) {
      const id = uid('v');
      const box = h('input', { type: 'checkbox', id, 'data-focus': `verdict:${v.id}` });
      box.checked = accepted.has(v.id) || accepted.has(v.label);
      on(box, 'change', () => {
        const now = new Set(accepted);
        if (box.checked) now.add(v.id);
        else {
          now.delete(v.id);
          now.delete(v.label);
        }
        // In the dropdown's order, so the saved list does not depend on the order of clicks.
        feedbackOf(draft.config).acceptedVerdicts = app.state.feedback.verdicts.filter((x) => now.has(x.id) || now.has(x.label)).map((x) => x.id);
        app.rerender(`verdict:${v.id}`);
      });
      verdicts.appendChild(h('div', { class: 'inline-check' }, box, h('label', { for: id }, v.label)));
    }
    const verdictError = app.problems.find((p) => p.path === 'feedback.acceptedVerdicts');
    if (verdictError) verdicts.appendChild(h('div', { class: 'error field-error', 'data-error-for': 'feedback.acceptedVerdicts' }, verdictError.message));
    body.appendChild(verdicts);

    const sal = h('input', { type: 'text', value: typeof fb.salStage === 'string' ? fb.salStage : '', placeholder: 'SAL', autocomplete: 'off' });
    on(sal, 'input', () => {
      if (sal.value.trim() !== '') feedbackOf(draft.config).salStage = sal.value.trim();
      else delete feedbackOf(draft.config).salStage;
    });
    body.appendChild(field(app, 'feedback.salStage', t.salStage, sal, t.salStageHint));

    body.appendChild(reasonsBlock(app));

    for (const key of ['staleDays', 'noFeedbackDays'] as const) {
      const input = h('input', { type: 'text', value: fb[key] === undefined ? '' : String(fb[key]), placeholder: String(defaults[key]), inputmode: 'numeric', autocomplete: 'off', class: 'short' });
      on(input, 'input', () => {
        if (input.value.trim() !== '') feedbackOf(draft.config)[key] = numberOrText(input.value);
        else delete feedbackOf(draft.config)[key];
      });
      body.appendChild(field(app, `feedback.${key}`, key === 'staleDays' ? t.staleDays : t.noFeedbackDays, input, key === 'staleDays' ? t.staleDaysHint : t.noFeedbackDaysHint));
    }
    return body;
  },
};
