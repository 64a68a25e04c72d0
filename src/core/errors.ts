import type { Message } from './messages/codes';
import { render } from './messages/render';

/**
 * Input the engine cannot work with at all (e.g. no creation-date column). Row-level problems are
 * DataIssues instead. It carries its message as a code with parameters (`problem`); `message` and
 * `messageRu` are that message rendered in English and Russian.
 */
export class InputError extends Error {
  readonly messageRu: string;

  constructor(readonly problem: Message) {
    super(render(problem, 'en'));
    this.messageRu = render(problem, 'ru');
    this.name = 'InputError';
  }
}
