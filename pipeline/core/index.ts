/** The core stage's modules, re-exported (see README, Layout). */
export * from './decode.js';
export * from './errors.js';
export * from './fsio.js';
export * from './hash.js';
export * from './locales.js';
export * from './lock.js';
export * from './memo.js';
export * from './project.js';
export * from './shutdown.js';
export * from './staging.js';
export * from './workerScript.js';
