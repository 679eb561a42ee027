/**
 * CAdES detached signatures (the CMS inside a PAdES baseline B signature,
 * ETSI EN 319 122-1): SignedData over the PDF's byte range, SHA-256, the
 * chain embedded, and the signed attributes PAdES asks for — content type,
 * message digest and signing-certificate-v2 (the hash of the signer's
 * certificate, so that the certificate cannot be swapped) — and no
 * signing-time attribute (PAdES puts the time in the signature
 * dictionary's /M). Built with pkijs's and asn1js's objects, not by hand;
 * @signpdf's own P12 signer makes adbe.pkcs7.detached CMS without
 * signing-certificate-v2, which is why this module exists.
 */
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningKey } from './certificate.js';

const OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
} as const;

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest();
const arrayBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (so left out), certHash OCTET STRING, issuerSerial }
 */
function signingCertificateV2(cert: pkijs.Certificate, der: Uint8Array): pkijs.Attribute {
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: cert.issuer })] }),
    serialNumber: cert.serialNumber,
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(der)) }), issuerSerial.toSchema()],
  });
  return new pkijs.Attribute({
    type: OID.signingCertificateV2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/** The WebCrypto key pkijs signs with. */
async function cryptoKeyOf(key: crypto.KeyObject): Promise<CryptoKey> {
  const der = key.export({ type: 'pkcs8', format: 'der' });
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`a ${key.asymmetricKeyType} key cannot sign here (RSA only)`);
  return crypto.webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
    'sign',
  ]) as Promise<CryptoKey>;
}

/** The parsed chain and the WebCrypto key of a signing key, made once per build (a build signs many letters). */
const prepared = new WeakMap<SigningKey, Promise<{ chain: pkijs.Certificate[]; key: CryptoKey }>>();
function prepare(signing: SigningKey): Promise<{ chain: pkijs.Certificate[]; key: CryptoKey }> {
  let p = prepared.get(signing);
  if (!p) {
    p = cryptoKeyOf(signing.key).then((key) => ({
      key,
      chain: signing.chain.map((c) => pkijs.Certificate.fromBER(c.raw)),
    }));
    prepared.set(signing, p);
  }
  return p;
}

/** The DER of a CAdES detached signature of `data` (the PDF's signed byte range). */
export async function cadesDetached(data: Uint8Array, signing: SigningKey): Promise<Buffer> {
  const { chain, key } = await prepare(signing);
  const signer = chain[0]!;
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(data)) })],
    }),
    signingCertificateV2(signer, signing.chain[0]!.raw),
  ];
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: chain,
  });
  await signedData.sign(key, 0, 'SHA-256');
  const content = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(content.toSchema().toBER(false));
}

/** What a CMS check found. */
export interface CadesCheck {
  /** Undefined when the signature holds. */
  problem?: string;
  /** DER of the signer's certificate (when found). */
  signer?: Buffer;
}

/**
 * Checks a detached CMS signature of `data`: its message digest, its
 * signature by the embedded signer certificate, and that the
 * signing-certificate-v2 attribute names that certificate. Trust in the
 * certificate is not decided here (the caller compares fingerprints).
 * @param cms the signature, possibly followed by the zero padding of /Contents
 */
export async function checkCades(cms: Uint8Array, data: Uint8Array): Promise<CadesCheck> {
  const parsed = asn1js.fromBER(arrayBuffer(cms));
  if (parsed.offset === -1) return { problem: 'the signature is not a CMS structure' };
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== OID.signedData) return { problem: 'the signature is not CMS SignedData' };
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (error) {
    return { problem: `the signature is not CMS SignedData (${(error as Error).message})` };
  }
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify({ signer: 0, data: arrayBuffer(data), checkChain: false, extendedMode: true });
  } catch (error) {
    const e = error as pkijs.SignedDataVerifyError;
    if (/message digest/i.test(e.message))
      return {
        problem: "the PDF's bytes changed after signing (the message digest of the signature does not match them)",
      };
    return { problem: `the CMS signature does not hold: ${e.message}` };
  }
  if (!result.signatureVerified || !result.signerCertificate)
    return { problem: `the CMS signature does not hold: ${result.message}` };
  const signer = Buffer.from(result.signerCertificate.toSchema().toBER(false));
  const attrs = signedData.signerInfos[0]!.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2);
  if (!v2) return { problem: 'the CMS has no signing-certificate-v2 attribute: not CAdES', signer };
  const certHash = (
    ((v2.values[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
  ).valueBlock.value.find((v) => v instanceof asn1js.OctetString) as asn1js.OctetString | undefined;
  if (!certHash || !Buffer.from(certHash.valueBlock.valueHexView).equals(sha256(signer)))
    return { problem: "the signing-certificate-v2 attribute does not name the signer's certificate", signer };
  if (attrs.some((a) => a.type === OID.signingTime))
    return { problem: 'the CMS carries a signing-time attribute, which PAdES does not allow', signer };
  return { signer };
}
