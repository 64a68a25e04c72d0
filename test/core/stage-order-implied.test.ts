/**
 * A stage that nearly every lead passes only because a later stage is dated looks misplaced (or is hardly
 * ever recorded): the report warns once, naming the two stages to swap. Counts are built by hand.
 */
import { buildFunnelReport } from '../../src/core/engine';
import { parseConfig } from '../../src/core/config';
import type { CellValue } from '../../src/core/types';

const parsed = parseConfig({
  columns: { createdAt: 'Created' },
  stages: [{ name: 'Proposal', column: 'Proposal at' }, { name: 'Demo', column: 'Demo at' }, { name: 'Won', column: 'Won at' }],
});
if (!parsed.ok) throw new Error(parsed.errors.join('; '));

function rows(withProposalDate: number, withoutProposalDate: number): CellValue[][] {
  const out: CellValue[][] = [['Created', 'Proposal at', 'Demo at', 'Won at']];
  // Leads that reached Demo: some with a Proposal date of their own, the rest only implied by the Demo date.
  for (let i = 0; i < withProposalDate; i++) out.push(['2026-10-01', '2026-10-05', '2026-10-03', '']);
  for (let i = 0; i < withoutProposalDate; i++) out.push(['2026-10-01', '', '2026-10-03', '']);
  return out;
}

const issuesOf = (r: CellValue[][]) => {
  const o = buildFunnelReport(r, { config: parsed.config, sheet: 'Leads', sourceName: 'x', asOf: '2026-11-01' });
  if (!o.ok) throw new Error(o.error);
  return o.report.dataIssues.filter((i) => i.problem.includes('should be swapped'));
};

test('Proposal implied for 19 of 20 leads (95%): one warning naming Proposal and Demo', () => {
  const found = issuesOf(rows(1, 19));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ row: 1, column: 'Proposal at', severity: 'warning' });
  expect(found[0].problem).toContain('95% of the 20 leads');
  expect(found[0].problem).toContain('"Proposal" and "Demo"');
  expect(found[0].problemRu).toContain('«Proposal» и «Demo»');
});

test('17 of 20 implied (85%) or fewer than 10 passes: no warning', () => {
  expect(issuesOf(rows(3, 17))).toHaveLength(0);
  expect(issuesOf(rows(0, 9))).toHaveLength(0);
});
