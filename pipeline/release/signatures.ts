/**
 * Signatures in a release: what `release.json` records of the signing
 * certificate, and `verify`'s check of every signed PDF (CMS valid, byte
 * range covering the whole file but the signature, signed with the
 * release's certificate).
 */
import type { ManifestDocument } from '../build/build.js';
import type { ReleaseRecord } from './record.js';

/** The record's `signing` entry from the documents released; empty when none is signed. */
export function signingRecord(docs: ManifestDocument[]): Pick<ReleaseRecord, 'signing'> {
  const certs = new Map(
    docs.filter((d) => d.signature).map((d) => [d.signature!.certificate.sha256, d.signature!.certificate]),
  );
  if (certs.size === 0) return {};
  // One build signs everything it makes with one certificate; a second one here would be a bug.
  if (certs.size > 1)
    throw new Error(`the documents released were signed with ${certs.size} certificates: build again with one`);
  const [certificate] = [...certs.values()];
  return {
    signing: {
      certificate: { subject: certificate!.subject, serial: certificate!.serial, sha256: certificate!.sha256 },
    },
  };
}

/** A signed PDF of a release whose signature does not hold. */
export interface BadSignature {
  path: string;
  problem: string;
}

/**
 * Checks the signature of every PDF the record says is signed.
 * @param read the bytes of a file of the release (throws when it is gone: `verify` reports those as missing)
 */
export async function checkSignatures(
  record: ReleaseRecord,
  read: (path: string) => Uint8Array,
): Promise<{ bad: BadSignature[]; held: number }> {
  const files = [
    ...record.letters.filter((l) => l.signed).map((l) => l.file),
    ...record.editions.filter((e) => e.signed && e.pdf).map((e) => e.pdf!),
  ];
  const out = { bad: [] as BadSignature[], held: 0 };
  if (files.length === 0) return out;
  const expected = record.signing?.certificate.sha256;
  if (!expected) {
    out.bad.push(
      ...files.map((p) => ({ path: p, problem: 'release.json names no signing certificate for this signed PDF' })),
    );
    return out;
  }
  const { checkSignedPdf } = await import('../print/signcheck.js');
  for (const p of files) {
    let bytes: Uint8Array;
    try {
      bytes = read(p);
    } catch {
      continue;
    }
    const check = await checkSignedPdf(bytes, expected);
    if (check.problem) out.bad.push({ path: p, problem: check.problem });
    else out.held++;
  }
  return out;
}
