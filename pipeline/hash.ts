/** Hashes, one place for all: full SHA-256 for files and inputs, a short one for segment texts. Pure. */
import { createHash } from 'node:crypto';

/** SHA-256, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** 16 hex digits of the SHA-256 of a segment's text: what a translation was made from. */
export function hashText(text: string): string {
  return sha256(text).slice(0, 16);
}
