/** The source stage's modules, re-exported (see README, Layout). */
export * from './addressees.js';
export * from './config.js';
export * from './csv.js';
export * from './glossary.js';
export * from './parse.js';
export * from './segment.js';
export * from './yamlPlace.js';
