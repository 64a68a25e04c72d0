import { contiguousRuns, planKeyedMerge, type KeyedMergePlan } from '../../src/core/keyed-merge';
import type { CellValue } from '../../src/core/types';
import { EN_HEADER, SPEC, row } from './spec-fixture';

/** The sheet after executing a plan on `values` the way both writers do (owned cells only). */
function apply(values: CellValue[][], plan: KeyedMergePlan): CellValue[][] {
  const out = Array.from({ length: plan.rowCount }, (_, r) => {
    const line = [...(values[r] ?? [])];
    while (line.length < plan.width) line.push('');
    return line;
  });
  for (const o of plan.owned) o.values.forEach((v, r) => (out[r][o.index] = v));
  for (const h of plan.createdHumanHeaders) out[0][h.index] = h.label;
  return out;
}

const ORPHAN = 'Not in Leads any more';
const DUP = 'Duplicate key: this key is on more than one row';

describe('planKeyedMerge', () => {
  test('a new tab gets the header in spec order and one row per key', () => {
    const plan = planKeyedMerge(SPEC, null, [row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Lead')], 'en');
    expect(apply([], plan)).toEqual([EN_HEADER, ['L1', 'Google', 'Won', '', '', ''], ['L2', 'Facebook', 'Lead', '', '', '']]);
    expect(plan.result.appended).toEqual(['L1', 'L2']);
    expect(plan.result.createdColumns).toEqual(['lead', 'channel', 'stage', 'status', 'verdict', 'comment']);
  });

  test('rows are matched by key after a sort; human cells are not in the plan', () => {
    const sheet: CellValue[][] = [EN_HEADER, ['L2', 'Facebook', 'Lead', '', 'no', 'spam'], ['L1', 'Google', 'Lead', '', 'yes', 'called']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Qualified')], 'en');
    expect(apply(sheet, plan)).toEqual([EN_HEADER, ['L2', 'Facebook', 'Qualified', '', 'no', 'spam'], ['L1', 'Google', 'Won', '', 'yes', 'called']]);
    expect(plan.owned.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(plan.result.matched).toBe(2);
  });

  test('a gone key stays, keeps its owned cells and is flagged; it is unflagged when it comes back', () => {
    const sheet: CellValue[][] = [EN_HEADER, ['L1', 'Google', 'Lead', '', 'yes', ''], ['L2', 'Facebook', 'Lead', '', '', 'x']];
    const gone = planKeyedMerge(SPEC, { values: sheet }, [row('L2', 'Facebook', 'Won')], 'en');
    const after = apply(sheet, gone);
    expect(after[1]).toEqual(['L1', 'Google', 'Lead', ORPHAN, 'yes', '']);
    expect(gone.result.orphaned).toEqual(['L1']);
    const back = planKeyedMerge(SPEC, { values: after }, [row('L1', 'Google', 'Won'), row('L2', 'Facebook', 'Won')], 'en');
    expect(apply(after, back)[1]).toEqual(['L1', 'Google', 'Won', '', 'yes', '']);
    expect(back.result.orphaned).toEqual([]);
  });

  test('a key on two rows flags both rows and keeps both', () => {
    const sheet: CellValue[][] = [EN_HEADER, ['L1', '', '', '', 'yes', 'a'], ['L1', '', '', '', 'no', 'b']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('L1', 'Google', 'Won')], 'en');
    expect(apply(sheet, plan)).toEqual([EN_HEADER, ['L1', 'Google', 'Won', DUP, 'yes', 'a'], ['L1', 'Google', 'Won', DUP, 'no', 'b']]);
    expect(plan.result.duplicates).toEqual(['L1']);
    expect(plan.result.appended).toEqual([]);
  });

  test('a blank-key row is left as it was; new keys go below everything', () => {
    const sheet: CellValue[][] = [EN_HEADER, ['L1', 'Google', 'Lead', '', '', ''], ['', '', '', '', '', 'my note']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('L1', 'Google', 'Lead'), row('L9', 'Organic', 'Lead')], 'en');
    expect(apply(sheet, plan)).toEqual([EN_HEADER, ['L1', 'Google', 'Lead', '', '', ''], ['', '', '', '', '', 'my note'], ['L9', 'Organic', 'Lead', '', '', '']]);
    expect(plan.result.blankRows).toBe(1);
  });

  test('columns are found by header wherever they moved, in either language; a people column between owned ones splits the runs', () => {
    const header = ['Комментарий', 'Stage', 'ID лида', 'Accepted?', 'Канал', 'Status'];
    const sheet: CellValue[][] = [header, ['hi', 'Lead', 'L1', 'yes', 'Google', '']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('L1', 'Google', 'Won')], 'en');
    expect(apply(sheet, plan)).toEqual([
      ['Комментарий', 'Stage', 'Lead ID', 'Accepted?', 'Channel', 'Status'],
      ['hi', 'Won', 'L1', 'yes', 'Google', ''],
    ]);
    expect(contiguousRuns(plan.owned).map((run) => run.map((o) => o.index))).toEqual([[1, 2], [4, 5]]);
    expect(plan.result.createdColumns).toEqual([]);
  });

  test('a recorded column id wins over header text; a missing owned column is re-created at the right end', () => {
    // Column 0 is recorded as "comment" although a person retitled it "Stage"; the real stage column was deleted.
    const sheet: CellValue[][] = [['Stage', 'Lead ID', 'Status', 'Accepted?', 'Channel'], ['typed', 'L1', '', 'yes', 'Google']];
    const plan = planKeyedMerge(SPEC, { values: sheet, columnIds: ['comment', 'lead', 'status', 'verdict', null] }, [row('L1', 'Google', 'Won')], 'ru');
    expect(apply(sheet, plan)).toEqual([
      ['Stage', 'ID лида', 'Статус', 'Accepted?', 'Канал', 'Этап'],
      ['typed', 'L1', '', 'yes', 'Google', 'Won'],
    ]);
    expect(plan.columns.find((c) => c.id === 'stage')).toEqual({ id: 'stage', owner: 'addon', index: 5, foundBy: 'created' });
    expect(plan.columns.find((c) => c.id === 'channel')?.foundBy).toBe('header');
  });

  test('a missing people column gets its header only', () => {
    const sheet: CellValue[][] = [['Lead ID', 'Channel', 'Stage', 'Status', 'Comment'], ['L1', 'G', 'Lead', '', 'keep']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('L1', 'G', 'Lead')], 'en');
    expect(plan.createdHumanHeaders).toEqual([{ id: 'verdict', index: 5, label: 'Accepted?' }]);
    expect(apply(sheet, plan)[1]).toEqual(['L1', 'G', 'Lead', '', 'keep', '']);
  });

  test('keys match as trimmed text (a key typed as a number matches the same text)', () => {
    const sheet: CellValue[][] = [EN_HEADER, [1001, '', '', '', 'yes', ''], [' L2 ', '', '', '', '', '']];
    const plan = planKeyedMerge(SPEC, { values: sheet }, [row('1001', 'G', 'Won'), row('L2', 'F', 'Lead')], 'en');
    expect(plan.result.matched).toBe(2);
    expect(plan.result.appended).toEqual([]);
  });

  test('a spec with a repeated column id or label is refused', () => {
    const repeatedId = { ...SPEC, human: [...SPEC.human, { id: 'lead', label: { en: 'Other', ru: 'Другое' } }] };
    expect(() => planKeyedMerge(repeatedId, null, [], 'en')).toThrow(/column id "lead"/);
    const repeatedLabel = { ...SPEC, human: [...SPEC.human, { id: 'x', label: { en: 'Note', ru: 'канал' } }] };
    expect(() => planKeyedMerge(repeatedLabel, null, [], 'en')).toThrow(/label "канал"/);
  });
});
