/** Spend ingestion and channel metrics (issue 9): the Spend sheet / `--spend` file → the Channels report. */
export { readSpend, type SpendRow, type SpendTable } from './read';
export { computeChannels, unmatchedSpendIssues, isOrganic, type ChannelOptions } from './compute';
export { channelKey, channelMatcher, suggestAlias } from './match';
export { allocateRow, amountInDays } from './allocate';
export { parseSpendAmount } from './amount';
export { parsePeriodCell, parseMonthText } from './period';
export { parseSpendConfig, type SpendConfig } from './config';
export type * from './model';
export { unmatchedChannels, type UnmatchedChannels } from './unmatched';
