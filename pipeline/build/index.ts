/** The build stage's modules, re-exported (see README, Layout). */
export * from './build.js';
export * from './carry.js';
export * from './checksums.js';
export * from './manifest.js';
export * from './plan.js';
export * from './sendList.js';
export * from './serve.js';
export * from './site.js';
