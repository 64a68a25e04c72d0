/**
 * Sidebar client, bundled by scripts/build.mjs and inlined into dist/sidebar.html. Plain DOM, no
 * framework: five small sections (sections/index.ts) render from one model (model.ts) and re-render
 * on structural changes, keeping keyboard focus on the same control (data-focus keys).
 * The server is reached only through api.ts (google.script.run, typed against the server's contract).
 */
import { call } from './api';
import { h, on } from './dom';
import { unplacedProblems } from './fields';
import { browserLocale, strings } from './i18n';
import { draftFrom, localProblems, settingsToSave, type App } from './model';
import { SECTIONS } from './sections/index';
import { loadSpendChannels } from './sections/spend';

const root = document.getElementById('app') as HTMLElement;
const closed = new Set<string>();
let saveMessage = '';

const app: App = {
  state: null as unknown as App['state'], // set by load() before the first render
  draft: null as unknown as App['draft'],
  columns: null,
  spendChannels: null,
  locale: browserLocale(),
  t: strings(browserLocale()),
  problems: [],
  rerender: render,
  save,
  reload: load,
};

async function save(): Promise<boolean> {
  const local = localProblems(app.draft, app.t.duplicate);
  if (local.length > 0) {
    app.problems = local;
    saveMessage = app.t.fixErrors;
    render('save');
    return false;
  }
  const result = await call('sidebarSaveSettings', app.draft.leadsSheet, settingsToSave(app.draft));
  app.problems = result.problems;
  saveMessage = result.ok ? (result.changed ? app.t.saved : app.t.unchanged) : app.t.fixErrors;
  render('save');
  // The unmatched channels follow the aliases just saved.
  if (result.ok && result.changed && app.spendChannels?.sheet) void loadSpendChannels(app).catch(() => undefined);
  return result.ok;
}

async function load(): Promise<void> {
  const state = await call('sidebarState');
  const previous = app.draft;
  app.state = state;
  app.locale = state.locale;
  app.t = strings(state.locale);
  document.documentElement.lang = state.locale;
  app.columns = state.columns;
  app.draft = draftFrom(state);
  if (previous) {
    // Choices that are not saved settings survive a reload.
    app.draft.reportDate = previous.reportDate;
    app.draft.sliceOff = previous.sliceOff;
  }
  app.problems = state.problems;
  render();
  void loadSpendChannels(app).catch(() => undefined);
}

function render(focusKey?: string): void {
  const active = document.activeElement;
  const key = focusKey ?? (active instanceof HTMLElement ? active.getAttribute('data-focus') : null);
  const { t } = app;
  root.textContent = '';
  root.appendChild(h('h1', {}, t.title));
  for (const section of SECTIONS) {
    const details = h('details', { class: 'section', 'data-section': section.id });
    details.open = !closed.has(section.id);
    on(details, 'toggle', () => (details.open ? closed.delete(section.id) : closed.add(section.id)));
    details.appendChild(h('summary', { 'data-focus': `section:${section.id}` }, section.title(t)));
    details.appendChild(section.render(app));
    root.appendChild(details);
    if (section.id === 'report') root.appendChild(saveBar());
  }
  // Problems no field names (e.g. "stages: at least one stage"), listed by the save button.
  const extra = unplacedProblems(app, root);
  const list = root.querySelector('[data-unplaced]');
  if (list) for (const line of extra) list.appendChild(h('li', {}, line));
  if (key) {
    const target = Array.from(root.querySelectorAll<HTMLElement>('[data-focus]')).find((el) => el.getAttribute('data-focus') === key);
    target?.focus();
  }
}

function saveBar(): HTMLElement {
  const { t } = app;
  const button = h('button', { type: 'button', class: 'action', 'data-focus': 'save' }, t.save);
  on(button, 'click', () => {
    button.disabled = true;
    saveMessage = t.saving;
    void save().catch((e: unknown) => {
      saveMessage = t.error(e instanceof Error ? e.message : String(e));
      render('save');
    });
  });
  const failed = app.problems.length > 0;
  return h(
    'div',
    { class: 'save-bar' },
    button,
    h('div', { class: failed ? 'error' : 'gray', role: 'status', 'data-save-message': '' }, saveMessage),
    h('ul', { class: 'error', 'data-unplaced': '' }),
  );
}

root.textContent = app.t.loading;
load().catch((e: unknown) => {
  root.textContent = '';
  root.appendChild(h('p', { class: 'error' }, app.t.loadFailed(e instanceof Error ? e.message : String(e))));
});
