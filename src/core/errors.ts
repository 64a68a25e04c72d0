/** Input the engine cannot work with at all (e.g. no creation-date column). Row-level problems are DataIssues instead. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly messageRu: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
