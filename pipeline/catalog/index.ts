/** The catalog stage's modules, re-exported (see README, Layout). */
export * from './catalog.js';
export * from './extract.js';
export * from './localeSet.js';
export * from './plurals.js';
export * from './similarity.js';
export * from './state.js';
export * from './status.js';
export * from './transaction.js';
export * from './workspace.js';
