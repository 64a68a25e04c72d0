/** The Channels report model: plain data (days as `YYYY-MM-DD`), serialised as the `channels` block of `--json`. */
import type { Grain } from '../types';

export interface ChannelMetrics {
  /** Spend in the report currency allocated to the period(s), up to the report date. */
  spend: number;
  /** Leads created in the period(s) (step 0 of `reached`). */
  leads: number;
  /** Per funnel step k (0 = lead created): leads that reached it by the report date. */
  reached: number[];
  /**
   * Per step k: spend / reached[k]; index 0 is CPL, the last is cost per sale (CAC). null where
   * reached[k] is 0 ("—", never 0 or infinity). On a channel's total, steps k ≥ 1 are over the periods
   * mature for k only (spend and leads of those periods), like the Cohorts tab's mature total.
   */
  costPerStage: (number | null)[];
  /** Per step k: the cost is not final yet (exactly the Cohorts tab's rule); on a total, no period is mature for k. */
  immature: boolean[];
  /** Won leads (reached the last step). */
  won: number;
  /** Sum of the amount over won leads with one; null when the leads have no amount column. */
  revenue: number | null;
  /**
   * (revenue − spend) / spend, or (revenue × margin − spend) / spend when a margin is configured; null
   * without revenue or spend. On a total, over the periods mature for the last step.
   */
  romi: number | null;
}

export interface ChannelPeriod extends ChannelMetrics {
  /** First and last day of the cohort period. */
  start: string;
  end: string;
}

export interface ChannelRow {
  /** The leads' channel value when matched; the spend sheet's name otherwise. */
  channel: string;
  /** True when the channel has leads in the data (spend matched to it, or no spend at all). */
  inLeads: boolean;
  /** True when spend rows were matched to it. */
  hasSpend: boolean;
  total: ChannelMetrics;
  /**
   * CPL of the latest period against the previous period at the same age (spend and leads of its first
   * as many days): relative change (0.2 = +20%); null when either side has no leads or no spend.
   */
  cplChange: number | null;
  /** Spend per campaign named in the spend sheet (largest first); empty when none is named. */
  campaigns: { campaign: string; spend: number }[];
  /** Cohort periods with spend or leads of this channel, oldest first. */
  periods: ChannelPeriod[];
}

export interface ChannelReport {
  asOf: string;
  grain: Grain;
  /** The report currency; null when neither the settings nor the spend sheet name one. */
  currency: string | null;
  romiBasis: 'revenue' | 'margin';
  marginPercent: number | null;
  /** Funnel step names, "Lead" first. */
  stages: string[];
  /** Usual days to reach each step (the Cohorts tab's maturity). */
  maturityDays: (number | null)[];
  /** The leads have an amount column: revenue and ROMI are meaningful. */
  hasAmount: boolean;
  /** Sorted by spend, largest first; channels with leads but no spend last. */
  channels: ChannelRow[];
  /** Every channel with spend together (leads of channels without spend are not in it). */
  total: ChannelMetrics;
  /** Spend channels that match no leads channel (listed, with a suggested alias when one is close). */
  unmatchedSpend: { channel: string; spend: number; suggestion: string }[];
  /** Leads channels with no spend; `organic` for the ones where none is expected (organic, SEO, direct). */
  leadsWithoutSpend: { channel: string; leads: number; organic: boolean; suggestion: string }[];
  /** Spend dated after the report date, left out. */
  spendAfterAsOf: number;
  /** Spend rows summed. */
  rowsUsed: number;
  /** The periods the CPL change compares: the latest period's first days and the previous period's as many. */
  comparison: { current: string; previous: string; days: number } | null;
}
