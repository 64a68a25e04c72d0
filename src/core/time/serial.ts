/** Spreadsheet serial day numbers (days since 1899-12-30, the fraction being the time of day). */

/** Spreadsheet serial day 0 = 1899-12-30 (Google Sheets; Excel agrees from 1900-03-01 on). */
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Exclusive upper bound of a serial number cell: 9999-12-31 is 2958465. */
export const MAX_SERIAL = 2958466;
/**
 * Serial day numbers written as text (CSV exports of spreadsheets): read only from 1970-01-01 (25569) to
 * 2099-12-31 (73050), so a stray count or amount in a date column stays "a number, not a date".
 */
export const TEXT_SERIAL_MIN = 25569;
export const TEXT_SERIAL_MAX = 73050;
