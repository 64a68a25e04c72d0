import { buildFunnelReport } from '../../src/core/engine';
import fc from 'fast-check';
import { DEFAULT_CONFIG, parseConfig } from '../../src/core/config';
import { detectConfig } from '../../src/core/detect';
import { ingestRows } from '../../src/core/ingest';
import type { CellValue } from '../../src/core/types';

function detected(rows: CellValue[][], base?: Parameters<typeof detectConfig>[1]) {
  const r = detectConfig(rows, base);
  if (!r.ok) throw new Error(`detection failed: ${r.error}`);
  return r;
}

describe('timestamp shape', () => {
  const rows: CellValue[][] = [
    ['Signup date', 'Lead ID', 'Created at', 'Channel', 'Contacted at', 'Qualified at', 'Updated at', 'Won date', 'Lost at', 'Manager', 'Amount', 'Notes', 'Score'],
    ['2024-01-01', 'L1', '2024-03-01 10:00', 'Google', '2024-03-02', '2024-03-04', '2024-04-01', '2024-03-20', '', 'Ann', '1 200', 'called twice', 5],
    ['2024-01-02', 'L2', '2024-03-02 11:00', 'Yandex', '2024-03-03', '', '2024-04-01', '', '2024-03-05', 'Bob', '', 'no answer', 3],
    ['2024-01-03', 'L3', '2024-03-03 12:00', 'Google', '', '', '2024-04-02', '', '', 'Ann', '', '', 1],
  ];
  const r = detected(rows);

  test('known columns by header, stages = date columns right of the creation date, left to right', () => {
    expect(r.config.columns).toEqual({
      createdAt: 'Created at', id: 'Lead ID', channel: 'Channel', manager: 'Manager', amount: 'Amount', lostAt: 'Lost at',
    });
    // "Signup date" is left of the creation date, "Updated at" is bookkeeping, "Lost at" is the lost date,
    // "Notes" is text and "Score" holds numbers.
    expect(r.config.stages).toEqual([
      { name: 'Contacted', column: 'Contacted at' },
      { name: 'Qualified', column: 'Qualified at' },
      { name: 'Won', column: 'Won date' },
    ]);
    expect(r.config.currentStage).toBeUndefined();
  });

  test('the rest of the config is DEFAULT_CONFIG and it passes parseConfig', () => {
    const { columns, stages, ...rest } = r.config;
    expect(rest).toEqual(DEFAULT_CONFIG);
    expect(parseConfig(JSON.parse(JSON.stringify(r.config)))).toEqual({ ok: true, config: r.config });
    expect(r.notes.length).toBe(r.notesRu.length);
    expect(r.notes.join('\n')).toContain('"Contacted at" → Contacted');
    expect(columns.createdAt).toBe('Created at');
    expect(stages.length).toBe(3);
  });

  test('a column that is mostly not dates is not a stage; 80 % dates is enough', () => {
    const make = (bad: number) => {
      const out: CellValue[][] = [['created', 'Demo at']];
      for (let i = 0; i < 10; i++) out.push(['2024-03-01', i < bad ? 'tbd' : '2024-03-05']);
      return out;
    };
    expect(detected(make(2)).config.stages).toEqual([{ name: 'Demo', column: 'Demo at' }]);
    expect(detectConfig(make(3)).ok).toBe(false);
  });

  test('a date column that is still blank counts as a stage when its header reads like a timestamp', () => {
    const rows2: CellValue[][] = [['Created', 'Paid at', 'Comment'], ['2024-03-01', '', ''], ['2024-03-02', '', '']];
    expect(detected(rows2).config.stages).toEqual([{ name: 'Paid', column: 'Paid at' }]);
  });

  test('Russian headers, a trailing space, Date objects', () => {
    const rows2: CellValue[][] = [
      ['№', 'Дата создания', 'Источник', 'Менеджер', 'Бюджет ', 'Дата квалификации', 'Комментарий', 'Дата отказа', 'Причина отказа', 'Город'],
      [1, new Date('2024-03-01T10:00:00Z'), 'Сайт', 'Иван', '1 000', new Date('2024-03-02T10:00:00Z'), '', '', '', 'Москва'],
    ];
    const c = detected(rows2).config;
    expect(c.columns).toEqual({
      createdAt: 'Дата создания', id: '№', channel: 'Источник', manager: 'Менеджер', amount: 'Бюджет',
      lostAt: 'Дата отказа', lostReason: 'Причина отказа', region: 'Город',
    });
    expect(c.stages).toEqual([{ name: 'Дата квалификации', column: 'Дата квалификации' }]);
  });

  test('stage names stay unique and never take the reserved names lead/lost', () => {
    const rows2: CellValue[][] = [['Created', 'Lead at', 'Won at', 'Won date'], ['2024-03-01', '2024-03-01', '2024-03-02', '2024-03-03']];
    expect(detected(rows2).config.stages).toEqual([
      { name: 'Lead at', column: 'Lead at' },
      { name: 'Won', column: 'Won at' },
      { name: 'Won date', column: 'Won date' },
    ]);
  });

  test('header matching is case-insensitive and trimmed; with duplicate headers the first wins', () => {
    const rows2: CellValue[][] = [
      ['  CREATED AT ', 'SOURCE', 'Source', 'Won At'],
      ['2024-03-01', 'first', 'second', '2024-03-09'],
    ];
    const c = detected(rows2).config;
    expect(c.columns.createdAt).toBe('CREATED AT');
    expect(c.columns.channel).toBe('SOURCE');
    const data = ingestRows(rows2, { config: c, sheet: 'S' });
    expect(data.leads.slices.channel?.values).toEqual(['first']);
  });

  test('month-first slash dates switch the day order', () => {
    const rows2: CellValue[][] = [['Created', 'Won at'], ['02/13/2024', '02/20/2024'], ['03/01/2024', '']];
    const r2 = detected(rows2);
    expect(r2.config.dateOrder).toBe('mdy');
    expect(r2.config.stages).toEqual([{ name: 'Won', column: 'Won at' }]);
    const data = ingestRows(rows2, { config: r2.config, sheet: 'S' });
    expect(Array.from(data.leads.createdAt)).toEqual([Date.UTC(2024, 1, 13), Date.UTC(2024, 2, 1)]);
    expect(detected([['Created', 'Won at'], ['13/02/2024', '']]).config.dateOrder).toBe('dmy');
  });
});

describe('current-stage shape', () => {
  test('generic English stage names', () => {
    const rows: CellValue[][] = [
      ['id', 'created', 'status', 'owner'],
      ['1', '2024-03-01', 'New', 'Ann'],
      ['2', '2024-03-01', 'Qualified', 'Ann'],
      ['3', '2024-03-02', 'Closed Won', 'Bob'],
      ['4', '2024-03-02', 'Closed Lost', 'Bob'],
      ['5', '2024-03-03', 'Whatever', 'Bob'],
    ];
    const c = detected(rows).config;
    expect(c.stages.map((s) => s.name)).toEqual(['Contacted', 'Qualified', 'Proposal', 'Negotiation', 'Won']);
    expect(c.currentStage?.column).toBe('status');
    expect(c.currentStage?.values['Closed Won']).toBe('Won');
    expect(c.currentStage?.values['Closed Lost']).toBe('lost');
    const data = ingestRows(rows, { config: c, sheet: 'S' });
    const reached = data.leads.stageTimes.map((a) => Array.from(a).filter((t) => !Number.isNaN(t)).length);
    // Qualified → Contacted, Qualified; Closed Won → all five; New, lost and unknown → none.
    expect(reached).toEqual([2, 2, 1, 1, 1]);
    expect(data.issues.map((i) => [i.row, i.value, i.severity])).toEqual([[6, 'Whatever', 'warning']]);
    expect(data.leads.lostAt[3]).toBe(Number.NEGATIVE_INFINITY);
  });

  test('Bitrix24 deal stages', () => {
    const rows: CellValue[][] = [
      ['ID', 'Дата создания', 'Стадия сделки', 'Дата изменения'],
      ['1', '01.03.2024 10:00:00', 'Новая', '01.03.2024 10:00:00'],
      ['2', '01.03.2024 11:00:00', 'Счет на предоплату', '02.03.2024 10:00:00'],
      ['3', '02.03.2024 12:00:00', 'Сделка успешна', '05.03.2024 10:00:00'],
      ['4', '02.03.2024 13:00:00', 'Сделка провалена', '03.03.2024 10:00:00'],
    ];
    const c = detected(rows).config;
    expect(c.currentStage?.column).toBe('Стадия сделки');
    expect(c.stages.map((s) => s.name)).toEqual(['Preparing documents', 'Prepayment invoice', 'In progress', 'Final invoice', 'Won']);
    // "Дата изменения" is when the deal was edited, not a stage and not the stage change time.
    expect(c.currentStage?.changedAt).toBeUndefined();
    const data = ingestRows(rows, { config: c, sheet: 'S' });
    expect(data.issues).toEqual([]); // "Счет" with е matches "Счёт"
    const reached = data.leads.stageTimes.map((a) => Array.from(a).filter((t) => !Number.isNaN(t)).length);
    expect(reached).toEqual([2, 2, 1, 1, 1]);
  });

  test('a stage column with no known values is an error, not a guess', () => {
    const r = detectConfig([['Created', 'Stage'], ['2024-03-01', 'Замер'], ['2024-03-02', 'КП']]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toContain('"Stage"');
      expect(r.errorRu).toContain('«Stage»');
    }
  });
});

describe('errors and overrides', () => {
  test('no creation-date column → an error in English and Russian', () => {
    const r = detectConfig([['Name', 'Phone', 'Stage'], ['Ann', '123', 'Won']]);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('creation date'), errorRu: expect.stringContaining('дат') });
  });

  test('empty sheet and sheet without stages are errors', () => {
    expect(detectConfig([]).ok).toBe(false);
    expect(detectConfig([['', '']]).ok).toBe(false);
    const r = detectConfig([['Created', 'Name'], ['2024-03-01', 'Ann']]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/stage/);
  });

  test('base settings override what is detected', () => {
    const rows: CellValue[][] = [
      ['Created at', 'utm_source', 'Channel', 'Won at'],
      ['2024-03-01 10:00', 'google', 'Ads', '2024-03-05'],
    ];
    const r = detected(rows, { timeZone: 'Europe/Moscow', locale: 'ru', columns: { createdAt: 'Created at', channel: 'utm_source' } });
    expect(r.config.timeZone).toBe('Europe/Moscow');
    expect(r.config.locale).toBe('ru');
    expect(r.config.columns.channel).toBe('utm_source');
    expect(r.config.stages).toEqual([{ name: 'Won', column: 'Won at' }]);
    // "Channel" is not taken as a stage or re-used for another field.
    expect(Object.values(r.config.columns)).not.toContain('Channel');
    const own = detected(rows, { stages: [{ name: 'Paid', column: 'Won at' }] });
    expect(own.config.stages).toEqual([{ name: 'Paid', column: 'Won at' }]);
  });

  test('a configured creation column that is missing is reported by name', () => {
    const r = detectConfig([['Created at'], ['2024-01-01']], { columns: { createdAt: 'Opened' } });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('"Opened"'), errorRu: expect.stringContaining('«Opened»') });
  });

  test('any detected config is accepted by parseConfig (property over shuffled headers)', () => {
    const pool = ['Lead ID', 'Channel', 'Manager', 'Product', 'Region', 'Amount', 'Contacted at', 'Qualified at', 'Proposal date', 'Won at', 'Lost at', 'Lost reason', 'Updated at'];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), (picked) => {
        const header = ['Created at', ...picked];
        const row = header.map((h) => (/ at$| date$/.test(h) ? '2024-03-02' : h === 'Amount' ? '100' : 'x'));
        const r = detectConfig([header, row]);
        const hasStage = picked.some((h) => /^(Contacted at|Qualified at|Proposal date|Won at)$/.test(h));
        expect(r.ok).toBe(hasStage);
        if (r.ok) {
          expect(parseConfig(JSON.parse(JSON.stringify(r.config)))).toEqual({ ok: true, config: r.config });
          const expectedStages = picked.filter((h) => /^(Contacted at|Qualified at|Proposal date|Won at)$/.test(h));
          expect(r.config.stages.map((s) => s.column)).toEqual(expectedStages);
        }
      }),
    );
  });
});

describe('a stage-like column that is mostly not dates', () => {
  const rows = [
    ['Created at', 'Qualified at', 'Won at'],
    ['2024-01-01', 'soon', '2024-01-09'],
    ['2024-01-02', 'call back', ''],
    ['2024-01-03', '2024-01-04', ''],
  ];

  test('is left out of the stages with a warning naming it and the share of dates', () => {
    const r = detectConfig(rows);
    if (!r.ok) throw new Error(r.error);
    expect(r.config.stages.map((s) => s.column)).toEqual(['Won at']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].column).toBe('Qualified at');
    expect(r.warnings[0].problem).toContain('1 of 3');
    expect(r.warnings[0].problemRu).toContain('1 из 3');
  });

  test('the warning reaches the report as a data issue at the header row', () => {

    const out = buildFunnelReport(rows, { sheet: 'Leads', sourceName: 't', asOf: '2024-01-31' });
    if (!out.ok) throw new Error(out.error);
    expect(out.report.dataIssues.map((i) => [i.row, i.column, i.severity])).toEqual([[1, 'Qualified at', 'warning']]);
    expect(out.report.cohortReport.total.reached).toEqual([3, 1]);
  });

  test('a clean sheet gets no warnings', () => {
    const r = detectConfig([['Created at', 'Won at'], ['2024-01-01', '2024-01-02']]);
    expect(r.ok && r.warnings).toEqual([]);
  });
});

describe('detection says what it left out and what looks wrong', () => {
  test('a dropped stage column is in the result itself, with its sampled share of dates', () => {
    const r = detectConfig([
      ['Created at', 'Qualified at', 'Won at'],
      ['2024-01-01', 'soon', '2024-01-09'],
      ['2024-01-02', 'call back', ''],
      ['2024-01-03', '2024-01-04', ''],
    ]);
    if (!r.ok) throw new Error(r.error);
    expect(r.droppedStageColumns).toEqual([{ column: 'Qualified at', dates: 1, sampled: 3 }]);
  });

  /** 20 leads; in `reversed` of them "Contacted at" (right) is a day before "Qualified at" (left). */
  function swapped(reversed: number): CellValue[][] {
    const rows: CellValue[][] = [['Created at', 'Qualified at', 'Contacted at', 'Won at']];
    for (let i = 0; i < 20; i++) {
      const [q, c] = i < reversed ? ['2024-03-05', '2024-03-04'] : ['2024-03-04', '2024-03-05'];
      rows.push(['2024-03-01', q, c, i % 4 === 0 ? '2024-03-09' : '']);
    }
    return rows;
  }

  test('18 of 20 (90 %) leads with the later stage dated first: a warning that says which stages to swap', () => {
    const r = detectConfig(swapped(18));
    if (!r.ok) throw new Error(r.error);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].column).toBe('Contacted at');
    expect(r.warnings[0].problem).toBe(
      'Stages "Qualified" and "Contacted" look swapped: in 18 of 20 leads with both dates, "Contacted at" is earlier than "Qualified at". ' +
        'Swap them: move column "Contacted at" to the left of "Qualified at", or list the stages in the settings with "Contacted" before "Qualified"',
    );
    expect(r.warnings[0].problemRu).toContain('у 18 из 20 лидов');
    // Contacted → Won: 5 leads with both, Won later in all of them: no warning.
  });

  test('17 of 20 (85 %) is not enough, nor are fewer than 10 leads with both dates', () => {
    const r = detectConfig(swapped(17));
    expect(r.ok && r.warnings).toEqual([]);
    const few = detectConfig(swapped(20).slice(0, 10));
    expect(few.ok && few.warnings).toEqual([]);
  });
});
