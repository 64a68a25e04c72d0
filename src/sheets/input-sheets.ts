/**
 * The named inputs other than leads (spend, feedback, plan): a registered report that needs one makes
 * the refresh look for its sheet, by its English or Russian name ("Spend" / "Расходы", any case,
 * surrounding spaces ignored; never one of our report tabs), and read it once (one getValues). An
 * input nobody needs is not read; one whose sheet is absent is simply not in the run, and the reports
 * that need it are skipped with a status line. The leads sheet is found and read by leads-reader.ts,
 * which never takes a sheet named as another input for the leads.
 */
import type { FunnelConfig } from '../core/config';
import { INPUT_IDS, INPUT_LABELS, type InputId, type RunInputs } from '../core/inputs';
import type { AnyReport } from '../report/report-definition';
import type { Workbook } from './workbook';

function isNamedFor(id: InputId, sheet: string): boolean {
  const name = sheet.trim().toLowerCase();
  return name === INPUT_LABELS[id].en.toLowerCase() || name === INPUT_LABELS[id].ru.toLowerCase();
}

/**
 * True for a sheet named as an input other than leads ("Spend", "План", …), or given to one in the
 * settings (`named`: `spend.sheet`, `feedback.sheet`): never a leads candidate.
 */
export function isOtherInputSheet(sheet: string, named: readonly string[] = []): boolean {
  const name = sheet.trim().toLowerCase();
  return INPUT_IDS.some((id) => id !== 'leads' && isNamedFor(id, sheet)) || named.some((n) => n.trim().toLowerCase() === name);
}

/** Sheet names the settings give to inputs other than leads (`spend.sheet`, `feedback.sheet`). */
export function settingsInputSheets(config: Pick<FunnelConfig, 'spend' | 'feedback'> | undefined): string[] {
  return [config?.spend?.sheet, config?.feedback?.sheet].filter((n): n is string => typeof n === 'string' && n.trim() !== '');
}

/** The sheet holding input `id` (the settings' own name for it first, when given and present), or null. */
export function locateInputSheet(wb: Workbook, id: InputId, named?: string): string | null {
  const names = wb.sheetNames();
  if (named !== undefined && names.includes(named) && !wb.isReportTab(named)) return named;
  return names.find((n) => isNamedFor(id, n) && !wb.isReportTab(n)) ?? null;
}

/** Every input the registry needs besides `leads`, each read once when its sheet exists (`named`: sheet names from the settings). */
export function readOtherInputs(wb: Workbook, registry: readonly AnyReport[], named: Partial<Record<InputId, string>> = {}): RunInputs {
  const needed = new Set<InputId>(registry.flatMap((r) => r.needs).filter((id) => id !== 'leads'));
  const inputs: RunInputs = {};
  for (const id of needed) {
    const sheet = locateInputSheet(wb, id, named[id]);
    const rows = sheet === null ? null : wb.readAll(sheet);
    if (sheet !== null && rows !== null) inputs[id] = { sheet, rows };
  }
  return inputs;
}
