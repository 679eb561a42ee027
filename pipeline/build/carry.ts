/**
 * What a build takes from the previous `dist/`: PDFs that are still current
 * (linked in, never printed again) and, in a partial build, the documents
 * it did not make that the inputs still plan. Nothing else is carried
 * forward, so `dist/` holds exactly what its manifest lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { documentsOf, type Manifest, type ManifestDocument } from './manifest.js';
import { printInputs, type PrintRequest } from '../print/printing.js';
import { linkOrCopy } from '../core/fsio.js';

/** The previous build's documents, and the files they name in the previous `dist/`. */
export class Carry {
  private readonly pdfs = new Map<string, ManifestDocument>();
  /** PDFs of the previous build withdrawn because they no longer match what this build rendered. */
  readonly withdrawn: string[] = [];

  constructor(
    private readonly out: string,
    private readonly staging: string,
    previous: Manifest | undefined,
  ) {
    for (const d of documentsOf(previous)) if (d.pdf) this.pdfs.set(d.pdf, d);
  }

  private link(file: string): boolean {
    const from = path.join(this.out, file);
    if (!fs.existsSync(from)) return false;
    linkOrCopy(from, path.join(this.staging, file));
    return true;
  }

  /** Links in the previous PDF of each request, so the printer can find it current and reuse it. */
  offer(requests: PrintRequest[]): void {
    for (const r of requests) if (this.pdfs.has(r.pdf)) this.link(r.pdf);
  }

  /**
   * A build without PDFs: keeps the previous PDF at `pdf` while it was
   * printed from exactly what this build would print (`request()` renders
   * that only when there is a PDF to compare), and withdraws it otherwise.
   */
  keepPdf(
    doc: ManifestDocument,
    pdf: string,
    request: () => PrintRequest,
    assetsHash: string,
  ): 'current' | 'outdated' | undefined {
    const old = this.pdfs.get(pdf);
    if (!old?.inputs || !fs.existsSync(path.join(this.out, pdf))) return undefined;
    if (printInputs(request(), assetsHash) !== old.inputs) {
      this.withdrawn.push(pdf);
      return 'outdated';
    }
    this.link(pdf);
    Object.assign(doc, {
      pdf,
      sha256: old.sha256,
      bytes: old.bytes,
      pages: old.pages,
      inputs: old.inputs,
      ...(old.signature ? { signature: old.signature } : {}),
    });
    return 'current';
  }

  /**
   * A partial build: the previous documents this build did not make, kept
   * (files and manifest entries) only while `planned` gives the same path
   * for them today. A removed locale or addressee, a letter whose language
   * changed, a file of an older layout: all left behind.
   */
  unbuilt<T extends ManifestDocument>(
    previous: T[] | undefined,
    current: T[],
    id: (d: T) => string,
    planned: (d: T) => string | undefined,
  ): T[] {
    const made = new Set(current.map(id));
    const kept: T[] = [];
    for (const d of previous ?? []) {
      if (made.has(id(d)) || planned(d) !== d.html || !this.link(d.html)) continue;
      const pdf = d.pdf && this.link(d.pdf) ? d.pdf : null;
      kept.push(pdf ? d : { ...d, pdf: null, sha256: null, bytes: null, pages: null, inputs: undefined });
    }
    return kept;
  }
}
