/**
 * Which format a file is in, and the one entry point per direction. Pure.
 */
import { InputError } from '../core/errors.js';
import { parseXliff } from './xliffRead.js';
import { buildXliff2, buildXliff12 } from './xliffWrite.js';
import { parsePo, buildPo } from './po.js';
import type { ExchangeFormat, ExportDocument, ImportDocument } from './types.js';

/**
 * Parses an exchange file. The content decides (XML is XLIFF, anything
 * else is read as PO); the name only words the message of an empty file.
 * @throws InputError naming the file and place of the problem
 */
export function parseExchange(text: string, file: string): ImportDocument {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '')
    throw new InputError('the file is empty: expected XLIFF (.xlf) or PO (.po)', { file, line: 1, column: 1 });
  return body.trimStart().startsWith('<') ? parseXliff(body, file) : parsePo(body, file);
}

/** Writes an exchange file in a format. */
export async function buildExchange(format: ExchangeFormat, doc: ExportDocument): Promise<string> {
  if (format === 'xliff') return buildXliff2(doc);
  if (format === 'xliff12') return buildXliff12(doc);
  return buildPo(doc);
}
