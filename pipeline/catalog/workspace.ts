/**
 * The catalogs side of a project on disk: sources of every namespace,
 * each locale's catalogs, state and obsolete store, the glossary. Reads
 * everything (and fails on any bad file) before a command writes anything.
 */
import path from 'node:path';
import { localeSources } from './plurals.js';
import {
  loadProject,
  loadRegistry,
  addresseeSource,
  loadCatalogs,
  type Project,
  type Registry,
} from '../core/project.js';
import { layout, stateFile, obsoleteFile } from '../core/layout.js';
import { emptyCatalogs, type LocaleCatalogs } from './catalog.js';
import { readOptional, rel } from '../core/fsio.js';
import { parseState, parseObsolete, emptyState } from './state.js';
import { parseGlossary } from '../source/glossary.js';
import type { Sources, LocaleFiles } from './extract.js';
import type { GlossaryTerm } from '../checks/run.js';
import { publishLocale, type Locale } from '../core/locales.js';
import { keyStatuses, parentLocale, type KeyStatus } from './status.js';
import { settleCatalogs } from './transaction.js';

/** A loaded workspace. */
export interface Workspace {
  project: Project;
  registry: Registry | undefined;
  sources: Sources;
  glossary: GlossaryTerm[];
  /** Per publish locale loaded (the source locale included). */
  locales: Map<string, LocaleFiles>;
}

/** The source texts of the three namespaces. */
export function sourcesOf(project: Project, registry: Registry | undefined): Sources {
  const statement: Record<string, string> = {};
  for (const s of project.segments) statement[s.key] = s.text;
  return { statement, letter: { ...project.templates.strings }, addressees: addresseeSource(registry) };
}

/** Loads a locale's catalogs, state and obsolete store. */
export function loadLocaleFiles(root: string, locale: string): LocaleFiles {
  const sf = stateFile(root, locale);
  const of = obsoleteFile(root, locale);
  const stateText = readOptional(sf);
  const obsoleteText = readOptional(of);
  return {
    catalogs: loadCatalogs(root, locale),
    state: stateText === undefined ? emptyState() : parseState(stateText, rel(sf)),
    obsolete: obsoleteText === undefined ? {} : parseObsolete(obsoleteText, rel(of)),
  };
}

/** Loads the whole workspace. */
export function loadWorkspace(root: string, options: { locales?: string[] } = {}): Workspace {
  // A command killed in the middle of its commit left a journal: finish it before reading a mixed set.
  settleCatalogs(root);
  const project = loadProject(root);
  const { config } = project.parsed;
  const registry = loadRegistry(root, config.locales);
  const sources = sourcesOf(project, registry);
  const glossaryPath = path.join(root, layout.glossary);
  const glossaryText = readOptional(glossaryPath);
  const glossary =
    glossaryText === undefined ? [] : parseGlossary(glossaryText, rel(glossaryPath), config.sourceLocale);
  const at = { file: project.parsed.file, line: project.parsed.frontLines.locales ?? 1, column: 1 };
  const locales = new Map<string, LocaleFiles>();
  for (const tag of options.locales ?? config.locales) {
    const l = publishLocale(config, tag, at);
    const files = loadLocaleFiles(root, l);
    locales.set(l, files);
  }
  return { project, registry, sources, glossary, locales };
}

/**
 * The workspace with one locale's files loaded: for a command on one locale,
 * which gets the files themselves instead of looking them up again.
 * @throws InputError when `tag` is not a publish locale
 */
export function loadForLocale(root: string, tag: string): { ws: Workspace; locale: Locale; files: LocaleFiles } {
  const ws = loadWorkspace(root, { locales: [] });
  const locale = publishLocale(ws.project.parsed.config, tag, {
    file: ws.project.parsed.file,
    line: ws.project.parsed.frontLines.locales ?? 1,
    column: 1,
  });
  const files = loadLocaleFiles(root, locale);
  ws.locales.set(locale, files);
  return { ws, locale, files };
}

/** The loaded parent of a regional locale (`de` for `de-CH`), if it has one. */
export function parentOf(ws: Workspace, locale: string): { locale: string; catalogs: LocaleCatalogs } | undefined {
  const { sourceLocale, locales } = ws.project.parsed.config;
  const parent = parentLocale(locale, locales, sourceLocale);
  const files = parent === undefined || locale === sourceLocale ? undefined : ws.locales.get(parent);
  return files && parent ? { locale: parent, catalogs: files.catalogs } : undefined;
}

/** Key statuses of one loaded locale (a key it has no text for takes its parent's, see `parentLocale`). */
export function statusesOf(ws: Workspace, locale: string): KeyStatus[] {
  const files = ws.locales.get(locale)!;
  const { sourceLocale } = ws.project.parsed.config;
  const parent = parentOf(ws, locale);
  const inherited = parent && { locale: parent.locale, keys: statusesOf(ws, parent.locale) };
  const cells = new Map(ws.project.segments.flatMap((s) => (s.cell ? [[s.key, s.cell] as const] : [])));
  return keyStatuses(
    localeSourcesOf(ws, locale),
    locale,
    sourceLocale,
    files.catalogs,
    files.state,
    ws.glossary,
    inherited,
    cells,
  );
}

/** The source texts as a locale translates them: plural groups in the locale's own categories. */
export function localeSourcesOf(ws: Workspace, locale: string): Sources {
  return locale === ws.project.parsed.config.sourceLocale ? ws.sources : localeSources(ws.sources, locale);
}

/** The catalogs of the source locale as they are on disk (for old source texts). */
export function previousSourceCatalogs(ws: Workspace): LocaleCatalogs {
  return ws.locales.get(ws.project.parsed.config.sourceLocale)?.catalogs ?? emptyCatalogs();
}
