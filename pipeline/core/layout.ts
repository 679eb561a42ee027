/**
 * Where each part of a project lives: the one table of its paths, and the
 * absolute paths of one project made from it. Nothing else builds a
 * project path by hand. No imports but `node:path`, so that every module
 * (the locks too) can use it without a cycle.
 */
import path from 'node:path';

/** Paths of the project's parts, relative to its root. */
export const layout = {
  source: 'source/statement.md',
  /** The folder of the inputs: files it names (logo, member lists) must stay inside it. */
  sourceDir: 'source',
  addressees: 'source/addressees.yaml',
  glossary: 'source/glossary.yaml',
  /** The project's word list for lint: words English lacks (names, places, acronyms). */
  dictionary: 'source/dictionary.txt',
  locales: 'locales',
  templates: 'templates',
  strings: 'templates/strings.json',
  dist: 'dist',
  archive: 'archive',
} as const;

/** The file of a catalog. */
export function catalogFile(root: string, locale: string, ns: string): string {
  return path.join(root, layout.locales, locale, `${ns}.json`);
}

/** The file of a locale's state. */
export function stateFile(root: string, locale: string): string {
  return path.join(root, layout.locales, locale, 'state.json');
}

/** The file of a locale's obsolete store. */
export function obsoleteFile(root: string, locale: string): string {
  return path.join(root, layout.locales, locale, 'obsolete.json');
}

/** The absolute paths of one project's parts (see `layout`), and of each locale's files. */
export type ProjectPaths = { readonly [K in keyof typeof layout]: string } & {
  readonly root: string;
  catalog(locale: string, ns: string): string;
  state(locale: string): string;
  obsolete(locale: string): string;
};

/** The paths of the project at `root`. */
export function projectPaths(root: string): ProjectPaths {
  const full = path.resolve(root);
  const parts = Object.fromEntries(Object.entries(layout).map(([k, v]) => [k, path.join(full, v)])) as {
    [K in keyof typeof layout]: string;
  };
  return {
    ...parts,
    root: full,
    catalog: (locale, ns) => catalogFile(full, locale, ns),
    state: (locale) => stateFile(full, locale),
    obsolete: (locale) => obsoleteFile(full, locale),
  };
}
