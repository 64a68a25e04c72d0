/** The demo spend: examples/spend.csv is the sample for the demo's report date, and it reads cleanly. */
import fs from 'fs';
import path from 'path';
import Papa from 'papaparse';
import { parseConfig } from '../../../src/core/config';
import { SAMPLE_CONFIG, sampleLeadRows } from '../../../src/core/sample-data';
import { readSpend } from '../../../src/core/spend';
import { SAMPLE_SPEND_CONFIG, sampleSpendRows } from '../../../src/core/spend/sample';
import { prepareRun } from '../../../src/core/engine';
import { channelsReport } from '../../../src/report/channels-report';

test('examples/spend.csv holds the sample spend for 2026-11-22 (the date examples/leads.csv ends on)', () => {
  const text = fs.readFileSync(path.join(__dirname, '../../../examples/spend.csv'), 'utf8');
  const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  expect(rows).toEqual(sampleSpendRows({ today: '2026-11-22' }));
});

test('the sample spend with the demo settings: only the total row and the partner channel are issues; paid channels match the sample leads', () => {
  const res = parseConfig({ ...SAMPLE_CONFIG, spend: SAMPLE_SPEND_CONFIG });
  if (!res.ok) throw new Error(res.errors.join('; '));
  const spend = sampleSpendRows({ today: '2026-11-22' });
  const t = readSpend('Spend', spend, res.config);
  expect(t.issues.map((i) => [i.row, i.code])).toEqual([[spend.length, 'spend.totalRow']]);
  const prepared = prepareRun(sampleLeadRows({ today: '2026-11-22' }), { config: res.config, sheet: 'Leads', sourceName: 'sample', asOf: '2026-11-22', inputs: { spend: { sheet: 'Spend', rows: spend } } });
  if (!prepared.ok) throw new Error(prepared.error);
  const report = channelsReport.compute(prepared.run);
  expect(report.channels.filter((c) => c.hasSpend && c.inLeads).map((c) => c.channel).sort()).toEqual(['Events', 'Facebook', 'Google Ads', 'Yandex Direct']);
  expect(report.unmatchedSpend.map((u) => u.channel)).toEqual(['Partners']);
  expect(report.leadsWithoutSpend.filter((l) => l.organic).map((l) => l.channel)).toEqual(['Organic']);
});
