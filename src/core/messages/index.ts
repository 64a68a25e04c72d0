/** Message codes and their catalogues (see codes.ts for how to add a message or a language). */
export * from './codes';
export { CATALOGUES, failureOf, render, renderBoth, type Failure } from './render';
export { dataIssue } from './issue';
