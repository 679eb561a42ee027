/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) that
 * reports the line of a broken row. Pure.
 */
import { InputError } from '../core/errors.js';

/** Parses CSV with a header row into records; every row must have the header's field count. */
export function parseCsv(
  text: string,
  file: string,
): Array<{ line: number; record: Record<string, string> & { id: string; name: string } }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let line = 1;
  let i = 0;
  const src = text.replace(/^\uFEFF/, '');
  while (i < src.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atStart = true;
    for (;;) {
      const c = src[i];
      if (c === undefined) {
        if (quoted) throw new InputError('unterminated quoted field', { file, line: startLine, column: 1 });
        break;
      }
      if (quoted) {
        if (c === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (c === '\n') line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"' && atStart) {
        quoted = true;
        atStart = false;
        i++;
        continue;
      }
      if (c === '"')
        throw new InputError('a quote inside an unquoted field; quote the whole field and double the quote', {
          file,
          line,
          column: 1,
        });
      if (c === ',') {
        fields.push(field);
        field = '';
        atStart = true;
        i++;
        continue;
      }
      if (c === '\r' && src[i + 1] === '\n') {
        i++;
        continue;
      }
      if (c === '\n') {
        i++;
        line++;
        break;
      }
      field += c;
      atStart = false;
      i++;
    }
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: startLine, fields });
  }
  const [first, ...records] = rows;
  if (!first) throw new InputError('empty CSV: expected a header row "id,name"', { file, line: 1, column: 1 });
  const header = first.fields.map((h) => h.trim());
  for (const required of ['id', 'name']) {
    if (!header.includes(required))
      throw new InputError(`CSV header must name the column "${required}" (header: ${header.join(',')})`, {
        file,
        line: 1,
        column: 1,
      });
  }
  return records.map(({ line: l, fields }) => {
    if (fields.length !== header.length) {
      throw new InputError(`row has ${fields.length} fields, the header has ${header.length}`, {
        file,
        line: l,
        column: 1,
      });
    }
    // As many fields as the header (checked above), which names id and name (checked above).
    return {
      line: l,
      record: Object.fromEntries(header.map((h, k) => [h, fields[k]!.trim()])) as Record<string, string> & {
        id: string;
        name: string;
      },
    };
  });
}
