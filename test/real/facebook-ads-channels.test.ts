/**
 * Real data: ../shared/datasets/facebook-ads-conversion-kag (one row per Facebook ad of 3 campaigns:
 * Spent, Total_Conversion = enquiries, Approved_Conversion = purchases; no dates, see its README).
 * Each ad's enquiries become lead rows of its campaign (channel "Campaign <xyz_campaign_id>"), the
 * first Approved_Conversion of them won three days later; each ad's spend becomes one spend row of its
 * campaign for January 2024 (campaign = the ad, so no two rows overlap). The real pipeline (CLI in
 * process, and the Sheets refresh on the fakes) must give CPL = spend / enquiries and cost per sale =
 * spend / purchases per campaign, computed here straight from the CSV.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { run } from '../../src/cli/run';
import { runRefreshReports } from '../../src/sheets/app';
import { createFakeServices } from '../fakes/services';
import { readCsvRows } from '../helpers/datasets';

const rows = readCsvRows('facebook-ads-conversion-kag', 'KAG_conversion_data.csv');
const header = rows[0].map((h) => h.replace(/^\uFEFF/, ''));
const col = (name: string) => {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`column ${name} missing from KAG_conversion_data.csv`);
  return i;
};
const AD = col('ad_id');
const CAMPAIGN = col('xyz_campaign_id');
const SPENT = col('Spent');
const ENQUIRIES = col('Total_Conversion');
const APPROVED = col('Approved_Conversion');
const ads = rows.slice(1);

/** The independent computation: sums per campaign straight from the CSV. */
const expected = new Map<string, { spend: number; leads: number; won: number }>();
for (const a of ads) {
  const key = `Campaign ${a[CAMPAIGN]}`;
  const e = expected.get(key) ?? { spend: 0, leads: 0, won: 0 };
  e.spend += Number(a[SPENT]);
  e.leads += Number(a[ENQUIRIES]);
  e.won += Number(a[APPROVED]);
  expected.set(key, e);
}

const pad = (n: number) => String(n).padStart(2, '0');
const leadRows: string[][] = [['Lead ID', 'Created at', 'Channel', 'Won at']];
let n = 0;
for (const a of ads) {
  const approved = Number(a[APPROVED]);
  for (let j = 0; j < Number(a[ENQUIRIES]); j++) {
    const d = 1 + (n++ % 28);
    leadRows.push([`${a[AD]}-${j}`, `2024-01-${pad(d)} 10:00`, `Campaign ${a[CAMPAIGN]}`, j < approved ? `2024-01-${pad(d + 3)} 10:00` : '']);
  }
}
const spendRows: string[][] = [['Month', 'Channel', 'Campaign', 'Amount'], ...ads.map((a) => ['2024-01', `Campaign ${a[CAMPAIGN]}`, `ad ${a[AD]}`, a[SPENT]])];

function checkCampaigns(found: Map<string, { cpl: number; cps: number }>): void {
  expect([...found.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, e] of expected) {
    const f = found.get(key)!;
    expect(f.cpl).toBeCloseTo(e.spend / e.leads, 6);
    expect(f.cps).toBeCloseTo(e.spend / e.won, 6);
  }
}

test('the dataset is the one its README describes: 1,143 ads, 3 campaigns, 58,705.23 spent, 3,264 enquiries, 1,079 purchases', () => {
  expect(ads).toHaveLength(1143);
  const total = [...expected.values()].reduce((t, e) => ({ spend: t.spend + e.spend, leads: t.leads + e.leads, won: t.won + e.won }), { spend: 0, leads: 0, won: 0 });
  expect(Math.round(total.spend * 100) / 100).toBe(58705.23);
  expect([total.leads, total.won]).toEqual([3264, 1079]);
});

test('CLI: --spend with the real spend gives each campaign CPL = spend / enquiries and cost per sale = spend / purchases', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fb-ads-'));
  const csv = (r: string[][]) => r.map((x) => x.join(',')).join('\n');
  fs.writeFileSync(path.join(dir, 'leads.csv'), csv(leadRows));
  fs.writeFileSync(path.join(dir, 'spend.csv'), csv(spendRows));
  const err: string[] = [];
  const code = await run(['leads.csv', '--spend', 'spend.csv', '--as-of', '2024-06-30', '--grain', 'month', '--out', 'r.xlsx', '--json', 'r.json', '--quiet'], {
    stdout: { write: () => undefined },
    stderr: { isTTY: false, write: (s: string) => err.push(s) },
    env: {},
    cwd: dir,
  });
  expect(err.join('')).toBe('');
  expect(code).toBe(0);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')) as { channels: { rowsUsed: number; channels: { channel: string; total: { costPerStage: number[]; leads: number } }[] } };
  expect(json.channels.rowsUsed).toBe(1143);
  const found = new Map(json.channels.channels.map((c) => [c.channel, { cpl: c.total.costPerStage[0], cps: c.total.costPerStage[c.total.costPerStage.length - 1] }]));
  checkCampaigns(found);
});

test('Sheets refresh on the fakes: the Channels tab shows the same CPL and cost per sale per campaign', () => {
  const w = createFakeServices({ timeZone: 'UTC' });
  w.app.spreadsheet.addSheet('Leads', leadRows);
  w.app.spreadsheet.addSheet('Spend', spendRows);
  const out = runRefreshReports(w.services, { now: () => new Date('2024-06-30T12:00:00Z') });
  expect(out.kind).toBe('done');
  const tab = w.app.spreadsheet.sheet('Channels').peekValues();
  const head = tab.findIndex((r) => r[0] === 'Channel');
  const cplCol = tab[head].indexOf('CPL');
  const cpsCol = tab[head].indexOf('Cost per sale (CAC)');
  const found = new Map<string, { cpl: number; cps: number }>();
  for (const r of tab.slice(head + 1)) {
    if (typeof r[0] === 'string' && r[0].startsWith('Campaign ')) found.set(r[0], { cpl: Number(r[cplCol]), cps: Number(r[cpsCol]) });
  }
  checkCampaigns(found);
});
