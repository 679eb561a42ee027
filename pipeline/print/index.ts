/** The print stage's modules, re-exported (see README, Layout). */
export * from './browser.js';
export * from './chromium.js';
export * from './endpoints.js';
export * from './fonts.js';
export * from './pageCss.js';
export * from './member.js';
export * from './pdfContent.js';
export * from './pdfjsText.js';
export * from './pdfpost.js';
export * from './pool.js';
export * from './poolPlan.js';
export * from './printing.js';
export * from './readback.js';
export * from './remote.js';
export * from './served.js';
export * from './xmp.js';
