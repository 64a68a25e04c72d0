/**
 * dist/appsscript.json and dist/sidebar.html: the manifest asks for V8 and exactly the minimal scopes,
 * and the sidebar is one self-contained page whose inlined script wires its buttons to
 * google.script.run.
 */
import fs from 'fs';
import path from 'path';
import vm from 'vm';
import { readDist, REPO } from './bundle-helpers';

describe('dist/appsscript.json', () => {
  const manifest = JSON.parse(readDist('appsscript.json')) as Record<string, unknown>;

  it('is the repository manifest, copied unchanged', () => {
    expect(manifest).toEqual(JSON.parse(fs.readFileSync(path.join(REPO, 'appsscript.json'), 'utf8')));
  });

  it('runs on V8 with Stackdriver exception logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(typeof manifest.timeZone).toBe('string');
  });

  it('asks only for the current spreadsheet and the container UI', () => {
    expect([...(manifest.oauthScopes as string[])].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
  });
});

interface FakeElement {
  attrs: Record<string, string>;
  textContent: string | null;
  className: string;
  disabled: boolean;
  onClick?: () => void;
  getAttribute(name: string): string | null;
  addEventListener(type: string, listener: () => void): void;
}

function element(attrs: Record<string, string>): FakeElement {
  return {
    attrs,
    textContent: null,
    className: '',
    disabled: false,
    getAttribute(name) {
      return name in this.attrs ? this.attrs[name] : null;
    },
    addEventListener(type, listener) {
      if (type === 'click') this.onClick = listener;
    },
  };
}

/** Elements with their attributes, read from the HTML with a regex (enough for this small page). */
function elementsOf(html: string): FakeElement[] {
  const out: FakeElement[] = [];
  for (const tag of html.matchAll(/<(?!\/|!|script)([a-z0-9]+)\b([^>]*)>/gi)) {
    const attrs: Record<string, string> = {};
    for (const a of tag[2].matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    attrs['#tag'] = tag[1].toLowerCase();
    out.push(element(attrs));
  }
  return out;
}

describe('dist/sidebar.html', () => {
  const html = readDist('sidebar.html');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];

  it('is self-contained: one inline script, no external scripts, styles or placeholders', () => {
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link\b[^>]*\bhref\s*=\s*"https?:/i);
    expect(html).not.toContain('build:sidebar-script');
    expect(() => new vm.Script(scripts[0][2])).not.toThrow();
  });

  function runSidebar(language: string, serverFunctions: Record<string, (ok: (v: unknown) => void, fail: (e: Error) => void) => void>) {
    const elements = elementsOf(html);
    const calls: string[] = [];
    const runner = () => {
      let ok: (v: unknown) => void = () => undefined;
      let fail: (e: Error) => void = () => undefined;
      const r: Record<string, unknown> = {
        withSuccessHandler(f: (v: unknown) => void) {
          ok = f;
          return r;
        },
        withFailureHandler(f: (e: Error) => void) {
          fail = f;
          return r;
        },
      };
      for (const [name, impl] of Object.entries(serverFunctions)) {
        r[name] = () => {
          calls.push(name);
          impl(ok, fail);
        };
      }
      return r;
    };
    const document = {
      querySelectorAll(selector: string) {
        const lang = /^\[data-(\w+)\]$/.exec(selector);
        if (lang) return elements.filter((e) => `data-${lang[1]}` in e.attrs);
        if (selector === 'button[data-action]') return elements.filter((e) => e.attrs['#tag'] === 'button' && 'data-action' in e.attrs);
        throw new Error(`unexpected selector ${selector}`);
      },
      getElementById: (id: string) => elements.find((e) => e.attrs.id === id) ?? null,
    };
    const context = vm.createContext({
      document,
      navigator: { language },
      google: {
        script: {
          get run() {
            return runner();
          },
        },
      },
    });
    vm.runInContext(scripts[0][2], context);
    const button = (action: string) => {
      const b = elements.find((e) => e.attrs['data-action'] === action);
      if (!b?.onClick) throw new Error(`no wired button for ${action}`);
      return b;
    };
    const status = () => elements.find((e) => e.attrs.id === 'status') as FakeElement;
    return { elements, calls, button, status };
  }

  it('calls the server function named by a button and shows the returned outcome', () => {
    const page = runSidebar('en-US', {
      sidebarRefreshReports: (ok) => ok({ ok: true, kind: 'done', message: 'Reports refreshed: 11 leads.' }),
    });
    page.button('sidebarRefreshReports').onClick?.();
    expect(page.calls).toEqual(['sidebarRefreshReports']);
    expect(page.status().textContent).toBe('Reports refreshed: 11 leads.');
    expect(page.status().className).toBe('');
    expect(page.button('sidebarRefreshReports').disabled).toBe(false);
  });

  it('a refused or stopped refresh is shown as an error with its message, never as "Done."', () => {
    const busy = 'A refresh is already running. Wait for it to finish, then refresh again.';
    const page = runSidebar('en-US', { sidebarRefreshReports: (ok) => ok({ ok: false, kind: 'busy', message: busy }) });
    page.button('sidebarRefreshReports').onClick?.();
    expect(page.status().textContent).toBe(busy);
    expect(page.status().className).toBe('error');
  });

  it('shows a server error in red and a missing server function as an error', () => {
    const page = runSidebar('en-US', { sidebarRefreshReports: (_, fail) => fail(new Error('No leads sheet')) });
    page.button('sidebarRefreshReports').onClick?.();
    expect(page.status().textContent).toBe('No leads sheet');
    expect(page.status().className).toBe('error');
    page.button('sidebarSetUpExampleSheets').onClick?.();
    expect(page.status().textContent).toBe('Unknown action: sidebarSetUpExampleSheets');
  });

  it('speaks Russian in a Russian browser', () => {
    const page = runSidebar('ru-RU', { sidebarRefreshReports: (ok) => ok(null) });
    expect(page.button('sidebarRefreshReports').textContent).toBe('Обновить отчёты');
    page.button('sidebarRefreshReports').onClick?.();
    expect(page.status().textContent).toBe('Готово.');
  });
});
