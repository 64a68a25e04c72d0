/**
 * Every `npx funnel-report …` / `npm start -- …` command in the README runs as written in a clone
 * (in-process here, from a directory holding the same relative paths), and the example export it
 * uses is the demo's sample data. `UPDATE_EXAMPLES=1 npx jest test/cli/readme` rewrites examples/leads.csv.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cliMessages } from '../../src/cli/messages';
import { sampleLeadRows } from '../../src/core/sample-data';
import { runCli } from './run-helper';

const ROOT = resolve(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Shell words of one command line: double and single quotes, backslash escapes; no expansion. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === "'") {
      const close = line.indexOf(c, i + 1);
      if (close < 0) throw new Error(`unbalanced quote in: ${line}`);
      cur += line.slice(i + 1, close);
      inWord = true;
      i = close;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Commands of the ```sh / ```bash blocks (continuation lines joined) and of inline `code` spans. */
function readmeCommands(): string[] {
  const out: string[] = [];
  for (const block of README.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)) {
    out.push(...block[1].replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== ''));
  }
  for (const span of README.matchAll(/`([^`\n]+)`/g)) out.push(span[1].trim());
  return out;
}

/** The CLI arguments of a command that runs funnel-report, or null for other commands. */
function cliArgs(command: string): string[] | null {
  const w = shellWords(command);
  if (w[0] === 'npx' && w[1] === 'funnel-report') return w.slice(2);
  if (w[0] === 'npm' && w[1] === 'start') return w[2] === '--' ? w.slice(3) : w.length === 2 ? [] : null;
  if (w[0] === 'node' && w[1] === 'bin/funnel-report.js') return w.slice(2);
  return null;
}

function sampleCsv(): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return sampleLeadRows({ today: '2026-11-22' }).map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

test('examples/leads.csv is the demo sample for 2026-11-22', () => {
  const file = join(ROOT, 'examples/leads.csv');
  if (process.env.UPDATE_EXAMPLES) writeFileSync(file, sampleCsv());
  expect(readFileSync(file, 'utf8')).toBe(sampleCsv());
});

test('no README command calls a bare `funnel-report` (not on the PATH of a clone)', () => {
  const bare = readmeCommands().filter((c) => /^funnel-report\s+\S/.test(c));
  expect(bare).toEqual([]);
  for (const m of [cliMessages('en'), cliMessages('ru')]) {
    expect(m.demoNote).toContain('npx funnel-report');
    expect(m.demoNote).not.toMatch(/(^|[^x] )funnel-report/);
  }
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin).toEqual({ 'funnel-report': 'bin/funnel-report.js' });
  expect(readFileSync(join(ROOT, 'bin/funnel-report.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
});

describe('README commands run as written', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'fr-readme-'));
    // the paths the commands name, at the same places as in the repository
    for (const rel of ['examples', 'test/fixtures/openpyxl-like.xlsx']) {
      mkdirSync(dirname(join(cwd, rel)), { recursive: true });
      cpSync(join(ROOT, rel), join(cwd, rel), { recursive: true });
    }
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const commands = readmeCommands()
    .filter((c) => !c.includes('…')) // a placeholder such as `npx funnel-report …`
    .map((c) => ({ c, args: cliArgs(c) }))
    .filter((x): x is { c: string; args: string[] } => x.args !== null);

  test('there are commands to run', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  test.each(commands.map((x) => [x.c, x.args] as const))('%s', async (_c, args) => {
    // Never the system clock: a fixed report date keeps the run deterministic where the command has none.
    const withDate = args.includes('--as-of') || args.includes('--help') ? args : [...args, '--as-of', '2026-11-22'];
    const r = await runCli(withDate, cwd);
    // Without --spend the Channels report is skipped with its one line (issue 9).
    expect(r.stderr.replace(/^funnel-report: (Channels: skipped, no Spend file|Каналы: пропущен, нет файла «Расходы»)\n/m, '')).toBe('');
    expect(r.code).toBe(0);
    const out = withDate[withDate.indexOf('--out') + 1];
    if (withDate.includes('--out')) expect(existsSync(join(cwd, out))).toBe(true);
  });
});
