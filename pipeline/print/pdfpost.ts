/**
 * PDF post-processing: metadata written after printing (title, author,
 * subject, keywords, language; dates from the statement, never the clock),
 * a trailer ID derived from the content, so that the same inputs give the
 * same bytes in any folder; the text layer cleaned (soft hyphens where no
 * line broke, untagged margin boxes marked as artifacts, bookmark titles
 * without hyphenation points); PDF/UA-1 identification (XMP metadata,
 * document title shown, language); and the checks every PDF must pass
 * (fonts we ship, no Type 3, no local link). Pure: bytes in, bytes out.
 */
import { sha256 } from '../core/hash.js';
import {
  PDFDocument,
  PDFName,
  PDFDict,
  PDFString,
  PDFHexString,
  PDFArray,
  PDFStream,
  PDFRawStream,
  PDFRef,
  decodePDFRawStream,
} from 'pdf-lib';
import { dropSoftHyphens, markArtifacts } from './pdfContent.js';
import { xmpMetadata, type PdfMetadata } from './xmp.js';

export type { PdfMetadata } from './xmp.js';

/** What post-processing found. */
export interface PdfReport {
  bytes: Uint8Array;
  pages: number;
  fonts: string[];
  /** Problems that make the document fail: fonts we do not ship, Type 3 fonts, local links. */
  problems: string[];
}

/**
 * Writes metadata and checks a PDF Chromium printed.
 * @param idSeed what the document was made from (a hash of its inputs): the trailer ID derives from it
 */
export async function postProcessPdf(
  input: Uint8Array,
  meta: PdfMetadata,
  shippedFonts: RegExp,
  idSeed: string,
): Promise<PdfReport> {
  const doc = await PDFDocument.load(input, { updateMetadata: false });
  const date = new Date(`${meta.date}T00:00:00Z`);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator('statement-pipeline');
  doc.setProducer('statement-pipeline (Chromium, pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  cleanTextLayer(doc);
  const catalog = doc.catalog;
  catalog.set(PDFName.of('Metadata'), doc.context.register(xmpStream(doc, meta)));
  const problems: string[] = [];
  const fonts = new Set<string>();
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : undefined;
    if (!dict) continue;
    const type = dict.get(PDFName.of('Type'));
    if (type === PDFName.of('Font')) {
      const subtype = dict.get(PDFName.of('Subtype'));
      const base = dict.get(PDFName.of('BaseFont'));
      const name = base ? base.toString().replace(/^\/([A-Z]{6}\+)?/, '') : '(unnamed)';
      if (subtype === PDFName.of('Type3')) problems.push(`Type 3 font ${name}`);
      else if (subtype !== PDFName.of('Type0')) {
        fonts.add(name);
        if (!shippedFonts.test(name)) problems.push(`text fell back to a font we do not ship: ${name}`);
      }
    }
    if (dict.get(PDFName.of('Subtype')) === PDFName.of('Link')) {
      const action = dict.get(PDFName.of('A'));
      const uri = action instanceof PDFDict ? action.get(PDFName.of('URI')) : undefined;
      const text = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
      if (/^(file|javascript|data):/i.test(text)) problems.push(`link to ${text.split(':')[0]}: URL`);
    }
  }
  // A trailer ID from the inputs (not the clock): identical inputs, identical bytes.
  const id = sha256(`${idSeed}\u0000${JSON.stringify(meta)}`).slice(0, 32);
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]) as PDFArray;
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: doc.getPageCount(), fonts: [...fonts].sort(), problems: [...new Set(problems)] };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Rewrites one content stream in place (flate-compressed again); `page` streams also get their artifacts marked. */
function rewriteStream(doc: PDFDocument, ref: PDFRef, page: boolean): void {
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return;
  const before = latin1(decodePDFRawStream(stream).decode());
  let after = dropSoftHyphens(before);
  if (page) after = markArtifacts(after);
  if (after === before) return;
  const fresh = doc.context.flateStream(Buffer.from(after, 'latin1'));
  // Keep the stream's other entries (a form's /BBox, /Resources): only the data and its filter change.
  for (const [key, value] of stream.dict.entries())
    if (!['Length', 'Filter', 'DecodeParms'].includes(key.asString().slice(1))) fresh.dict.set(key, value);
  doc.context.assign(ref, fresh);
}

/**
 * The text layer as the text was laid out: soft hyphens only where a line
 * broke, margin boxes as artifacts, outline titles without soft hyphens.
 */
function cleanTextLayer(doc: PDFDocument): void {
  const pageStreams = new Set<PDFRef>();
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray() : [];
    for (const r of refs) if (r instanceof PDFRef) pageStreams.add(r);
  }
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
    if (pageStreams.has(ref)) rewriteStream(doc, ref, true);
    else if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype')) === PDFName.of('Form'))
      rewriteStream(doc, ref, false);
    else if (obj instanceof PDFDict && obj.has(PDFName.of('Title')) && obj.has(PDFName.of('Parent'))) {
      const title = obj.get(PDFName.of('Title'));
      if (title instanceof PDFString || title instanceof PDFHexString)
        obj.set(PDFName.of('Title'), PDFHexString.fromText(title.decodeText().replace(/\u00ad/g, '')));
    }
  }
}

/** The XMP metadata stream (uncompressed, as PDF/A and PDF/UA readers expect it). */
function xmpStream(doc: PDFDocument, meta: PdfMetadata): PDFStream {
  const xml = xmpMetadata(meta);
  return doc.context.stream(Buffer.from(xml, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
}
