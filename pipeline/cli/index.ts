/** The cli stage's modules, re-exported (see README, Layout). */
export * from './main.js';
export * from './io.js';
