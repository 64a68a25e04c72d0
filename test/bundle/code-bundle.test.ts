/**
 * Contract of dist/Code.js with Apps Script: loaded into a fresh vm context (no require, module,
 * process or Apps Script services, like a V8 script file), every export of entrypoints.ts must be a
 * top-level function with its JSDoc and parameter names, the file must be a plain script, and the
 * wrappers must compute the right numbers on Dates created inside that context (another realm).
 */
import ts from 'typescript';
import vm from 'vm';
import fs from 'fs';
import path from 'path';
import { SCHEDULE_HANDLER } from '../../src/sheets/schedule';
import { SIDEBAR_FUNCTIONS } from '../../src/sheets/sidebar-contract';
import { readDist, REPO, sourceExports } from './bundle-helpers';

const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'Session', 'PropertiesService', 'HtmlService', 'ScriptApp', 'LockService',
  'CacheService', 'Utilities', 'UrlFetchApp', 'Logger', 'DriveApp', 'Browser',
];

function load(context: vm.Context): void {
  vm.runInContext(readDist('Code.js'), context, { filename: 'Code.js' });
}

interface TopLevelFunction {
  params: string[];
  jsdoc: string;
}

function parseBundle(): { sf: ts.SourceFile; text: string; functions: Map<string, TopLevelFunction> } {
  const text = readDist('Code.js');
  const sf = ts.createSourceFile('Code.js', text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const functions = new Map<string, TopLevelFunction>();
  for (const stmt of sf.statements) {
    if (!ts.isFunctionDeclaration(stmt) || !stmt.name) continue;
    const docs = ts.getJSDocCommentsAndTags(stmt).filter(ts.isJSDoc);
    const doc = docs[docs.length - 1];
    functions.set(stmt.name.text, {
      params: stmt.parameters.map((p) => p.name.getText(sf)),
      jsdoc: doc ? text.slice(doc.getStart(sf), doc.getEnd()) : '',
    });
  }
  return { sf, text, functions };
}

describe('dist/Code.js as an Apps Script file', () => {
  const exportsOfSource = sourceExports();

  it('entrypoints.ts exports the two custom functions (so the checks below check something)', () => {
    const names = exportsOfSource.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['FUNNEL_CONVERSION', 'FUNNEL_COHORTS']));
  });

  it('loads in an empty context without touching any Apps Script service', () => {
    const empty = vm.createContext({});
    expect(() => load(empty)).not.toThrow();

    const touched: string[] = [];
    const watched = vm.createContext({});
    for (const name of APPS_SCRIPT_GLOBALS) {
      Object.defineProperty(watched, name, {
        get() {
          touched.push(name);
          return undefined;
        },
      });
    }
    load(watched);
    expect(touched).toEqual([]);
  });

  it('makes every export a top-level function of the global object', () => {
    const context = vm.createContext({});
    load(context);
    for (const { name } of exportsOfSource) {
      expect(`${name}: ${typeof context[name]}`).toBe(`${name}: function`);
    }
  });

  it('has a top-level function for every server function the sidebar calls, and the trigger handler', () => {
    const { functions } = parseBundle();
    for (const name of [...SIDEBAR_FUNCTIONS, SCHEDULE_HANDLER]) expect(`${name}: ${functions.has(name)}`).toBe(`${name}: true`);
    // Every call('…') in the sidebar's sources names one of them (the typecheck proves it too).
    const called = new Set<string>();
    const walk = (dir: string): void => {
      for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, f.name);
        if (f.isDirectory()) walk(p);
        else if (f.name.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bcall\('(\w+)'/g)) called.add(m[1]);
      }
    };
    walk(path.join(REPO, 'html'));
    expect(called.size).toBeGreaterThanOrEqual(6);
    for (const name of called) expect(`${name}: ${functions.has(name)}`).toBe(`${name}: true`);
  });

  it('keeps each export’s JSDoc verbatim and its parameter names on the top-level wrapper', () => {
    const { functions } = parseBundle();
    for (const exp of exportsOfSource) {
      const wrapper = functions.get(exp.name);
      expect(wrapper).toBeDefined();
      expect(wrapper?.params).toEqual(exp.params);
      expect(exp.jsdoc).not.toBe('');
      expect(wrapper?.jsdoc).toBe(exp.jsdoc);
    }
    const conversion = functions.get('FUNNEL_CONVERSION');
    expect(conversion?.params).toEqual(['leads', 'from_stage', 'to_stage', 'as_of']);
    for (const name of ['FUNNEL_CONVERSION', 'FUNNEL_COHORTS']) {
      const doc = functions.get(name)?.jsdoc ?? '';
      expect(doc).toContain('@customfunction');
      for (const p of functions.get(name)?.params ?? []) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p} `));
      expect(doc).toMatch(/@return /);
    }
  });

  it('is a plain script: no import/export, no require(), no Node globals', () => {
    const { sf, text } = parseBundle();
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isExportAssignment(node)) {
        found.push(node.getText(sf).slice(0, 60));
      }
      if (ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        found.push(`export modifier: ${node.getText(sf).slice(0, 60)}`);
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword) found.push('dynamic import()');
        if (ts.isIdentifier(callee) && (callee.text === 'require' || callee.text === '__require')) found.push(node.getText(sf).slice(0, 60));
      }
      if (ts.isMetaProperty(node)) found.push('import.meta');
      ts.forEachChild(node, visit);
    };
    visit(sf);
    expect(found).toEqual([]);
    expect(text).not.toMatch(/\bprocess\.|\b__dirname\b|\b__filename\b|\bBuffer\.|\bmodule\.exports\b/);
  });

  it('answers through the wrappers on Dates made inside the context (another realm)', () => {
    const context = vm.createContext({});
    load(context);
    // Sheets in Moscow: the wrappers read the zone from SpreadsheetApp at call time.
    context.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => 'Europe/Moscow' }) };
    const result = vm.runInContext(
      `
      // Local Moscow time (UTC+3) as instants, as Sheets passes date cells.
      var msk = function (m, d, h) { return new Date(Date.UTC(2024, m - 1, d, (h === undefined ? 12 : h) - 3)); };
      var rows = [
        ['Created', 'Target', 'Qualified', 'Won'],
        [msk(9, 2), msk(9, 3), msk(9, 5), msk(9, 10)],
        [msk(9, 3), msk(9, 4), '', msk(9, 20)],
        [msk(9, 9), msk(9, 10), msk(9, 12), msk(9, 27, 0)],
        [msk(9, 10), '', '', ''],
      ];
      var cohorts = FUNNEL_COHORTS(rows, 'week', msk(9, 26, 0));
      ({
        leadToTarget: FUNNEL_CONVERSION(rows, 'Lead', 'Target', '2024-09-26'),
        qualifiedToWon: FUNNEL_CONVERSION(rows, 'qualified', 'WON', msk(9, 26, 0)),
        qualifiedToWonLater: FUNNEL_CONVERSION(rows, 'Qualified', 'Won', '2024-09-27'),
        header: cohorts[0],
        starts: cohorts.slice(1).map(function (r) { return Object.prototype.toString.call(r[0]) + ' ' + r[0].getTime(); }),
        counts: cohorts.slice(1).map(function (r) { return r.slice(1); }),
      });
      `,
      context,
    ) as {
      leadToTarget: number;
      qualifiedToWon: number;
      qualifiedToWonLater: number;
      header: string[];
      starts: string[];
      counts: (number | string)[][];
    };
    // Target: leads 1–3 of 4. Qualified: 1, 2 (won, skipped Qualified), 3. Won by 26 Sep: 1, 2;
    // lead 3 was won at 00:00 on 27 Sep Moscow time (26 Sep 21:00 UTC), so only from 27 Sep on.
    expect(result.leadToTarget).toBeCloseTo(3 / 4, 12);
    expect(result.qualifiedToWon).toBeCloseTo(2 / 3, 12);
    expect(result.qualifiedToWonLater).toBeCloseTo(3 / 3, 12);
    expect(Array.from(result.header)).toEqual(['Period start', 'Leads', 'Target', 'Qualified', 'Won', 'Overall conversion']);
    // Mondays 2 and 9 Sep 2024, 00:00 Moscow = 1 and 8 Sep 21:00 UTC.
    expect(Array.from(result.starts)).toEqual([
      `[object Date] ${Date.UTC(2024, 8, 1, 21)}`,
      `[object Date] ${Date.UTC(2024, 8, 8, 21)}`,
    ]);
    expect(result.counts.map((r) => Array.from(r))).toEqual([
      [2, 2, 2, 2, 1],
      [2, 1, 1, 0, 0],
    ]);
  });

  it('reports bad arguments from inside the bundle with the bilingual message', () => {
    const context = vm.createContext({});
    load(context);
    const message = vm.runInContext(
      `try { FUNNEL_COHORTS([['Created', 'Won'], [new Date(), new Date()]], 'fortnight'); 'no error' } catch (e) { e.message }`,
      context,
    ) as string;
    expect(message).toContain('FUNNEL_COHORTS: grain "fortnight" is not known');
    expect(message).toContain('"неделя", "месяц" или "квартал"');
  });
});
