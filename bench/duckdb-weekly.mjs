/**
 * The reference for the CLI: DuckDB computes the same weekly reached counts from the same CSV.
 *   node bench/duckdb-weekly.mjs <leads.csv> <asOf YYYY-MM-DD> <out.json>
 * Run as its own process so its wall clock (node start, loading DuckDB, reading the CSV, the query,
 * writing JSON) is measured exactly like the CLI's. Writes
 *   { cohorts: [{ start, leads, reached: {Stage: n} }], queryMs, totalMs }
 * Rule (DESIGN.md, Definitions): reached stage k = a timestamp at stage k or any later stage on or
 * before the end of the report day; leads created after it are not counted; weeks are ISO (Monday).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';

const started = performance.now();
const [csv, asOf, out] = process.argv.slice(2);
if (!csv || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '') || !out) {
  console.error('usage: node bench/duckdb-weekly.mjs <leads.csv> <YYYY-MM-DD> <out.json>');
  process.exit(2);
}

const STAGES = [
  ['Contacted', 'Contacted at'],
  ['Qualified', 'Qualified at'],
  ['Accepted', 'Accepted at'],
  ['Proposal', 'Proposal at'],
  ['Won', 'Won at'],
];

const quoteIdent = (s) => `"${s.replaceAll('"', '""')}"`;
const quoteStr = (s) => `'${s.replaceAll("'", "''")}'`;

// Highest step reached by the bound: the last stage with a timestamp on or before it.
const bound = `TIMESTAMP ${quoteStr(`${asOf} 23:59:59.999`)}`;
const topCase = `CASE ${STAGES.map(([, col], i) => `WHEN ${quoteIdent(col)} <= ${bound} THEN ${i + 1}`).reverse().join(' ')} ELSE 0 END`;
const types = Object.fromEntries([['Created at', 'TIMESTAMP'], ...STAGES.map(([, col]) => [col, 'TIMESTAMP'])]);
const typesSql = `{${Object.entries(types).map(([k, v]) => `${quoteStr(k)}: ${quoteStr(v)}`).join(', ')}}`;

const sql = `
WITH leads AS (
  SELECT date_trunc('week', ${quoteIdent('Created at')}) AS week, ${topCase} AS top
  FROM read_csv(${quoteStr(csv)}, header = true, types = ${typesSql}, timestampformat = '%Y-%m-%d %H:%M:%S')
  WHERE ${quoteIdent('Created at')} <= ${bound}
)
SELECT strftime(week, '%Y-%m-%d') AS start, count(*) AS leads,
  ${STAGES.map((_, i) => `count(*) FILTER (WHERE top >= ${i + 1}) AS r${i + 1}`).join(',\n  ')}
FROM leads GROUP BY week ORDER BY week`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const queryStarted = performance.now();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowObjectsJS();
const queryMs = performance.now() - queryStarted;
const cohorts = rows.map((r) => ({
  start: r.start,
  leads: Number(r.leads),
  reached: Object.fromEntries(STAGES.map(([name], i) => [name, Number(r[`r${i + 1}`])])),
}));
connection.closeSync();
instance.closeSync();
fs.writeFileSync(out, JSON.stringify({ cohorts, queryMs, totalMs: performance.now() - started, threads: null }));
