/** Rendering a message code in a language: the only way engine messages become text. */
import { renderIn, type Catalogue, type Locale, type Message } from './codes';
import { EN } from './en';
import { RU } from './ru';

export const CATALOGUES: Record<Locale, Catalogue> = { en: EN, ru: RU };

export function render(message: Message, locale: Locale): string {
  return renderIn(CATALOGUES[locale], message);
}

/** The English and Russian texts of a message, as data issues and errors have carried them (`problem`, `problemRu`). */
export function renderBoth(message: Message): { en: string; ru: string } {
  return { en: render(message, 'en'), ru: render(message, 'ru') };
}

/** A failed outcome (engine, detection): its message as a code with parameters, and rendered in English and Russian. */
export interface Failure {
  ok: false;
  problem: Message;
  error: string;
  errorRu: string;
}

export function failureOf(message: Message): Failure {
  return { ok: false, problem: message, error: render(message, 'en'), errorRu: render(message, 'ru') };
}
