#!/usr/bin/env node
/**
 * Before/after identity of every output: runs the CLI of two checkouts (this one and a base: a git
 * ref checked out as a temporary worktree, or a directory) on the same inputs and compares
 *   - the `--json` text, byte for byte, with the `"generatedAt"` line left out (the run's instant);
 *   - the XLSX, part by part (every XML part of the zip: sheets with their cell values, number formats
 *     and styles, comments/notes, merges, frozen panes, column widths, conditional formats), byte for
 *     byte, with docProps/core.xml left out (it holds the file's creation time).
 * Inputs: the demo (no input file) in English, in Russian, by month and with a filter; examples/leads.csv
 * with examples/funnel.json; the Olist marketing funnel (../shared/datasets/olist-marketing-funnel, MQLs
 * joined with their won date as in test/real/olist.test.ts) at three report dates; the amoCRM export
 * (../shared/datasets/amocrm-export-sample/leads_test.csv, columns detected) in English and Russian.
 *
 *   node bench/identity.mjs [--base-ref main | --base-dir DIR] [--keep]
 *
 * Exit 0 when every output is identical, 1 otherwise (each difference is printed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import Papa from 'papaparse';

import { openBaseCheckout, shortRev } from './base-checkout.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATASETS = path.resolve(ROOT, '../shared/datasets');

function parseArgs(argv) {
  const o = { baseRef: 'main', baseDir: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base-ref') o.baseRef = argv[++i];
    else if (argv[i] === '--base-dir') o.baseDir = path.resolve(argv[++i]);
    else if (argv[i] === '--keep') o.keep = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function dataset(...parts) {
  const file = path.join(DATASETS, ...parts);
  if (!fs.existsSync(file)) throw new Error(`Dataset file missing: ${file} (the shared datasets sit beside the repository)`);
  return file;
}

function readCsv(file) {
  return Papa.parse(fs.readFileSync(file, 'utf8'), { header: false, skipEmptyLines: true }).data;
}

/** The Olist MQLs with their won date joined in (as test/real/olist.test.ts) and its config. */
function writeOlist(dir) {
  const mqls = readCsv(dataset('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv'));
  const deals = readCsv(dataset('olist-marketing-funnel', 'olist_closed_deals_dataset.csv'));
  const col = (h, n) => h.indexOf(n);
  const won = new Map(deals.slice(1).map((d) => [d[col(deals[0], 'mql_id')], d[col(deals[0], 'won_date')]]));
  const rows = [
    ['mql_id', 'first_contact_date', 'origin', 'won_date'],
    ...mqls.slice(1).map((m) => {
      const id = m[col(mqls[0], 'mql_id')];
      return [id, m[col(mqls[0], 'first_contact_date')], m[col(mqls[0], 'origin')], won.get(id) ?? ''];
    }),
  ];
  fs.writeFileSync(path.join(dir, 'olist.csv'), Papa.unparse(rows));
  fs.writeFileSync(path.join(dir, 'olist.json'), JSON.stringify({
    columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin' },
    stages: [{ name: 'Won', column: 'won_date' }],
    grain: 'week', weekStartsOn: 1, timeZone: 'America/Sao_Paulo',
  }));
}

function cases(dir) {
  const examples = path.join(ROOT, 'examples');
  const amo = dataset('amocrm-export-sample', 'leads_test.csv');
  return [
    { name: 'demo-en', args: ['--as-of', '2026-11-22'] },
    { name: 'demo-ru', args: ['--as-of', '2026-11-22', '--lang', 'ru'] },
    { name: 'demo-month', args: ['--as-of', '2026-11-22', '--grain', 'month'] },
    { name: 'demo-filter', args: ['--as-of', '2026-11-22', '--filter', 'channel=Google Ads'] },
    { name: 'examples-config', args: [path.join(examples, 'leads.csv'), '--config', path.join(examples, 'funnel.json'), '--as-of', '2026-11-22'] },
    ...['2018-03-31', '2018-06-30', '2019-01-01'].map((asOf) => ({
      name: `olist-${asOf}`, args: [path.join(dir, 'olist.csv'), '--config', path.join(dir, 'olist.json'), '--as-of', asOf],
    })),
    { name: 'amocrm-en', args: [amo, '--as-of', '2024-06-30', '--lang', 'en'] },
    { name: 'amocrm-ru', args: [amo, '--as-of', '2024-06-30', '--lang', 'ru'] },
    { name: 'amocrm-today', args: [amo, '--as-of', '2026-11-22', '--grain', 'month', '--lang', 'ru'] },
  ];
}

async function xlsxParts(file) {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = new Map();
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir || name === 'docProps/core.xml') continue;
    parts.set(name, await zip.files[name].async('string'));
  }
  return parts;
}

function jsonWithoutInstant(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => !/^ {2}"generatedAt": /.test(l)).join('\n');
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))} vs ${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}`;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-identity-'));
  let checkout = null;
  try {
    checkout = openBaseCheckout(ROOT, o, tmp);
    const baseDir = checkout.dir;
    const base = shortRev(baseDir);
    const head = shortRev(ROOT);
    const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no'], ROOT).stdout.trim() !== '';
    console.log(`base ${base} (${baseDir}) vs this checkout ${head}${dirty ? ' + uncommitted changes' : ''}`);
    for (const d of [baseDir, ROOT]) sh('node', ['scripts/build-cli.mjs'], d);
    writeOlist(tmp);
    let failed = 0;
    for (const c of cases(tmp)) {
      const out = {};
      for (const [side, d] of [['base', baseDir], ['head', ROOT]]) {
        const xlsx = path.join(tmp, `${c.name}.${side}.xlsx`);
        const json = path.join(tmp, `${c.name}.${side}.json`);
        sh('node', [path.join(d, 'build/cli/funnel-report.js'), ...c.args, '--out', xlsx, '--json', json, '--quiet'], tmp);
        out[side] = { json: jsonWithoutInstant(json), parts: await xlsxParts(xlsx) };
      }
      const problems = [];
      if (out.base.json !== out.head.json) problems.push(`--json differs ${firstDifference(out.base.json, out.head.json)}`);
      const names = new Set([...out.base.parts.keys(), ...out.head.parts.keys()]);
      for (const n of [...names].sort()) {
        const a = out.base.parts.get(n);
        const b = out.head.parts.get(n);
        if (a === undefined || b === undefined) problems.push(`XLSX part ${n} only in ${a === undefined ? 'head' : 'base'}`);
        else if (a !== b) problems.push(`XLSX part ${n} differs ${firstDifference(a, b)}`);
      }
      const sheets = [...out.head.parts.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length;
      const leads = JSON.parse(out.head.json.replace(/,\n(\s*[}\]])/g, '\n$1')).source.leads;
      if (problems.length === 0) console.log(`identical  ${c.name.padEnd(18)} ${String(leads).padStart(5)} leads, --json ${out.head.json.length} chars, XLSX ${out.head.parts.size} parts (${sheets} sheets)`);
      else {
        failed++;
        console.log(`DIFFERENT  ${c.name}\n  ${problems.join('\n  ')}`);
      }
    }
    console.log(failed === 0 ? 'OK: every output is identical.' : `${failed} case(s) differ.`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    checkout?.close();
    if (o.keep) console.log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
