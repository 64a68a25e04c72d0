/**
 * Named inputs. A run reads each input once (one getValues in Sheets, one file in the CLI) and hands
 * the tables to the engine by name; reports say which inputs they need (report/registry.ts), and a
 * report whose input is absent is skipped with a line in the status, not an error.
 *
 * Today only `leads` exists (the CLI's input file, the add-on's leads sheet); `spend`, `feedback` and
 * `plan` are the names the next inputs take (the CLI's `--spend FILE`, a Spend sheet, …).
 */
import type { CellValue } from './types';

export type InputId = 'leads' | 'spend' | 'feedback' | 'plan';

export const INPUT_IDS: readonly InputId[] = ['leads', 'spend', 'feedback', 'plan'];

/** One input as read: the sheet (or file) it came from and its rows, header first. */
export interface InputTable {
  sheet: string;
  rows: CellValue[][];
}

/** The inputs of one run by name; an absent key is an input the run does not have. */
export type RunInputs = Partial<Record<InputId, InputTable>>;

/** How an input is named to a person: the sheet the add-on looks for, and what the status line says. */
export const INPUT_LABELS: Record<InputId, { en: string; ru: string }> = {
  leads: { en: 'Leads', ru: 'Лиды' },
  spend: { en: 'Spend', ru: 'Расходы' },
  feedback: { en: 'Feedback', ru: 'Обратная связь' },
  plan: { en: 'Plan', ru: 'План' },
};
