/**
 * The office's signing certificate: a PKCS#12 file opened with its
 * passphrase (node-forge reads the file: it knows the legacy 3DES/RC2 bags
 * Windows exports as well as OpenSSL 3's AES ones), its private key and
 * certificate chain handed over as Node key and X.509 objects. Bad input
 * (no file, wrong passphrase, no private key, a certificate out of its
 * validity) is an InputError naming the file, thrown before a build
 * writes anything.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import forge from 'node-forge';
import { InputError } from '../core/errors.js';

/** What the manifest and the release record say of a certificate. */
export interface CertificateInfo {
  /** The subject's distinguished name, one attribute a line joined with ", " (e.g. "CN=Office, O=…"). */
  subject: string;
  issuer: string;
  /** Serial number, hexadecimal as OpenSSL prints it. */
  serial: string;
  /** SHA-256 fingerprint of the certificate's DER bytes, lower-case hexadecimal, no colons. */
  sha256: string;
  notBefore: string;
  notAfter: string;
}

/** A private key and its certificate chain, ready to sign with. */
export interface SigningKey {
  /** The file it was read from, as the user named it (for messages). */
  file: string;
  key: crypto.KeyObject;
  /** The signer's certificate first, then the rest of the chain the PKCS#12 holds. */
  chain: crypto.X509Certificate[];
  info: CertificateInfo;
  /** Said once per build (an expired certificate when not --strict). */
  warnings: string[];
}

/** The info of a certificate (Node's X509Certificate). */
export function certificateInfo(cert: crypto.X509Certificate): CertificateInfo {
  return {
    subject: cert.subject.split('\n').join(', '),
    issuer: cert.issuer.split('\n').join(', '),
    serial: cert.serialNumber.toLowerCase(),
    sha256: crypto.createHash('sha256').update(cert.raw).digest('hex'),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
  };
}

function openPkcs12(
  bytes: Buffer,
  passphrase: string | undefined,
  bad: (m: string) => InputError,
): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(bytes.toString('binary'));
  } catch {
    throw bad('not a PKCS#12 file (.p12/.pfx): it is not DER-encoded');
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, passphrase ?? '');
  } catch (error) {
    const message = (error as Error).message;
    if (/MAC could not be verified|Invalid password/i.test(message))
      throw bad(
        passphrase === undefined
          ? 'the PKCS#12 file needs a passphrase: set STATEMENT_SIGN_PASSPHRASE'
          : 'wrong passphrase: the PKCS#12 file does not open with the one in STATEMENT_SIGN_PASSPHRASE',
      );
    throw bad(`not a PKCS#12 file that can be read (${message})`);
  }
}

/**
 * Opens a PKCS#12 file.
 * @param shown the file as the user named it, for messages
 * @param passphrase undefined when none was given (tried as the empty one)
 * @param now the moment the validity is checked against
 * @param strict an expired (or not yet valid) certificate is an error instead of a warning
 * @throws InputError naming the file
 */
export function loadSigningKey(
  file: string,
  shown: string,
  passphrase: string | undefined,
  options: { now?: Date; strict?: boolean } = {},
): SigningKey {
  const bad = (message: string) => new InputError(message, { file: shown });
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw bad(
      code === 'ENOENT'
        ? 'no such file: the PKCS#12 certificate to sign with'
        : `cannot read the PKCS#12 certificate (${code ?? (error as Error).message})`,
    );
  }
  const p12 = openPkcs12(bytes, passphrase, bad);
  const keyBags = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]
    .map((t) => t as string)
    .flatMap((t) => p12.getBags({ bagType: t })[t] ?? []);
  const forgeKey = keyBags.find((b) => b.key)?.key;
  if (!forgeKey) {
    throw bad(
      keyBags.length
        ? 'the private key in the PKCS#12 file is not an RSA key (only RSA keys can be read)'
        : 'the PKCS#12 file holds no private key (export it with the key, e.g. openssl pkcs12 -export -inkey key.pem -in cert.pem)',
    );
  }
  const key = crypto.createPrivateKey(forge.pki.privateKeyToPem(forgeKey as forge.pki.rsa.PrivateKey));
  const certBag = forge.pki.oids.certBag as string; // a known OID name
  const certs = (p12.getBags({ bagType: certBag })[certBag] ?? [])
    .filter((b) => b.cert)
    .map((b) => new crypto.X509Certificate(forge.pki.certificateToPem(b.cert!)));
  const signer = certs.find((c) => c.checkPrivateKey(key));
  if (!signer) throw bad('the PKCS#12 file holds no certificate for its private key');
  const chain = [
    signer,
    ...orderChain(
      signer,
      certs.filter((c) => c !== signer),
    ),
  ];
  const info = certificateInfo(signer);
  const warnings: string[] = [];
  const now = options.now ?? new Date();
  const expired =
    now > new Date(info.notAfter)
      ? `the certificate expired on ${info.notAfter.slice(0, 10)}`
      : now < new Date(info.notBefore)
        ? `the certificate is valid only from ${info.notBefore.slice(0, 10)}`
        : undefined;
  if (expired && options.strict) throw bad(`${expired} (--strict)`);
  if (expired)
    warnings.push(
      `${shown}: ${expired}: recipients' readers will report the signatures as made with an invalid certificate`,
    );
  return { file: shown, key, chain, info, warnings };
}

/** The issuers of `signer` among `others`, nearest first; certificates of no use to the chain last. */
function orderChain(signer: crypto.X509Certificate, others: crypto.X509Certificate[]): crypto.X509Certificate[] {
  const out: crypto.X509Certificate[] = [];
  const left = [...others];
  let current = signer;
  for (;;) {
    const i = left.findIndex((c) => current.checkIssued(c) && c.fingerprint256 !== current.fingerprint256);
    if (i < 0) break;
    current = left.splice(i, 1)[0]!;
    out.push(current);
  }
  return [...out, ...left];
}
