/**
 * The settings mirror (settings-mirror.ts): every save also lands in the spreadsheet's developer
 * metadata (PROJECT visibility), and a scheduled run of an editor add-on, which opens the spreadsheet by
 * id and may get no document properties, still refreshes with the saved settings.
 */
import { runScheduledRefresh } from '../../src/sheets/scheduled-run';
import { MetadataProperties, MIRROR_PREFIX } from '../../src/sheets/settings-mirror';
import { CONFIG_KEY, LAST_REFRESH_KEY, LEADS_SHEET_KEY } from '../../src/sheets/settings-store';
import { sidebarServer } from '../../src/sheets/sidebar-api';
import { createFakeServices, type FakeWorld } from '../fakes/services';
import { FAKE_VISIBILITY, SPREADSHEET_METADATA_LIMIT_CHARS } from '../fakes/spreadsheet';
import { handMadeLeads, REPORT_NOW } from './helpers';

/** One stage, renamed, and months: nothing detection would guess from the header. */
const SETTINGS = { columns: { createdAt: 'Created at', id: 'Lead ID' }, stages: [{ name: 'Paid', column: 'Won at' }], grain: 'month', timeZone: 'Europe/Moscow' };

function setup(): FakeWorld {
  const w = createFakeServices({ timeZone: 'Europe/Moscow' });
  w.app.spreadsheet.addSheet('Leads', handMadeLeads());
  w.app.spreadsheet.addSheet('Notes', [['my notes']]);
  w.script.addon = true;
  return w;
}
const api = (w: FakeWorld) => sidebarServer(w.services, { now: () => REPORT_NOW });
const mirrored = (w: FakeWorld) => Object.fromEntries(w.app.spreadsheet.metadata.map((m) => [m.key, { value: m.value, visibility: m.visibility }]));

test('a save writes the settings and the leads sheet into the spreadsheet’s own metadata, project-visible; an unchanged save writes none', () => {
  const w = setup();
  expect(api(w).sidebarSaveSettings('Leads', SETTINGS).changed).toBe(true);
  const m = mirrored(w);
  expect(Object.keys(m).sort()).toEqual([MIRROR_PREFIX + CONFIG_KEY, MIRROR_PREFIX + LEADS_SHEET_KEY]);
  expect(m[MIRROR_PREFIX + LEADS_SHEET_KEY]).toEqual({ value: 'Leads', visibility: FAKE_VISIBILITY.PROJECT });
  // The same text as the document property (the validated settings with defaults filled in).
  expect(m[MIRROR_PREFIX + CONFIG_KEY].value).toBe(w.properties.document.store.get(CONFIG_KEY));
  expect(m[MIRROR_PREFIX + CONFIG_KEY].visibility).toBe(FAKE_VISIBILITY.PROJECT);
  // Not on any sheet: deleting or renaming sheets cannot take it away.
  for (const s of w.app.spreadsheet.sheets) expect(s.metadata).toEqual([]);

  w.resetCalls();
  expect(api(w).sidebarSaveSettings('Leads', SETTINGS).changed).toBe(false);
  expect(w.app.calls.count('Spreadsheet.addDeveloperMetadata') + w.app.calls.count('DeveloperMetadata.setValue')).toBe(0);

  // A change updates the entry in place (no second entry for one key).
  api(w).sidebarSaveSettings('Notes', { ...SETTINGS, grain: 'week' });
  expect(w.app.spreadsheet.metadata).toHaveLength(2);
  expect(mirrored(w)[MIRROR_PREFIX + LEADS_SHEET_KEY].value).toBe('Notes');
  expect(JSON.parse(mirrored(w)[MIRROR_PREFIX + CONFIG_KEY].value).grain).toBe('week');
});

test('a scheduled run with no document properties refreshes with the saved settings read from the metadata', () => {
  const w = setup();
  api(w).sidebarSaveSettings('Leads', SETTINGS);
  api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
  const trigger = w.script.triggers[0];
  // The add-on's time-driven run: no open document, and document properties are null.
  w.env.context = 'trigger';
  w.properties.documentAvailable = false;
  const out = runScheduledRefresh(w.script.eventFor(trigger, REPORT_NOW), w.services, { now: () => REPORT_NOW });
  w.env.context = 'editor';
  expect(out.kind).toBe('done');
  const v = w.app.spreadsheet.sheet('Cohorts').peekValues();
  // The saved settings, not detection: one stage "Paid" (Won at), monthly cohorts. By hand: 11 leads in
  // November; paid by 25 Nov: L1 (10 Nov), L5 (20 Nov), L6 (24 Nov) = 3.
  const header = v.find((r) => r[0] === 'Period') as unknown[];
  expect(header.filter((x) => x !== '')).toEqual(['Period', 'Leads', 'Paid', 'Lead→Paid', 'vs prev.']);
  const total = v.find((r) => r[0] === 'Total') as unknown[];
  expect([total[1], total[2]]).toEqual([11, 3]);
  expect(v.some((r) => typeof r[0] === 'string' && /^2026-11-01 – 2026-11-30$/.test(r[0]))).toBe(true);
  // Its last-run record went to the metadata too (the sidebar, with document properties, still has its own).
  const record = new MetadataProperties(w.app.spreadsheet, w.app).getProperties()[LAST_REFRESH_KEY];
  expect(JSON.parse(record).leads).toBe(11);
});

test('with neither document properties nor a mirror the run detects columns as before; metadata another script left is ignored', () => {
  const w = setup();
  w.properties.document.store.set(CONFIG_KEY, JSON.stringify(SETTINGS)); // saved before the mirror existed
  // Another script's document-visible entry with our key is not ours.
  w.app.spreadsheet.addDeveloperMetadata(MIRROR_PREFIX + CONFIG_KEY, JSON.stringify({ ...SETTINGS, stages: [{ name: 'Evil', column: 'Won at' }] }), FAKE_VISIBILITY.DOCUMENT);
  api(w).sidebarSetSchedule({ kind: 'daily', hour: 6 });
  w.env.context = 'trigger';
  w.properties.documentAvailable = false;
  const out = runScheduledRefresh(w.script.eventFor(w.script.triggers[0], REPORT_NOW), w.services, { now: () => REPORT_NOW });
  w.env.context = 'editor';
  expect(out.kind).toBe('done');
  const header = w.app.spreadsheet.sheet('Cohorts').peekValues().find((r) => r[0] === 'Period') as unknown[];
  expect(header).not.toContain('Evil');
  expect(header).not.toContain('Paid');
  expect(header).toContain('Contacted'); // detected from the header row
});

test('the fake keeps Sheets’ limit on a spreadsheet’s metadata; a mirror that does not fit never fails the save', () => {
  const w = setup();
  expect(() => w.app.spreadsheet.addDeveloperMetadata('big', 'x'.repeat(SPREADSHEET_METADATA_LIMIT_CHARS), FAKE_VISIBILITY.PROJECT)).toThrow(/exceeds/);
  expect(w.app.spreadsheet.metadata).toEqual([]);
  w.app.spreadsheet.addDeveloperMetadata('big', 'x'.repeat(SPREADSHEET_METADATA_LIMIT_CHARS - 100), FAKE_VISIBILITY.PROJECT);
  const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(api(w).sidebarSaveSettings('Leads', SETTINGS)).toEqual({ ok: true, changed: true, problems: [] });
  } finally {
    errors.mockRestore();
  }
  expect(w.properties.document.store.get(LEADS_SHEET_KEY)).toBe('Leads');
});
