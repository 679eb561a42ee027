/**
 * Signs one PDF: @signpdf/placeholder-plain appends the signature field,
 * its widget and the signature dictionary (/SubFilter /ETSI.CAdES.detached,
 * reason, location, contact, /M) as an incremental update, so the printed
 * PDF's bytes stay the start of the signed file; @signpdf/signpdf fills
 * the byte range and /Contents with the CAdES signature `cades.ts` makes.
 * Pure apart from the clock it is given: bytes in, bytes out.
 */
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { cadesDetached } from './cades.js';
import type { SigningKey } from './certificate.js';

/** The signature dictionary's texts, as readers show them. */
export interface SignatureFields {
  /** e.g. "Official letter OMB-2022-KHJ30". */
  reason: string;
  /** The statement's place. */
  location: string;
  contact: string;
  /** The signer: the signatory's name or the institution. */
  name: string;
}

/** @signpdf's signer interface over `cadesDetached`. */
class CadesSigner extends Signer {
  constructor(private readonly signing: SigningKey) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetached(pdfBuffer, this.signing);
  }
}

/**
 * Room for the CMS in /Contents: the chain's certificates, the signer
 * info and its attributes, with a margin (the placeholder is zero-padded).
 */
function signatureRoom(signing: SigningKey): number {
  const certs = signing.chain.reduce((n, c) => n + c.raw.length, 0);
  return Math.max(8192, certs + 4096);
}

/**
 * The signed PDF: `unsigned` followed by the incremental update that holds
 * the signature made at `time`.
 */
export async function signPdf(
  unsigned: Uint8Array,
  signing: SigningKey,
  fields: SignatureFields,
  time: Date,
): Promise<Buffer> {
  // The update starts on a line of its own, so the printed bytes stay whole at the start of the signed file.
  const base = Buffer.from(unsigned);
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: base,
    reason: fields.reason,
    contactInfo: fields.contact,
    name: fields.name,
    location: fields.location,
    signingTime: time,
    signatureLength: signatureRoom(signing),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'statement-pipeline',
  });
  return new SignPdf().sign(pointAtXref(withPlaceholder), new CadesSigner(signing), time);
}

/**
 * placeholder-plain's `startxref` points at the line break before the
 * update's `xref` keyword, one byte early (qpdf: "extraneous whitespace seen
 * before xref"); readers cope, but the offset should be the keyword's.
 * Fixed before signing, so the signature covers the right value.
 */
function pointAtXref(pdf: Buffer): Buffer {
  const tail = /startxref\n(\d+)\n%%EOF$/.exec(pdf.subarray(-40).toString('latin1'));
  if (!tail) return pdf;
  const offset = Number(tail[1]);
  if (pdf.subarray(offset, offset + 5).toString('latin1') !== '\nxref') return pdf;
  return Buffer.concat([
    pdf.subarray(0, pdf.length - tail[0].length),
    Buffer.from(`startxref\n${offset + 1}\n%%EOF`, 'latin1'),
  ]);
}
