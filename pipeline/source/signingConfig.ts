/**
 * The `signing` block of the front matter: which PKCS#12 file signs the
 * letters (`certificate`, relative to the project root; keep it out of the
 * repository) and the contact written into each signature. Pure.
 */
import { InputError, type Place } from '../core/errors.js';

/** `signing: { certificate, contact }`; every field optional. */
export interface SigningConfig {
  /** PKCS#12 file, relative to the project root; `build --sign-with` takes precedence. */
  certificate?: string;
  /** Contact written into each signature (e-mail or telephone of the office). */
  contact?: string;
}

const fields = ['certificate', 'contact'] as const;

/** Validates the `signing` block; undefined when the front matter has none. */
export function resolveSigning(value: unknown, place: Place): SigningConfig | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InputError(
      'front-matter field "signing" must be a mapping, e.g. { certificate: ../office.p12, contact: press@example.org }',
      place,
    );
  const out: SigningConfig = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(fields as readonly string[]).includes(key))
      throw new InputError(`front-matter field "signing": unknown field "${key}" (known: ${fields.join(', ')})`, place);
    if (typeof v !== 'string' || v.trim() === '')
      throw new InputError(`front-matter field "signing.${key}" must be a non-empty string`, place);
    out[key as (typeof fields)[number]] = v.trim();
  }
  return out;
}
