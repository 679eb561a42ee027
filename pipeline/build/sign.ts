/**
 * The signing stage of a build: after printing, every letter (and with
 * `--sign-editions` every edition) this build made gets a PAdES baseline B
 * signature as an incremental update of its printed PDF. The printed bytes
 * stay the start of the signed file, so the unsigned PDF is still the same
 * bytes for the same inputs, and can be had back (a build without signing
 * over a signed previous one). A signature carries the moment it was made,
 * so signing again would change the file: a PDF reused from the previous
 * build keeps its signature while the certificate and the signature's
 * texts are the same (no re-signing, no browser).
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { rel, writeFile } from '../core/fsio.js';
import type { DocumentSignature, Manifest, ManifestDocument } from './manifest.js';
import type { StatementConfig } from '../source/config.js';
import type { CertificateInfo, SigningKey } from '../print/certificate.js';
import type { SignatureFields } from '../print/pdfsign.js';

/** The environment variable the PKCS#12 passphrase is read from (never a flag, never logged). */
export const PASSPHRASE_VARIABLE = 'STATEMENT_SIGN_PASSPHRASE';

/** How a build signs; every field says its default. */
export interface SigningOptions {
  /** PKCS#12 file (`--sign-with`), relative to the working directory; default: the front matter's `signing.certificate`, relative to the project root. */
  certificate?: string;
  /** Sign the editions too; default false (letters only). */
  editions?: boolean;
  /** Passphrase; default: the STATEMENT_SIGN_PASSPHRASE environment variable (empty when unset). */
  passphrase?: string;
  /** An expired certificate is an error instead of a warning; default false. */
  strict?: boolean;
  /** The clock (the signatures' time, the validity check); default: now. */
  now?: () => Date;
}

/** A build's signing, ready: the key and what each signature says. */
export interface Signing {
  key: SigningKey;
  editions: boolean;
  fields: (kind: 'letter' | 'edition') => SignatureFields;
  now: () => Date;
}

export type { DocumentSignature } from './manifest.js';

/**
 * Opens the signing certificate of a build, or returns undefined when the
 * build does not sign. Called before anything is written.
 * @throws InputError naming the PKCS#12 file (missing, wrong passphrase, no key, expired with strict)
 */
export async function prepareSigning(
  options: SigningOptions | undefined,
  config: StatementConfig,
  root: string,
  log: (line: string) => void,
): Promise<Signing | undefined> {
  const fromCli = options?.certificate;
  const fromConfig = config.signing?.certificate;
  if (!fromCli && !fromConfig) {
    if (options?.editions)
      throw new InputError(
        `--sign-editions needs a certificate: --sign-with FILE.p12, or signing: { certificate: FILE } in the front matter`,
      );
    return undefined;
  }
  const file = fromCli ? path.resolve(fromCli) : path.resolve(root, fromConfig!);
  const { loadSigningKey } = await import('../print/certificate.js');
  const now = options?.now ?? (() => new Date());
  const key = loadSigningKey(file, rel(file), options?.passphrase ?? process.env[PASSPHRASE_VARIABLE], {
    now: now(),
    strict: options?.strict,
  });
  for (const w of key.warnings) log(`warning: ${w}`);
  log(`signing with ${rel(file)}: ${key.info.subject} (serial ${key.info.serial}, SHA-256 ${key.info.sha256})`);
  const common = {
    location: config.place ?? '',
    contact: config.signing?.contact ?? '',
    name: config.signatoryName ?? config.institution,
  };
  return {
    key,
    editions: Boolean(options?.editions),
    now,
    fields: (kind) => ({
      ...common,
      reason: kind === 'letter' ? `Official letter ${config.reference}` : `Official statement ${config.reference}`,
    }),
  };
}

/** One PDF this build made, and what kind of document it is. */
export interface SignTarget {
  doc: ManifestDocument;
  kind: 'letter' | 'edition' | 'proof';
}

const sameSignature = (old: DocumentSignature, fields: SignatureFields, cert: CertificateInfo) =>
  old.certificate.sha256 === cert.sha256 &&
  old.reason === fields.reason &&
  old.location === fields.location &&
  old.contact === fields.contact;

/**
 * Signs, keeps or unsigns each PDF this build made (in `staging`): a PDF
 * reused from the previous build that carries a signature keeps it when
 * it should be signed the same way, and goes back to its printed bytes
 * when it should not (or is signed anew).
 */
export async function signDocuments(
  targets: SignTarget[],
  options: { staging: string; previous?: Manifest; signing?: Signing; log: (line: string) => void },
): Promise<{ signed: number; reused: number; unsigned: number }> {
  const { staging, signing, log } = options;
  const previous = new Map<string, ManifestDocument>();
  for (const d of [
    ...(options.previous?.editions ?? []),
    ...(options.previous?.letters ?? []),
    ...(options.previous?.proofs ?? []),
  ])
    if (d.pdf) previous.set(d.pdf, d);
  const counts = { signed: 0, reused: 0, unsigned: 0 };
  for (const { doc, kind } of targets) {
    if (!doc.pdf || !doc.sha256) continue;
    const file = path.join(staging, doc.pdf);
    const fields =
      signing && (kind === 'letter' || (kind === 'edition' && signing.editions)) ? signing.fields(kind) : undefined;
    const old = previous.get(doc.pdf)?.signature;
    let printed: Buffer | undefined;
    if (old && doc.sha256 === old.sha256) {
      // The printer reused the previous build's file: it is that build's signed PDF.
      if (fields && sameSignature(old, fields, signing!.key.info)) {
        doc.signature = old;
        counts.reused++;
        continue;
      }
      printed = fs.readFileSync(file).subarray(0, old.unsigned.bytes);
      if (sha256(printed) !== old.unsigned.sha256)
        throw new Error(`${doc.pdf}: the signed PDF does not start with the printed one its manifest names`);
      Object.assign(doc, { sha256: old.unsigned.sha256, bytes: old.unsigned.bytes });
      delete doc.signature;
      if (!fields) {
        writeFile(file, printed);
        counts.unsigned++;
        continue;
      }
    }
    if (!fields) continue;
    printed ??= fs.readFileSync(file);
    const { signature, bytes } = await signOne(doc.pdf, printed, signing!, fields);
    writeFile(file, bytes);
    Object.assign(doc, { sha256: signature.sha256, bytes: bytes.length, signature });
    counts.signed++;
  }
  if (counts.signed || counts.reused || counts.unsigned)
    log(
      `signatures: ${counts.signed} PDF(s) signed, ${counts.reused} kept from the previous build${counts.unsigned ? `, ${counts.unsigned} back to unsigned` : ''}`,
    );
  return counts;
}

/** Signs one printed PDF and checks the result as a reader would. */
async function signOne(
  pdf: string,
  printed: Buffer,
  signing: Signing,
  fields: SignatureFields,
): Promise<{ signature: DocumentSignature; bytes: Buffer }> {
  const { signPdf } = await import('../print/pdfsign.js');
  const { checkSignedPdf } = await import('../print/signcheck.js');
  const time = signing.now();
  const signed = await signPdf(printed, signing.key, fields, time);
  if (!signed.subarray(0, printed.length).equals(printed))
    throw new Error(`${pdf}: the signature is not an incremental update of the printed PDF`);
  const check = await checkSignedPdf(signed, signing.key.info.sha256);
  if (check.problem) throw new Error(`${pdf}: the signature just made does not hold: ${check.problem}`);
  const signature: DocumentSignature = {
    unsigned: { sha256: sha256(printed), bytes: printed.length },
    sha256: sha256(signed),
    time: time.toISOString(),
    reason: fields.reason,
    location: fields.location,
    contact: fields.contact,
    certificate: {
      subject: signing.key.info.subject,
      serial: signing.key.info.serial,
      sha256: signing.key.info.sha256,
    },
  };
  return { signature, bytes: signed };
}
