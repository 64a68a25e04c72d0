/** Fixed strings of keyed tabs, EN and RU: status flags and the header note. */
import type { KeyedLocale } from './keyed-spec';

export type KeyedFlag = 'orphaned' | 'duplicate';

const FLAGS: Record<KeyedLocale, Record<KeyedFlag, string>> = {
  en: { orphaned: 'Not in Leads any more', duplicate: 'Duplicate key: this key is on more than one row' },
  ru: { orphaned: 'Больше нет в лидах', duplicate: 'Ключ повторяется: он есть в нескольких строках' },
};

/** Status text for a row; '' when nothing is wrong. */
export function statusText(flags: readonly KeyedFlag[], locale: KeyedLocale): string {
  return flags.map((f) => FLAGS[locale][f]).join('; ');
}

/** Hover note on the key column's header. */
export function headerNote(keyLabel: string, locale: KeyedLocale): string {
  return locale === 'ru'
    ? `Столбцы с белым заголовком заполняет надстройка: они переписываются при каждом обновлении. ` +
        `Столбцы с жёлтым заголовком — ваши: надстройка их никогда не меняет. ` +
        `Строки сопоставляются по столбцу «${keyLabel}», поэтому строки можно сортировать и фильтровать, а столбцы — переставлять. ` +
        `Строки, которых больше нет в лидах, остаются и помечаются в столбце статуса.`
    : `Columns with a white header are filled by the add-on and rewritten on every refresh. ` +
        `Columns with a yellow header are yours: the add-on never changes them. ` +
        `Rows are matched by "${keyLabel}", so you can sort and filter rows and move columns freely. ` +
        `Rows that are no longer in Leads stay and are flagged in the status column.`;
}

/** Header background of people's columns, and of ours (null = the sheet's default). */
export const HUMAN_HEADER_BACKGROUND = '#fff2cc';
export const OWNED_HEADER_BACKGROUND = '#f3f3f3';
