/**
 * Refresh: "Refresh now" (saves the settings first; that writes nothing when nothing changed), its
 * steps as the server reports them (reading, computing, writing each tab, with times), the summary
 * (leads read, data issues with a link to their tab, duration) and the last refresh's line.
 */
import type { LastRunInfo, RefreshProgress, RefreshResult } from '../../src/sheets/sidebar-contract';
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

/** The steps done (✓ with their time) and, while it runs, the one under way (…). */
function stepsList(app: App, progress: RefreshProgress): HTMLElement {
  const { t } = app;
  const list = h('ol', { class: 'steps', 'aria-label': t.refreshNow });
  for (const s of progress.steps) {
    const label = s.step === 'writing' && s.tab ? t.stepWriting(s.tab) : t.steps[s.step];
    list.appendChild(h('li', { class: 'done', 'data-step': s.step }, `✓ ${label}`, ' ', h('span', { class: 'gray' }, t.seconds(s.ms))));
  }
  if (progress.current) list.appendChild(h('li', { class: 'running gray', 'data-step': progress.current }, `… ${t.steps[progress.current]}`));
  return list;
}

/** How often a running refresh's progress is asked for. */
const POLL_MS = 700;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
/** While a refresh runs: re-renders of the sidebar (a save re-renders it) keep the button off and the progress shown. */
let running = false;
let liveProgress: RefreshProgress | null = null;

function fillProgress(app: App, el: Element): void {
  el.textContent = '';
  if (running) {
    el.appendChild(liveProgress ? stepsList(app, liveProgress) : h('div', { class: 'gray' }, app.t.running));
  } else if (lastResult) {
    el.appendChild(stepsList(app, { steps: lastResult.steps, current: null }));
    el.appendChild(summary(app, lastResult));
  }
}

function currentProgressElement(): Element | null {
  return document.querySelector('[data-section="refresh"] .progress');
}

async function refreshNow(app: App): Promise<void> {
  running = true;
  liveProgress = null;
  app.rerender('refreshNow');
  let message = '';
  try {
    if (!(await app.save())) {
      message = app.t.fixErrors;
      return;
    }
    // The refresh is one server call; its steps are polled from the server while it runs.
    const runId = `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    void (async () => {
      while (running) {
        await sleep(POLL_MS);
        const p = await call('sidebarRefreshProgress', runId).catch(() => null);
        const el = currentProgressElement();
        if (p && running && el) {
          liveProgress = p;
          fillProgress(app, el);
        }
      }
    })();
    const result = await call('sidebarRefreshNow', app.draft.reportDate, runId);
    if (result.problems.length > 0) {
      app.problems = result.problems;
      return;
    }
    lastResult = result;
    running = false;
    await app.reload();
  } catch (e) {
    message = app.t.error(e instanceof Error ? e.message : String(e));
  } finally {
    running = false;
    app.rerender(document.activeElement?.getAttribute('data-focus') ?? 'refreshNow');
    const el = currentProgressElement();
    if (message && el) el.textContent = message;
  }
}

export const refreshSection: Section = {
  id: 'refresh',
  title: (t) => t.sections.refresh,
  render(app) {
    const { t } = app;
    const body = h('div', { class: 'block' });
    const button = h('button', { type: 'button', class: 'action', 'data-focus': 'refreshNow' }, t.refreshNow);
    button.disabled = running;
    on(button, 'click', () => void refreshNow(app));
    const progress = h('div', { class: 'progress', 'aria-live': 'polite' });
    fillProgress(app, progress);
    body.appendChild(button);
    body.appendChild(progress);
    body.appendChild(h('div', { class: 'last-run' }, h('b', {}, `${t.lastRun}: `), h('span', { 'data-last-run': '' }, lastRunLine(t, app.locale, app.state.timeZone, app.state.lastRun))));
    return body;
  },
};
