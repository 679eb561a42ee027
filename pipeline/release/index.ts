/** The release stage's modules, re-exported (see README, Layout). */
export * from './record.js';
export * from './release.js';
