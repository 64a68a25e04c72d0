/** Building a data issue from its place and its message: the texts come from the catalogues. */
import type { DataIssue, IssuePlace } from '../types';
import type { Message } from './codes';
import { render } from './render';

export function dataIssue(place: IssuePlace, message: Message): DataIssue {
  return { ...place, ...message, problem: render(message, 'en'), problemRu: render(message, 'ru') };
}
