/**
 * Releases: what was actually sent to whom, frozen. `release` builds, then
 * copies the letters, editions, manifest and send list into
 * `archive/<reference>/<YYYY-MM-DD>-<n>/` with a `release.json` that says
 * what each letter's text was made of; `verifyRelease` rechecks the
 * checksums; `diffRelease` lists the letters whose text the current inputs
 * would change (the erratum list). The file-system edge of the release
 * stage: the decisions are in `letterContent.ts` and `releaseRecord.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions } from '../build/build.js';
import type { Manifest, ManifestDocument, ManifestLetter } from '../build/manifest.js';
import { sha256 } from '../core/hash.js';
import { inputFileHashes, sha256sums } from '../build/checksums.js';
import { loadWorkspace, type Workspace } from '../catalog/workspace.js';
import { currentLetters, letterMaker, type CurrentLetter } from '../render/letterContent.js';
import type { Recipient } from '../source/addressees.js';
import {
  parseRelease,
  serializeRelease,
  checkFiles,
  diffLetters,
  recordFile,
  type ReleaseRecord,
  type ReleasedFile,
  type VerifyResult,
  type DiffResult,
} from './record.js';
import { layout } from '../core/project.js';
import { referencePattern } from '../source/config.js';
import { isPublishLocale } from '../core/locales.js';
import { sendListCsv } from '../build/sendList.js';
import { readOptional, rel, listFiles, writeFile } from '../core/fsio.js';
import { InputError, WriteError } from '../core/errors.js';
import { acquireLock, archiveLock } from '../core/lock.js';
import { signingRecord, checkSignatures } from './signatures.js';

/** Options of `release`; every field says its default. */
export interface ReleaseOptions {
  /** Project root; default: the working directory. */
  root?: string;
  /** A note kept in `release.json`; default: none. */
  note?: string;
  /** Let letters with draft translations through (recorded); default false. */
  allowDraft?: boolean;
  /** Passed to the build: sign the letters (recorded in release.json); default: the front matter's `signing`. */
  signing?: BuildOptions['signing'];
  /** The moment of the release; default: now. Its local date names the folder. */
  now?: Date;
  /**
   * Freeze PDFs; default true. False builds and freezes HTML only — a
   * preview release, recorded as `format: "html"` (tests use it: no browser).
   */
  pdf?: boolean;
  /** Passed to the build; default: false, and log lines. */
  force?: boolean;
  progress?: BuildOptions['progress'];
  /** Progress and logs, one line each; default: silent. */
  log?: (line: string) => void;
}

/** What a release did: a folder, or the reasons it made none. */
export type ReleaseResult =
  | { status: 'released'; dir: string; record: ReleaseRecord; warnings: string[] }
  | { status: 'refused' | 'failed'; problems: string[] };

/** The local calendar day of a moment, `YYYY-MM-DD`. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** sha256 of the registry and its member lists, by path relative to the root. */
function registryHashes(ws: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  if (!ws.registry) return out;
  const files = [
    layout.addressees,
    ...ws.registry.addressees.filter((a) => a.members).map((a) => `${layout.sourceDir}/${a.members}`),
  ];
  for (const f of files) {
    const text = readOptional(path.join(ws.project.root, f));
    if (text !== undefined) out[f] = sha256(text);
  }
  return out;
}

/** Why letters may not go out yet: drafts, or passages left in the source language. Pure. */
export function releaseBlockers(letters: CurrentLetter[]): string[] {
  const out: string[] = [];
  for (const l of letters) {
    const sample = (keys: string[]) => `${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}`;
    if (l.pending.length)
      out.push(
        `${l.recipient.id}: ${l.locale} is not publishable: ${l.pending.length} passage(s) would stay in the source language (${sample(l.pending)})`,
      );
    else if (l.drafts.length)
      out.push(
        `${l.recipient.id}: ${l.locale} translation is only a draft: ${l.drafts.length} text(s) not approved (${sample(l.drafts)})`,
      );
  }
  return out;
}

/** The release folder's parent, `archive/<reference>`, refusing a reference that is not a safe folder name. */
function archiveDir(ws: Workspace): string {
  const { config, file, frontLines } = ws.project.parsed;
  // config.ts already allows only such references; checked again because this one names a folder we write.
  if (!referencePattern.test(config.reference)) {
    throw new InputError(
      `reference "${config.reference}" cannot name a folder under archive/: use letters, digits, ".", "_" and "-"`,
      { file, line: frontLines.reference ?? 1, column: 1 },
    );
  }
  return path.join(ws.project.root, layout.archive, config.reference);
}

/**
 * Builds (nothing may fail) and freezes the result into a new release folder.
 * Refuses, before building, while a letter would go out with draft or
 * missing translations, unless `allowDraft`. The project is loaded once:
 * the build renders from it, and the record describes it.
 * @throws InputError on bad input (from loading the project or the build)
 */
export async function release(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const root = path.resolve(options.root ?? '.');
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const pdf = options.pdf ?? true;
  // Hashed before loading: any edit from here to the end of the build shows in the build's own hashes.
  const inputs = inputFileHashes(root);
  const ws = loadWorkspace(root);
  const parent = archiveDir(ws);
  const registry = registryHashes(ws);
  const letters = currentLetters(ws);
  const blockers = releaseBlockers(letters);
  if (blockers.length && !options.allowDraft) return { status: 'refused', problems: blockers };
  const warnings = releaseWarnings(letters, blockers);

  const built = await build({
    root,
    workspace: ws,
    format: pdf ? undefined : 'html',
    force: options.force,
    log,
    progress: options.progress,
    signing: options.signing,
  });
  if (built.failed.length) return { status: 'failed', problems: built.failed.map((f) => `${f.path}: ${f.error}`) };
  const problems = builtProblems(letters, built.manifest, inputs, pdf);
  if (problems.length) return { status: 'failed', problems };

  const outgoing = outgoingOf(ws, letters, built.manifest, pdf);
  const { staging, unlock } = openStaging(root, parent, log);
  try {
    const frozen = freeze(built.out, staging, letters, outgoing, pdf);
    const record = recordOf(ws, { ...options, now }, pdf, built.manifest, registry, frozen);
    const dir = placeRelease(staging, parent, record.date, record);
    log(
      `released into ${rel(dir)}/: ${record.letters.length} letter(s), ${record.editions.length} edition(s)${record.allowDraft ? ' (with --allow-draft)' : ''}`,
    );
    return { status: 'released', dir, record, warnings };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    unlock();
  }
}

/** What a release says on its way out: drafts let through, letters sent outside their working languages. */
function releaseWarnings(letters: CurrentLetter[], blockers: string[]): string[] {
  return [
    ...(blockers.length ? [`released with --allow-draft: ${blockers.length} letter(s) with draft translations`] : []),
    ...letters
      .filter((l) => !l.recipient.languages.includes(l.locale))
      .map((l) => `${l.recipient.id}: sent in ${l.locale}, not one of its working languages (${l.reason})`),
  ];
}

/**
 * Why what the build made cannot be frozen as the letters were planned: an
 * input changed while releasing (the record would not describe the files
 * built), a letter built differently, a PDF missing.
 */
function builtProblems(
  letters: CurrentLetter[],
  manifest: Manifest,
  inputs: Record<string, string>,
  pdf: boolean,
): string[] {
  const after = manifest.inputs ?? {};
  const moved = [...new Set([...Object.keys(inputs), ...Object.keys(after)])]
    .filter((f) => inputs[f] !== after[f])
    .sort();
  const byAddressee = new Map(manifest.letters.map((l) => [l.addressee, l]));
  for (const l of letters) {
    const m = byAddressee.get(l.recipient.id);
    if (!m || m.locale !== l.locale || m.name !== l.content.name) moved.push(`letter ${l.recipient.id}`);
    else if (pdf && (!m.pdf || !m.sha256)) return [`${l.file}: the build made no PDF`];
  }
  return moved.length
    ? [`the inputs changed while releasing (${moved.slice(0, 5).join(', ')}): run the release again`]
    : [];
}

/** What goes out now: a manifest also keeps outputs of earlier builds that this one did not make. */
interface Outgoing {
  /** The manifest entry of each current letter, in the same order. */
  sent: ManifestLetter[];
  editions: ManifestDocument[];
  /** The manifest as the release folder holds it. */
  manifest: Manifest;
}

function outgoingOf(ws: Workspace, letters: CurrentLetter[], manifest: Manifest, pdf: boolean): Outgoing {
  const byAddressee = new Map(manifest.letters.map((l) => [l.addressee, l]));
  const sent = letters.map((l) => byAddressee.get(l.recipient.id)!);
  const editions = manifest.editions
    .filter((e) => isPublishLocale(ws.project.parsed.config, e.locale))
    .map((e) => ({ ...e, pdf: pdf ? e.pdf : null, sha256: pdf ? e.sha256 : null }));
  // The build's file list describes dist/, not this folder: release.json and SHA256SUMS list what is here.
  const frozen: Manifest = {
    ...manifest,
    files: undefined,
    editions,
    letters: pdf ? sent : sent.map((l) => ({ ...l, pdf: null, sha256: null, bytes: null, pages: null })),
    failed: [],
  };
  return { sent, editions, manifest: frozen };
}

/** One release at a time writes archive/; the staging folders of killed ones are removed under its lock. */
function openStaging(
  root: string,
  parent: string,
  log: (line: string) => void,
): { staging: string; unlock: () => void } {
  const unlock = acquireLock(archiveLock(root), {
    what: `${rel(path.join(root, layout.archive))}/`,
    command: 'release',
    log,
  });
  try {
    fs.mkdirSync(parent, { recursive: true });
    for (const name of fs.readdirSync(parent))
      if (name.startsWith('.release-staging-')) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
    return { staging: fs.mkdtempSync(path.join(parent, '.release-staging-')), unlock };
  } catch (error) {
    unlock();
    throw new WriteError(rel(parent), error);
  }
}

/** What was frozen into the staging folder. */
interface Frozen {
  files: ReleasedFile[];
  editions: ReleaseRecord['editions'];
  letters: ReleaseRecord['letters'];
  texts: Record<string, string>;
  /** The signing certificate, when the documents frozen are signed. */
  signing: ReturnType<typeof signingRecord>;
}

/** Copies the documents that go out from `out` into the staging folder, checking each PDF against its manifest checksum. */
function freeze(out: string, staging: string, letters: CurrentLetter[], outgoing: Outgoing, pdf: boolean): Frozen {
  const files: ReleasedFile[] = [];
  const copy = (relative: string, expected?: string | null): string => {
    const bytes = fs.readFileSync(path.join(out, relative));
    const hash = sha256(bytes);
    if (expected && expected !== hash)
      throw new Error(`${rel(path.join(out, relative))} does not match its checksum in the manifest: build again`);
    writeFile(path.join(staging, relative), bytes);
    files.push({ path: relative, sha256: hash, bytes: bytes.length });
    return hash;
  };
  const write = (relative: string, text: string) => {
    writeFile(path.join(staging, relative), text);
    files.push({ path: relative, sha256: sha256(text), bytes: Buffer.byteLength(text) });
  };
  const editions = outgoing.editions.map((e) => {
    copy(e.html);
    return {
      language: e.locale,
      html: e.html,
      pdf: e.pdf,
      sha256: e.pdf ? copy(e.pdf, e.sha256) : null,
      ...(pdf && e.signature ? { signed: true } : {}),
    };
  });
  const texts: Record<string, string> = {};
  const released = letters.map((l, i) => {
    const m = outgoing.sent[i]!; // one sent entry per letter, in order
    const htmlHash = copy(m.html);
    const file = pdf ? m.pdf! : m.html;
    const hash = pdf ? copy(file, m.sha256) : htmlHash;
    Object.assign(texts, l.content.texts);
    return {
      addressee: l.recipient.id,
      name: l.content.name,
      language: l.locale,
      reason: l.reason,
      file,
      sha256: hash,
      html: m.html,
      pages: pdf ? m.pages : null,
      ...(m.contact ? { contact: m.contact } : {}),
      ...(pdf && m.signature ? { signed: true } : {}),
      translation: l.translation,
      draftSegments: l.drafts.length + l.pending.length,
      content: { hash: l.content.hash, segments: l.content.segments },
    };
  });
  write('manifest.json', `${JSON.stringify(outgoing.manifest, null, 2)}\n`);
  write('send-list.csv', sendListCsv(outgoing.manifest.letters));
  // As in dist/: `sha256sum -c SHA256SUMS` inside the release checks what verify checks.
  write(
    'SHA256SUMS',
    sha256sums(
      Object.fromEntries([...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.sha256])),
    ),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    files,
    editions,
    letters: released,
    texts,
    signing: signingRecord(pdf ? [...outgoing.sent, ...outgoing.editions] : []),
  };
}

/** The release's record (its id is given when the folder is named). */
function recordOf(
  ws: Workspace,
  options: ReleaseOptions,
  pdf: boolean,
  manifest: Manifest,
  registry: Record<string, string>,
  frozen: Frozen,
): ReleaseRecord {
  const now = options.now ?? new Date();
  return {
    schema: 1,
    id: '',
    reference: ws.project.parsed.config.reference,
    date: localDay(now),
    created: now.toISOString(),
    note: options.note ?? null,
    allowDraft: Boolean(options.allowDraft),
    format: pdf ? 'pdf' : 'html',
    source: manifest.source,
    catalogs: manifest.catalogs,
    registry,
    files: frozen.files,
    editions: frozen.editions,
    letters: frozen.letters,
    texts: Object.fromEntries(Object.entries(frozen.texts).sort(([a], [b]) => (a < b ? -1 : 1))),
    ...frozen.signing,
  };
}

/**
 * Names the release `<date>-<n>` (n one more than the day's last), writes
 * its record and renames the staging folder into place: a release folder
 * never holds half a release, and an existing one is never written over.
 */
function placeRelease(staging: string, parent: string, date: string, record: ReleaseRecord): string {
  const taken = fs
    .readdirSync(parent)
    .map((name) => new RegExp(`^${date}-(\\d+)$`).exec(name))
    .filter(Boolean)
    .map((m) => Number(m![1]));
  let n = Math.max(0, ...taken) + 1;
  for (;;) {
    const dir = path.join(parent, `${date}-${n}`);
    record.id = `${date}-${n}`;
    writeFile(path.join(staging, recordFile), serializeRelease(record));
    if (!fs.existsSync(dir)) {
      try {
        fs.renameSync(staging, dir);
        return dir;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw error;
      }
    }
    n++;
  }
}

/**
 * Reads a release folder's record.
 * @throws InputError when the folder is not a release
 */
export function readRelease(dir: string): ReleaseRecord {
  const file = path.join(dir, recordFile);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new InputError(`not a folder: a release is a folder archive/<reference>/<date>-<n>/`, { file: rel(dir) });
  const text = readOptional(file);
  if (text === undefined)
    throw new InputError(
      `not a release folder: it has no ${recordFile} (releases are made by "statement release" under archive/<reference>/<date>-<n>/)`,
      { file: rel(dir) },
    );
  return parseRelease(text, rel(file));
}

/** Recomputes every checksum of a release folder. */
export function verifyRelease(dir: string): { record: ReleaseRecord; result: VerifyResult } {
  const record = readRelease(dir);
  const hashOf = (relative: string) => {
    try {
      return sha256(fs.readFileSync(path.join(dir, relative)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR')
        return undefined;
      throw error;
    }
  };
  const present = listFiles(dir)
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f !== recordFile);
  return { record, result: checkFiles(record, hashOf, present) };
}

/** Lists the letters of a release whose text the current inputs at `root` would change. */
export function diffRelease(dir: string, root = '.'): { record: ReleaseRecord; result: DiffResult; reference: string } {
  const record = readRelease(dir);
  const ws = loadWorkspace(path.resolve(root));
  const maker = letterMaker(ws);
  const inLanguage = (recipient: Recipient, locale: string) =>
    isPublishLocale(ws.project.parsed.config, locale) ? maker.make(recipient, locale).content : undefined;
  return {
    record,
    result: diffLetters(record, currentLetters(ws, maker), inLanguage),
    reference: ws.project.parsed.config.reference,
  };
}

/** `verifyRelease`, and each signed PDF's signature checked against the release's certificate. */
export async function verifyReleaseSignatures(
  dir: string,
): Promise<{ record: ReleaseRecord; result: VerifyResult; signatures: Awaited<ReturnType<typeof checkSignatures>> }> {
  const { record, result } = verifyRelease(dir);
  return {
    record,
    result,
    signatures: await checkSignatures(record, (relative) => fs.readFileSync(path.join(dir, relative))),
  };
}
