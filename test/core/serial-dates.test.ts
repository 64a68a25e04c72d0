/**
 * Serial day numbers in CSV date columns are read as the README says, by ingestion over rows and by
 * the CLI's byte reader alike; detection takes a column of serials as a stage only under a date-like
 * header (an amount column of five-digit numbers is not a stage).
 */
import { CsvRowSource, csvLayout } from '../../src/cli/csv-columnar';
import { DEFAULT_CONFIG, type FunnelConfig } from '../../src/core/config';
import { NOT_FIXED } from '../../src/core/time/sentinels';
import { parseFixedDateBytes } from '../../src/core/time/parse-bytes';
import { INVALID_DATE } from '../../src/core/time/sentinels';
import { makeDateParser } from '../../src/core/time/date-parser';
import { detectConfig } from '../../src/core/detect';
import { ingestRows, ingestSource } from '../../src/core/ingest';

const W = Date.UTC;

const csv = ['Created at,Won at,Amount', '45366,45370.5,45000', '2024-03-16,,12000', '45367.25,45371,33000', ''].join('\n');
const rows = csv.split('\n').map((line) => line.split(','));
const config: FunnelConfig = {
  ...DEFAULT_CONFIG,
  columns: { createdAt: 'Created at', amount: 'Amount' },
  stages: [{ name: 'Won', column: 'Won at' }],
};

describe('serial day numbers in a CSV', () => {
  test('rows: 45366 → 2024-03-15, 45370.5 → 2024-03-19 12:00, no data issues', () => {
    const r = ingestRows(rows, { config, sheet: 'leads' });
    expect(r.issues).toEqual([]);
    expect(Array.from(r.leads.createdAt)).toEqual([W(2024, 2, 15), W(2024, 2, 16), W(2024, 2, 16, 6)]);
    expect(Array.from(r.leads.stageTimes[0])).toEqual([W(2024, 2, 19, 12), Number.NaN, W(2024, 2, 20)]);
  });

  test('the byte reader gives the same result', () => {
    const layout = csvLayout(Buffer.from(csv));
    if (!layout) throw new Error('byte reader declined the file');
    expect(ingestSource(new CsvRowSource(layout), { config, sheet: 'leads' })).toStrictEqual(ingestRows(rows, { config, sheet: 'leads' }));
  });

  test('detection: serials under "Won at" make a stage, five-digit amounts do not', () => {
    const d = detectConfig([['Created at', 'Won at', 'Deal size'], ...rows.slice(1, 4)]);
    if (!d.ok) throw new Error(d.error);
    expect(d.config.stages).toEqual([{ name: 'Won', column: 'Won at' }]);
    expect(d.warnings).toEqual([]);
  });
});

describe('the byte fast path reads five-digit serials exactly as the string parser', () => {
  const parser = makeDateParser({ timeZone: 'UTC', dateOrder: 'dmy' });
  const bytes = (text: string) => parseFixedDateBytes(Buffer.from(text), 0, text.length);

  test('45366 → 2024-03-15; out of range or not digits: left to the string parser', () => {
    expect(bytes('45366')).toBe(W(2024, 2, 15));
    expect(bytes('25568')).toBe(NOT_FIXED);
    expect(bytes('73051')).toBe(NOT_FIXED);
    expect(bytes('4536a')).toBe(NOT_FIXED);
  });

  test('every five-digit number: the same day as the string parser, or the string parser says it is no date', () => {
    for (let v = 10000; v <= 99999; v += 7) {
      const text = String(v);
      const b = bytes(text);
      const s = parser.parse(text);
      if (b === NOT_FIXED) expect(s).toBe(INVALID_DATE);
      else expect(b).toBe(s);
    }
  });
});
