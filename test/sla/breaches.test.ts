/**
 * Breach classification at an instant, hand-computed. Rule "First contact": created → Contacted within
 * 4 h of working time (Mon–Fri 09:00–18:00 UTC); rule "Qualify": Contacted → Qualified within 1 d of
 * calendar time. The instant is Monday 2026-11-30 15:15 UTC (2026-11-27 is a Friday).
 */
import { parseConfig } from '../../src/core/config';
import { prepareRun } from '../../src/core/engine';
import { computeSla } from '../../src/core/sla/sla';
import { HOUR_MS, MINUTE_MS, DAY_MS, durationWords } from '../../src/core/sla/duration';

const header = ['Lead ID', 'Created', 'Manager', 'Channel', 'Contacted', 'Qualified', 'Won', 'Lost'];
const rows = [
  header,
  ['L1', '2026-11-27 18:30', 'Anna', 'Ads', '', '', '', ''], // open: due Mon 13:00, 2 h 15 min overdue
  ['L2', '2026-11-30 09:00', 'Boris', 'Ads', '2026-11-30 12:00', '', '', ''], // on time (due 13:00), 3 h
  ['L3', '2026-11-26 16:00', 'Anna', 'SEO', '2026-11-27 12:30', '2026-11-30 14:00', '', ''], // due Fri 11:00: late by 1 h 30 min
  ['L4', '2026-11-30 14:00', 'Boris', 'SEO', '', '', '', ''], // pending: due 18:00
  ['L5', '2026-11-26 16:00', 'Anna', 'Ads', '', '', '', '2026-11-26 17:00'], // lost before the deadline: n/a
  ['L6', '2026-11-26 16:00', 'Boris', 'Ads', '', '2026-11-27 10:00', '', ''], // contact implied by Qualified: unknown time, n/a
  ['L7', '2026-11-25 10:00', 'Anna', 'Ads', '', '', '', '2026-11-27 10:00'], // due Wed 14:00, lost after it: closed late
  ['L8', '2026-11-30 10:00', 'Boris', 'Ads', '2026-11-30 09:30', '', '', ''], // contacted before created: n/a (data issue)
  ['L9', '2026-11-30 16:00', 'Anna', 'Ads', '', '', '', ''], // created after the instant: not counted
  ['L10', '2026-11-30 09:30', 'Boris', 'SEO', '2026-11-30 15:30', '', '', ''], // contact after the instant: open, 1 h 45 min
];

function config(extra: Record<string, unknown> = {}) {
  const res = parseConfig({
    columns: { id: 'Lead ID', createdAt: 'Created', manager: 'Manager', channel: 'Channel', lostAt: 'Lost' },
    stages: [
      { name: 'Contacted', column: 'Contacted' },
      { name: 'Qualified', column: 'Qualified' },
      { name: 'Won', column: 'Won' },
    ],
    sla: {
      rules: [
        { name: 'First contact', from: 'created', to: 'Contacted', limit: '4h', calendar: { days: [1, 2, 3, 4, 5], hours: [['09:00', '18:00']] } },
        { name: 'Qualify', from: 'Contacted', to: 'Qualified', limit: '1d' },
      ],
    },
    ...extra,
  });
  if (!res.ok) throw new Error(res.errors.join('; '));
  return res.config;
}

function sla(now: string, asOf = '2026-11-30') {
  const prepared = prepareRun(rows, { config: config(), sheet: 'Leads', sourceName: 't', asOf, now: new Date(now) });
  if (!prepared.ok) throw new Error(prepared.error);
  const run = prepared.run;
  return { run, model: computeSla(run.data, run.config, { asOf: run.asOf, now: run.now, facts: run.facts, maturityDays: run.maturityDays }) };
}

describe('classification at Monday 15:15', () => {
  const { model, run } = sla('2026-11-30T15:15:00Z');
  const first = model.rules[0];

  test('First contact: 1 on time, 2 closed late, 2 open, 1 pending, 3 not applicable; 20% on time', () => {
    expect(first.counts).toEqual({ onTime: 1, closedLate: 2, open: 2, pending: 1, notApplicable: 3 });
    expect(first.summary.onTimeRate).toBeCloseTo(1 / 5, 12);
    // Responses of leads that reached Contacted: L2 3 h, L3 5 h 30 min of working time (Thu 16–18, Fri 9–12:30).
    expect(first.summary.medianResponseHours).toBeCloseTo((3 + 5.5) / 2, 12);
  });

  test('open breaches, oldest deadline first, with overdue working time', () => {
    const open = model.openBreaches.filter((b) => b.rule === 'First contact');
    expect(open.map((b) => [b.leadId, b.owner, b.channel, new Date(b.dueAt).toISOString(), b.overdueMs])).toEqual([
      ['L1', 'Anna', 'Ads', '2026-11-30T13:00:00.000Z', 2 * HOUR_MS + 15 * MINUTE_MS],
      ['L10', 'Boris', 'SEO', '2026-11-30T13:30:00.000Z', HOUR_MS + 45 * MINUTE_MS],
    ]);
    expect(durationWords(open[0].overdueMs, 'en')).toBe('2 h 15 min');
  });

  test('Qualify (calendar time): L3 late by 1 d 1 h 30 min, L2 pending, the rest not applicable', () => {
    const q = model.rules[1];
    // Judged: L3 (late). Pending: L2 (due Tue 12:00) and L8 (contacted Mon 09:30, due Tue 09:30).
    // Not applicable: L1, L4, L5, L7 (never contacted), L6 (contact implied), L10 (contacted after the instant).
    expect(q.counts).toEqual({ onTime: 0, closedLate: 1, open: 0, pending: 2, notApplicable: 6 });
    expect(q.summary.medianResponseHours).toBeCloseTo((DAY_MS * 3 + 1.5 * HOUR_MS) / HOUR_MS, 9);
    expect(q.workingTime).toBe(false);
  });

  test('owners over the rules: Anna and Boris one open breach each, Anna first (lower % on time)', () => {
    // First contact: Anna open L1, Boris open L10; Anna also closed late twice (L3, L7), Boris on time once (L2).
    expect(model.owners.map((o) => [o.owner, o.open, o.judged, o.onTime])).toEqual([
      ['Anna', 1, 4, 0],
      ['Boris', 1, 2, 1],
    ]);
  });

  test('weekly trend of First contact by the week of creation (Monday weeks); pending and n/a leads are not judged', () => {
    // Week of 2026-11-23: L7 (Wed, closed late), L3 (Thu, closed late), L1 (Fri, open): 0 of 3 on time.
    // Week of 2026-11-30: L2 (on time), L10 (open); L4 pending, L8 n/a, L9 after the instant: 1 of 2.
    expect(first.weeks).toEqual([
      { start: '2026-11-23', judged: 3, onTime: 0, onTimeRate: 0 },
      { start: '2026-11-30', judged: 2, onTime: 1, onTimeRate: 0.5 },
    ]);
  });

  test('the contact before creation is a data issue at its row', () => {
    expect(run.dataIssues.some((i) => i.row === 9 && i.code === 'stage.beforeCreated')).toBe(true);
  });
});

test('earlier the same day L1 was not yet due: at 12:00 it is pending, at 13:00 exactly it is still on the deadline', () => {
  const openFirstContact = (now: string) => sla(now).model.openBreaches.filter((b) => b.rule === 'First contact').map((b) => b.leadId);
  expect(openFirstContact('2026-11-30T12:00:00Z')).toEqual([]);
  // At 13:00:00 the deadline has not passed (a breach opens only after the deadline).
  expect(openFirstContact('2026-11-30T13:00:00Z')).toEqual([]);
  expect(openFirstContact('2026-11-30T13:00:01Z')).toEqual(['L1']);
  // Qualify at 12:00: L3 was contacted Fri 12:30, due Sat 12:30 in calendar time, qualified only Mon 14:00: open.
  expect(sla('2026-11-30T12:00:00Z').model.openBreaches.filter((b) => b.rule === 'Qualify').map((b) => [b.leadId, b.overdueMs])).toEqual([
    ['L3', 2 * DAY_MS - 30 * MINUTE_MS],
  ]);
});

test('a report for a past day judges at the end of that day, not at the clock', () => {
  // As of Friday 27 Nov, at a clock a week later: L7 (due Wed 14:00) was lost Fri 10:00, so closed late;
  // L3 reached Contacted Fri 12:30 (late); L1 (due Mon 13:00) pending; L5/L6 n/a; later leads not there yet.
  const { model } = sla('2026-12-07T10:00:00Z', '2026-11-27');
  expect(model.at).toBe('2026-11-27T23:59:59.999Z');
  expect(model.rules[0].counts).toEqual({ onTime: 0, closedLate: 2, open: 0, pending: 1, notApplicable: 2 });
});

describe('settings', () => {
  test('a bad limit is rejected naming the rule and the accepted forms', () => {
    const res = parseConfig({
      columns: { createdAt: 'Created' },
      stages: [{ name: 'Contacted', column: 'Contacted' }],
      sla: { rules: [{ name: 'First contact', from: 'created', to: 'Contacted', limit: '4 hours' }] },
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.errors).toEqual([expect.stringContaining('sla.rules[0].limit: rule "First contact": "4 hours" is not a limit')]);
    expect(res.errors[0]).toContain('"1h30m"');
  });

  test('unknown stages, bad hours and days are named by path', () => {
    const res = parseConfig({
      columns: { createdAt: 'Created' },
      stages: [{ name: 'Contacted', column: 'Contacted' }],
      sla: {
        calendar: { days: [1, 7], hours: [['09:00', '13:00'], ['12:00', '18:00']], timeZone: 'Mars/Base', holidays: ['2026-02-30'] },
        rules: [{ name: 'X', from: 'created', to: 'Demo', limit: '1h' }],
      },
      speedPairs: [{ from: 'Contacted', to: 'Nope' }],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const paths = res.errors.map((e) => e.slice(0, e.indexOf(':')));
    expect(paths).toEqual(['sla.calendar.days', 'sla.calendar.hours', 'sla.calendar.timeZone', 'sla.calendar.holidays', 'sla.rules[0].to', 'speedPairs[0].to']);
  });
});
