/**
 * The spend input → spend rows in the report currency, with a data issue for every row left out and
 * why (never silently): blank rows inside the table, total and subtotal rows, rows without a date,
 * channel or amount, unparseable amounts, periods ending before they start, currencies with no rate,
 * and periods overlapping an earlier row of the same channel and campaign (double-pasted spend).
 */
import type { FunnelConfig } from '../config';
import { isBlankForIngest } from '../ingest/row-source';
import { dataIssue, msg, type Message } from '../messages';
import { plausibleWindow } from '../plausible';
import { makeDateParser } from '../time/date-parser';
import { DAY_MS, toIsoDay } from '../time/wall-time';
import type { CellValue, DataIssue } from '../types';
import { currencyOfMark, parseSpendAmount } from './amount';
import { DEFAULT_SPEND_CONFIG } from './config';
import { findSpendColumns, findSpendHeaderRow, REQUIRED_SPEND_FIELDS, type SpendColumns } from './header';
import { channelKey } from './match';
import { parsePeriodCell } from './period';

/** One usable spend row. Days are whole days since 1970-01-01 (wall clock), `end` inclusive. */
export interface SpendRow {
  /** Sheet row number (header = row 1 when the table starts at the top). */
  row: number;
  start: number;
  end: number;
  channel: string;
  campaign: string;
  /** In the report currency; negative for a refund. */
  amount: number;
}

export interface SpendTable {
  sheet: string;
  rows: SpendRow[];
  issues: DataIssue[];
  /** The report currency (config spend.currency, else the first currency the sheet names); null: none named. */
  currency: string | null;
}

/** Words that start a total or subtotal label. */
const TOTAL_RE = /^\s*(grand\s+total|sub-?total|totals?|sum|итого|итог|всего|подытог|промежуточный\s+итог)(?![\p{L}\p{N}])/iu;

function text(v: CellValue): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

/** The first cell of the row that reads as a total label, or null. */
function totalLabel(row: readonly CellValue[], cols: SpendColumns): string | null {
  for (const i of [cols.index.start, cols.index.channel, cols.index.campaign, 0]) {
    if (i < 0) continue;
    const t = text(row[i]);
    if (t !== '' && TOTAL_RE.test(t)) return t;
  }
  return null;
}

interface Parsed extends SpendRow {
  currency: string | null;
  amountCol: number;
  rawAmount: string;
}

/**
 * `asOf`: the report date, for the plausible-date window (config plausibleDates, as for the leads):
 * a period starting before `earliest` or ending after the window is a data issue (a mistyped year).
 */
export function readSpend(sheet: string, rows: readonly CellValue[][], config: FunnelConfig, asOf?: string): SpendTable {
  const spendConfig = config.spend ?? DEFAULT_SPEND_CONFIG;
  const issues: DataIssue[] = [];
  const headerAt = findSpendHeaderRow(rows as CellValue[][]);
  const header = rows[headerAt] ?? [];
  const cols = findSpendColumns(header);
  const missing = REQUIRED_SPEND_FIELDS.filter((f) => cols.index[f] < 0);
  if (missing.length > 0) {
    const headers = header.map(text).filter((h) => h !== '');
    issues.push(
      dataIssue(
        { sheet, row: headerAt + 1, column: '', value: '', severity: 'error' },
        msg('spend.missingColumns', { missing: [...missing], headers }),
      ),
    );
    return { sheet, rows: [], issues, currency: spendConfig.currency ?? null };
  }
  const dates = makeDateParser({ timeZone: config.timeZone, dateOrder: config.dateOrder });
  const window = plausibleWindow(config.plausibleDates, asOf);
  const issue = (
    row: number,
    field: keyof SpendColumns['index'] | '',
    value: CellValue,
    m: Message,
    severity: 'error' | 'warning' = 'error',
  ) => {
    const col = field === '' ? -1 : cols.index[field];
    issues.push(
      dataIssue(
        { sheet, row, column: field === '' ? '' : (cols.names[field] ?? ''), ...(col >= 0 ? { col } : {}), value: text(value), severity },
        m,
      ),
    );
  };
  const parsed: Parsed[] = [];
  let lastData = rows.length - 1;
  while (lastData > headerAt && rows[lastData].every(isBlankForIngest)) lastData--;
  for (let r = headerAt + 1; r <= lastData; r++) {
    const row = rows[r];
    const rowNo = r + 1;
    if (row.every(isBlankForIngest)) {
      issue(rowNo, '', '', msg('spend.blankRow', {}), 'warning');
      continue;
    }
    const label = totalLabel(row, cols);
    if (label !== null) {
      issue(rowNo, '', label, msg('spend.totalRow', { label }), 'warning');
      continue;
    }
    const startCell = row[cols.index.start];
    const period = parsePeriodCell(startCell, dates);
    if ('blank' in period) {
      issue(rowNo, 'start', startCell, msg('spend.noDate', {}));
      continue;
    }
    if ('error' in period) {
      issue(rowNo, 'start', startCell, msg('spend.badDate', { reason: period.error }));
      continue;
    }
    const start = period.start;
    let end = period.end;
    if (cols.index.end >= 0) {
      const endCell = row[cols.index.end];
      const e = parsePeriodCell(endCell, dates);
      if ('error' in e) {
        issue(rowNo, 'end', endCell, msg('spend.badDate', { reason: e.error }));
        continue;
      }
      if (!('blank' in e)) {
        end = e.end;
        if (end < start) {
          issue(rowNo, 'end', endCell, msg('spend.endBeforeStart', { start: toIsoDay(start * DAY_MS), end: toIsoDay(end * DAY_MS) }));
          continue;
        }
      }
    }
    const early = start * DAY_MS < window.earliest;
    if (early || end * DAY_MS > window.latest) {
      // The cell at fault: the start when it is too early or when no end was typed, else the end.
      const field = !early && cols.index.end >= 0 && !isBlankForIngest(row[cols.index.end]) ? 'end' : 'start';
      issue(rowNo, field, row[cols.index[field]], msg('spend.implausible', { earliest: window.earliestDay, latest: window.latestDay }));
      continue;
    }
    const channel = text(row[cols.index.channel]);
    if (channelKey(channel) === '') {
      issue(rowNo, 'channel', row[cols.index.channel], msg('spend.noChannel', {}));
      continue;
    }
    const amountCell = row[cols.index.amount];
    const amount = parseSpendAmount(amountCell);
    if (amount.value !== amount.value) {
      issue(rowNo, 'amount', amountCell, msg('spend.noAmount', {}));
      continue;
    }
    if (!Number.isFinite(amount.value)) {
      issue(rowNo, 'amount', amountCell, msg('spend.badAmount', {}));
      continue;
    }
    const named = cols.index.currency >= 0 ? text(row[cols.index.currency]) : '';
    // A Currency cell wins over a mark in the amount, which wins over the amount header's unit.
    const currency = named !== '' ? currencyOrRaw(named) : (amount.currency ?? cols.amountCurrency);
    const campaign = cols.index.campaign >= 0 ? text(row[cols.index.campaign]) : '';
    parsed.push({
      row: rowNo,
      start,
      end,
      channel,
      campaign,
      amount: amount.value,
      currency,
      amountCol: cols.index.amount,
      rawAmount: text(amountCell),
    });
  }

  // The report currency; rows in another one are converted with a rate or left out.
  const reportCurrency = spendConfig.currency ?? parsed.find((p) => p.currency !== null)?.currency ?? null;
  const converted: Parsed[] = [];
  for (const p of parsed) {
    if (p.currency === null || reportCurrency === null || p.currency === reportCurrency) {
      converted.push(p);
      continue;
    }
    const rate = spendConfig.rates[p.currency];
    if (rate === undefined) {
      issue(
        p.row,
        cols.index.currency >= 0 ? 'currency' : 'amount',
        cols.index.currency >= 0 ? p.currency : p.rawAmount,
        msg('spend.noRate', { currency: p.currency, reportCurrency }),
      );
      continue;
    }
    converted.push({ ...p, amount: p.amount * rate });
  }
  return { sheet, rows: withoutOverlaps(converted, issue), issues: issues.sort((a, b) => a.row - b.row), currency: reportCurrency };
}

/** A currency cell that is not an ISO code ("руб.", "$"): its code when the mark names one, else the text upper-cased (no rate will match it). */
function currencyOrRaw(named: string): string {
  return currencyOfMark(named) ?? named.toUpperCase();
}

/**
 * Rows whose period overlaps an earlier-starting row of the same channel and campaign are left out with
 * a data issue naming that row (the first pasted copy is kept): summing both would count the days twice.
 */
function withoutOverlaps(rows: Parsed[], issue: (row: number, field: 'start', value: CellValue, m: Message) => void): SpendRow[] {
  const byKey = new Map<string, Parsed[]>();
  for (const r of rows) {
    const key = `${channelKey(r.channel)}\u0000${channelKey(r.campaign)}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const dropped = new Set<Parsed>();
  for (const list of byKey.values()) {
    list.sort((a, b) => a.start - b.start || a.row - b.row);
    let keeper: Parsed | null = null;
    for (const r of list) {
      if (keeper !== null && r.start <= keeper.end) {
        dropped.add(r);
        issue(
          r.row,
          'start',
          toIsoDay(r.start * DAY_MS),
          msg('spend.overlap', { otherRow: keeper.row, channel: r.channel, campaign: r.campaign }),
        );
        continue;
      }
      if (keeper === null || r.end > keeper.end) keeper = r;
    }
  }
  return rows
    .filter((r) => !dropped.has(r))
    .map(({ row, start, end, channel, campaign, amount }) => ({ row, start, end, channel, campaign, amount }));
}
