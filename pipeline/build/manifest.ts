/**
 * `dist/manifest.json`: what a build made, for the office's scripts, the
 * next build (which PDFs are current) and a release (what it freezes).
 * Types only, and reading the previous one: the build fills it, nothing
 * below the build stage knows it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CertificateInfo } from '../print/certificate.js';
import type { PoolReport } from '../print/pool.js';

/** A document in the manifest. */
export interface ManifestDocument {
  locale: string;
  html: string;
  pdf: string | null;
  sha256: string | null;
  bytes: number | null;
  pages: number | null;
  /** Hash of everything the PDF was printed from: a rebuild reuses the PDF while it holds. */
  inputs?: string;
  /** Share (0..1) of the HTML's words that came back out of the PDF's text (pdf.js). */
  readback?: number;
  /** The PAdES signature of a signed PDF (`sha256` is then the signed file's). */
  signature?: DocumentSignature;
  /** The browser that printed the PDF: `local`, or its endpoint (print/pool.ts). */
  printedBy?: string;
}

/** A signature in the manifest (a document entry's `signature`). */
export interface DocumentSignature {
  /** The printed PDF: the signed file starts with exactly these bytes. */
  unsigned: { sha256: string; bytes: number };
  /** sha256 of the signed file (the entry's `sha256` too). */
  sha256: string;
  /** When it was signed (the signature dictionary's /M), ISO 8601. */
  time: string;
  reason: string;
  location: string;
  contact: string;
  certificate: Pick<CertificateInfo, 'subject' | 'serial' | 'sha256'>;
}

/** A letter in the manifest. */
export type ManifestLetter = ManifestDocument & { addressee: string; name: string; reason: string; contact?: string };

/** A document that failed, and why. */
export interface FailedDocument {
  path: string;
  error: string;
}

/** `dist/manifest.json`. */
export interface Manifest {
  source: { file: string; sha256: string; reference: string; date: string };
  catalogs: Record<string, string>;
  /** sha256 of the bytes of every input file (source/, templates/, locales/), by path from the project root. */
  inputs?: Record<string, string>;
  /** sha256 of the bytes of every file of the build but manifest.json and SHA256SUMS, by path in dist/. */
  files?: Record<string, string>;
  editions: ManifestDocument[];
  letters: ManifestLetter[];
  /** Review proofs: source and translation side by side, one per non-source locale. */
  proofs: ManifestDocument[];
  failed: FailedDocument[];
  /** The browsers this build printed on, with their versions and counts (absent when it printed nothing). */
  printing?: PoolReport;
}

/** Every document of a manifest that has a PDF or could have one: editions, letters, proofs. */
export function documentsOf(manifest: Manifest | undefined): ManifestDocument[] {
  return [...(manifest?.editions ?? []), ...(manifest?.letters ?? []), ...(manifest?.proofs ?? [])];
}

/** The manifest of the build in `out`, or undefined when there is none (or it cannot be read). */
export function readPreviousManifest(out: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}
