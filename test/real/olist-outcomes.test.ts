/**
 * Real data: what became of the Olist MQLs. Won deals and their declared monthly revenue (taken as the
 * deal amount) per origin channel, computed here from the raw CSVs with plain sums, against the report.
 */
import { parseConfig } from '../../src/core/config';
import { buildFunnelReport } from '../../src/core/engine';
import { readCsvRows } from '../helpers/datasets';

const mqls = readCsvRows('olist-marketing-funnel', 'olist_marketing_qualified_leads_dataset.csv');
const deals = readCsvRows('olist-marketing-funnel', 'olist_closed_deals_dataset.csv');
const at = (header: string[], name: string) => header.indexOf(name);
const dealById = new Map(deals.slice(1).map((d) => [d[at(deals[0], 'mql_id')], d]));

const rows = [
  ['mql_id', 'first_contact_date', 'origin', 'won_date', 'declared_monthly_revenue'],
  ...mqls.slice(1).map((m) => {
    const id = m[at(mqls[0], 'mql_id')];
    const deal = dealById.get(id);
    return [
      id,
      m[at(mqls[0], 'first_contact_date')],
      m[at(mqls[0], 'origin')],
      deal ? deal[at(deals[0], 'won_date')] : '',
      deal ? deal[at(deals[0], 'declared_monthly_revenue')] : '',
    ];
  }),
];

const parsed = parseConfig({
  columns: { id: 'mql_id', createdAt: 'first_contact_date', channel: 'origin', amount: 'declared_monthly_revenue' },
  stages: [{ name: 'Won', column: 'won_date' }],
  timeZone: 'America/Sao_Paulo',
});
if (!parsed.ok) throw new Error(parsed.errors.join('; '));

test('Olist: won deals and revenue per origin match sums over the raw CSVs', () => {
  const outcome = buildFunnelReport(rows, { config: parsed.config, sheet: 'olist', sourceName: 'olist', asOf: '2019-01-01' });
  if (!outcome.ok) throw new Error(outcome.error);
  const { outcomes } = outcome.report;

  // Independent: every closed deal whose MQL exists is a won lead (842 per the dataset's README).
  const expected = new Map<string, { won: number; revenue: number; withAmount: number }>();
  for (const r of rows.slice(1)) {
    if (r[3] === '') continue;
    const e = expected.get(r[2]) ?? { won: 0, revenue: 0, withAmount: 0 };
    e.won++;
    if (r[4] !== '') {
      e.revenue += Number(r[4]);
      e.withAmount++;
    }
    expected.set(r[2], e);
  }
  const totalWon = [...expected.values()].reduce((a, e) => a + e.won, 0);
  expect(totalWon).toBe(842);
  expect(outcomes.total.won).toBe(842);
  expect(outcomes.hasAmount).toBe(true);

  const channel = outcomes.slices.find((s) => s.dimension === 'channel');
  expect(channel).toBeDefined();
  for (const [origin, e] of expected) {
    const row = channel!.rows.find((r) => r.value === origin);
    expect(row?.won).toBe(e.won);
    expect(row?.revenue).toBeCloseTo(e.revenue, 6);
    expect(row?.averageDeal).toBeCloseTo(e.revenue / e.withAmount, 6);
  }
  // The cohort rows add up to the same total.
  expect(outcomes.cohorts.reduce((a, c) => a + c.won, 0)).toBe(842);
});
