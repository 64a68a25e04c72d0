/** Data: the leads sheet, and each column role mapped from the sheet's real headers, with a preview. */
import { call } from '../api';
import { h, on, select } from '../dom';
import { field } from '../fields';
import { columnsOf, ROLES, type App, type Section } from '../model';

function previewOf(app: App, header: string): string[] {
  return app.columns?.columns.find((c) => c.header === header)?.preview ?? [];
}

export const dataSection: Section = {
  id: 'data',
  title: (t) => t.sections.data,
  render(app) {
    const { t, draft } = app;
    const body = h('div', { class: 'block' });
    const sheetSelect = select({ 'data-focus': 'leadsSheet' }, app.state.sheets.map((s) => [s, s]), draft.leadsSheet);
    on(sheetSelect, 'change', () => {
      draft.leadsSheet = sheetSelect.value;
      void call('sidebarSheetColumns', draft.leadsSheet).then((cols) => {
        app.columns = cols;
        app.rerender('leadsSheet');
      });
    });
    body.appendChild(field(app, 'leadsSheet', t.leadsSheet, sheetSelect));

    if (!app.columns || app.columns.columns.length === 0) {
      const example = h('button', { type: 'button', 'data-focus': 'example' }, t.setUpExample);
      on(example, 'click', () => {
        example.disabled = true;
        void call('sidebarSetUpExampleSheets').then(() => app.reload());
      });
      body.appendChild(h('p', { class: 'gray' }, t.noLeads));
      body.appendChild(example);
      return body;
    }
    if (app.state.settingsSource === 'detected') body.appendChild(h('p', { class: 'gray note' }, t.detected));
    if (app.columns.headerRow > 1) body.appendChild(h('p', { class: 'gray' }, t.headerRowNote(app.columns.headerRow)));

    const columns = columnsOf(draft);
    const headers = app.columns.columns.map((c) => c.header);
    for (const role of ROLES) {
      const value = columns[role] ?? '';
      const options: [string, string][] = [['', t.none], ...headers.map((x): [string, string] => [x, x])];
      // A saved header that is no longer in the sheet stays visible (and the save names the problem).
      if (value !== '' && !headers.includes(value)) options.push([value, value]);
      const s = select({}, options, value);
      const preview = h('div', { class: 'gray preview', 'data-preview-for': role }, value ? t.preview(previewOf(app, value)) : '');
      on(s, 'change', () => {
        columns[role] = s.value;
        preview.textContent = s.value ? t.preview(previewOf(app, s.value)) : '';
      });
      const group = field(app, `columns.${role}`, t.roles[role], s);
      group.appendChild(preview);
      body.appendChild(group);
    }
    return body;
  },
};
