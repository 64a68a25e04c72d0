/** The unmatched channel names the Spend section offers, by the Channels tab's rules (match.ts, compute.ts). */
import { unmatchedChannels } from '../../../src/core/spend';

test('spend names matching no leads channel get the closest leads channel that has no spend; the leads side the closest unmatched spend name', () => {
  const out = unmatchedChannels(['Google', 'google ', 'Facebok', 'FB', 'Yandex.Direct'], ['Google', 'Facebook', 'Organic', 'yandex direct', ''], {});
  // Google and Yandex.Direct match (case, spaces, punctuation ignored); "google " is the same spend channel.
  expect(out.spend).toEqual([
    { channel: 'Facebok', suggestion: 'Facebook' }, // one letter from a leads channel without spend
    { channel: 'FB', suggestion: '' }, // nothing close
  ]);
  expect(out.leads).toEqual([
    { channel: 'Facebook', organic: false, suggestion: 'Facebok' },
    { channel: 'Organic', organic: true, suggestion: '' },
  ]);
});

test('an alias makes a spend name match, and its leads channel then has spend', () => {
  const out = unmatchedChannels(['FB', 'Gogle', 'Gogel'], ['Google', 'Facebook'], { fb: 'facebook' });
  // Google has no spend, so it is the suggestion for Gogle (one letter missing: 1 edit, within the
  // 1 allowed for six letters); Gogel is 3 edits from google, too far.
  expect(out.spend).toEqual([
    { channel: 'Gogle', suggestion: 'Google' },
    { channel: 'Gogel', suggestion: '' },
  ]);
  expect(out.leads).toEqual([{ channel: 'Google', organic: false, suggestion: 'Gogle' }]);
});

test('a suggestion is never a leads channel that already has spend', () => {
  const out = unmatchedChannels(['Google', 'Gogle'], ['Google'], {});
  expect(out.spend).toEqual([{ channel: 'Gogle', suggestion: '' }]);
  expect(out.leads).toEqual([]);
});
