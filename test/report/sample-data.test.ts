import { SAMPLE_CONFIG, SAMPLE_HEADERS, sampleLeadRows } from '../../src/core/sample-data';
import { parseIsoDay, DAY_MS } from '../../src/core/time/wall-time';

const rows = sampleLeadRows();
const body = rows.slice(1);
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
const wall = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10), +s.slice(11, 13), +s.slice(14, 16));

describe('sampleLeadRows', () => {
  test('header plus count rows of plain sheet values (no Date objects)', () => {
    expect(rows[0]).toEqual([...SAMPLE_HEADERS]);
    expect(body).toHaveLength(1500);
    expect(sampleLeadRows({ count: 10 })).toHaveLength(11);
    for (const r of body) {
      expect(r).toHaveLength(13);
      for (const v of r) expect(['string', 'number']).toContain(typeof v);
    }
  });

  test('same seed, same rows; another seed, other rows; independent of the process time zone', () => {
    const again = sampleLeadRows();
    expect(again).toEqual(rows);
    expect(sampleLeadRows({ seed: 7 })).not.toEqual(rows);
    const tz = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati';
    try {
      expect(sampleLeadRows()).toEqual(rows);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  test('26 weeks of leads ending today, weekdays busier than weekends', () => {
    const today = parseIsoDay('2026-11-22')!;
    const created = body.map((r) => String(r[1])).filter((s) => STAMP.test(s)).map(wall);
    expect(created.length).toBeGreaterThan(1490);
    expect(Math.max(...created)).toBeLessThan(today + DAY_MS);
    expect(Math.min(...created)).toBeGreaterThanOrEqual(today - 181 * DAY_MS);
    const perWeekday = new Array(7).fill(0);
    for (const c of created) perWeekday[new Date(c).getUTCDay()]++;
    const weekdayAvg = (perWeekday[1] + perWeekday[2] + perWeekday[3] + perWeekday[4] + perWeekday[5]) / 5;
    const weekendAvg = (perWeekday[0] + perWeekday[6]) / 2;
    expect(weekdayAvg).toBeGreaterThan(2.5 * weekendAvg);
    // later rows are later leads (a CRM export order), apart from the spoiled one
    const sorted = [...created].sort((a, b) => a - b);
    expect(created).toEqual(sorted);
  });

  test('channels differ in volume and quality; managers mix Latin and Cyrillic names', () => {
    const byChannel = new Map<string, { leads: number; won: number }>();
    for (const r of body) {
      const e = byChannel.get(String(r[2])) ?? { leads: 0, won: 0 };
      e.leads++;
      if (r[10] !== '') e.won++;
      byChannel.set(String(r[2]), e);
    }
    const real = [...byChannel].filter(([, e]) => e.leads > 20);
    expect(real.length).toBeGreaterThanOrEqual(5);
    const rates = real.map(([, e]) => e.won / e.leads);
    expect(Math.max(...rates)).toBeGreaterThan(3 * Math.min(...rates));
    const managers = new Set(body.map((r) => String(r[3])));
    expect(managers.size).toBeGreaterThanOrEqual(4);
    expect([...managers].some((m) => /[А-я]/.test(m))).toBe(true);
    expect([...managers].some((m) => /^[A-Za-z ]+$/.test(m))).toBe(true);
    expect(new Set(body.map((r) => r[4])).size).toBe(3);
  });

  test('funnel shape: counts shrink stage by stage, some stages are skipped, won deals carry amounts', () => {
    const has = (r: unknown[], i: number) => r[i] !== '';
    const counts = [7, 8, 9, 10].map((i) => body.filter((r) => has(r, i)).length);
    for (let k = 1; k < 4; k++) expect(counts[k]).toBeLessThan(counts[k - 1]);
    expect(body.filter((r) => !has(r, 8) && has(r, 9)).length).toBeGreaterThan(0); // qualified skipped
    const won = body.filter((r) => has(r, 10));
    expect(won.filter((r) => typeof r[6] === 'number' && (r[6] as number) > 0).length).toBeGreaterThanOrEqual(won.length - 2);
    expect(body.filter((r) => !has(r, 10) && typeof r[6] === 'number' && (r[6] as number) > 0)).toHaveLength(0);
    const reasons = new Set(body.filter((r) => has(r, 11)).map((r) => String(r[12])));
    expect([...reasons].some((x) => /[А-я]/.test(x)) && [...reasons].some((x) => /^[A-Za-z ]+$/.test(x))).toBe(true);
    // delays: contact within hours (median), won weeks after creation
    const gapsH = (i: number) =>
      body.filter((r) => STAMP.test(String(r[1])) && STAMP.test(String(r[i]))).map((r) => (wall(String(r[i])) - wall(String(r[1]))) / 3_600_000).sort((a, b) => a - b);
    const median = (a: number[]) => a[Math.floor(a.length / 2)];
    expect(median(gapsH(7))).toBeLessThan(12);
    expect(median(gapsH(10)) / 24).toBeGreaterThan(14);
  });

  test('contains the deliberately bad rows', () => {
    expect(body.some((r) => !STAMP.test(String(r[1])))).toBe(true); // unparseable creation date
    const ids = body.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length - 1); // one duplicate id
    expect(body.some((r) => typeof r[6] === 'number' && (r[6] as number) < 0)).toBe(true);
    expect(body.some((r) => r[6] === 'TBD')).toBe(true);
    expect(body.some((r) => String(r[2]).startsWith('='))).toBe(true);
    expect(body.some((r) => STAMP.test(String(r[1])) && STAMP.test(String(r[7])) && wall(String(r[7])) < wall(String(r[1])))).toBe(true);
    expect(body.some((r) => r[8] === 'yesterday')).toBe(true);
  });

  test('SAMPLE_CONFIG maps every sample column', () => {
    expect(SAMPLE_CONFIG.stages.map((s) => s.name)).toEqual(['Contacted', 'Qualified', 'Proposal', 'Won']);
    const headers = new Set<string>(SAMPLE_HEADERS);
    for (const c of Object.values(SAMPLE_CONFIG.columns)) expect(headers.has(c as string)).toBe(true);
    for (const s of SAMPLE_CONFIG.stages) expect(headers.has(s.column!)).toBe(true);
  });
});
