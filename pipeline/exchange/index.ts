/**
 * Exchange with translators' tools: XLIFF 2.0, XLIFF 1.2 and gettext PO,
 * built from and parsed into plain data. Re-exports only.
 */
export * from './types.js';
export { exportEntries, type ExportInput } from './entries.js';
export { buildXliff2, buildXliff12, xliff2State, xliff12State, unitId } from './xliffWrite.js';
export { parseXliff } from './xliffRead.js';
export { buildPo, parsePo, parseReportKey, approvedFlag } from './po.js';
export { applyImport, checkKeys, type ImportResult } from './merge.js';
export {
  splitInline,
  joinInline,
  codesOf,
  alignIds,
  describeCode,
  type InlinePart,
  type InlineCode,
} from './inline.js';
export { parseExchange, buildExchange } from './detect.js';
