/**
 * Writes the synthetic leads as CSV: `node build/bench/write-csv.js <out.csv> <count> [seed]`; prints
 * {path, rows, bytes, ms, config} where config is the matching funnel config JSON (for --config).
 * Lines are joined into ~4 MB chunks so the write stream sees few, large writes.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { BENCH_CONFIG_JSON, csvLines } from './synthetic';

async function main(): Promise<void> {
  const [out, countArg, seedArg] = process.argv.slice(2);
  if (!out || !countArg) throw new Error('usage: write-csv <out.csv> <count> [seed]');
  const count = Number(countArg);
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  const started = performance.now();
  const stream = fs.createWriteStream(out);
  let chunk: string[] = [];
  let size = 0;
  let bytes = 0;
  for (const line of csvLines({ count, seed })) {
    chunk.push(line);
    size += line.length + 1;
    if (size > 4_000_000) {
      const text = chunk.join('\n') + '\n';
      bytes += text.length;
      if (!stream.write(text)) await once(stream, 'drain');
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) {
    const text = chunk.join('\n') + '\n';
    bytes += text.length;
    stream.write(text);
  }
  stream.end();
  await once(stream, 'finish');
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ path: out, rows: count, bytes, ms, config: BENCH_CONFIG_JSON }) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
