/** The real Feedback tab's spec as a property-test profile (test/keyed/property-model.ts). */
import { feedbackSpec } from '../../src/core/feedback/spec';
import { DEFAULT_REASONS } from '../../src/core/feedback/config';
import { KEYS, type Profile } from '../keyed/property-model';

export const FEEDBACK_SPEC = feedbackSpec('Feedback', DEFAULT_REASONS);

const CHANNELS = ['Organic', '=Ads', '+7 495 Google', 'Facebook'];

export const FEEDBACK_PROFILE: Profile = {
  spec: FEEDBACK_SPEC,
  keyLabel: 'Lead ID',
  statusLabel: 'Row status',
  // Every people's column of the Feedback tab.
  human: ['Sales verdict', 'Reason', 'Comment', 'Next step date', 'Contact attempts', 'First contact attempt'],
  owned: [
    { label: 'Channel', id: 'channel', value: (k) => CHANNELS[KEYS.indexOf(k) % CHANNELS.length] },
    { label: 'Manager', id: 'manager', value: (k, seed) => `Rep ${(KEYS.indexOf(k) + seed) % 3}` },
    { label: 'Days since hand-off', id: 'sinceHandoff', value: (k, seed) => seed * 10 + KEYS.indexOf(k) },
    { label: 'Won / lost', id: 'outcome', value: (k, seed) => ((KEYS.indexOf(k) + seed) % 4 === 0 ? 'Won' : '') },
  ],
};
