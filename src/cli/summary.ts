/** A short plain-text table of the newest cohorts for the terminal. */
import type { FunnelReport } from '../core/model';
import type { CliMessages } from './messages';

function pct(r: number | null | undefined): string {
  return r === null || r === undefined ? '—' : `${(r * 100).toFixed(2)}%`;
}

/** `locale` picks the language of the model's own notes (e.g. leads created after the report date). */
export function summaryTable(report: FunnelReport, m: CliMessages, cohorts = 6, locale: 'en' | 'ru' = 'en'): string {
  const cr = report.cohortReport;
  const stages = cr.stages;
  const last = stages.length - 1;
  const header = [m.period, m.leads, ...stages.slice(1), `${m.leadStep}→${stages[last]}`];
  const rows = cr.cohorts.slice(-cohorts).reverse().map((c) => {
    const cells = [`${c.start} – ${c.end}`, String(c.leads)];
    for (let k = 1; k <= last; k++) cells.push(`${c.reached[k]}${c.immature[k] ? '~' : ''}`);
    cells.push(`${pct(c.overallRate[last])}${c.immature[last] ? '~' : ''}`);
    return cells;
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const issues = report.dataIssues.length;
  // The leads the table counts: source.leads without --filter (leads created by the report date), the slice's with it.
  const title = [m.summaryTitle(report.source.name, report.asOf, report.cohortReport.total.leads, issues)];
  const note = report.source.createdAfterAsOfNote;
  if (note) title.push(locale === 'ru' ? note.ru : note.en);
  const out = [...title, '', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (rows.some((r) => r.some((c) => c.endsWith('~')))) out.push(m.immatureFootnote);
  return out.join('\n');
}
