/**
 * Each layer compiles with its own settings (tsconfig.<layer>.json): a probe file placed in the layer's
 * folder may use only the globals of the layer's platform. The probe is compiled in memory with the
 * layer's options, so this checks the settings themselves, not just today's code.
 */
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

const PROBES = {
  node: 'export const node = Buffer.from("x");',
  appsScript: 'export const appsScript = SpreadsheetApp.getActiveSpreadsheet();',
  dom: 'export const dom = document.title;',
} as const;
type Platform = keyof typeof PROBES;

const LAYERS: { config: string; folder: string; allowed: Platform[] }[] = [
  { config: 'tsconfig.core.json', folder: 'src/core', allowed: [] },
  { config: 'tsconfig.report.json', folder: 'src/report', allowed: [] },
  { config: 'tsconfig.sheets.json', folder: 'src/sheets', allowed: ['appsScript'] },
  { config: 'tsconfig.cli.json', folder: 'src/cli', allowed: ['node'] },
  { config: 'tsconfig.html.json', folder: 'html', allowed: ['dom'] },
];

function compilerOptions(config: string): ts.CompilerOptions {
  const file = path.join(ROOT, config);
  const read = ts.readConfigFile(file, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  return parsed.options;
}

/** Messages of the errors the compiler reports for `source` as a file of `folder`. */
function probeErrors(options: ts.CompilerOptions, folder: string, source: string): string[] {
  const probe = path.join(ROOT, folder, 'layer-probe.ts');
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, target, ...rest) =>
    path.resolve(name) === probe ? ts.createSourceFile(name, source, target) : getSourceFile(name, target, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === probe || fileExists(name);
  const program = ts.createProgram([probe], options, host);
  const file = program.getSourceFile(probe);
  return [...program.getSemanticDiagnostics(file), ...program.getSyntacticDiagnostics(file)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe.each(LAYERS)('$config', ({ config, folder, allowed }) => {
  const options = compilerOptions(config);
  it.each(Object.keys(PROBES) as Platform[])(`%s globals in ${folder}`, (platform) => {
    const errors = probeErrors(options, folder, PROBES[platform]);
    if (allowed.includes(platform)) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(/^Cannot find name '(Buffer|SpreadsheetApp|document)'/)]);
  });
});
