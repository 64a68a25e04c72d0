/**
 * The local preview of the sidebar (`npm run sidebar`) and the browser tests' server: serves the built
 * dist/sidebar.html with a google.script.run shim whose calls reach the real server functions
 * (src/sheets/sidebar-api.ts) over HTTP, running on the fakes: an in-memory spreadsheet.
 *
 * The shim behaves as google.script.run does (https://developers.google.com/apps-script/guides/html/reference/run):
 * one runner per access of `google.script.run`, withSuccessHandler/withFailureHandler, only the
 * server's functions exist on it, calls are asynchronous, and values cross as JSON (a non-JSON value
 * would not survive the trip there either). The user's locale is the browser's (Accept-Language),
 * handed to the fake Session, as Google hands the account's language to Session.getActiveUserLocale().
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import type { AddressInfo } from 'net';
import type { RunOptions } from '../../src/sheets/app';
import { sidebarServer } from '../../src/sheets/sidebar-api';
import type { FakeWorld } from '../fakes/services';

export const DIST_SIDEBAR = path.resolve(__dirname, '../../dist/sidebar.html');

export interface PreviewOptions {
  world: FakeWorld;
  run?: RunOptions;
  port?: number;
  /** The page to serve (default: dist/sidebar.html of this checkout). */
  htmlFile?: string;
  /** Milliseconds a server function's answer is held back (to watch the sidebar while it waits). */
  delays?: Record<string, number>;
}

export interface PreviewServer {
  url: string;
  world: FakeWorld;
  /** Server function calls in order, with their arguments. */
  calls: { name: string; args: unknown[] }[];
  close(): Promise<void>;
}

function shim(names: string[]): string {
  return `<script>
(function () {
  var names = ${JSON.stringify(names)};
  function runner() {
    var ok = function () {}, fail = function () {};
    var r = {
      withSuccessHandler: function (f) { ok = f; return r; },
      withFailureHandler: function (f) { fail = f; return r; }
    };
    names.forEach(function (name) {
      r[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        fetch('/call/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })
          .then(function (res) { return res.json(); })
          .then(function (out) { if (out.error !== undefined) fail(new Error(out.error)); else ok(out.result); },
                function (e) { fail(e); });
      };
    });
    return r;
  }
  window.google = { script: { get run() { return runner(); } } };
})();
</script>`;
}

function localeFrom(header: string | undefined): string {
  const first = (header ?? 'en-US').split(',')[0].trim();
  return first.replace('-', '_') || 'en_US';
}

export function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const { world } = opts;
  const calls: PreviewServer['calls'] = [];
  const api = sidebarServer(world.services, opts.run ?? {}) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = Object.keys(api);
  const server = http.createServer((req, res) => {
    world.session.locale = localeFrom(req.headers['accept-language']);
    if (req.method === 'GET' && (req.url === '/' || req.url?.startsWith('/?'))) {
      const html = fs.readFileSync(opts.htmlFile ?? DIST_SIDEBAR, 'utf8');
      const i = html.indexOf('<script>');
      const page = i < 0 ? html : html.slice(0, i) + shim(names) + '\n' + html.slice(i);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
      return;
    }
    const m = /^\/call\/(\w+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && m && names.includes(m[1])) {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        let out: { result?: unknown; error?: string };
        try {
          const args = JSON.parse(body || '[]') as unknown[];
          calls.push({ name: m[1], args });
          const result = api[m[1]](...args);
          out = { result: result === undefined ? null : result };
        } catch (e) {
          out = { error: e instanceof Error ? e.message : String(e) };
        }
        const send = () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out));
        };
        // The call itself runs at once (the fakes are synchronous); only its answer waits.
        const delay = opts.delays?.[m[1]];
        if (delay) setTimeout(send, delay);
        else send();
      });
      return;
    }
    res.writeHead(404);
    res.end('not found');
  });
  return new Promise((resolve) => {
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        world,
        calls,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
