/**
 * Matching spend channels to the leads' channel values: first case-, space- and punctuation-
 * insensitively ("Yandex.Direct" = "yandex direct"), then through the alias table of the settings
 * (`spend.aliases`, keys matched the same way). Names left unmatched on either side are listed, with a
 * suggested alias when one name is close to another (edit distance, or one name containing the other).
 */

/** Lower case, letters and digits only (any script); ё = е. */
export function channelKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** True when two channel keys are close enough to suggest one for the other. */
export function isClose(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 4 && (a.includes(b) || b.includes(a))) return true;
  return editDistance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 4));
}

export interface ChannelMatcher {
  /** Index into the leads' channel values, or -1 when the spend channel matches none. */
  match(spendChannel: string): number;
}

/**
 * `leadChannels`: the leads' channel values (index = slice code); `aliases`: spend name → leads name.
 * The first value of each key wins (values differing only in case or punctuation are one channel).
 */
export function channelMatcher(leadChannels: readonly string[], aliases: Readonly<Record<string, string>>): ChannelMatcher {
  const byKey = new Map<string, number>();
  leadChannels.forEach((v, i) => {
    const k = channelKey(v);
    if (k !== '' && !byKey.has(k)) byKey.set(k, i);
  });
  const aliasByKey = new Map<string, string>();
  for (const [from, to] of Object.entries(aliases)) aliasByKey.set(channelKey(from), channelKey(to));
  const cache = new Map<string, number>();
  return {
    match(spendChannel) {
      const cached = cache.get(spendChannel);
      if (cached !== undefined) return cached;
      const k = channelKey(spendChannel);
      let i = byKey.get(k);
      if (i === undefined) {
        const target = aliasByKey.get(k);
        i = target === undefined ? undefined : byKey.get(target);
      }
      const found = i ?? -1;
      cache.set(spendChannel, found);
      return found;
    },
  };
}

/** The closest of `candidates` to `name` when close enough (isClose), else ''. Ties: the first. */
export function suggestAlias(name: string, candidates: readonly string[]): string {
  const k = channelKey(name);
  let best = '';
  let bestDistance = Infinity;
  for (const c of candidates) {
    const ck = channelKey(c);
    if (!isClose(k, ck)) continue;
    const d = editDistance(k, ck);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
