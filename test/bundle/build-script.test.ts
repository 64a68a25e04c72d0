/**
 * scripts/build.mjs run as a CLI on small throwaway projects (a copy of the script in a temp dir,
 * node_modules linked): it wraps each export faithfully, and it refuses, with exit code 1 and a
 * message naming the problem, what Apps Script could not use.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import vm from 'vm';
import { REPO } from './bundle-helpers';

const SIDEBAR = '<!DOCTYPE html><html><body><p>x</p></body></html>\n';
const MANIFEST = JSON.stringify({ timeZone: 'Etc/UTC', runtimeVersion: 'V8' });

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-build-'));
  tempDirs.push(dir);
  const all: Record<string, string> = { 'html/sidebar.html': SIDEBAR, 'appsscript.json': MANIFEST, ...files };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.mkdirSync(path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(REPO, 'scripts/build.mjs'), path.join(dir, 'scripts/build.mjs'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function build(dir: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(dir, 'scripts/build.mjs')], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LIB = 'export const double = (v: number): number => v * 2;\n';

const GOOD = `
import { double } from './lib';

/**
 * Doubles a number.
 * @param {number} value The number.
 * @return {number} Twice the number.
 * @customfunction
 */
export function DOUBLE_IT(value: number, unit?: string): number {
  return double(value);
}

/** Opens the menu. */
export function onOpen(e: unknown): void {
  void e;
}

export interface NotAFunction { x: number }
`;

describe('scripts/build.mjs', () => {
  it('bundles, wraps every export with its JSDoc and parameters, and prints a one-line summary', () => {
    const dir = project({
      'src/sheets/entrypoints.ts': GOOD.replace('@param {number} value The number.', '@param {number} value The number.\n * @param {string} unit Unit.'),
      'src/sheets/lib.ts': LIB,
    });
    const r = build(dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/dist\/Code\.js [\d.]+ KB \(2 globals, 1 custom functions\), dist\/sidebar\.html [\d.]+ KB, dist\/appsscript\.json/);
    const code = fs.readFileSync(path.join(dir, 'dist/Code.js'), 'utf8');
    expect(code).toContain('/**\n * Doubles a number.\n * @param {number} value The number.\n * @param {string} unit Unit.\n * @return {number} Twice the number.\n * @customfunction\n */\nfunction DOUBLE_IT(value, unit) {\n  return FunnelAddon.DOUBLE_IT(value, unit);\n}');
    expect(code).toContain('/** Opens the menu. */\nfunction onOpen(e) {');
    const context = vm.createContext({});
    vm.runInContext(code, context);
    expect(vm.runInContext('DOUBLE_IT(21)', context)).toBe(42);
    expect(fs.readFileSync(path.join(dir, 'dist/sidebar.html'), 'utf8')).toBe(SIDEBAR);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['Code.js', 'appsscript.json', 'sidebar.html']);
  });

  it('exits 1 with a message naming the export when one has no JSDoc, and writes nothing', () => {
    const dir = project({ 'src/sheets/entrypoints.ts': GOOD.replace('/** Opens the menu. */\n', '').replace('unit?: string', ''), 'src/sheets/lib.ts': LIB });
    const r = build(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('build failed: src/sheets/entrypoints.ts cannot be wrapped for Apps Script');
    expect(r.stderr).toMatch(/src\/sheets\/entrypoints\.ts:\d+: export onOpen has no JSDoc comment/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('rejects every export Apps Script could not call as written, naming it', () => {
    const cases: [string, string][] = [
      [GOOD, 'custom function DOUBLE_IT: parameter "unit" has no @param tag'],
      [`${GOOD}\nexport { double } from './lib';\n`, 're-exports (export { … } / export * from …) are not allowed'],
      [`${GOOD}\n/** Doc. */\nexport const helper = (): number => 1;\n`, 'only `export function NAME(…) {…}` declarations become Apps Script globals'],
      [GOOD.replace('onOpen(e: unknown)', 'onOpen({ source }: { source: unknown })').replace('void e;', 'void source;'), 'onOpen: parameter { source } must be a plain named parameter'],
      [GOOD.replace(/onOpen/g, 'helper_'), 'helper_ ends with "_"'],
      [GOOD.replace(/onOpen/g, 'FunnelAddon'), "FunnelAddon would clash with the bundle's global"],
      ['/** Nothing. */\nfunction notExported(): void {}\n', 'exports no functions'],
    ];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-entries-'));
    tempDirs.push(dir);
    const files = cases.map(([source], i) => {
      const file = path.join(dir, `entry${i}.ts`);
      // Every case but the first documents `unit`, so each file has exactly one problem.
      fs.writeFileSync(file, i === 0 ? source : source.replace('@param {number} value The number.', '@param {number} value The number.\n * @param {string} unit Unit.'));
      return file;
    });
    const script = `
      import { readEntryPoints } from ${JSON.stringify(path.join(REPO, 'scripts/build.mjs'))};
      const files = ${JSON.stringify(files)};
      console.log(JSON.stringify(files.map((f) => { try { readEntryPoints(f); return 'accepted'; } catch (e) { return e.message; } })));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const messages = JSON.parse(r.stdout) as string[];
    cases.forEach(([, expected], i) => {
      expect(messages[i]).toContain(expected);
    });
  });

  it('fails when a Node built-in reaches the bundle', () => {
    const dir = project({
      'src/sheets/entrypoints.ts': GOOD.replace('unit?: string', ''),
      'src/sheets/lib.ts': "import fs from 'fs';\nexport const double = (v: number): number => (fs ? v * 2 : 0);\n",
    });
    const r = build(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('build failed: bundling src/sheets/entrypoints.ts failed');
    expect(r.stderr).toMatch(/Could not resolve "fs"/);
  });

  it('fails when the sidebar loads an external script', () => {
    const dir = project({
      'src/sheets/entrypoints.ts': GOOD.replace('unit?: string', ''),
      'src/sheets/lib.ts': LIB,
      'html/sidebar.html': '<html><script src="https://example.com/x.js"></script></html>',
    });
    const r = build(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('loads an external script');
  });
});
