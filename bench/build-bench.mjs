/**
 * Bundles the bench entry points (TypeScript, importing the engine from src/) into plain JS under
 * build/bench/, so `node --expose-gc` can run them without ts-node. Used by bench/run.mjs.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_OUT = path.join(ROOT, 'build/bench');

export const ENTRIES = ['write-csv', 'engine-bench', 'sheets-refresh', 'custom-functions', 'channels-bench', 'sla-bench', 'feedback-refresh'];

export async function buildBench(entries = ENTRIES) {
  await esbuild.build({
    entryPoints: entries.map((e) => path.join(ROOT, 'bench', `${e}.ts`)),
    outdir: BENCH_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Same as the CLI bundle: runtime dependencies load from node_modules.
    external: ['exceljs', '@duckdb/node-api'],
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildBench(process.argv.slice(2).length > 0 ? process.argv.slice(2) : ENTRIES);
}
