/**
 * The sidebar's model (html/model.ts): what "Save settings" sends. Settings keys the sidebar has no
 * section for (later features' `sla`, `spend`, `feedback`) go back unchanged; the shape not chosen and
 * the slices left out are dropped.
 */
import { draftFrom, localProblems, settingsToSave } from '../../html/model';
import type { SidebarState } from '../../src/sheets/sidebar-contract';

function state(settings: SidebarState['settings']): SidebarState {
  return {
    locale: 'en',
    feedback: { verdicts: [], defaults: { reasons: ['Price'], acceptedVerdicts: ['accepted'], staleDays: 14, noFeedbackDays: 7 } },
    timeZone: 'UTC',
    today: '2026-11-25',
    sheets: ['Leads'],
    leadsSheet: 'Leads',
    columns: null,
    settings,
    settingsSource: 'saved',
    problems: [],
    lastRun: null,
    schedule: null,
    issuesTab: null,
  };
}

test('keys without a section survive a save unchanged', () => {
  const sla = { rules: [{ name: 'First contact', from: 'created', to: 'Contacted', limit: '4h' }] };
  const d = draftFrom(state({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }], sla, spend: { currency: 'RUB' } }));
  const out = settingsToSave(d);
  expect(out.sla).toEqual(sla);
  expect(out.spend).toEqual({ currency: 'RUB' });
});

test('slices left out and empty roles are not saved; the report date is not a setting', () => {
  const d = draftFrom(state({ columns: { createdAt: 'Created', channel: 'Source', manager: '' }, stages: [{ name: 'Won', column: 'Won at' }] }));
  d.sliceOff.channel = true;
  const out = settingsToSave(d);
  expect(out.columns).toEqual({ createdAt: 'Created' });
  expect(d.reportDate).toBe('2026-11-25');
  expect('reportDate' in out).toBe(false);
  // The sidebar keeps the mapping for when the slice is ticked again.
  expect((d.config.columns as Record<string, string>).channel).toBe('Source');
});

test('the shape not chosen is dropped: stage columns in the current-stage shape, currentStage in the other', () => {
  const settings = {
    columns: { createdAt: 'Created' },
    stages: [{ name: 'Won', column: 'Won at' }],
    currentStage: { column: 'Status', values: { Won: 'Won' } },
  };
  const d = draftFrom(state(settings));
  expect(d.mode).toBe('current');
  expect(settingsToSave(d).stages).toEqual([{ name: 'Won' }]);
  d.mode = 'timestamps';
  const out = settingsToSave(d);
  expect(out.stages).toEqual([{ name: 'Won', column: 'Won at' }]);
  expect('currentStage' in out).toBe(false);
});

test('rates and aliases are edited as rows and saved as objects; blank rows dropped; no spend, sla or feedback key invented', () => {
  const d = draftFrom(state({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }] }));
  expect(settingsToSave(d)).toEqual({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won', column: 'Won at' }] });
  d.rates.push({ code: 'USD', rate: '92,5' }, { code: '', rate: '' });
  d.aliases.push({ from: ' FB ', to: 'Facebook' }, { from: '', to: '' });
  d.config.sla = { rules: [] };
  d.config.feedback = {};
  const out = settingsToSave(d);
  expect(out.spend).toEqual({ rates: { USD: 92.5 }, aliases: { FB: 'Facebook' } });
  expect('sla' in out).toBe(false);
  expect('feedback' in out).toBe(false);
});

test('a rate text that is no number goes as typed (the engine names it); a repeated currency or spend channel is refused on the later row', () => {
  const d = draftFrom(state({ columns: { createdAt: 'Created' }, stages: [{ name: 'Won' }], spend: { rates: { USD: 90 }, aliases: { FB: 'Facebook' } } }));
  expect(d.rates).toEqual([{ code: 'USD', rate: '90' }]);
  d.rates.push({ code: 'usd', rate: 'ninety' });
  d.aliases.push({ from: 'FB', to: 'Meta' });
  expect(localProblems(d, 'twice')).toEqual([
    { path: 'spend.rates.usd#1', message: 'twice' },
    { path: 'spend.aliases["FB"]#1', message: 'twice' },
  ]);
  d.rates[1].code = 'EUR';
  expect((settingsToSave(d).spend as { rates: unknown }).rates).toEqual({ USD: 90, EUR: 'ninety' });
});
