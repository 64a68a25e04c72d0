/**
 * The channel names left unmatched on either side, with the suggested alias, by the same rules as the
 * Channels tab (compute.ts): a spend channel that matches no leads channel (case, spaces, punctuation
 * ignored, then `spend.aliases`) is suggested the closest leads channel that has no spend; a leads
 * channel with no spend is suggested the closest unmatched spend name. The sidebar offers these as
 * aliases to add (sidebarSpendChannels).
 */
import { isOrganic } from './compute';
import { channelKey, channelMatcher, suggestAlias } from './match';

export interface UnmatchedChannels {
  /** Spend channels (first spelling of each) that match no leads channel. */
  spend: { channel: string; suggestion: string }[];
  /** Leads channels no spend row matched; `organic` ones are expected to have none. */
  leads: { channel: string; organic: boolean; suggestion: string }[];
}

export function unmatchedChannels(
  spendChannels: readonly string[],
  leadChannels: readonly string[],
  aliases: Readonly<Record<string, string>>,
): UnmatchedChannels {
  const matcher = channelMatcher(leadChannels, aliases);
  const matched = new Set<number>();
  const seen = new Set<string>();
  const unmatched: string[] = [];
  for (const name of spendChannels) {
    const key = channelKey(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const i = matcher.match(name);
    if (i >= 0) matched.add(i);
    else unmatched.push(name);
  }
  // Leads channels that received no spend (one entry per channel key, blank values left out).
  const leadKeys = new Set<string>();
  const withoutSpend: string[] = [];
  leadChannels.forEach((name, i) => {
    const key = channelKey(name);
    if (key === '' || leadKeys.has(key)) return;
    leadKeys.add(key);
    const first = leadChannels.findIndex((v) => channelKey(v) === key);
    if (!matched.has(first) && !matched.has(i)) withoutSpend.push(name);
  });
  return {
    spend: unmatched.map((channel) => ({ channel, suggestion: suggestAlias(channel, withoutSpend) })),
    leads: withoutSpend.map((channel) => ({ channel, organic: isOrganic(channel), suggestion: suggestAlias(channel, unmatched) })),
  };
}
