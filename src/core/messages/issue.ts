/** Building a data issue from its place and its message: the texts come from the catalogues. */
import type { DataIssue, IssuePlace } from '../types';
import type { Message } from './codes';
import { render } from './render';

/**
 * One object literal of a fixed shape (no spreads): ingestion can make hundreds of thousands of these,
 * and spread-built objects were twice as slow and large. `col` is left out when the place has none.
 */
export function dataIssue(place: IssuePlace, message: Message): DataIssue {
  const issue = {
    sheet: place.sheet,
    row: place.row,
    column: place.column,
    value: place.value,
    severity: place.severity,
    code: message.code,
    params: message.params,
    problem: render(message, 'en'),
    problemRu: render(message, 'ru'),
  } as DataIssue;
  if (place.col !== undefined) issue.col = place.col;
  return issue;
}
