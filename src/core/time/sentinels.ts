/**
 * The values outside the wall-clock range that date readers return instead of a time. Wall times are
 * finite and NaN means blank, so ±Infinity cannot be mistaken for either. (The lead table's own
 * sentinel, UNKNOWN_TIME = −Infinity for "passed at an unknown time", lives in ../types; it never meets
 * NOT_FIXED, which does not leave the readers.)
 */

/** `DateParser.parse`: the value is not a date (`lastError` says why). */
export const INVALID_DATE = Number.POSITIVE_INFINITY;

/** A fixed-shape reader: the value is not one of the fixed shapes (not an error: read it as text instead). */
export const NOT_FIXED = Number.NEGATIVE_INFINITY;
