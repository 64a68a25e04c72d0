/**
 * Why a value is not a date: a code per reason (cheap to keep per cell), its reason for messages
 * (messages/codes.ts) and that reason rendered in both languages from the catalogues.
 */
import type { DateReason } from '../messages/codes';
import { DATE_REASON_EN } from '../messages/en';
import { DATE_REASON_RU } from '../messages/ru';

export interface DateError {
  reason: DateReason;
  error: string;
  errorRu: string;
}

export const ERR_NOT_A_DATE = 0;
export const ERR_IMPOSSIBLE_DATE = 1;
export const ERR_BAD_TIME = 2;
export const ERR_TWO_DIGIT_YEAR = 3;
export const ERR_NUMBER_AS_TEXT = 4;
export const ERR_SERIAL_RANGE = 5;
export const ERR_BOOLEAN = 6;
export const ERR_INVALID_DATE_OBJECT = 7;

/** The reason of each code above, in code order. */
const REASONS: readonly DateReason[] = [
  'notADate',
  'noSuchDay',
  'badTime',
  'twoDigitYear',
  'numberAsText',
  'serialRange',
  'boolean',
  'invalidDate',
];

export const DATE_ERRORS: readonly DateError[] = REASONS.map((reason) => ({
  reason,
  error: DATE_REASON_EN[reason],
  errorRu: DATE_REASON_RU[reason],
}));
