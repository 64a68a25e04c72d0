/**
 * Report exports of HubSpot, Pipedrive and Salesforce are recognised with no settings. The header rows
 * are hand-written from those CRMs' export column names; the expected columns and stages are what a
 * person reading the header would map them to.
 */
import { detectConfig } from '../../src/core/detect';
import { buildFunnelReport } from '../../src/core/engine';
import { stageNameFromHeader } from '../../src/core/headers';
import { ingestRows } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

function detected(rows: CellValue[][]) {
  const r = detectConfig(rows);
  if (!r.ok) throw new Error(`detection failed: ${r.error}`);
  return r;
}

describe('HubSpot', () => {
  test('contacts export: Create Date, Original Source, Contact owner, Became a … Date stages', () => {
    const rows: CellValue[][] = [
      ['Record ID', 'First Name', 'Contact owner', 'Lifecycle Stage', 'Original Source', 'Original Source Drill-Down 1', 'Create Date',
        'Became a Marketing Qualified Lead Date', 'Became a Sales Qualified Lead Date', 'Became an Opportunity Date', 'Became a Customer Date',
        'Last Activity Date', 'Close Date', 'Amount'],
      ['101', 'Ann', 'Kate Owner', 'customer', 'Organic Search', 'google', '2024-03-01 10:00', '2024-03-02 10:00', '2024-03-04 10:00',
        '2024-03-06 10:00', '2024-03-09 10:00', '2024-03-10 10:00', '2024-03-09', '1200'],
      ['102', 'Bob', 'Kate Owner', 'marketingqualifiedlead', 'Paid Search', 'adwords', '2024-03-03 11:00', '2024-03-05 09:00', '', '', '',
        '2024-03-05 09:00', '', ''],
    ];
    const c = detected(rows).config;
    expect(c.columns).toEqual({
      createdAt: 'Create Date', id: 'Record ID', channel: 'Original Source', manager: 'Contact owner', amount: 'Amount',
    });
    expect(c.stages).toEqual([
      { name: 'Marketing Qualified Lead', column: 'Became a Marketing Qualified Lead Date' },
      { name: 'Sales Qualified Lead', column: 'Became a Sales Qualified Lead Date' },
      { name: 'Opportunity', column: 'Became an Opportunity Date' },
      { name: 'Customer', column: 'Became a Customer Date' },
    ]);
    expect(ingestRows(rows, { config: c, sheet: 'contacts' }).issues).toEqual([]);
  });

  test('the lifecycle stage as the current-stage column', () => {
    const rows: CellValue[][] = [
      ['Record ID', 'Create Date', 'Lifecycle Stage', 'Contact owner', 'Original Source'],
      ['1', '2024-03-01', 'Lead', 'Kate', 'Direct Traffic'],
      ['2', '2024-03-01', 'Marketing Qualified Lead', 'Kate', 'Organic Search'],
      ['3', '2024-03-02', 'Sales Qualified Lead', 'Leo', 'Organic Search'],
      ['4', '2024-03-02', 'Opportunity', 'Leo', 'Paid Social'],
      ['5', '2024-03-03', 'Customer', 'Leo', 'Referrals'],
    ];
    const c = detected(rows).config;
    expect(c.currentStage?.column).toBe('Lifecycle Stage');
    expect(c.stages.map((s) => s.name)).toEqual(['MQL', 'SQL', 'Opportunity', 'Customer']);
    expect(c.columns.channel).toBe('Original Source');
    expect(c.columns.manager).toBe('Contact owner');
    const data = ingestRows(rows, { config: c, sheet: 'contacts' });
    expect(data.issues).toEqual([]);
    // Lead → none; MQL → 1 stage; SQL → 2; Opportunity → 3; Customer → 4.
    const reached = data.leads.stageTimes.map((a) => Array.from(a).filter((t) => !Number.isNaN(t)).length);
    expect(reached).toEqual([4, 3, 2, 1]);
  });
});

test('HubSpot lead statuses in the current-stage column', () => {
  const rows: CellValue[][] = [
    ['Record ID', 'Create Date', 'Lead Status', 'Contact owner'],
    ['1', '2024-03-01', 'New', 'Kate'],
    ['2', '2024-03-01', 'Attempted to Contact', 'Kate'],
    ['3', '2024-03-02', 'Connected', 'Leo'],
    ['4', '2024-03-02', 'Open Deal', 'Leo'],
    ['5', '2024-03-03', 'Unqualified', 'Leo'],
    ['6', '2024-03-03', 'Bad Timing', 'Leo'],
  ];
  const c = detected(rows).config;
  expect(c.currentStage?.column).toBe('Lead Status');
  const data = ingestRows(rows, { config: c, sheet: 'contacts' });
  expect(data.issues).toEqual([]);
  // Contacted: Attempted to Contact, Connected, Open Deal; Qualified: Open Deal; two lost, stage unknown.
  const reached = data.leads.stageTimes.map((a) => Array.from(a).filter((t) => !Number.isNaN(t)).length);
  expect(reached).toEqual([3, 1, 0, 0, 0]);
  expect(Array.from(data.leads.furthestUnknown)).toEqual([0, 0, 0, 0, 1, 1]);
});

describe('Pipedrive deals export', () => {
  test('"Deal - …" columns; Won time is the stage, Lost time the lost date, planned and bookkeeping dates are not stages', () => {
    const rows: CellValue[][] = [
      ['Deal - ID', 'Deal - Title', 'Deal - Owner', 'Deal - Value', 'Deal - Currency', 'Deal - Stage', 'Deal - Status', 'Deal - Deal created',
        'Deal - Update time', 'Deal - Next activity date', 'Deal - Won time', 'Deal - Lost time', 'Deal - Deal closed on', 'Deal - Lost reason',
        'Deal - Expected close date', 'Deal - Source channel'],
      ['7', 'Gates', 'Anna', '1500', 'EUR', 'Proposal Made', 'won', '2024-03-01 10:00:00', '2024-03-09 10:00:00', '', '2024-03-08 10:00:00', '',
        '2024-03-08 10:00:00', '', '2024-03-20', 'Web forms'],
      ['8', 'Fence', 'Ivan', '800', 'EUR', 'Contact Made', 'lost', '2024-03-02 10:00:00', '2024-03-05 10:00:00', '', '', '2024-03-05 10:00:00',
        '2024-03-05 10:00:00', 'Too expensive', '2024-03-25', 'Chatbot'],
    ];
    const c = detected(rows).config;
    expect(c.columns).toEqual({
      createdAt: 'Deal - Deal created', id: 'Deal - ID', channel: 'Deal - Source channel', manager: 'Deal - Owner', amount: 'Deal - Value',
      lostAt: 'Deal - Lost time', lostReason: 'Deal - Lost reason',
    });
    expect(c.stages).toEqual([{ name: 'Won', column: 'Deal - Won time' }]);
  });
});

describe('Salesforce reports', () => {
  test('leads report: Lead ID, Created Date, Lead Source, Lead Owner; Converted Date is a stage', () => {
    const rows: CellValue[][] = [
      ['Lead ID', 'First Name', 'Company', 'Lead Source', 'Lead Owner', 'Lead Status', 'Created Date', 'Converted Date', 'Last Activity'],
      ['00Q1', 'Ann', 'Acme', 'Web', 'Tim Owner', 'Closed - Converted', '3/14/2024', '3/20/2024', '3/21/2024'],
      ['00Q2', 'Bob', 'Globex', 'Trade Show', 'Tim Owner', 'Working - Contacted', '3/15/2024', '', '3/16/2024'],
    ];
    const r = detected(rows);
    expect(r.config.dateOrder).toBe('mdy');
    expect(r.config.columns).toEqual({ createdAt: 'Created Date', id: 'Lead ID', channel: 'Lead Source', manager: 'Lead Owner' });
    expect(r.config.stages).toEqual([{ name: 'Converted', column: 'Converted Date' }]);
  });

  test('opportunity report: Stage with the standard Salesforce stages, Opportunity Owner, Amount', () => {
    const rows: CellValue[][] = [
      ['Opportunity ID', 'Opportunity Name', 'Opportunity Owner', 'Lead Source', 'Stage', 'Amount', 'Created Date', 'Close Date', 'Won', 'Closed'],
      ['0061', 'Acme deal', 'Tim', 'Web', 'Prospecting', '1000', '2024-03-01', '2024-04-30', 'FALSE', 'FALSE'],
      ['0062', 'Globex deal', 'Tim', 'Web', 'Needs Analysis', '2000', '2024-03-02', '2024-04-30', 'FALSE', 'FALSE'],
      ['0063', 'Initech deal', 'Sue', 'Partner', 'Proposal/Price Quote', '3000', '2024-03-03', '2024-04-30', 'FALSE', 'FALSE'],
      ['0064', 'Umbrella deal', 'Sue', 'Partner', 'Closed Won', '4000', '2024-03-04', '2024-03-20', 'TRUE', 'TRUE'],
      ['0065', 'Hooli deal', 'Sue', 'Web', 'Closed Lost', '5000', '2024-03-05', '2024-03-21', 'FALSE', 'TRUE'],
    ];
    const c = detected(rows).config;
    expect(c.columns).toEqual({ createdAt: 'Created Date', id: 'Opportunity ID', channel: 'Lead Source', manager: 'Opportunity Owner', amount: 'Amount' });
    expect(c.currentStage?.column).toBe('Stage');
    expect(c.currentStage?.values).toMatchObject({ 'Needs Analysis': 'Qualified', 'Proposal/Price Quote': 'Proposal', 'Closed Won': 'Won', 'Closed Lost': 'lost' });
    // Open opportunities carry an expected Close Date (2024-04-30, after the report date): it is not the
    // time they reached their stage, so it is not used as one (else they would not count as reached).
    expect(c.currentStage?.changedAt).toBeUndefined();
    const out = buildFunnelReport(rows, { config: c, sheet: 'opps', sourceName: 't', asOf: '2024-03-31' });
    if (!out.ok) throw new Error(out.error);
    // Lead 5; Contacted and Qualified: Needs Analysis, Proposal, Closed Won; Proposal: 2; Negotiation, Won: Closed Won.
    expect(out.report.cohortReport.total.reached).toEqual([5, 3, 3, 2, 1, 1]);
  });
});

test('stage names from export headers', () => {
  expect(stageNameFromHeader('Deal - Won time')).toBe('Won');
  expect(stageNameFromHeader('Became a Sales Qualified Lead Date')).toBe('Sales Qualified Lead');
  expect(stageNameFromHeader('Became an Opportunity Date')).toBe('Opportunity');
  expect(stageNameFromHeader('Qualified at')).toBe('Qualified');
  expect(stageNameFromHeader('proposal_date')).toBe('proposal');
});
