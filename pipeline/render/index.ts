/** The render stage's modules, re-exported (see README, Layout). */
export * from './assets.js';
export * from './article.js';
export * from './documentKeys.js';
export * from './edition.js';
export * from './html.js';
export * from './letter.js';
export * from './letterContent.js';
export * from './localize.js';
export * from './review.js';
export * from './sanitize.js';
export * from './statusPage.js';
export * from './typeset.js';
export * from './wordDiff.js';
