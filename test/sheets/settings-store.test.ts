import fc from 'fast-check';
import { SAMPLE_CONFIG } from '../../src/core/sample-data';
import {
  CHUNK_BYTES,
  CONFIG_KEY,
  CONFIG_PARTS_KEY,
  LEADS_SHEET_KEY,
  SettingsStore,
  configPartKey,
  splitUtf8,
  utf8ByteLength,
} from '../../src/sheets/settings-store';
import { createFakeServices, PROPERTY_VALUE_LIMIT_BYTES } from '../fakes/services';

function store(initial: Record<string, string> = {}) {
  const world = createFakeServices();
  for (const [k, v] of Object.entries(initial)) world.properties.document.store.set(k, v);
  const props = world.properties.document;
  return { world, props, settings: () => new SettingsStore(props) };
}

/** A valid config whose JSON is long: many Cyrillic stage names (two UTF-8 bytes per letter). */
function bigConfig(stages: number) {
  return {
    columns: { createdAt: 'Дата создания' },
    stages: Array.from({ length: stages }, (_, i) => ({ name: `Этап номер ${i} с очень длинным названием`, column: `Дата этапа ${i} (московское время)` })),
    locale: 'ru',
    timeZone: 'Europe/Moscow',
  };
}

describe('settings store', () => {
  test('nothing stored: none, and reading is one getProperties call', () => {
    const { world, settings } = store();
    const s = settings();
    expect(s.readConfig()).toEqual({ kind: 'none' });
    expect(s.leadsSheet()).toBeNull();
    expect(world.properties.calls.snapshot()).toEqual({ 'Properties.getProperties': 1 });
  });

  test('a small config is saved under funnel.config as validated JSON and read back equal', () => {
    const { props, settings } = store();
    const saved = settings().saveConfig({ ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow' });
    expect(saved.ok).toBe(true);
    expect([...props.store.keys()]).toEqual([CONFIG_KEY]);
    expect(JSON.parse(props.store.get(CONFIG_KEY)!)).toEqual({ ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow' });
    expect(settings().readConfig()).toEqual({ kind: 'ok', config: { ...SAMPLE_CONFIG, timeZone: 'Europe/Moscow' } });
  });

  test('a config past the 9 KB value limit is split into parts that each fit, and reassembled', () => {
    const { props, settings } = store();
    const cfg = bigConfig(120);
    const result = settings().saveConfig(cfg);
    expect(result.ok).toBe(true);
    const json = JSON.stringify(result.ok ? result.config : null);
    expect(utf8ByteLength(json)).toBeGreaterThan(2 * CHUNK_BYTES);
    const n = Number(props.store.get(CONFIG_PARTS_KEY));
    expect(n).toBeGreaterThanOrEqual(Math.ceil(utf8ByteLength(json) / CHUNK_BYTES));
    for (let i = 0; i < n; i++) expect(utf8ByteLength(props.store.get(configPartKey(i))!)).toBeLessThanOrEqual(PROPERTY_VALUE_LIMIT_BYTES);
    expect(Array.from({ length: n }, (_, i) => props.store.get(configPartKey(i))).join('')).toBe(json);
    expect(props.store.has(CONFIG_KEY)).toBe(false);
    const back = settings().readConfig();
    expect(back.kind).toBe('ok');
    if (back.kind === 'ok') expect(back.config.stages).toHaveLength(120);
  });

  test('saving a smaller config later removes every stale part', () => {
    const { props, settings } = store();
    settings().saveConfig(bigConfig(120));
    settings().saveConfig(bigConfig(2));
    expect([...props.store.keys()]).toEqual([CONFIG_KEY]);
    const back = settings().readConfig();
    expect(back.kind === 'ok' && back.config.stages.length).toBe(2);
  });

  test('an invalid config is not saved, and the errors name the keys', () => {
    const { props, settings } = store();
    const r = settings().saveConfig({ columns: {}, stages: [{ name: 'Won' }], grain: 'day' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toContain('columns.createdAt');
      expect(r.errors.join('\n')).toContain('grain');
      expect(r.errors.join('\n')).toContain('stages[0].column');
    }
    expect(props.store.size).toBe(0);
  });

  test('stored JSON that does not parse gives a message naming funnel.config', () => {
    const { settings } = store({ [CONFIG_KEY]: '{"columns": ' });
    const r = settings().readConfig();
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.errors[0]).toMatch(/^funnel\.config: not valid JSON/);
  });

  test('stored JSON that fails validation lists each offending setting', () => {
    const { settings } = store({ [CONFIG_KEY]: JSON.stringify({ columns: { createdAt: 'Created' }, stages: [], weekStartsOn: 9, colour: 'red' }) });
    const r = settings().readConfig();
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.errors).toEqual(
        expect.arrayContaining([expect.stringMatching(/^colour:/), expect.stringMatching(/^weekStartsOn:/), expect.stringMatching(/^stages:/)]),
      );
    }
  });

  test('a missing part or a broken part count is reported, not thrown', () => {
    const missing = store({ [CONFIG_PARTS_KEY]: '3', [configPartKey(0)]: '{', [configPartKey(2)]: '}' }).settings().readConfig();
    expect(missing).toMatchObject({ kind: 'invalid', errors: ['funnel.config.1: missing (the settings were saved in 3 parts)'] });
    const bad = store({ [CONFIG_PARTS_KEY]: 'two' }).settings().readConfig();
    expect(bad.kind === 'invalid' && bad.errors[0]).toMatch(/^funnel\.config\.parts:/);
  });

  test('whatever is stored, reading never throws (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(CONFIG_KEY, CONFIG_PARTS_KEY, configPartKey(0), configPartKey(1), LEADS_SHEET_KEY), fc.string()), (stored) => {
        const r = store(stored).settings().readConfig();
        return r.kind === 'none' || r.kind === 'ok' || (r.kind === 'invalid' && r.errors.length > 0);
      }),
      { numRuns: 300 },
    );
  });

  test('the leads sheet name is stored under funnel.leadsSheet', () => {
    const { props, settings } = store();
    settings().saveLeadsSheet('Мои лиды');
    expect(props.store.get(LEADS_SHEET_KEY)).toBe('Мои лиды');
    expect(settings().leadsSheet()).toBe('Мои лиды');
  });
});

describe('splitUtf8', () => {
  test('pieces fit the byte budget, never cut a character, and join back (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 4, max: 50 }), (text, max) => {
        const parts = splitUtf8(text, max);
        const fits = parts.every((p) => utf8ByteLength(p) <= max);
        const noEmptyPieces = text === '' ? parts.length === 1 : parts.every((p) => p.length > 0);
        const noCutPairs = parts.every((p) => !/^[\uDC00-\uDFFF]/.test(p) && !/[\uD800-\uDBFF]$/.test(p));
        return parts.join('') === text && fits && noEmptyPieces && noCutPairs;
      }),
      { numRuns: 300 },
    );
  });

  test('utf8ByteLength agrees with Node', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (t) => utf8ByteLength(t) === Buffer.byteLength(t, 'utf8')));
  });
});
