import type { Typing } from './property-model';

/** What typing each entry stores in an XLSX file (Excel keeps no time zone: a date is its UTC day). */
export const XLSX_TYPINGS: Typing[] = [
  { typed: 'yes', canon: 'yes' },
  { typed: 'no: wrong region', canon: 'no: wrong region' },
  { typed: 'нет ответа', canon: 'нет ответа' },
  { typed: '=1+1', canon: 'FORMULA:=1+1' },
  { typed: '42', canon: 42 },
  { typed: '2026-01-05', canon: 'DATE:2026-01-05T00:00:00.000Z' },
  { typed: "'=2+2", canon: '=2+2' },
  { typed: '', canon: '' },
];
