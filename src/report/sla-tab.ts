/**
 * The SLA tab: what the Monday meeting reads, top to bottom. Open breaches first (oldest deadline
 * first, with the overdue time in words), then owners over every rule (most open breaches on top),
 * each rule and each rule × owner (% on time, median response, open now), the weekly trend of % on
 * time, what lateness costs (on time vs late conversion, flagged only when significant and mature),
 * and last the speed between stages (Speed is a section here rather than a tab of its own: it is read
 * at the same meeting, and a run without `sla`/`speedPairs` settings keeps its tabs unchanged).
 */
import type { SlaReport } from '../core/sla/sla';
import type { SpeedReport, SpeedStats } from '../core/sla/speed';
import { CREATED } from '../core/sla/config';
import { durationWords } from '../core/sla/duration';
import { formatWallDateTime } from '../core/time/format';
import { instantToWall } from '../core/time/zone';
import { COLOR, FMT, GridBuilder, a1Ref, countCell, rateCell, type CellSpec } from './format';
import type { ReportLocale } from './i18n';
import type { TabLayout } from './layout';
import { slaStrings } from './sla-strings';

export interface SlaTabOptions {
  locale: ReportLocale;
  leadsSheet: string;
  timeZone: string;
  /** Open breaches listed at most (the rest are counted in a line; `--json` has them all). */
  maxOpenRows?: number;
}

export const DEFAULT_MAX_OPEN_ROWS = 500;
/** Slice values and cohorts shown per speed pair (largest slices, newest cohorts). */
const SPEED_SLICES = 10;
const SPEED_COHORTS = 8;
const WIDTHS = [220, 190, 130, 120, 130, 190, 110, 110, 175, 150];

/** A header row; columns from `firstNumber` on hold numbers, so their headers sit right like the numbers. */
const header = (texts: string[], firstNumber = texts.length, lastNumber = texts.length - 1): CellSpec[] =>
  texts.map((v, i) => ({ v, bold: true, bg: COLOR.headerBg, wrap: true, ...(i >= firstNumber && i <= lastNumber ? { align: 'right' as const } : {}) }));
const section = (v: string): CellSpec[] => [{ v, bold: true, bg: COLOR.sectionBg }];
const hours = (h: number | null): CellSpec => (h === null ? { v: '—', align: 'right' } : { v: h, fmt: FMT.days });
const days = (d: number | null): CellSpec => (d === null ? { v: '—', align: 'right' } : { v: d, fmt: '0.00' });

export function buildSlaTab(sla: SlaReport | null, speed: SpeedReport | undefined, opts: SlaTabOptions): TabLayout {
  const s = slaStrings(opts.locale);
  const g = new GridBuilder();
  const max = opts.maxOpenRows ?? DEFAULT_MAX_OPEN_ROWS;
  g.addRow([{ v: s.title(sla ? localTime(sla.at, opts.timeZone) : '—', opts.timeZone), bold: true, color: COLOR.titleFont }]);
  g.addRow([{ v: s.subtitle, italic: true, color: COLOR.subtitleFont }]);
  const owner = (o: string): string => (o === '' ? s.noOwner : o);
  const step = (name: string): string => (name === CREATED ? s.created : name);

  if (!sla || sla.rules.length === 0) {
    g.addRow([{ v: s.noRules, italic: true }]);
  } else {
    g.addRow();
    g.addRow(section(s.openTitle(sla.openBreachCount)));
    if (sla.openBreachCount === 0) g.addRow([{ v: s.noOpen, italic: true }]);
    else {
      g.addRow(header(s.openHeaders));
      for (const b of sla.openBreaches.slice(0, max)) {
        const a1 = `A${b.row}`;
        const row = g.addRow([
          b.rule,
          b.leadId,
          owner(b.owner),
          b.channel,
          { v: { wallMs: b.dueWall }, fmt: 'yyyy-mm-dd hh:mm', align: 'left' },
          { v: s.overdue(durationWords(b.overdueMs, opts.locale, !b.workingTime), b.workingTime), color: COLOR.down },
          { v: a1Ref(opts.leadsSheet, a1) },
        ]);
        g.links.push({ row, col: 6, sheet: opts.leadsSheet, a1 });
      }
      if (sla.openBreachCount > max) g.addRow([{ v: s.moreOpen(sla.openBreachCount - max), italic: true }]);
    }

    g.addRow();
    g.addRow(section(s.ownersTitle));
    g.addRow(header(s.ownerHeaders, 1));
    for (const o of sla.owners) {
      g.addRow([owner(o.owner), countCell(o.open, o.open > 0 ? { color: COLOR.down, bold: true } : {}), countCell(o.judged), countCell(o.onTime), rateCell(o.onTimeRate)]);
    }

    g.addRow();
    g.addRow(section(s.rulesTitle));
    g.addRow(header(s.ruleHeaders, 3));
    for (const r of sla.rules) {
      g.addRow([
        r.name,
        `${step(r.from)} → ${step(r.to)}`,
        r.limit,
        countCell(r.summary.judged),
        countCell(r.summary.onTime),
        rateCell(r.summary.onTimeRate),
        hours(r.summary.medianResponseHours),
        countCell(r.counts.open),
        countCell(r.counts.pending),
        countCell(r.counts.notApplicable),
      ]);
    }

    g.addRow();
    g.addRow(section(s.ruleOwnersTitle));
    g.addRow(header(s.ruleOwnerHeaders, 2));
    for (const r of sla.rules) {
      for (const o of r.owners) {
        g.addRow([r.name, owner(o.owner), countCell(o.judged), countCell(o.onTime), rateCell(o.onTimeRate), hours(o.medianResponseHours), countCell(o.open)]);
      }
    }

    g.addRow();
    g.addRow(section(s.trendTitle));
    g.addRow(header([s.trendWeek, ...sla.rules.map((r) => r.name)], 1));
    const weeks = [...new Set(sla.rules.flatMap((r) => r.weeks.map((w) => w.start)))].sort();
    for (const week of weeks) {
      g.addRow([week, ...sla.rules.map((r) => rateCell(r.weeks.find((w) => w.start === week)?.onTimeRate ?? null))]);
    }

    g.addRow();
    g.addRow(section(s.costTitle));
    g.addRow([{ v: s.costSubtitle, italic: true, color: COLOR.subtitleFont }]);
    g.addRow(header(s.costHeaders, 3, s.costHeaders.length - 2));
    for (const rc of sla.cost) {
      for (const t of rc.targets) {
        for (const c of t.cells) {
          const muted = c.mature ? {} : { color: COLOR.immatureFont, bg: COLOR.immatureBg };
          const interval = c.low === null || c.high === null ? '—' : `${pct(c.low, opts.locale)} … ${pct(c.high, opts.locale)}`;
          g.addRow([
            rc.rule,
            s.targetKind(t.kind, t.stage),
            c.month === 'all' ? s.allMonths : c.month.slice(0, 7),
            countCell(c.onTime.leads, muted),
            rateCell(c.onTime.rate, FMT.rate, muted),
            countCell(c.late.leads, muted),
            rateCell(c.late.rate, FMT.rate, muted),
            rateCell(c.difference, '+0.0%;-0.0%;0.0%', c.flagged ? { bold: true, bg: (c.difference ?? 0) > 0 ? COLOR.high : COLOR.low } : muted),
            { v: interval, align: 'right', ...muted },
            { v: s.costNote(c.flagged, c.mature, c.tested), ...(c.flagged ? { bold: true } : muted) },
          ]);
        }
      }
    }
  }

  if (speed) {
    g.addRow();
    g.addRow(section(s.speedTitle(speed.workingTime)));
    g.addRow(header(s.speedHeaders(speed.workingTime), 2));
    for (const p of speed.pairs) {
      const name = `${step(p.from)} → ${step(p.to)} (${s.speedKind(p.kind)})`;
      const line = (group: string, st: SpeedStats, bold = false): void => {
        g.addRow([
          { v: name, bold },
          { v: group, bold },
          countCell(st.count),
          days(st.medianDays),
          days(st.meanDays),
          days(st.p90Days),
          ...(speed.workingTime ? [hours(st.workingMedianHours), hours(st.workingMeanHours), hours(st.workingP90Hours)] : []),
        ]);
      };
      line(s.all, p.total, true);
      const shownSlices = new Map<string, number>();
      for (const sl of p.slices) {
        const n = shownSlices.get(sl.dimension) ?? 0;
        if (n >= SPEED_SLICES) continue;
        shownSlices.set(sl.dimension, n + 1);
        line(`${s.dimension(sl.dimension)}: ${sl.value === '' ? '—' : sl.value}`, sl.stats);
      }
      for (const c of p.cohorts.slice(-SPEED_COHORTS)) line(s.cohort(c.start), c.stats);
    }
  }
  return g.toLayout({ name: s.tab, frozenRows: 1, frozenColumns: 0, columnWidths: WIDTHS });
}

function pct(x: number, locale: ReportLocale): string {
  const t = `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
  return locale === 'ru' ? t.replace('.', ',') : t;
}

/** An ISO instant as local `YYYY-MM-DD HH:MM` in the zone. */
function localTime(iso: string, timeZone: string): string {
  return formatWallDateTime(instantToWall(Date.parse(iso), timeZone));
}
