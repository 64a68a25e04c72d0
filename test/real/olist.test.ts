/**
 * Real data: the Olist marketing funnel (8,000 MQLs, 842 won). Weekly cohorts by first contact date,
 * Won by won_date, channel = origin. Expected counts are computed here from the raw CSVs with plain
 * string and Date arithmetic, not with the engine's period code.
 */
import { parseConfig } from '../../src/core/config';
import { buildFunnelReport } from '../../src/core/engine';
import { readCsvRows } from '../helpers/datasets';

const mqls = readCsvRows('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv');
const deals = readCsvRows('olist-marketing-funnel', 'olist_closed_deals_dataset.csv');

const mqlHeader = mqls[0];
const dealHeader = deals[0];
const col = (header: string[], name: string) => header.indexOf(name);
const wonDateById = new Map(deals.slice(1).map((d) => [d[col(dealHeader, 'mql_id')], d[col(dealHeader, 'won_date')]]));

// The sheet the engine sees: one row per MQL with its won date joined in.
const rows = [
  ['mql_id', 'first_contact_date', 'origin', 'won_date'],
  ...mqls.slice(1).map((m) => {
    const id = m[col(mqlHeader, 'mql_id')];
    return [id, m[col(mqlHeader, 'first_contact_date')], m[col(mqlHeader, 'origin')], wonDateById.get(id) ?? ''];
  }),
];

const parsed = parseConfig({
  columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin' },
  stages: [{ name: 'Won', column: 'won_date' }],
  grain: 'week',
  weekStartsOn: 1,
  timeZone: 'America/Sao_Paulo',
});
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const config = parsed.config;

/** Monday of the ISO week of a YYYY-MM-DD day, via the day of week of a UTC Date. */
function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

function expectedWeekly(asOf: string): Map<string, { leads: number; won: number }> {
  const weeks = new Map<string, { leads: number; won: number }>();
  for (const r of rows.slice(1)) {
    const created = r[1];
    if (created > asOf) continue;
    const week = mondayOf(created);
    const w = weeks.get(week) ?? { leads: 0, won: 0 };
    w.leads++;
    if (r[3] !== '' && r[3] <= `${asOf} 23:59:59`) w.won++;
    weeks.set(week, w);
  }
  return weeks;
}

describe.each(['2018-03-31', '2018-06-30', '2019-01-01'])('Olist weekly cohorts as of %s', (asOf) => {
  const outcome = buildFunnelReport(rows, { config, sheet: 'olist', sourceName: 'olist', asOf });
  if (!outcome.ok) throw new Error(outcome.error);
  const { report } = outcome;
  const expected = expectedWeekly(asOf);

  test('every week with leads matches the independent count of leads and wins', () => {
    const withLeads = report.cohortReport.cohorts.filter((c) => c.leads > 0);
    expect(withLeads.map((c) => c.start)).toEqual([...expected.keys()].sort());
    for (const c of withLeads) {
      const e = expected.get(c.start)!;
      expect({ week: c.start, leads: c.leads, won: c.reached[1] }).toEqual({ week: c.start, leads: e.leads, won: e.won });
    }
  });

  test('totals: every MQL created by the report date is in one cohort', () => {
    const created = rows.slice(1).filter((r) => r[1] <= asOf).length;
    expect(report.cohortReport.total.leads).toBe(created);
  });
});

test('Olist in full: 8,000 leads, 842 won, the channel table and the known data quirk', () => {
  const outcome = buildFunnelReport(rows, { config, sheet: 'olist', sourceName: 'olist', asOf: '2019-01-01' });
  if (!outcome.ok) throw new Error(outcome.error);
  const { report } = outcome;
  expect(report.cohortReport.total.leads).toBe(8000);
  expect(report.cohortReport.total.reached).toEqual([8000, 842]);
  // The dataset README: origin has 60 empty values and 1,099 literal "unknown".
  const channels = report.conversions.tables.find((t) => t.dimension === 'channel')!;
  const byValue = new Map(channels.rows.map((r) => [r.value, r.leads]));
  expect(byValue.get('organic_search')).toBe(2296);
  expect(byValue.get('unknown')).toBe(1099);
  expect(byValue.get('')).toBe(60);
  const wonByChannel = new Map<string, number>();
  for (const r of rows.slice(1)) if (r[3] !== '') wonByChannel.set(r[2], (wonByChannel.get(r[2]) ?? 0) + 1);
  for (const row of channels.rows) expect(row.reached[1]).toBe(wonByChannel.get(row.value) ?? 0);
  // One deal was won two days before its first contact: a warning, and the win still counts.
  const early = report.dataIssues.filter((i) => i.value.startsWith('2018') && i.column === 'won_date');
  const quirkRow = rows.findIndex((r) => r[0] === 'b91cf8812365f50ff4bda4bcd6206b05') + 1;
  expect(early.map((i) => [i.row, i.severity])).toEqual([[quirkRow, 'warning']]);
});
