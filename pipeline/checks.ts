/** The checks on translations: see `checks/index.ts` (one module a check). */
export * from './checks/index.js';
