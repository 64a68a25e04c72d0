/**
 * Leads-sheet detection (no leads sheet named in the settings) never takes a sheet the settings give to
 * another input (`spend.sheet`, `feedback.sheet`), nor a tab of ours (report tabs, the Feedback tab it
 * created), whatever their headers look like. On the fakes, through the whole refresh.
 */
import { runHeadlessRefresh } from '../../src/sheets/app';
import { uiStrings } from '../../src/sheets/i18n';
import { locateLeadsSheet } from '../../src/sheets/leads-reader';
import { SpreadsheetWorkbook } from '../../src/sheets/spreadsheet-workbook';
import { SettingsStore } from '../../src/sheets/settings-store';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import type { Stored } from '../fakes/spreadsheet';
import { handMadeLeads, REPORT_NOW } from './helpers';

const STAGES = [
  { name: 'Contacted', column: 'Contacted at' },
  { name: 'Qualified', column: 'Qualified at' },
  { name: 'Won', column: 'Won at' },
];
const COLUMNS = { id: 'Lead ID', createdAt: 'Created at', channel: 'Channel', manager: 'Manager' };

/**
 * A spend table whose header reads like leads to header detection: a lead-id-like column, a date, a
 * channel, a manager and stage-like dated columns; more of them than the leads sheet has.
 */
function leadLikeSpend(): Stored[][] {
  return [
    ['Lead ID', 'Created at', 'Channel', 'Manager', 'Contacted at', 'Qualified at', 'Proposal at', 'Won at', 'Amount'],
    ['S1', new Date('2026-11-02T10:00:00Z'), 'Google', 'Anna', new Date('2026-11-03T10:00:00Z'), new Date('2026-11-04T10:00:00Z'), new Date('2026-11-05T10:00:00Z'), new Date('2026-11-06T10:00:00Z'), 100],
    ['S2', new Date('2026-11-03T10:00:00Z'), 'Facebook', 'Ivan', new Date('2026-11-04T10:00:00Z'), '', '', '', 200],
  ];
}

function world(): FakeWorld {
  return createFakeServices({ timeZone: 'Europe/Moscow' });
}

function refreshed(w: FakeWorld): { leadsSheet: string; leads: number } {
  const out = runHeadlessRefresh(w.app.spreadsheet.id, w.services, { now: () => REPORT_NOW });
  if (out.kind !== 'done') throw new Error(JSON.stringify(out));
  return { leadsSheet: out.record.leadsSheet, leads: out.record.leads };
}

test('a sheet named by spend.sheet is never taken as the leads, even when its header scores higher', () => {
  const w = world();
  // The spend sheet comes first and maps more funnel columns than the leads sheet.
  w.app.spreadsheet.addSheet('Ad costs', leadLikeSpend());
  w.app.spreadsheet.addSheet('CRM export', handMadeLeads());
  expect(new SettingsStore(w.properties.document).saveConfig({ columns: COLUMNS, stages: STAGES, spend: { sheet: 'Ad costs' } }).ok).toBe(true);
  // 11 leads: handMadeLeads has L1…L11.
  expect(refreshed(w)).toEqual({ leadsSheet: 'CRM export', leads: 11 });
});

test('a sheet named by feedback.sheet is never taken as the leads; neither is the Feedback tab the refresh created', () => {
  const w = world();
  w.app.spreadsheet.addSheet('Sales notes', leadLikeSpend());
  w.app.spreadsheet.addSheet('CRM export', handMadeLeads());
  const store = new SettingsStore(w.properties.document);
  expect(store.saveConfig({ columns: COLUMNS, stages: STAGES, feedback: { sheet: 'Sales notes' } }).ok).toBe(true);
  expect(refreshed(w)).toEqual({ leadsSheet: 'CRM export', leads: 11 });

  // The Feedback tab created under another name, then the settings forget it: our tab is still not
  // leads, though its header (lead id, created, channel, manager, current stage) maps more funnel
  // columns than this narrow leads sheet's (id, created, won).
  const w2 = world();
  const narrow = handMadeLeads().map((r) => [r[0], r[1], r[6]]);
  w2.app.spreadsheet.addSheet('CRM export', narrow);
  const store2 = new SettingsStore(w2.properties.document);
  const wonOnly = { columns: { id: 'Lead ID', createdAt: 'Created at' }, stages: [{ name: 'Won', column: 'Won at' }] };
  expect(store2.saveConfig({ ...wonOnly, feedback: { sheet: 'Handed leads' } }).ok).toBe(true);
  expect(refreshed(w2).leadsSheet).toBe('CRM export');
  expect(w2.app.spreadsheet.sheet('Handed leads').peekValues().length).toBeGreaterThan(1);
  expect(store2.saveConfig(wonOnly).ok).toBe(true);
  const wb = new SpreadsheetWorkbook(w2.app, w2.app.spreadsheet);
  // Besides the report tabs: the leads and our Feedback tab. Only the leads is a candidate, taken as the only one.
  expect(locateLeadsSheet(wb, null, uiStrings('en'))).toEqual({ ok: true, sheet: 'CRM export', how: 'only' });
  expect(refreshed(w2)).toEqual({ leadsSheet: 'CRM export', leads: 11 });
});
