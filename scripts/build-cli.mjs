#!/usr/bin/env node
/**
 * CLI build: src/cli/main.ts → build/cli/funnel-report.js (one CommonJS file for Node 20).
 * Runtime dependencies stay external and are loaded from node_modules. The file is written to a
 * temporary name and renamed, so a concurrent reader never sees half a bundle. Silent on success.
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_ENTRY = path.join(ROOT, 'src/cli/main.ts');
export const CLI_OUT = path.join(ROOT, 'build/cli/funnel-report.js');

export async function buildCli() {
  const result = await esbuild.build({
    entryPoints: [CLI_ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['exceljs', '@duckdb/node-api'],
    banner: { js: '#!/usr/bin/env node' },
    write: false,
    logLevel: 'warning',
  });
  fs.mkdirSync(path.dirname(CLI_OUT), { recursive: true });
  const tmp = `${CLI_OUT}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, result.outputFiles[0].contents);
  fs.renameSync(tmp, CLI_OUT);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildCli().catch((e) => {
    console.error(`build-cli: ${e.message}`);
    process.exit(1);
  });
}
