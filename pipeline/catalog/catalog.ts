/**
 * Catalogs: i18next JSON v4, flat (keys contain no dots), one file per
 * namespace and locale. Pure: validation of parsed JSON and serialization.
 */
import { InputError, placeOf } from '../core/errors.js';
import { parseJson } from '../core/json.js';

/** The namespaces, one file each under `locales/<lng>/`. */
export const namespaces = ['statement', 'letter', 'addressees'] as const;
export type Namespace = (typeof namespaces)[number];

/** A catalog: key to translated text. */
export type Catalog = Record<string, string>;

/** All catalogs of one locale. */
export type LocaleCatalogs = Record<Namespace, Catalog>;

/** An empty set of catalogs. */
export function emptyCatalogs(): LocaleCatalogs {
  return { statement: {}, letter: {}, addressees: {} };
}

/**
 * Parses a catalog file's text. A nested object is flattened with dots only
 * to say where it is wrong: our keys contain no dots, so nesting is refused.
 * @throws InputError naming the file, line and column
 */
export function parseCatalog(text: string, file: string): Catalog {
  const data = parseJson(text, file, '; fix the file or restore it from git');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError('a catalog must be a JSON object of key → text', { file, line: 1, column: 1 });
  }
  const out: Catalog = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      const offset = text.indexOf(JSON.stringify(key));
      throw new InputError(`the value of "${key}" must be a string (catalogs are flat: key → text)`, {
        file,
        ...placeOf(text, Math.max(0, offset)),
      });
    }
    out[key] = value;
  }
  return out;
}

/** Serializes a catalog as the project writes it: two-space JSON, keys in the given order, final newline. */
export function serializeCatalog(catalog: Catalog): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
