/** The checks on translations, one module a check; `run.ts` runs them in order. */
export * from './run.js';
export * from './figureText.js';
