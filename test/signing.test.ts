/**
 * Signed letters: PAdES signatures with a self-signed certificate made by
 * openssl, checked with poppler's pdfsig (as recipients and archives do),
 * pdftotext and qpdf; the unsigned PDFs' bytes kept; bad certificates
 * refused with dist/ untouched; `verify` on a release with a signed
 * letter altered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import forge from 'node-forge';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeProject, read, runBin, runCli, snapshot } from './helpers.js';

const PASS = 'correct horse';
const tool = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

let keys: string;
/** A self-signed certificate and key in PKCS#12 files, the way the README tells an office to make a test one. */
function makeCertificates(): void {
  keys = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-keys-'));
  const k = (f: string) => path.join(keys, f);
  const ok = (cmd: string, args: string[]) => expect(tool(cmd, args).status, `${cmd} ${args.join(' ')}`).toBe(0);
  ok('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    k('key.pem'),
    '-out',
    k('cert.pem'),
    '-days',
    '365',
    '-subj',
    '/CN=Office of the Ombudsman (test)/O=Test Office/C=AZ',
  ]);
  ok('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    k('key.pem'),
    '-in',
    k('cert.pem'),
    '-out',
    k('office.p12'),
    '-passout',
    `pass:${PASS}`,
  ]);
  ok('openssl', [
    'pkcs12',
    '-export',
    '-nokeys',
    '-in',
    k('cert.pem'),
    '-out',
    k('nokey.p12'),
    '-passout',
    `pass:${PASS}`,
  ]);
  // An expired certificate for the same key (openssl 3.0 cannot date one in the past), in a legacy 3DES PKCS#12.
  const key = forge.pki.privateKeyFromPem(fs.readFileSync(k('key.pem'), 'utf8'));
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '0a';
  cert.validity.notBefore = new Date('2020-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2021-01-01T00:00:00Z');
  const name = [{ name: 'commonName', value: 'Office of the Ombudsman (expired)' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.sign(key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], PASS, { algorithm: '3des' });
  fs.writeFileSync(k('expired.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
}

/** A project with two locales and two letters (council-of-europe in English, unesco in French): little for Chromium to print. */
function smallProject(): string {
  const dir = makeProject();
  const md = read(dir, 'source/statement.md');
  fs.writeFileSync(path.join(dir, 'source/statement.md'), md.replace(/^locales: .*$/m, 'locales: [en, fr]'));
  const yaml = read(dir, 'source/addressees.yaml');
  const entry = (id: string) => new RegExp(`  - id: ${id}\\n(?:    .*\\n)+`).exec(yaml)![0];
  fs.writeFileSync(
    path.join(dir, 'source/addressees.yaml'),
    `addressees:\n${entry('council-of-europe')}${entry('unesco')}`,
  );
  return dir;
}

const LETTERS = ['letters/council-of-europe.en.pdf', 'letters/unesco.fr.pdf'];

/** pdfsig's verdict on one PDF: its validation line and signature type. */
function pdfsig(file: string): { valid: boolean; type: string | undefined; output: string } {
  const r = tool('pdfsig', [file]);
  const output = `${r.stdout}${r.stderr}`;
  return {
    valid: /Signature Validation: Signature is Valid\./.test(output),
    type: /Signature Type: (\S+)/.exec(output)?.[1],
    output,
  };
}

const manifestOf = (dir: string) => JSON.parse(read(dir, 'dist/manifest.json'));
const env = { STATEMENT_SIGN_PASSPHRASE: PASS };

beforeAll(makeCertificates);
afterAll(() => fs.rmSync(keys, { recursive: true, force: true }));

describe('build --sign-with (real Chromium)', () => {
  let dir: string;
  const unsigned = new Map<string, Buffer>();
  beforeAll(() => {
    dir = smallProject();
    const r = runBin(['build', '--only', 'letters'], dir);
    expect(r.code, r.stderr).toBe(0);
    for (const f of LETTERS) unsigned.set(f, fs.readFileSync(path.join(dir, 'dist', f)));
  }, 240_000);

  it('signs every letter: pdfsig finds each valid, ETSI.CAdES.detached, with its text whole and the printed bytes first', () => {
    const r = runBin(['build', '--only', 'letters', '--sign-with', path.join(keys, 'office.p12')], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain(PASS);
    const manifest = manifestOf(dir);
    expect(JSON.stringify(manifest)).not.toContain(PASS);
    const fingerprint = sha256(new crypto.X509Certificate(fs.readFileSync(path.join(keys, 'cert.pem'))).raw);
    for (const f of LETTERS) {
      const file = path.join(dir, 'dist', f);
      const verdict = pdfsig(file);
      expect(verdict.valid, verdict.output).toBe(true);
      expect(verdict.type).toBe('ETSI.CAdES.detached');
      expect(verdict.output).toContain('Total document signed');
      expect(verdict.output).toContain('Signing Hash Algorithm: SHA-256');
      const bytes = fs.readFileSync(file);
      const printed = unsigned.get(f)!;
      // An incremental update: the printed PDF, byte for byte, then the signature.
      expect(bytes.subarray(0, printed.length).equals(printed)).toBe(true);
      const entry = manifest.letters.find((l: { pdf: string }) => l.pdf === f);
      expect(entry.sha256).toBe(sha256(bytes));
      expect(entry.signature).toMatchObject({
        unsigned: { sha256: sha256(printed), bytes: printed.length },
        sha256: sha256(bytes),
        reason: 'Official letter OMB-2022-KHJ30',
        location: 'Baku',
      });
      expect(entry.signature.certificate).toMatchObject({
        sha256: fingerprint,
        subject: expect.stringContaining('CN=Office of the Ombudsman (test)'),
      });
      expect(tool('qpdf', ['--check', file]).status).toBe(0);
    }
    expect(tool('pdftotext', [path.join(dir, 'dist', 'letters/council-of-europe.en.pdf'), '-']).stdout).toContain(
      'Council of Europe',
    );
    expect(tool('pdftotext', [path.join(dir, 'dist', 'letters/unesco.fr.pdf'), '-']).stdout).toMatch(/UNESCO|Unesco/);
    // The CMS itself, read by openssl: CAdES (signing-certificate-v2, no signing-time), SHA-256, and valid over the byte range.
    const file = path.join(dir, 'dist', LETTERS[0]!);
    const bytes = fs.readFileSync(file);
    const [, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/
      .exec(bytes.toString('latin1'))!
      .map(Number) as number[];
    expect(a).toBe(0);
    expect(c! + d!).toBe(bytes.length);
    const cms = Buffer.from(
      bytes
        .subarray(b! + 1, c! - 1)
        .toString('latin1')
        .replace(/(00)+$/, ''),
      'hex',
    );
    fs.writeFileSync(path.join(keys, 'sig.der'), cms);
    fs.writeFileSync(path.join(keys, 'signed.bin'), Buffer.concat([bytes.subarray(0, b!), bytes.subarray(c!)]));
    const printed = tool('openssl', [
      'cms',
      '-cmsout',
      '-print',
      '-inform',
      'DER',
      '-in',
      path.join(keys, 'sig.der'),
    ]).stdout;
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2|signingCertificateV2/);
    expect(printed).toContain('messageDigest');
    expect(printed).toMatch(/digestAlgorithm:\s*\n\s*algorithm: sha256/);
    expect(printed).not.toContain('signingTime');
    const verified = tool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      path.join(keys, 'sig.der'),
      '-content',
      path.join(keys, 'signed.bin'),
      '-noverify',
      '-out',
      '/dev/null',
    ]);
    expect(verified.stderr).toContain('Verification successful');
    // SHA256SUMS checks the signed files.
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: path.join(dir, 'dist') }).status).toBe(0);
  });

  it('pdfsig finds a signed letter with one changed byte invalid', () => {
    const copy = path.join(keys, 'altered.pdf');
    const bytes = fs.readFileSync(path.join(dir, 'dist', LETTERS[0]!));
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    fs.writeFileSync(copy, bytes);
    const verdict = pdfsig(copy);
    expect(verdict.type).toBe('ETSI.CAdES.detached');
    expect(verdict.valid, verdict.output).toBe(false);
  });

  it('a rebuild with the same certificate keeps the signed files (no signing, no printing); one without goes back to the printed bytes', () => {
    const before = LETTERS.map((f) => fs.readFileSync(path.join(dir, 'dist', f)));
    const again = runBin(['build', '--only', 'letters', '--sign-with', path.join(keys, 'office.p12')], dir, env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 PDF(s) printed, 2 reused');
    expect(again.stderr).toContain('0 PDF(s) signed, 2 kept from the previous build');
    LETTERS.forEach((f, i) => {
      expect(fs.readFileSync(path.join(dir, 'dist', f)).equals(before[i]!)).toBe(true);
    });
    const plain = runBin(['build', '--only', 'letters'], dir);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('0 PDF(s) printed, 2 reused');
    for (const f of LETTERS) {
      expect(fs.readFileSync(path.join(dir, 'dist', f)).equals(unsigned.get(f)!)).toBe(true);
      expect(manifestOf(dir).letters.find((l: { pdf: string }) => l.pdf === f).signature).toBeUndefined();
    }
  });
});

describe('bad signing input: one message naming the file, exit 2, dist/ unchanged', () => {
  let dir: string;
  let before: Map<string, string>;
  const saved = process.env.STATEMENT_SIGN_PASSPHRASE;
  beforeAll(async () => {
    dir = smallProject();
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    before = snapshot(path.join(dir, 'dist'));
  }, 120_000);
  afterAll(() => {
    if (saved === undefined) delete process.env.STATEMENT_SIGN_PASSPHRASE;
    else process.env.STATEMENT_SIGN_PASSPHRASE = saved;
  });

  const attempt = async (p12: string, passphrase: string | undefined, extra: string[] = []) => {
    if (passphrase === undefined) delete process.env.STATEMENT_SIGN_PASSPHRASE;
    else process.env.STATEMENT_SIGN_PASSPHRASE = passphrase;
    const r = await runCli(['build', '--only', 'letters', '--sign-with', path.join(keys, p12), ...extra], dir);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
    return r;
  };

  it('a wrong passphrase', async () => {
    const r = await attempt('office.p12', 'wrong');
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/office\.p12:1:1: wrong passphrase/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('wrong\n');
  });

  it('no passphrase set', async () => {
    const r = await attempt('office.p12', undefined);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/office\.p12:1:1: .*set STATEMENT_SIGN_PASSPHRASE/);
  });

  it('a missing file, a PKCS#12 without a private key, a file that is no PKCS#12', async () => {
    const missing = await attempt('nowhere.p12', PASS);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.p12:1:1: no such file/);
    const nokey = await attempt('nokey.p12', PASS);
    expect(nokey.code).toBe(2);
    expect(nokey.stderr).toMatch(/nokey\.p12:1:1: the PKCS#12 file holds no private key/);
    const pem = await attempt('cert.pem', PASS);
    expect(pem.code).toBe(2);
    expect(pem.stderr).toMatch(/cert\.pem:1:1: not a PKCS#12 file/);
  });

  it('an expired certificate: refused with --strict (a warning without, tested with --dry-run)', async () => {
    const strict = await attempt('expired.p12', PASS, ['--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/expired\.p12:1:1: the certificate expired on 2021-01-01 \(--strict\)/);
    const lenient = await attempt('expired.p12', PASS, ['--dry-run']);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/warning: .*expired\.p12: the certificate expired on 2021-01-01/);
  });

  it('the front matter names the certificate; --sign-with wins over it', async () => {
    const md = read(dir, 'source/statement.md');
    fs.writeFileSync(
      path.join(dir, 'source/statement.md'),
      md.replace(/^reference: /m, `signing: { certificate: missing.p12, contact: press@example.org }\nreference: `),
    );
    process.env.STATEMENT_SIGN_PASSPHRASE = PASS;
    const fromConfig = await runCli(['build', '--dry-run'], dir);
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.stderr).toMatch(/missing\.p12:1:1: no such file/);
    const cli = await runCli(['build', '--dry-run', '--sign-with', path.join(keys, 'office.p12')], dir);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toContain('signing with');
    fs.writeFileSync(path.join(dir, 'source/statement.md'), md);
    expect(snapshot(path.join(dir, 'dist'))).toEqual(before);
  });
});

describe('release and verify with signed letters (real Chromium)', () => {
  it('release records the certificate; verify checks each signature and names an altered letter', () => {
    const dir = smallProject();
    fs.writeFileSync(
      path.join(dir, 'source/addressees.yaml'),
      read(dir, 'source/addressees.yaml').replace(/ {2}- id: unesco\n(?: {4}.*\n)+/, ''),
    );
    const r = runBin(
      ['release', '--allow-draft', '--sign-with', path.join(keys, 'office.p12'), '--sign-editions'],
      dir,
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const folder = path.join(dir, r.stdout.trim());
    const record = JSON.parse(read(folder, 'release.json'));
    const fingerprint = sha256(new crypto.X509Certificate(fs.readFileSync(path.join(keys, 'cert.pem'))).raw);
    expect(record.signing.certificate).toMatchObject({
      sha256: fingerprint,
      subject: expect.stringContaining('Office of the Ombudsman (test)'),
    });
    expect(record.letters).toEqual([
      expect.objectContaining({ file: 'letters/council-of-europe.en.pdf', signed: true }),
    ]);
    // --sign-editions: the editions too, with their own reason.
    expect(record.editions.map((e: { pdf: string; signed?: boolean }) => [e.pdf, e.signed])).toEqual([
      ['site/en/statement.pdf', true],
      ['site/fr/statement.pdf', true],
    ]);
    const edition = pdfsig(path.join(folder, 'site/fr/statement.pdf'));
    expect(edition.valid, edition.output).toBe(true);
    expect(JSON.parse(read(dir, 'dist/manifest.json')).editions[1].signature.reason).toBe(
      'Official statement OMB-2022-KHJ30',
    );
    expect(JSON.parse(read(dir, 'dist/manifest.json')).proofs[0].signature).toBeUndefined();
    const ok = runBin(['verify', folder], dir);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stderr).toContain('3 of 3 signature(s) hold');

    // One byte changed, and the checksums recorded updated to match: only the signature tells.
    const letter = path.join(folder, 'letters/council-of-europe.en.pdf');
    const bytes = fs.readFileSync(letter);
    const oldHash = sha256(bytes);
    bytes[Math.floor(bytes.length / 3)] ^= 0x01;
    fs.writeFileSync(letter, bytes);
    for (const f of ['release.json', 'SHA256SUMS'])
      fs.writeFileSync(path.join(folder, f), read(folder, f).replaceAll(oldHash, sha256(bytes)));
    const bad = runBin(['verify', folder], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^bad signature: letters\/council-of-europe\.en\.pdf: .*changed after signing/m);
    expect(bad.stdout).not.toContain('changed: letters/council-of-europe.en.pdf');
  }, 300_000);
});

describe('signing and checking one PDF (no browser)', () => {
  const plainPdf = async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const page = doc.addPage([595, 842]);
    page.drawText('Official letter', { x: 72, y: 760, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  };
  const fields = { reason: 'Official letter REF-1', location: 'Baku', contact: 'press@example.org', name: 'Office' };

  it('holds, keeps the printed bytes first, and names an appended update, another certificate, a swapped CMS and another type', async () => {
    const { loadSigningKey } = await import('../pipeline/print/certificate.js');
    const { signPdf } = await import('../pipeline/print/pdfsign.js');
    const { checkSignedPdf } = await import('../pipeline/print/signcheck.js');
    const key = loadSigningKey(path.join(keys, 'office.p12'), 'office.p12', PASS);
    const printed = await plainPdf();
    const signed = await signPdf(printed, key, fields, new Date('2022-02-25T09:00:00Z'));
    expect(signed.subarray(0, printed.length).equals(printed)).toBe(true);
    expect(await checkSignedPdf(signed, key.info.sha256)).toEqual({ certificate: key.info.sha256 });

    // An update appended after signing (the classic way to change a signed PDF) is outside the byte range.
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n<< >>\nendobj\n')]);
    expect((await checkSignedPdf(appended, key.info.sha256)).problem).toMatch(/does not cover the whole file/);
    expect((await checkSignedPdf(signed, 'f'.repeat(64))).problem).toMatch(/signed with another certificate/);

    // The signature of another document pasted in: the digest does not match these bytes.
    const other = await signPdf(
      printed,
      key,
      { ...fields, contact: 'other@example.org' },
      new Date('2022-02-25T10:00:00Z'),
    );
    const range = (b: Buffer) =>
      /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(b.toString('latin1'))!.slice(1).map(Number);
    const [, b1, c1] = range(signed);
    const [, b2, c2] = range(other);
    expect(c1! - b1!).toBe(c2! - b2!);
    expect(other.subarray(b2!, c2!).equals(signed.subarray(b1!, c1!))).toBe(false);
    const swapped = Buffer.concat([signed.subarray(0, b1!), other.subarray(b2!, c2!), signed.subarray(c1!)]);
    expect((await checkSignedPdf(swapped, key.info.sha256)).problem).toMatch(/changed after signing/);

    // The same signature relabelled as Adobe's PKCS#7 type is not PAdES.
    const relabelled = Buffer.from(
      signed.toString('latin1').replace('/ETSI.CAdES.detached', '/adbe.pkcs7.detached'),
      'latin1',
    );
    expect((await checkSignedPdf(relabelled, key.info.sha256)).problem).toMatch(
      /of type adbe\.pkcs7\.detached, not ETSI\.CAdES\.detached/,
    );
    expect((await checkSignedPdf(printed)).problem).toBe('no signature');
  });
});
