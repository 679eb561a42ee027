/** Hashes, one place for all: full SHA-256 for files and inputs, a short one for segment texts. Pure. */
import { hash } from 'node:crypto';

/** SHA-256, hex (Node's one-shot hash: some 2× faster than a Hash object for short texts). */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** 16 hex digits of the SHA-256 of a segment's text: what a translation was made from. */
export function hashText(text: string): string {
  return sha256(text).slice(0, 16);
}
