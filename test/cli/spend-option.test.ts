/** The CLI's --spend FILE and the demo's Channels tab, in process. */
import ExcelJS from 'exceljs';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { run } from '../../src/cli/run';

const EXAMPLES = path.resolve(__dirname, '../../examples');
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spend-cli-'));
});

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await run(args, { stdout: { write: () => undefined }, stderr: { isTTY: false, write: (s: string) => err.push(s) }, env: {}, cwd: dir });
  return { code, err: err.join('') };
}

test('the demo (no input) includes the Channels tab from the sample spend', async () => {
  const out = path.join(dir, 'demo.xlsx');
  const r = await cli(['--as-of', '2026-11-22', '--out', out, '--quiet']);
  expect(r).toEqual({ code: 0, err: '' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Cohorts', 'Conversions', 'Channels', 'SLA', 'Data issues']);
  const channels = wb.getWorksheet('Channels')!;
  const firstColumn = (channels.getColumn(1).values as unknown[]).map(String);
  for (const name of ['Google Ads', 'Yandex Direct', 'Facebook', 'Events', 'Partners', 'Organic']) expect(firstColumn).toContain(name);
});

test('examples/leads.csv with --spend examples/spend.csv and the examples config: a channels block in --json; the spend file\'s issues name it', async () => {
  const json = path.join(dir, 'r.json');
  const r = await cli([path.join(EXAMPLES, 'leads.csv'), '--config', path.join(EXAMPLES, 'funnel.json'), '--spend', path.join(EXAMPLES, 'spend.csv'), '--as-of', '2026-11-22', '--out', path.join(dir, 'r.xlsx'), '--json', json, '--quiet']);
  expect(r).toEqual({ code: 0, err: '' });
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as { channels: { currency: string; channels: { channel: string }[] }; dataIssues: { sheet: string; code: string }[] };
  expect(report.channels.currency).toBe('RUB');
  expect(report.channels.channels[0].channel).toBe('Google Ads'); // the largest spend
  expect(report.dataIssues.filter((i) => i.sheet === 'spend').map((i) => i.code).sort()).toEqual(['spend.totalRow', 'spend.unmatched']);
});

test('a --spend file that does not exist: exit 2 with a message naming it', async () => {
  const r = await cli([path.join(EXAMPLES, 'leads.csv'), '--spend', 'nope.csv', '--out', path.join(dir, 'x.xlsx'), '--quiet']);
  expect(r.code).toBe(2);
  expect(r.err).toContain('nope.csv');
});
