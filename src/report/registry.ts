/**
 * The registry: every report of a run, in the order their tabs are written. Registering a report is
 * one line here (plus its module); the CLI, the Sheets refresh and `--json` iterate this list, and
 * tests pass their own list (e.g. with a toy report) to the same functions.
 */
import { cohortsReport, conversionsReport, issuesReport, outcomesReport } from './builtin-reports';
import { channelsReport } from './channels-report';
import { feedbackReport } from './feedback-report';
import type { AnyReport } from './report-definition';
import { slaReport, speedReport } from './sla-reports';

export const REPORTS: readonly AnyReport[] = [
  cohortsReport,
  conversionsReport,
  outcomesReport,
  channelsReport,
  speedReport,
  slaReport,
  feedbackReport,
  issuesReport,
];
