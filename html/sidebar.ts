/**
 * Sidebar client script, bundled by scripts/build.mjs and inlined into dist/sidebar.html.
 *
 * A button names the server function it runs: `<button data-action="refreshReports">`. Server
 * functions are the exports of src/sheets/entrypoints.ts (google.script.run reaches any top-level
 * function of the bundle). Texts come in `data-en` / `data-ru` pairs; the browser language picks one.
 */
export {};

// The DOM comes from tsconfig.html.json; the client side of Apps Script (google.script.run) is declared here.
interface ScriptRunner {
  withSuccessHandler(handler: (result: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: { message?: string }) => void): ScriptRunner;
}
declare const google: { script: { run: ScriptRunner } };

const locale: 'en' | 'ru' = (navigator.language ?? '').toLowerCase().startsWith('ru') ? 'ru' : 'en';

function localise(): void {
  const nodes = document.querySelectorAll(`[data-${locale}]`);
  for (let i = 0; i < nodes.length; i++) {
    const text = nodes[i].getAttribute(`data-${locale}`);
    if (text !== null) nodes[i].textContent = text;
  }
}

function setStatus(text: string, isError: boolean): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

function setBusy(busy: boolean): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>('button[data-action]');
  for (let i = 0; i < buttons.length; i++) buttons[i].disabled = busy;
}

function run(action: string): void {
  setBusy(true);
  setStatus(locale === 'ru' ? 'Выполняется…' : 'Working…', false);
  const runner = google.script.run
    .withSuccessHandler((result) => {
      setBusy(false);
      // The server returns {ok, kind, message}: a refused or stopped run is shown as such, never as "Done.".
      const r = result as { ok?: unknown; message?: unknown } | null;
      if (r && typeof r === 'object' && typeof r.message === 'string') {
        setStatus(r.message, r.ok !== true);
        return;
      }
      setStatus(locale === 'ru' ? 'Готово.' : 'Done.', false);
    })
    .withFailureHandler((error) => {
      setBusy(false);
      setStatus(error.message ?? String(error), true);
    });
  const fn = (runner as unknown as Record<string, unknown>)[action];
  if (typeof fn !== 'function') {
    setBusy(false);
    setStatus(`Unknown action: ${action}`, true);
    return;
  }
  (fn as () => void).call(runner);
}

function wireButtons(): void {
  const buttons = document.querySelectorAll<HTMLButtonElement>('button[data-action]');
  for (let i = 0; i < buttons.length; i++) {
    const button = buttons[i];
    const action = button.getAttribute('data-action');
    if (action) button.addEventListener('click', () => run(action));
  }
}

localise();
wireButtons();
