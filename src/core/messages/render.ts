/** Rendering a message code in a language: the only way engine messages become text. */
import type { Catalogue, Locale, Message, MessageCode, MessageParams } from './codes';
import { EN } from './en';
import { RU } from './ru';

export const CATALOGUES: Record<Locale, Catalogue> = { en: EN, ru: RU };

function renderWith<K extends MessageCode>(catalogue: Catalogue, code: K, params: MessageParams[K]): string {
  return catalogue[code](params);
}

export function render(message: Message, locale: Locale): string {
  return renderWith(CATALOGUES[locale], message.code, message.params as never);
}

/** The English and Russian texts of a message, as data issues and errors have carried them (`problem`, `problemRu`). */
export function renderBoth(message: Message): { en: string; ru: string } {
  return { en: render(message, 'en'), ru: render(message, 'ru') };
}

/** A failed outcome (engine, detection) whose message is `message`, rendered for both faces. */
export function failureOf(message: Message): { ok: false; error: string; errorRu: string } {
  return { ok: false, error: render(message, 'en'), errorRu: render(message, 'ru') };
}
