/**
 * The Spend sheet the add-on can create (issue 9): the demo's sample spend (core/spend/sample.ts, the
 * same rows as the CLI demo, ending today) with real dates in the date columns and text as text, so a
 * marketer sees the expected shape and pastes over it. An existing Spend / Расходы sheet is never
 * written: it holds what a person typed.
 */
import { sampleSpendRows } from '../core/spend/sample';
import { parseIsoDay } from '../core/time/wall-time';
import { wallToInstant } from '../core/time/zone';
import type { UiLocale } from './i18n';
import { locateInputSheet } from './input-sheets';
import { dataToSheetValue, type SheetValue } from './safe-text';
import type { Workbook } from './workbook';

export const SPEND_SHEET = 'Spend';
const DATE_COLUMNS = new Set([0, 1]);

export function buildSpendSheet(today: string, zone: string): { values: SheetValue[][]; columnFormats: (string | null)[] } {
  const rows = sampleSpendRows({ today });
  const values = rows.map((row, r) =>
    row.map((v, c) => {
      const day = r > 0 && DATE_COLUMNS.has(c) && typeof v === 'string' ? parseIsoDay(v) : null;
      return day !== null ? new Date(wallToInstant(day, zone)) : dataToSheetValue(v);
    }),
  );
  const columnFormats = (rows[0] ?? []).map((_, c) => (DATE_COLUMNS.has(c) ? 'yyyy-mm-dd' : null));
  return { values, columnFormats };
}

/** Creates the example Spend sheet unless a spend sheet exists; returns the name of the spend sheet and whether it was created. */
export function ensureSpendSheet(wb: Workbook, today: string): { sheet: string; created: boolean } {
  const existing = locateInputSheet(wb, 'spend');
  if (existing !== null) return { sheet: existing, created: false };
  const example = buildSpendSheet(today, wb.timeZone());
  return { sheet: wb.writeDataSheet(SPEND_SHEET, 'example-spend', example.values, example.columnFormats), created: true };
}

const TEXT = {
  en: {
    added: (s: string) => `The "${s}" sheet has sample spend rows matching the example leads: paste your own spend over them (date or period, channel, campaign, amount, currency), then refresh.`,
    exists: (s: string) => `The spend sheet "${s}" already exists and was left as it is.`,
  },
  ru: {
    added: (s: string) => `На листе «${s}» — пример расходов под лиды-примеры: вставьте поверх свои расходы (дата или период, канал, кампания, сумма, валюта) и обновите отчёт.`,
    exists: (s: string) => `Лист расходов «${s}» уже есть, его не меняли.`,
  },
};

export function spendSheetMessage(locale: UiLocale, sheet: string, created: boolean): string {
  return created ? TEXT[locale].added(sheet) : TEXT[locale].exists(sheet);
}
