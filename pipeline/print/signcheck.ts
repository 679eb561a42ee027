/**
 * Checks a signed PDF the way a recipient's reader does: the signature
 * dictionary (read with pdf-lib), its byte range (from the start of the
 * file to its end, leaving out exactly the /Contents string), its
 * /SubFilter, the CAdES signature over those bytes (`cades.ts`), and the
 * signer's certificate fingerprint against the one expected. Pure.
 */
import crypto from 'node:crypto';
import { PDFDocument, PDFDict, PDFName, PDFArray, PDFNumber, PDFHexString, PDFString, PDFRawStream } from 'pdf-lib';
import { checkCades } from './cades.js';

/** What the check found of one PDF. */
export interface SignedPdfCheck {
  /** Undefined when the signature holds (and names the expected certificate). */
  problem?: string;
  /** SHA-256 fingerprint of the signer's certificate, when one was found. */
  certificate?: string;
}

/** The signature dictionaries of a PDF (any object with /Type /Sig, or /ByteRange and /Contents). */
async function signatureDicts(bytes: Uint8Array): Promise<PDFDict[]> {
  const doc = await PDFDocument.load(bytes, {
    updateMetadata: false,
    ignoreEncryption: true,
    throwOnInvalidObject: false,
  });
  const out: PDFDict[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj instanceof PDFRawStream) continue;
    if (
      obj.get(PDFName.of('Type')) === PDFName.of('Sig') ||
      (obj.has(PDFName.of('ByteRange')) && obj.has(PDFName.of('Contents')))
    )
      out.push(obj);
  }
  return out;
}

function byteRangeOf(sig: PDFDict): number[] | undefined {
  const range = sig.get(PDFName.of('ByteRange'));
  if (!(range instanceof PDFArray) || range.size() !== 4) return undefined;
  const values = range.asArray().map((v) => (v instanceof PDFNumber ? v.asNumber() : NaN));
  return values.every((v) => Number.isInteger(v) && v >= 0) ? values : undefined;
}

/**
 * Checks the last signature of a PDF.
 * @param expected SHA-256 fingerprint the signer's certificate must have; undefined: any
 */
export async function checkSignedPdf(bytes: Uint8Array, expected?: string): Promise<SignedPdfCheck> {
  let sigs: PDFDict[];
  try {
    sigs = await signatureDicts(bytes);
  } catch (error) {
    return { problem: `not a PDF that can be read (${(error as Error).message})` };
  }
  if (sigs.length === 0) return { problem: 'no signature' };
  // The signature that covers the most bytes is the last one made: it must cover the whole file.
  const ranged = sigs.map((sig) => ({ sig, range: byteRangeOf(sig) }));
  const last = ranged
    .filter((r) => r.range)
    .sort((a, b) => b.range![2]! + b.range![3]! - (a.range![2]! + a.range![3]!))[0];
  if (!last) return { problem: 'the signature has no valid /ByteRange' };
  const { sig } = last;
  const [a, b, c, d] = last.range as [number, number, number, number];
  if (a !== 0 || b >= c || c + d !== bytes.length)
    return {
      problem: `the signature's byte range [${a} ${b} ${c} ${d}] does not cover the whole file (${bytes.length} bytes) but the signature`,
    };
  const gap = Buffer.from(bytes.subarray(b, c)).toString('latin1');
  if (!/^<[0-9a-fA-F]*>$/.test(gap))
    return { problem: 'the bytes the signature leaves out are not its /Contents string' };
  const contents = sig.get(PDFName.of('Contents'));
  const cms = Buffer.from(gap.slice(1, -1), 'hex');
  const declared =
    contents instanceof PDFHexString
      ? Buffer.from(contents.asBytes())
      : contents instanceof PDFString
        ? Buffer.from(contents.asBytes())
        : undefined;
  if (!declared || !declared.equals(cms))
    return { problem: 'the bytes the signature leaves out are not its /Contents string' };
  const subFilter = sig.get(PDFName.of('SubFilter'));
  if (subFilter !== PDFName.of('ETSI.CAdES.detached'))
    return {
      problem: `the signature is of type ${subFilter ? subFilter.toString().slice(1) : '(none)'}, not ETSI.CAdES.detached`,
    };
  const signed = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  const check = await checkCades(cms, signed);
  const certificate = check.signer ? crypto.createHash('sha256').update(check.signer).digest('hex') : undefined;
  if (check.problem) return { problem: check.problem, certificate };
  if (expected && certificate !== expected)
    return {
      problem: `signed with another certificate (SHA-256 ${certificate}) than the release's (${expected})`,
      certificate,
    };
  return { certificate };
}
