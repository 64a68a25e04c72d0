#!/usr/bin/env node
/**
 * `npm run sidebar`: bundles test/browser/preview-main.ts (the preview server on the fakes) for Node and
 * starts it. Run after `npm run build` (the npm script does both), which makes dist/sidebar.html.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(ROOT, 'build/sidebar-preview.cjs');
await esbuild.build({
  entryPoints: [path.join(ROOT, 'test/browser/preview-main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: out,
  logLevel: 'warning',
});
await import(pathToFileURL(out).href);
