/**
 * Refresh: "Refresh now" (saves the settings first; that writes nothing when nothing changed), its
 * steps as the server reports them (reading, computing, writing each tab, with times), the summary
 * (leads read, data issues with a link to their tab, duration) and the last refresh's line.
 */
import type { LastRunInfo, RefreshResult } from '../../src/sheets/sidebar-contract';
import { call } from '../api';
import { h, on } from '../dom';
import type { App, Section } from '../model';
import type { Strings } from '../i18n';

/** An instant on the spreadsheet's clock (the browser's zone may differ, e.g. a traveller's laptop). */
function localTime(iso: string, locale: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return d.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', { ...opts, timeZone });
  } catch {
    return d.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB', opts);
  }
}

export function lastRunLine(t: Strings, locale: string, timeZone: string, last: LastRunInfo | null): string {
  if (!last) return t.neverRun;
  const at = localTime(last.at, locale, timeZone);
  const line = last.ok ? t.lastRunOk(at, last.leads, last.issues) : t.lastRunFailed(at, last.message);
  return last.scheduledFailures > 1 ? `${line} ${t.failuresInRow(last.scheduledFailures)}` : line;
}

function stepsList(app: App, result: RefreshResult): HTMLElement {
  const { t } = app;
  const list = h('ol', { class: 'steps', 'aria-label': t.refreshNow });
  for (const s of result.steps) {
    const label = s.step === 'writing' && s.tab ? t.stepWriting(s.tab) : t.steps[s.step];
    list.appendChild(h('li', { class: 'done', 'data-step': s.step }, `✓ ${label}`, ' ', h('span', { class: 'gray' }, `${(s.ms / 1000).toFixed(1)} s`)));
  }
  return list;
}

function summary(app: App, result: RefreshResult): HTMLElement {
  const { t } = app;
  const box = h('div', { class: result.ok ? 'summary' : 'summary error', role: 'status' });
  if (!result.ok) {
    box.appendChild(h('p', {}, result.message));
    return box;
  }
  if (result.leadsRead !== null) box.appendChild(h('div', {}, t.leadsRead(result.leadsRead)));
  if (result.issues !== null) {
    const line = h('div', {}, t.issues(result.issues));
    if (result.issuesTab) {
      const tab = result.issuesTab;
      const link = h('a', { href: '#', 'data-focus': 'issuesLink' }, t.openTab(tab));
      on(link, 'click', (e) => {
        e.preventDefault();
        void call('sidebarShowSheet', tab);
      });
      line.appendChild(document.createTextNode(' — '));
      line.appendChild(link);
    }
    box.appendChild(line);
  }
  box.appendChild(h('div', {}, t.duration(result.durationMs)));
  return box;
}

let lastResult: RefreshResult | null = null;

export const refreshSection: Section = {
  id: 'refresh',
  title: (t) => t.sections.refresh,
  render(app) {
    const { t } = app;
    const body = h('div', { class: 'block' });
    const button = h('button', { type: 'button', class: 'action', 'data-focus': 'refreshNow' }, t.refreshNow);
    const progress = h('div', { class: 'progress', 'aria-live': 'polite' });
    on(button, 'click', () => {
      button.disabled = true;
      progress.textContent = '';
      progress.appendChild(h('div', { class: 'gray running' }, `${t.running} ${t.steps.reading} → ${t.steps.computing} → ${t.steps.writing}`));
      void (async () => {
        try {
          if (!(await app.save())) {
            progress.textContent = t.fixErrors;
            return;
          }
          const result = await call('sidebarRefreshNow', app.draft.reportDate);
          if (result.problems.length > 0) {
            app.problems = result.problems;
            app.rerender('refreshNow');
            return;
          }
          lastResult = result;
          await app.reload();
        } catch (e) {
          progress.textContent = t.error(e instanceof Error ? e.message : String(e));
        } finally {
          button.disabled = false;
        }
      })();
    });
    body.appendChild(button);
    body.appendChild(progress);
    if (lastResult) {
      progress.appendChild(stepsList(app, lastResult));
      progress.appendChild(summary(app, lastResult));
    }
    body.appendChild(h('div', { class: 'last-run' }, h('b', {}, `${t.lastRun}: `), h('span', { 'data-last-run': '' }, lastRunLine(t, app.locale, app.state.timeZone, app.state.lastRun))));
    return body;
  },
};
