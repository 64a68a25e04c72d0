/**
 * dist/appsscript.json and dist/sidebar.html: the manifest asks for V8 and exactly the scopes the README
 * explains, and the sidebar is one self-contained page (its behaviour is tested in Chromium: test/browser).
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

  it('asks for exactly the scopes the README explains (OAuth scopes)', () => {
    const scopes = [...(manifest.oauthScopes as string[])].sort();
    expect(scopes).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
    for (const scope of scopes) expect(readme).toMatch(new RegExp(`\\| \`${scope.replace(/[.]/g, '\\.')}\` \\| .{20,}`));
  });
});

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

  it('takes every server call through the typed wrapper: no other google.script.run use', () => {
    const uses = scripts[0][2].match(/google\.script\.run/g) ?? [];
    expect(uses).toHaveLength(1);
  });
});
