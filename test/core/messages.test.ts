/**
 * The message catalogues (src/core/messages): every code renders in every language with its parameters
 * filled in. SAMPLES is typed by the codes, so a new code without a sample does not compile.
 */
import fc from 'fast-check';
import { CATALOGUES, render, type ColumnField, type Locale, type Message, type MessageCode, type MessageParams } from '../../src/core/messages';
import { parseConfig, type ColumnsConfig } from '../../src/core/config';

const SAMPLES: { [K in MessageCode]: MessageParams[K] } = {
  'created.blank': {},
  'created.notDate': { reason: 'twoDigitYear' },
  'created.implausible': { earliest: '1990-01-01', latest: '2027-11-22' },
  'column.headless': { letter: 'QX' },
  'id.blank': {},
  'id.duplicate': { firstRow: 4711 },
  'stage.notDate': { stage: 'Stage-α', reason: 'notADate' },
  'stage.implausible': { stage: 'Stage-α', earliest: '1990-01-01', latest: '' },
  'stage.beforeCreated': { stage: 'Stage-α', created: '2026-09-30 12:09' },
  'lost.notDate': { reason: 'boolean' },
  'lost.implausible': { earliest: '1991-02-03', latest: '2031-04-05' },
  'lost.beforeCreated': { created: '2026-09-30 12:09' },
  'stageChanged.notDate': { reason: 'serialRange' },
  'stageChanged.implausible': { earliest: '1990-01-01', latest: '2027-11-22' },
  'amount.notNumber': {},
  'amount.negative': {},
  'currentStage.blank': { rows: 37 },
  'currentStage.unknown': { rows: 2 },
  'stageOrder.implied': { stage: 'Stage-α', next: 'Stage-β', pct: 93, leads: 812 },
  'detect.notStageDates': { column: 'Col-γ', dates: 3, sampled: 977 },
  'detect.swapped': { stageA: 'Stage-α', stageB: 'Stage-β', columnA: 'Col-γ', columnB: 'Col-δ', reversed: 91, both: 99 },
  'reader.unclosedQuote': {},
  'reader.mixedEncoding': {},
  'input.emptySheet': { sheet: 'Sheet-ε' },
  'input.missingColumns': {
    sheet: 'Sheet-ε',
    headerRow: 3,
    missing: [
      { name: 'Col-γ', role: 'stage', stage: 'Stage-α' },
      { name: 'Col-δ', role: 'currentStageChangedAt' },
    ],
    headers: ['H-1', 'H-2'],
  },
  'detect.emptySheet': {},
  'detect.createdAtNotInHeader': { column: 'Col-γ' },
  'detect.noCreatedAt': {},
  'detect.noStages': {},
  'detect.unknownVocabulary': { column: 'Col-γ' },
  'detect.mostlyUnknownStages': { column: 'Col-γ', vocabulary: 'amoCRM', matched: 5, nonBlank: 977, unknown: [{ value: 'Val-ζ', rows: 12 }] },
  'detect.invalidSettings': { errors: [{ code: 'config.grain', params: { path: 'grain' } }] },
  'engine.emptySheet': { sheet: 'Sheet-ε' },
  'report.createdAfterAsOf': { leads: 12, asOf: '2026-11-22' },
  'note.headerRow': { row: 4 },
  'note.column': { field: 'lostReason', column: 'Col-γ' },
  'note.monthFirst': {},
  'note.timestampStages': { stages: [{ column: 'Col-γ', name: 'Stage-α' }] },
  'note.closeDatesNotChangedAt': { column: 'Col-γ' },
  'note.currentStageStages': { column: 'Col-γ', vocabulary: 'amoCRM', names: ['Stage-α', 'Stage-β'], changedAt: 'Col-δ' },
  'engine.badAsOf': { asOf: '2024-13-45' },
  'config.notObject': { path: 'config' },
  'config.unknownSetting': { path: 'key-η' },
  'config.columnsNotObject': { path: 'columns' },
  'config.unknownColumnField': { path: 'columns.budget', known: ['createdAt', 'id'] },
  'config.notHeader': { path: 'columns.id' },
  'config.createdAtRequired': { path: 'columns.createdAt' },
  'config.stagesNotArray': { path: 'stages' },
  'config.stageNotObject': { path: 'stages[7]' },
  'config.required': { path: 'stages[7].name' },
  'config.duplicateStage': { path: 'stages[7].name', name: 'Stage-α' },
  'config.reservedStage': { path: 'stages[7].name', name: 'lead' },
  'config.unknownStageField': { path: 'stages[7].x' },
  'config.currentStageNotObject': { path: 'currentStage' },
  'config.currentStageColumnRequired': { path: 'currentStage.column' },
  'config.currentStageValues': { path: 'currentStage.values' },
  'config.stageTarget': { path: 'currentStage.values["Val-ζ"]' },
  'config.unknownField': { path: 'plausibleDates.z' },
  'config.stageColumnRequired': { path: 'stages[7].column' },
  'config.grain': { path: 'grain' },
  'config.weekStartsOn': { path: 'weekStartsOn' },
  'config.timeZone': { path: 'timeZone' },
  'config.dateOrder': { path: 'dateOrder' },
  'config.boolean': { path: 'strictOrder' },
  'config.positiveInteger': { path: 'minCohortSize' },
  'config.significanceLevel': { path: 'significanceLevel' },
  'config.minConversions': { path: 'minConversions' },
  'config.maturityPercentile': { path: 'maturityPercentile' },
  'config.locale': { path: 'locale' },
  'config.headerRow': { path: 'headerRow' },
  'config.plausibleNotObject': { path: 'plausibleDates' },
  'config.earliest': { path: 'plausibleDates.earliest' },
  'config.yearsAfterReportDate': { path: 'plausibleDates.yearsAfterReportDate' },
  'config.noStages': { path: 'stages' },
  'settings.notJson': { path: 'funnel.config', reason: 'Unexpected token' },
  'settings.badParts': { path: 'funnel.config.parts', max: 60, found: 'x' },
  'settings.partMissing': { path: 'funnel.config.1', parts: 3 },
  'settings.tooLarge': { path: 'config', parts: 61, bytes: 8000 },
  'sidebar.reportDate': { path: 'reportDate' },
  'sidebar.leadsSheet': { path: 'leadsSheet', sheet: 'Gone' },
  'schedule.hour': { path: 'schedule.hour' },
  'schedule.weekday': { path: 'schedule.weekday' },
  'schedule.kind': { path: 'schedule.kind' },
  'schedule.noTriggers': { path: 'schedule' },
  // Spend (issue 9).
  'config.spendNotObject': { path: 'spend' },
  'config.spendCurrency': { path: 'spend.currency' },
  'config.spendRates': { path: 'spend.rates.usd' },
  'config.spendAliases': { path: 'spend.aliases' },
  'config.spendMargin': { path: 'spend.marginPercent' },
  'spend.missingColumns': { missing: ['amount'], headers: ['Date', 'Channel'] },
  'spend.blankRow': {},
  'spend.totalRow': { label: 'Итого' },
  'spend.badAmount': {},
  'spend.noAmount': {},
  'spend.badDate': { reason: 'notAPeriod' },
  'spend.noDate': {},
  'spend.endBeforeStart': { start: '2024-03-31', end: '2024-03-01' },
  'spend.implausible': { earliest: '1990-01-01', latest: '2027-11-22' },
  'spend.noChannel': {},
  'spend.noRate': { currency: 'EUR', reportCurrency: 'RUB' },
  'spend.overlap': { otherRow: 3, channel: 'Google Ads', campaign: 'Brand' },
  'spend.unmatched': { channel: 'google adwords', suggestion: 'Google Ads' },
  'sla.notObject': { path: 'sla' },
  'sla.calendarNotObject': { path: 'sla.calendar' },
  'sla.days': { path: 'sla.calendar.days' },
  'sla.hours': { path: 'sla.calendar.hours' },
  'sla.isoDays': { path: 'sla.calendar.holidays' },
  'sla.rulesNotArray': { path: 'sla.rules' },
  'sla.ruleNotObject': { path: 'sla.rules[0]' },
  'sla.duplicateRule': { path: 'sla.rules[1].name', name: 'First contact' },
  'sla.unknownStep': { path: 'sla.rules[0].to', rule: 'First contact', stages: ['created', 'Contacted'] },
  'sla.limit': { path: 'sla.rules[0].limit', rule: 'First contact', value: '4 hours' },
  'sla.speedPairsNotArray': { path: 'speedPairs' },
  'sla.speedPairNotObject': { path: 'speedPairs[0]' },
  'speed.negativeGap': { from: 'Qualified', to: 'Proposal', fromTime: '2026-03-02 10:00' },
  'config.feedback.unknownStage': { path: 'feedback.handoffStage', name: 'Sales', known: ['Qualified', 'Won'] },
  'config.feedback.textList': { path: 'feedback.reasons' },
  'feedback.unknownVerdict': { known: ['Accepted', 'Won'] },
  'feedback.badDate': {},
  'feedback.badAttempts': {},
  'feedback.duplicateLead': { rows: [3, 9] },
};

const CODES = Object.keys(SAMPLES) as MessageCode[];

/** The catalogues name every configurable column: ColumnField is exactly the keys of `columns` (checked by the compiler). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const columnFieldsMatch: Same<ColumnField, keyof ColumnsConfig> = true;
const LOCALES = Object.keys(CATALOGUES) as Locale[];
/** Parameters whose values are themselves codes (a date failure reason, a column field), not free text. */
const CODE_VALUED = ['reason', 'field'];
const sample = (code: MessageCode) => ({ code, params: SAMPLES[code] }) as Message;

/** The parameters that are plain text or numbers (not those that are codes), less the few a message leaves out on purpose. */
function shownParams(m: Message): string[] {
  const hidden: Partial<Record<MessageCode, string[]>> = { 'stage.implausible': ['latest'] };
  return Object.entries(m.params)
    .filter(([k, v]) => (typeof v === 'string' || typeof v === 'number') && !CODE_VALUED.includes(k) && !(hidden[m.code] ?? []).includes(k))
    .map(([, v]) => String(v));
}

describe('message catalogues', () => {
  test('every catalogue has exactly the codes of codes.ts', () => {
    expect(columnFieldsMatch).toBe(true);
    for (const locale of LOCALES) expect(Object.keys(CATALOGUES[locale]).sort()).toEqual([...CODES].sort());
  });

  test.each(LOCALES)('every code renders in %s with its parameters filled in and no placeholder left', (locale) => {
    for (const code of CODES) {
      const text = render(sample(code), locale);
      expect(text.trim()).not.toBe('');
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN|\$\{|\{\w+\}/);
      for (const v of shownParams(sample(code))) expect({ code, text, has: text.includes(v) }).toEqual({ code, text, has: true });
      if ('path' in sample(code).params) expect(text.startsWith(`${(sample(code).params as { path: string }).path}: `)).toBe(true);
    }
  });

  test('the languages differ (no message is left untranslated), whatever the text parameters (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.string({ minLength: 1, maxLength: 12 }), (code, s) => {
        const params = Object.fromEntries(Object.entries(SAMPLES[code]).map(([k, v]) => [k, typeof v === 'string' && !CODE_VALUED.includes(k) ? s : v]));
        const m = { code, params } as Message;
        const en = render(m, 'en');
        const ru = render(m, 'ru');
        expect(en).not.toBe(ru);
        expect(en).not.toMatch(/undefined|\[object Object\]/);
        expect(ru).not.toMatch(/undefined|\[object Object\]/);
      }),
    );
  });

  test('config errors keep their key path and render in Russian too', () => {
    const r = parseConfig({ columns: { createdAt: 'Created at', budget: 'Amount' }, stages: [{ name: 'Won', column: 'Won at' }], grain: 'daily' });
    if (r.ok) throw new Error('expected errors');
    expect(r.errors).toEqual([
      'columns.budget: unknown column field (known: createdAt, id, channel, manager, product, region, amount, lostAt, lostReason)',
      'grain: must be "week", "month" or "quarter"',
    ]);
    expect(r.problems.map((p) => render(p, 'en'))).toEqual(r.errors);
    expect(r.problems.map((p) => render(p, 'ru'))).toEqual([
      'columns.budget: неизвестное поле столбца (известные: createdAt, id, channel, manager, product, region, amount, lostAt, lostReason)',
      'grain: должно быть "week", "month" или "quarter"',
    ]);
  });
});
