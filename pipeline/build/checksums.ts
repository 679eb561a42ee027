/**
 * Checksums of files as `sha256sum` computes them: of their bytes, never of
 * a re-serialisation, so that `sha256sum -c SHA256SUMS` in `dist/` and
 * `statement verify` agree with the manifest. Files are read through
 * `fsio.listFiles`; the hashing and the SHA256SUMS text are pure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../core/hash.js';
import { listFiles } from '../core/fsio.js';
import { layout } from '../core/project.js';

/** The posix form of a relative path (what `sha256sum` and the manifest print). */
const posix = (p: string) => p.split(path.sep).join('/');

/**
 * sha256 of every file below `dir` (relative posix path → hex), sorted by
 * path; `skip` names paths left out (the manifest cannot hold its own hash).
 */
export function hashFiles(dir: string, skip: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  // A build links the same file in more than once (fonts in assets/ and site/assets/): read each one once.
  const byInode = new Map<string, string>();
  for (const f of listFiles(dir)) {
    const p = posix(f);
    if (skip.includes(p)) continue;
    const full = path.join(dir, f);
    const { dev, ino } = fs.statSync(full);
    const id = `${dev}:${ino}`;
    let h = byInode.get(id);
    if (h === undefined) byInode.set(id, (h = sha256(fs.readFileSync(full))));
    out[p] = h;
  }
  return out;
}

/** The text of a `SHA256SUMS` file: `<hex>  <path>` a line, as `sha256sum` writes and `-c` reads it. */
export function sha256sums(hashes: Record<string, string>): string {
  return Object.entries(hashes)
    .map(([p, h]) => `${h}  ${p}\n`)
    .join('');
}

/** sha256 of a file's bytes, undefined when it does not exist. */
export function hashFile(file: string): string | undefined {
  return fs.existsSync(file) ? sha256(fs.readFileSync(file)) : undefined;
}

/** sha256 of every input file (source/, templates/, locales/), by posix path from the project root. */
export function inputFileHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of [path.posix.dirname(layout.source), layout.templates, layout.locales]) {
    for (const [p, h] of Object.entries(hashFiles(path.join(root, part)))) out[`${part}/${p}`] = h;
  }
  return out;
}
