#!/usr/bin/env node
/**
 * Before/after identity of the Sheets refresh: the same scenarios run on the typed SpreadsheetApp
 * fakes (test/fakes) with the refresh code of a base checkout and of this one, each bundled from its
 * own tree, and every sheet compared: cell values, each cell's formats (number format, colours,
 * weight, style, alignment, wrap, note, link), frozen rows and columns, merges, column widths,
 * conditional-format gradients and charts; plus the refresh outcome and the stored last-run record.
 * Scenarios: "Set up example sheets" (the demo data with its saved settings), the hand-made leads of
 * test/sheets/helpers.ts (columns detected) in English and Russian, and the amoCRM export pasted as a
 * sheet (../shared/datasets/amocrm-export-sample/leads_test.csv, detected). The clock is fixed, so
 * the status line is part of the comparison.
 *
 *   node bench/sheets-identity.mjs [--base-ref main | --base-dir DIR]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

import { openBaseCheckout, shortRev } from './base-checkout.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AMO = path.resolve(ROOT, '../shared/datasets/amocrm-export-sample/leads_test.csv');
const require = createRequire(import.meta.url);

/** The scenario runner, compiled once per tree (its imports resolve inside that tree). */
const ENTRY = (tree) => `
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { runRefreshReports, runSetUpExampleSheets } from ${JSON.stringify(path.join(tree, 'src/sheets/app'))};
import { LAST_REFRESH_KEY } from ${JSON.stringify(path.join(tree, 'src/sheets/settings-store'))};
import { createFakeServices } from ${JSON.stringify(path.join(tree, 'test/fakes/services'))};
import { handMadeLeads, REPORT_NOW } from ${JSON.stringify(path.join(tree, 'test/sheets/helpers'))};

function snapshot(w, outcome) {
  const sheets = w.app.spreadsheet.sheets.map((s) => {
    const values = s.peekValues();
    return {
      name: s.name,
      values,
      formats: values.map((row, i) => row.map((_, j) => s.format(i + 1, j + 1))),
      frozen: [s.frozenRows, s.frozenCols],
      merges: s.merges,
      columnWidths: [...s.columnWidths.entries()],
      gradients: s.conditionalRules.map((r) => ({ gradient: r.gradient, ranges: r.ranges.map((g) => [g.row, g.col, g.numRows, g.numCols]) })),
      charts: s.charts.map((c) => c.spec),
    };
  });
  const record = JSON.parse(w.properties.document.store.get(LAST_REFRESH_KEY) ?? 'null');
  return { outcome, record, sheets };
}

export function scenarios(amoPath) {
  const opts = { now: () => REPORT_NOW, clock: () => 0 };
  const out = {};
  {
    const w = createFakeServices({ timeZone: 'Europe/Moscow' });
    w.app.spreadsheet.addSheet('Notes', [['x']]);
    out['example sheets'] = snapshot(w, runSetUpExampleSheets(w.services, opts));
  }
  for (const locale of ['en_US', 'ru_RU']) {
    const w = createFakeServices({ timeZone: 'Europe/Moscow', locale });
    w.app.spreadsheet.addSheet('Leads', handMadeLeads());
    runRefreshReports(w.services, opts);
    out['hand-made leads, twice, ' + locale] = snapshot(w, runRefreshReports(w.services, opts));
  }
  {
    const w = createFakeServices({ timeZone: 'Europe/Moscow', locale: 'ru_RU' });
    const rows = Papa.parse(readFileSync(amoPath, 'utf8'), { skipEmptyLines: true }).data;
    w.app.spreadsheet.addSheet('Лиды', rows);
    out['amoCRM export'] = snapshot(w, runRefreshReports(w.services, opts));
  }
  return out;
}
`;

function parseArgs(argv) {
  const o = { baseRef: 'main', baseDir: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--base-ref') o.baseRef = argv[++i];
    else if (argv[i] === '--base-dir') o.baseDir = path.resolve(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return o;
}

async function build(tree, tmp, name) {
  const entry = path.join(tmp, `${name}.ts`);
  fs.writeFileSync(entry, ENTRY(tree));
  const outfile = path.join(tmp, `${name}.cjs`);
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', nodePaths: [path.join(ROOT, 'node_modules')] });
  return require(outfile);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(AMO)) throw new Error(`Dataset file missing: ${AMO} (the shared datasets sit beside the repository)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'funnel-sheets-identity-'));
  let checkout = null;
  try {
    checkout = openBaseCheckout(ROOT, o, tmp);
    const baseDir = checkout.dir;
    const rev = shortRev;
    console.log(`base ${rev(baseDir)} vs this checkout ${rev(ROOT)}`);
    const base = (await build(baseDir, tmp, 'base')).scenarios(AMO);
    const head = (await build(ROOT, tmp, 'head')).scenarios(AMO);
    let failed = 0;
    for (const name of Object.keys(base)) {
      const a = JSON.stringify(base[name]);
      const b = JSON.stringify(head[name]);
      const cells = head[name].sheets.reduce((n, s) => n + s.values.reduce((m, r) => m + r.length, 0), 0);
      if (a === b) {
        console.log(`identical  ${name.padEnd(30)} ${head[name].outcome.kind}, sheets ${head[name].sheets.map((s) => s.name).join(', ')}; ${cells} cells`);
        continue;
      }
      failed++;
      let i = 0;
      while (a[i] === b[i]) i++;
      console.log(`DIFFERENT  ${name} at character ${i}:\n  base ${a.slice(Math.max(0, i - 80), i + 80)}\n  head ${b.slice(Math.max(0, i - 80), i + 80)}`);
    }
    console.log(failed === 0 ? 'OK: every sheet, format and record is identical.' : `${failed} scenario(s) differ.`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    checkout?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
