#!/usr/bin/env node
/**
 * Apps Script build: src/sheets/entrypoints.ts → dist/Code.js, html/sidebar.html (+ html/sidebar.ts)
 * → dist/sidebar.html, appsscript.json → dist/appsscript.json. `clasp push` then uploads dist/.
 *
 * Apps Script only sees top-level `function` declarations, and a custom function gets autocomplete
 * only when that top-level function carries the `@customfunction` JSDoc and named parameters. So the
 * engine is bundled as one IIFE assigned to the global `FunnelAddon`, and one wrapper per export of
 * entrypoints.ts is appended:
 *
 *   /** <the export's JSDoc, verbatim> *\/
 *   function NAME(a, b) { return FunnelAddon.NAME(a, b); }
 *
 * Names, parameter names and JSDoc are read from the TypeScript source with the compiler API.
 * The build fails (exit 1) with a message naming the export when one cannot be wrapped faithfully.
 */
import * as esbuild from 'esbuild';
import ts from 'typescript';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GLOBAL_NAME = 'FunnelAddon';
const ENTRY = path.join(ROOT, 'src/sheets/entrypoints.ts');
const SIDEBAR_HTML = path.join(ROOT, 'html/sidebar.html');
const SIDEBAR_TS = path.join(ROOT, 'html/sidebar.ts');
const SIDEBAR_SCRIPT_PLACEHOLDER = '<!-- build:sidebar-script -->';
const MANIFEST = path.join(ROOT, 'appsscript.json');
const DIST = path.join(ROOT, 'dist');

/** Tokens that mean Node-only code reached the bundle; Apps Script V8 has no module system or process. */
const NODE_LEAKS = [
  [/\b__require\b/, "esbuild's require shim (something calls require() on a module it could not bundle)"],
  [/(^|[^.\w$])require\s*\(/m, 'a require() call'],
  [/\bimport\.meta\b/, 'import.meta'],
  [/(^|[^.\w$])import\s*\(/m, 'a dynamic import()'],
  [/\bprocess\.(env|argv|cwd|exit|platform|versions)\b/, 'a process.* access'],
  [/\b__dirname\b|\b__filename\b/, '__dirname/__filename'],
  [/\bBuffer\.(from|alloc|isBuffer)\b/, 'Buffer'],
];

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function lineOf(sf, node) {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function hasExportModifier(node) {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/**
 * Reads every export of entrypoints.ts: name, parameter names and the raw JSDoc text.
 * Only `export function NAME(...) {...}` with a JSDoc comment is accepted (type exports are ignored),
 * because the wrapper must reproduce exactly what the author documented.
 */
export function readEntryPoints(file) {
  const rel = path.relative(ROOT, file);
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const problems = [];
  const entries = [];
  const seen = new Set();

  for (const stmt of sf.statements) {
    const where = `${rel}:${lineOf(sf, stmt)}`;
    if (ts.isExportDeclaration(stmt)) {
      if (stmt.isTypeOnly) continue;
      problems.push(`${where}: re-exports (export { … } / export * from …) are not allowed; declare \`export function NAME(…)\` with its JSDoc here instead`);
      continue;
    }
    if (ts.isExportAssignment(stmt)) {
      problems.push(`${where}: \`export default\` / \`export =\` is not allowed; Apps Script needs named functions`);
      continue;
    }
    if (!hasExportModifier(stmt)) continue;
    if (ts.isInterfaceDeclaration(stmt) || ts.isTypeAliasDeclaration(stmt)) continue;
    if (!ts.isFunctionDeclaration(stmt) || !stmt.name) {
      problems.push(`${where}: only \`export function NAME(…) {…}\` declarations become Apps Script globals; found another kind of export`);
      continue;
    }
    const name = stmt.name.text;
    if (!stmt.body) {
      problems.push(`${where}: ${name}: overload signatures are not allowed in entrypoints.ts`);
      continue;
    }
    if (seen.has(name)) {
      problems.push(`${where}: ${name} is exported twice`);
      continue;
    }
    seen.add(name);
    if (name === GLOBAL_NAME) problems.push(`${where}: ${name} would clash with the bundle's global ${GLOBAL_NAME}`);
    if (name.endsWith('_')) problems.push(`${where}: ${name} ends with "_", which makes it private in Apps Script (it could not be called); rename it or do not export it`);
    if (stmt.asteriskToken || (ts.getModifiers(stmt) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) {
      problems.push(`${where}: ${name}: generator/async entry points are not supported by Sheets callers`);
    }

    const params = [];
    for (const p of stmt.parameters) {
      if (!ts.isIdentifier(p.name) || p.dotDotDotToken) {
        problems.push(`${where}: ${name}: parameter ${p.name.getText(sf)} must be a plain named parameter (no destructuring, no ...rest), so the wrapper can keep its name`);
        continue;
      }
      params.push(p.name.text);
    }

    const docs = ts.getJSDocCommentsAndTags(stmt).filter(ts.isJSDoc);
    const doc = docs[docs.length - 1];
    if (!doc) {
      problems.push(`${where}: export ${name} has no JSDoc comment (/** … */ directly above it). Every global function needs one; custom functions need @customfunction, @param and @return in it`);
      continue;
    }
    const jsdoc = text.slice(doc.getStart(sf), doc.getEnd());
    const tags = doc.tags ?? [];
    const isCustomFunction = tags.some((t) => t.tagName.text === 'customfunction');
    if (isCustomFunction) {
      const documented = new Set(tags.filter(ts.isJSDocParameterTag).map((t) => t.name.getText(sf)));
      for (const p of params) {
        if (!documented.has(p)) problems.push(`${where}: custom function ${name}: parameter "${p}" has no @param tag (Sheets shows @param text as the argument help)`);
      }
      if (!tags.some((t) => t.tagName.text === 'return' || t.tagName.text === 'returns')) {
        problems.push(`${where}: custom function ${name}: JSDoc has no @return tag`);
      }
    }
    entries.push({ name, params, jsdoc, isCustomFunction });
  }

  if (problems.length > 0) fail(`${rel} cannot be wrapped for Apps Script:\n  - ${problems.join('\n  - ')}`);
  if (entries.length === 0) fail(`${rel} exports no functions; nothing would be callable from Sheets`);
  return entries;
}

export function wrapperSource(entry) {
  const args = entry.params.join(', ');
  return `${entry.jsdoc}\nfunction ${entry.name}(${args}) {\n  return ${GLOBAL_NAME}.${entry.name}(${args});\n}\n`;
}

function formatEsbuildError(err) {
  const messages = err && Array.isArray(err.errors) ? err.errors : [];
  if (messages.length === 0) return String(err && err.message ? err.message : err);
  return messages
    .map((m) => (m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ${m.text}` : m.text))
    .join('\n');
}

async function bundle(options, what) {
  try {
    const result = await esbuild.build({ bundle: true, write: false, logLevel: 'silent', charset: 'utf8', ...options });
    return result.outputFiles[0].text;
  } catch (err) {
    fail(`bundling ${what} failed:\n${formatEsbuildError(err)}`);
  }
}

function checkNoNodeLeaks(code, what) {
  for (const [pattern, label] of NODE_LEAKS) {
    const m = pattern.exec(code);
    if (m) {
      const line = code.slice(0, m.index).split('\n').length;
      fail(`${what} contains ${label} (line ${line}): Node-only code must not reach the Apps Script bundle`);
    }
  }
}

async function buildCode(entries) {
  const iife = await bundle(
    {
      entryPoints: [ENTRY],
      format: 'iife',
      globalName: GLOBAL_NAME,
      target: 'es2020',
      // Neutral: Node built-ins (fs, path, …) do not resolve, so importing one fails the build.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      minify: false,
      legalComments: 'inline',
      define: { 'process.env.NODE_ENV': '"production"' },
    },
    path.relative(ROOT, ENTRY),
  );
  checkNoNodeLeaks(iife, 'the Apps Script bundle');
  const header = `// Generated by scripts/build.mjs from src/sheets/entrypoints.ts. Do not edit; run \`npm run build\`.\n`;
  const wrappers = entries.map(wrapperSource).join('\n');
  return `${header}${iife}\n// Apps Script globals: one wrapper per export of src/sheets/entrypoints.ts.\n\n${wrappers}`;
}

async function buildSidebar() {
  if (!fs.existsSync(SIDEBAR_HTML)) fail('html/sidebar.html is missing');
  let html = fs.readFileSync(SIDEBAR_HTML, 'utf8');
  if (/<script\b[^>]*\bsrc\s*=/i.test(html)) fail('html/sidebar.html loads an external script (<script src=…>); the sidebar must be self-contained');
  if (fs.existsSync(SIDEBAR_TS)) {
    if (!html.includes(SIDEBAR_SCRIPT_PLACEHOLDER)) fail(`html/sidebar.html has no ${SIDEBAR_SCRIPT_PLACEHOLDER} line where html/sidebar.ts should be inlined`);
    const js = await bundle(
      { entryPoints: [SIDEBAR_TS], format: 'iife', target: 'es2020', platform: 'browser', minify: false },
      'html/sidebar.ts',
    );
    // "</script" inside the code would end the inline <script> element early.
    const safe = js.replace(/<\/(script)/gi, '<\\/$1');
    html = html.replace(SIDEBAR_SCRIPT_PLACEHOLDER, () => `<script>\n${safe}</script>`);
  } else if (html.includes(SIDEBAR_SCRIPT_PLACEHOLDER)) {
    fail(`html/sidebar.html has a ${SIDEBAR_SCRIPT_PLACEHOLDER} line but html/sidebar.ts does not exist`);
  }
  return html;
}

function readManifest() {
  const text = fs.readFileSync(MANIFEST, 'utf8');
  let manifest;
  try {
    manifest = JSON.parse(text);
  } catch (err) {
    fail(`appsscript.json is not valid JSON: ${err.message}`);
  }
  if (manifest.runtimeVersion !== 'V8') fail('appsscript.json: runtimeVersion must be "V8" (the bundle is ES2020)');
  return text;
}

function kb(text) {
  return `${(Buffer.byteLength(text, 'utf8') / 1024).toFixed(1)} KB`;
}

async function main() {
  const entries = readEntryPoints(ENTRY);
  const code = await buildCode(entries);
  const sidebar = await buildSidebar();
  const manifest = readManifest();

  // A stale file left in dist/ would be pushed by clasp too, so dist/ is rebuilt from scratch.
  fs.rmSync(DIST, { recursive: true, force: true });
  fs.mkdirSync(DIST, { recursive: true });
  fs.writeFileSync(path.join(DIST, 'Code.js'), code);
  fs.writeFileSync(path.join(DIST, 'sidebar.html'), sidebar);
  fs.writeFileSync(path.join(DIST, 'appsscript.json'), manifest);

  const customCount = entries.filter((e) => e.isCustomFunction).length;
  console.log(
    `build: dist/Code.js ${kb(code)} (${entries.length} globals, ${customCount} custom functions), ` +
      `dist/sidebar.html ${kb(sidebar)}, dist/appsscript.json ${kb(manifest)}`,
  );
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  main().catch((err) => {
    console.error(err instanceof BuildError ? `build failed: ${err.message}` : err);
    process.exit(1);
  });
}
