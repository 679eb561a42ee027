/**
 * Loads a project from disk: the canonical statement, its segments, the
 * catalogs of every publish locale and the templates. The only stage that
 * reads inputs; what it returns is plain data for the pure stages.
 */
import path from 'node:path';
import { parseStatement, type ParsedStatement } from '../source/parse.js';
import { extractSegments, type Segment } from '../source/segment.js';
import { namespaces, parseCatalog, emptyCatalogs, type LocaleCatalogs } from '../catalog/catalog.js';
import { readText, readOptional, rel, insideReal } from './fsio.js';
import { parseAddressees, expandRecipients, type Addressee, type Recipient } from '../source/addressees.js';
import { InputError } from './errors.js';
import { layout, catalogFile, projectPaths, type ProjectPaths } from './layout.js';

export { layout, catalogFile, stateFile, obsoleteFile, projectPaths, type ProjectPaths } from './layout.js';

/** Templates and the source-language strings they use. */
export interface Templates {
  edition: string;
  index: string;
  letter: string;
  /** The review proof's page shell. */
  review: string;
  /** The status page's shell. */
  status: string;
  css: string;
  strings: Record<string, string>;
}

/** Everything a command needs to know about the project on disk. */
export interface Project {
  root: string;
  sourceFile: string;
  parsed: ParsedStatement;
  segments: Segment[];
  templates: Templates;
}

/** Progress of a long stage: `done` of `total`, and what is being done. */
export type Progress = (done: number, total: number, label: string) => void;

/**
 * The project a command runs on, resolved once by the CLI and handed to
 * every command: where it was run, the root, every path of the layout,
 * and where logs and progress go. Nothing below the CLI reads the working
 * directory.
 */
export interface ProjectContext {
  /** The folder the command was run in: FILE arguments are relative to it, and so are paths in messages. */
  cwd: string;
  /** The project root: `cwd` or the nearest folder above it holding source/statement.md (else `cwd`). */
  root: string;
  /** False when no folder up from `cwd` holds source/statement.md (`root` is then `cwd`). */
  found: boolean;
  paths: ProjectPaths;
  /** One log line (to stderr). */
  log: (line: string) => void;
  /** A progress bar, on a terminal only. */
  progress: Progress | undefined;
  /** A path given on the command line, resolved against `cwd`. */
  resolve(arg: string): string;
}

/** The context of a command run in `cwd` (see `ProjectContext`). */
export function projectContext(
  cwd: string,
  exists: (file: string) => boolean,
  log: (line: string) => void,
  progress?: Progress,
): ProjectContext {
  const found = findRoot(cwd, exists);
  const root = found ?? path.resolve(cwd);
  return {
    cwd,
    root,
    found: found !== undefined,
    paths: projectPaths(root),
    log,
    progress,
    resolve: (arg) => path.resolve(cwd, arg),
  };
}

/** The statement is not where the project's layout puts it. */
export class StatementNotFound extends InputError {}

/**
 * The project root for a command run in `start`: `start` or the nearest
 * folder above it holding `source/statement.md` (as git looks for `.git`),
 * so a command works from `source/` or `locales/fr/` too. Undefined when
 * there is none up to the file system's root.
 */
export function findRoot(start: string, exists: (file: string) => boolean): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, layout.source))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Reads the templates and `templates/strings.json`. */
export function loadTemplates(root: string): Templates {
  const dir = path.join(root, layout.templates);
  const stringsFile = path.join(root, layout.strings);
  return {
    edition: readText(path.join(dir, 'edition.html'), 'template'),
    index: readText(path.join(dir, 'index.html'), 'template'),
    letter: readText(path.join(dir, 'letter.html'), 'template'),
    review: readText(path.join(dir, 'review.html'), 'template'),
    status: readText(path.join(dir, 'status.html'), 'template'),
    css: readText(path.join(dir, 'statement.css'), 'stylesheet'),
    strings: parseCatalog(readText(stringsFile, 'template strings'), rel(stringsFile)),
  };
}

/** Reads one locale's catalogs; absent files are empty catalogs. */
export function loadCatalogs(root: string, locale: string): LocaleCatalogs {
  const out = emptyCatalogs();
  for (const ns of namespaces) {
    const file = catalogFile(root, locale, ns);
    const text = readOptional(file);
    if (text !== undefined) out[ns] = parseCatalog(text, rel(file));
  }
  return out;
}

/** Options of `loadProject`. */
export interface LoadOptions {
  /** Statement file, relative to the root; default `source/statement.md`. */
  source?: string;
}

/** Loads and parses the project at `root` (its catalogs: `loadWorkspace`). */
export function loadProject(root: string, options: LoadOptions = {}): Project {
  const sourceFile = path.resolve(root, options.source ?? layout.source);
  const text = options.source ? readText(sourceFile, 'statement') : readOptional(sourceFile);
  if (text === undefined) {
    throw new StatementNotFound(`statement not found: no ${layout.source} in ${path.resolve(root)}`, {
      file: rel(sourceFile),
      line: 1,
      column: 1,
    });
  }
  const parsed = parseStatement(text, rel(sourceFile));
  const segments = extractSegments(parsed);
  return { root, sourceFile, parsed, segments, templates: loadTemplates(root) };
}

/** The registry and its recipients (members expanded). */
export interface Registry {
  file: string;
  addressees: Addressee[];
  recipients: Recipient[];
}

/** Reads `source/addressees.yaml` and its member lists; undefined when the project has no registry. */
export function loadRegistry(root: string, locales: string[]): Registry | undefined {
  const file = path.join(root, layout.addressees);
  const text = readOptional(file);
  if (text === undefined) return undefined;
  const shown = rel(file);
  const addressees = parseAddressees(text, shown, locales);
  const sourceDir = path.join(root, layout.sourceDir);
  const recipients = expandRecipients(addressees, shown, locales, (relative) => {
    // realpath: a member list linked to a file outside source/ is refused before it is read.
    const full = insideReal(sourceDir, relative, shown);
    return { text: readText(full, 'member list'), file: rel(full) };
  });
  return { file: shown, addressees, recipients };
}

/** The source-language texts of the `addressees` namespace: names and address blocks. */
export function addresseeSource(registry: Registry | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!registry) return out;
  for (const a of registry.addressees) {
    out[a.id] = a.name;
    if (a.address.length) out[`${a.id}--address`] = a.address.join('\n');
  }
  for (const r of registry.recipients) {
    if (!r.group) continue;
    out[r.id] = r.name;
    if (r.address.length) out[`${r.id}--address`] = r.address.join('\n');
  }
  return out;
}
