/** The lint stage's modules, re-exported (see README, Layout). */
export * from './consistency.js';
export * from './findings.js';
export * from './lint.js';
export * from './prose.js';
export * from './report.js';
export * from './spelling.js';
export * from './typography.js';
