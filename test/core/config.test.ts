import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';

const minimal = {
  columns: { createdAt: 'Created at' },
  stages: [{ name: 'Qualified', column: 'Qualified at' }],
};

describe('parseConfig: valid input', () => {
  test('a full example is accepted as given', () => {
    const input = {
      columns: {
        createdAt: 'Created at', id: 'Lead ID', channel: 'Channel', manager: 'Manager', product: 'Product',
        region: 'Region', amount: 'Amount', lostAt: 'Lost at', lostReason: 'Lost reason',
      },
      stages: [
        { name: 'Contacted', column: 'Contacted at' },
        { name: 'Qualified', column: 'Qualified at' },
        { name: 'Won', column: 'Won at' },
      ],
      grain: 'month',
      weekStartsOn: 0,
      timeZone: 'Europe/Moscow',
      dateOrder: 'mdy',
      strictOrder: true,
      minCohortSize: 50,
      significanceLevel: 0.01,
      minConversions: 10,
      maturityPercentile: 0.9,
      locale: 'ru',
    };
    const r = parseConfig(input);
    expect(r).toEqual({ ok: true, config: input });
  });

  test('defaults fill what is left out', () => {
    const r = parseConfig(minimal);
    expect(r).toEqual({ ok: true, config: { ...DEFAULT_CONFIG, ...minimal } });
    if (r.ok) {
      expect(r.config.grain).toBe('week');
      expect(r.config.weekStartsOn).toBe(1);
      expect(r.config.timeZone).toBe('UTC');
    }
  });

  test('the current-stage shape: stages need no column, values map to stage names case-insensitively', () => {
    const r = parseConfig({
      columns: { createdAt: 'Дата создания сделки' },
      stages: [{ name: 'Contacted' }, { name: 'Won' }],
      currentStage: {
        column: 'Этап сделки',
        values: { 'Первичный контакт': 'contacted', 'Успешно реализовано': 'Won', 'Закрыто и не реализовано': 'lost', 'Неразобранное': 'lead' },
        changedAt: 'Дата закрытия',
      },
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.stages).toEqual([{ name: 'Contacted' }, { name: 'Won' }]);
      expect(r.config.currentStage?.values['Первичный контакт']).toBe('contacted');
      expect(r.config.currentStage?.changedAt).toBe('Дата закрытия');
    }
  });
});

describe('parseConfig: every invalid input is reported under its key', () => {
  const cases: [string, string, unknown][] = [
    ['not an object', 'config', 'hello'],
    ['array instead of object', 'config', [minimal]],
    ['unknown top-level key', 'colour', { ...minimal, colour: 'red' }],
    ['columns missing', 'columns', { stages: minimal.stages }],
    ['createdAt missing', 'columns.createdAt', { ...minimal, columns: { id: 'ID' } }],
    ['createdAt blank', 'columns.createdAt', { ...minimal, columns: { createdAt: '  ' } }],
    ['unknown column field', 'columns.colour', { ...minimal, columns: { createdAt: 'Created', colour: 'Colour' } }],
    ['column header not a string', 'columns.channel', { ...minimal, columns: { createdAt: 'Created', channel: 5 } }],
    ['stages not an array', 'stages', { ...minimal, stages: 'Qualified' }],
    ['no stages', 'stages', { ...minimal, stages: [] }],
    ['stage without a name', 'stages[0].name', { ...minimal, stages: [{ column: 'X' }] }],
    ['stage not an object', 'stages[0]', { ...minimal, stages: ['Qualified'] }],
    ['duplicate stage name', 'stages[1].name', { ...minimal, stages: [{ name: 'Won', column: 'A' }, { name: ' won ', column: 'B' }] }],
    ['reserved stage name', 'stages[0].name', { ...minimal, stages: [{ name: 'Lost', column: 'Lost at' }] }],
    ['stage without a column in the timestamp shape', 'stages[0].column', { ...minimal, stages: [{ name: 'Won' }] }],
    ['unknown stage field', 'stages[0].colour', { ...minimal, stages: [{ name: 'Won', column: 'Won at', colour: 'red' }] }],
    ['currentStage not an object', 'currentStage', { ...minimal, currentStage: 'Stage' }],
    ['currentStage without column', 'currentStage.column', { ...minimal, currentStage: { values: {} } }],
    ['currentStage values not an object', 'currentStage.values', { ...minimal, currentStage: { column: 'Stage', values: [] } }],
    ['currentStage value to an unknown stage', 'currentStage.values["Closed"]', { ...minimal, currentStage: { column: 'Stage', values: { Closed: 'Paid' } } }],
    ['currentStage changedAt blank', 'currentStage.changedAt', { ...minimal, currentStage: { column: 'Stage', values: {}, changedAt: '' } }],
    ['currentStage unknown field', 'currentStage.colour', { ...minimal, currentStage: { column: 'Stage', values: {}, colour: 1 } }],
    ['grain', 'grain', { ...minimal, grain: 'day' }],
    ['weekStartsOn out of range', 'weekStartsOn', { ...minimal, weekStartsOn: 7 }],
    ['weekStartsOn not an integer', 'weekStartsOn', { ...minimal, weekStartsOn: 1.5 }],
    ['timeZone unknown', 'timeZone', { ...minimal, timeZone: 'Mars/Olympus' }],
    ['timeZone blank', 'timeZone', { ...minimal, timeZone: '' }],
    ['timeZone not a string', 'timeZone', { ...minimal, timeZone: 3 }],
    ['dateOrder', 'dateOrder', { ...minimal, dateOrder: 'ymd' }],
    ['strictOrder', 'strictOrder', { ...minimal, strictOrder: 'yes' }],
    ['minCohortSize zero', 'minCohortSize', { ...minimal, minCohortSize: 0 }],
    ['minCohortSize fractional', 'minCohortSize', { ...minimal, minCohortSize: 2.5 }],
    ['significanceLevel too big', 'significanceLevel', { ...minimal, significanceLevel: 0.5 }],
    ['significanceLevel zero', 'significanceLevel', { ...minimal, significanceLevel: 0 }],
    ['maturityPercentile 1', 'maturityPercentile', { ...minimal, maturityPercentile: 1 }],
    ['maturityPercentile as percent', 'maturityPercentile', { ...minimal, maturityPercentile: 80 }],
    ['locale', 'locale', { ...minimal, locale: 'de' }],
  ];

  test.each(cases)('%s → the message names %s', (_label, key, input) => {
    const r = parseConfig(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.some((e) => e.startsWith(`${key}:`))).toBe(true);
      for (const e of r.errors) expect(e).toMatch(/^[\w.[\]"]+: \S/);
    }
  });

  test('several mistakes are all reported at once', () => {
    const r = parseConfig({ ...minimal, grain: 'day', locale: 'de', weekStartsOn: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.split(':')[0]).sort()).toEqual(['grain', 'locale', 'weekStartsOn']);
    }
  });
});
