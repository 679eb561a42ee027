/**
 * PDF post-processing: metadata written after printing (title, author,
 * subject, keywords, language; dates from the statement, never the clock),
 * a trailer ID derived from the content, so that the same inputs give the
 * same bytes in any folder; and the checks every PDF must pass (fonts we
 * ship, no Type 3, no local link). Pure: bytes in, bytes out.
 */
import { sha256 } from './hash.js';
import { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString, PDFArray, PDFStream } from 'pdf-lib';

/** Metadata of one PDF. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /** `YYYY-MM-DD`: creation and modification date. */
  date: string;
}

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
export async function postProcessPdf(input: Uint8Array, meta: PdfMetadata, shippedFonts: RegExp, idSeed: string): Promise<PdfReport> {
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

