/**
 * Funnel: the stages in order (add, remove, rename, move up/down), each mapped to a date column or,
 * with one current-stage column, to the values of that column that mean it (checkboxes of the distinct
 * values found). The hand-off stage is in the Feedback section (feedback.handoffStage).
 */
import { append, h, on, select, uid } from '../dom';
import { field } from '../fields';
import { currentStageOf, stagesOf, type App, type Section, type StageDraft } from '../model';
import { renameHandoff } from './feedback';
import { renameInRules } from './sla';

const LEAD = 'lead';
const LOST = 'lost';

function valueBoxes(app: App, target: string, legend: string, path: string): HTMLElement {
  const cs = currentStageOf(app.draft);
  const distinct = app.columns?.columns.find((c) => c.header === cs.column)?.distinct ?? [];
  const set = h('fieldset', { class: 'values', 'data-path': path }, h('legend', {}, legend));
  for (const value of distinct) {
    const id = uid('v');
    const box = h('input', { type: 'checkbox', id, 'data-focus': `value:${target}:${value}` });
    box.checked = (cs.values[value] ?? '').toLowerCase() === target.toLowerCase();
    on(box, 'change', () => {
      if (box.checked) cs.values[value] = target;
      else delete cs.values[value];
      // A value means one stage only: the other boxes of this value follow.
      app.rerender(`value:${target}:${value}`);
    });
    set.appendChild(h('div', { class: 'inline-check' }, box, h('label', { for: id }, value)));
  }
  return set;
}

function renameTargets(app: App, from: string, to: string): void {
  const cs = app.draft.config.currentStage;
  if (cs && typeof cs === 'object' && !Array.isArray(cs)) {
    const values = currentStageOf(app.draft).values;
    for (const k of Object.keys(values)) if (values[k] === from) values[k] = to;
  }
  renameInRules(app.draft.config, from, to);
  renameHandoff(app.draft.config, from, to);
}

function stageRow(app: App, stages: StageDraft[], i: number): HTMLElement {
  const { t, draft } = app;
  const stage = stages[i];
  const row = h('div', { class: 'stage', 'data-stage': i });
  const name = h('input', { type: 'text', value: stage.name, 'data-focus': `stage:${i}:name` });
  on(name, 'input', () => {
    renameTargets(app, stage.name, name.value);
    stage.name = name.value;
  });
  const label = stage.name || t.stage(i + 1);
  const up = h('button', { type: 'button', class: 'icon', 'aria-label': t.moveUp(label), title: t.moveUp(label), 'data-focus': `stage:${i}:up` }, '↑');
  const down = h('button', { type: 'button', class: 'icon', 'aria-label': t.moveDown(label), title: t.moveDown(label), 'data-focus': `stage:${i}:down` }, '↓');
  const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.remove(label), title: t.remove(label), 'data-focus': `stage:${i}:remove` }, '✕');
  up.disabled = i === 0;
  down.disabled = i === stages.length - 1;
  const move = (to: number, focus: string) => {
    const [s] = stages.splice(i, 1);
    stages.splice(to, 0, s);
    app.rerender(`stage:${to}:${focus}`);
  };
  on(up, 'click', () => move(i - 1, i - 1 === 0 ? 'down' : 'up'));
  on(down, 'click', () => move(i + 1, i + 1 === stages.length - 1 ? 'up' : 'down'));
  on(del, 'click', () => {
    stages.splice(i, 1);
    app.rerender(stages.length ? `stage:${Math.min(i, stages.length - 1)}:name` : 'addStage');
  });
  const nameGroup = field(app, `stages[${i}].name`, t.stage(i + 1), name);
  // Name and its buttons on one line: at 300 px a separate button row made each stage two rows taller.
  const line = h('div', { class: 'stage-line' });
  name.replaceWith(line);
  append(line, name, up, down, del);
  row.appendChild(nameGroup);

  if (draft.mode === 'timestamps') {
    const headers = app.columns?.columns.map((c) => c.header) ?? [];
    const value = stage.column ?? '';
    const options: [string, string][] = [['', t.none], ...headers.map((x): [string, string] => [x, x])];
    if (value !== '' && !headers.includes(value)) options.push([value, value]);
    const s = select({ 'data-focus': `stage:${i}:column` }, options, value);
    on(s, 'change', () => {
      if (s.value) stage.column = s.value;
      else delete stage.column;
    });
    row.appendChild(field(app, `stages[${i}].column`, t.stageColumn, s));
  } else {
    row.appendChild(valueBoxes(app, stage.name, t.stageValues, `stages[${i}].values`));
  }
  return row;
}

export const funnelSection: Section = {
  id: 'funnel',
  title: (t) => t.sections.funnel,
  render(app) {
    const { t, draft } = app;
    const body = h('div', { class: 'block' });
    const stages = stagesOf(draft);

    const shape = h('fieldset', { class: 'shape' }, h('legend', {}, t.shape));
    for (const [mode, label] of [
      ['timestamps', t.shapeTimestamps],
      ['current', t.shapeCurrent],
    ] as const) {
      const id = uid('m');
      const radio = h('input', { type: 'radio', name: 'shape', id, value: mode, 'data-focus': `shape:${mode}` });
      radio.checked = draft.mode === mode;
      on(radio, 'change', () => {
        draft.mode = mode;
        if (mode === 'current') currentStageOf(draft);
        app.rerender(`shape:${mode}`);
      });
      shape.appendChild(h('div', { class: 'inline-check' }, radio, h('label', { for: id }, label)));
    }
    body.appendChild(shape);

    if (draft.mode === 'current') {
      const cs = currentStageOf(draft);
      const candidates = (app.columns?.columns ?? []).filter((c) => c.distinct !== null).map((c) => c.header);
      const s = select({}, [['', t.none], ...candidates.map((x): [string, string] => [x, x])], cs.column);
      on(s, 'change', () => {
        cs.column = s.value;
        cs.values = {};
        app.rerender('path:currentStage.column');
      });
      body.appendChild(field(app, 'currentStage.column', t.currentColumn, s));
    }

    // Step 0 is every lead; with a current-stage column, the values meaning "still there" belong to it.
    body.appendChild(h('div', { class: 'gray first-stage' }, `0. ${t.firstStage}`));
    if (draft.mode === 'current') body.appendChild(valueBoxes(app, LEAD, t.leadValues, 'currentStage.values.lead'));
    stages.forEach((_, i) => body.appendChild(stageRow(app, stages, i)));
    if (draft.mode === 'current') body.appendChild(valueBoxes(app, LOST, t.lostValues, 'currentStage.values.lost'));

    const newName = h('input', { type: 'text', placeholder: t.newStage, 'data-focus': 'newStage', 'aria-label': t.newStage });
    const add = h('button', { type: 'button', 'data-focus': 'addStage' }, t.addStage);
    const addStage = () => {
      stages.push({ name: newName.value.trim() || `${t.newStage} ${stages.length + 1}` });
      app.rerender(`stage:${stages.length - 1}:name`);
    };
    on(add, 'click', addStage);
    on(newName, 'keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        addStage();
      }
    });
    body.appendChild(h('div', { class: 'form-group add-stage' }, newName, add));

    return body;
  },
};
