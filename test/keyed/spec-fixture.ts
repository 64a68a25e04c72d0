/** A feedback-like keyed tab used by the keyed-tab tests. */
import type { KeyedRow, KeyedTabSpec } from '../../src/core/keyed-spec';

export const SPEC: KeyedTabSpec = {
  sheetName: 'Feedback',
  key: { id: 'lead', label: { en: 'Lead ID', ru: 'ID лида' } },
  owned: [
    { id: 'channel', label: { en: 'Channel', ru: 'Канал' } },
    { id: 'stage', label: { en: 'Stage', ru: 'Этап' } },
  ],
  status: { id: 'status', label: { en: 'Status', ru: 'Статус' } },
  human: [
    { id: 'verdict', label: { en: 'Accepted?', ru: 'Принят?' } },
    { id: 'comment', label: { en: 'Comment', ru: 'Комментарий' } },
  ],
};

export const EN_HEADER = ['Lead ID', 'Channel', 'Stage', 'Status', 'Accepted?', 'Comment'];

export function row(key: string, channel: string, stage: string): KeyedRow {
  return { key, values: { channel, stage } };
}
