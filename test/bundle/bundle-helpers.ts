/**
 * Shared by the bundle contract tests: where dist/ is, a clear failure when it was not built (or is
 * older than its sources), and the exports of entrypoints.ts read straight from the TypeScript source.
 */
import fs from 'fs';
import path from 'path';
import ts from 'typescript';

export const REPO = path.resolve(__dirname, '../..');
export const DIST = path.join(REPO, 'dist');
export const ENTRYPOINTS = path.join(REPO, 'src/sheets/entrypoints.ts');

/**
 * Files whose change makes dist/ disagree with what these tests compare it to. (Not all of src/: other
 * modules change all the time while people work, and `npm test` rebuilds before running anyway.)
 */
const BUILD_INPUTS = ['src/sheets/entrypoints.ts', 'html', 'appsscript.json', 'scripts/build.mjs'];

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newestMtime(path.join(p, name))), 0);
}

/** Reads a dist/ file; fails with the fix when dist/ is missing or stale. */
export function readDist(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(REPO, file)} does not exist: run \`npm run build\` (\`npm test\` does it first)`);
  }
  const built = fs.statSync(file).mtimeMs;
  const newest = Math.max(...BUILD_INPUTS.map((p) => newestMtime(path.join(REPO, p))));
  if (newest > built) {
    throw new Error(`${path.relative(REPO, file)} is older than its sources: run \`npm run build\` again`);
  }
  return fs.readFileSync(file, 'utf8');
}

export interface SourceExport {
  name: string;
  params: string[];
  jsdoc: string;
}

/** `export function` declarations of entrypoints.ts with their parameter names and raw JSDoc. */
export function sourceExports(): SourceExport[] {
  const text = fs.readFileSync(ENTRYPOINTS, 'utf8');
  const sf = ts.createSourceFile(ENTRYPOINTS, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
  const out: SourceExport[] = [];
  for (const stmt of sf.statements) {
    if (!ts.isFunctionDeclaration(stmt) || !stmt.name) continue;
    const exported = (ts.getModifiers(stmt) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    const docs = ts.getJSDocCommentsAndTags(stmt).filter(ts.isJSDoc);
    const doc = docs[docs.length - 1];
    out.push({
      name: stmt.name.text,
      params: stmt.parameters.map((p) => p.name.getText(sf)),
      jsdoc: doc ? text.slice(doc.getStart(sf), doc.getEnd()) : '',
    });
  }
  return out;
}
