/** `statement extract`: fill every locale's catalogs from the source; never lose a translation. */
import path from 'node:path';
import { loadWorkspace, stateFile, obsoleteFile, previousSourceCatalogs } from '../workspace.js';
import { extractLocale, sourceCatalogs } from '../extract.js';
import { namespaces, serializeCatalog } from '../catalog.js';
import { serializeState, serializeObsolete } from '../state.js';
import { catalogFile } from '../project.js';
import { readOptional, rel } from '../fsio.js';
import { withCatalogs, commitFiles } from '../transaction.js';
import { yieldThenCheck, noteCommitted } from '../shutdown.js';
import type { Command, CommandContext } from './types.js';

export const extractCommand: Command = {
  name: 'extract',
  summary: 'fill locales/<lng>/*.json from the source, keeping every translation',
  usage: 'statement extract [--dry-run] [--check]',
  description: [
    'Writes statement.json, letter.json and addressees.json for every publish locale (the source',
    'locale holds the source texts), with state.json beside them. Changed source paragraphs turn',
    'stale; removed ones move to obsolete.json. A second run with no source change writes nothing.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean', help: 'print what would change, write nothing' },
    check: { type: 'boolean', help: 'exit 1 when catalogs are out of date (for CI), write nothing' },
  },
  async run({ values, io }) {
    const root = process.cwd();
    const log = (line: string) => io.err(`${line}\n`);
    // Read and written under the catalogs lock: a command writing them meanwhile would be overwritten with old content.
    if (values['dry-run'] || values.check) return extract(root, values, io);
    return withCatalogs(root, 'extract', log, () => extract(root, values, io));
  },
};

/** Plans every locale's files from the source, then writes them as one transaction (or only reports, for --dry-run and --check). */
async function extract(root: string, values: CommandContext['values'], io: CommandContext['io']): Promise<number> {
  const ws = loadWorkspace(root);
  const { sourceLocale, locales } = ws.project.parsed.config;
  const writes: Array<{ file: string; content: string }> = [];
  const previous = previousSourceCatalogs(ws);
  for (const locale of locales) {
    const files = ws.locales.get(locale)!;
    if (locale === sourceLocale) {
      const cats = sourceCatalogs(ws.sources);
      for (const ns of namespaces) writes.push({ file: catalogFile(root, locale, ns), content: serializeCatalog(cats[ns]) });
      continue;
    }
    const r = extractLocale(ws.sources, previous, files);
    for (const ns of namespaces) writes.push({ file: catalogFile(root, locale, ns), content: serializeCatalog(r.catalogs[ns]) });
    writes.push({ file: stateFile(root, locale), content: serializeState(r.state) });
    if (Object.keys(r.obsolete).length || readOptional(obsoleteFile(root, locale)) !== undefined) {
      writes.push({ file: obsoleteFile(root, locale), content: serializeObsolete(r.obsolete) });
    }
    const notes = [
      r.stale.length && `${r.stale.length} stale (${r.stale.join(', ')})`,
      r.rebound.length && `${r.rebound.length} rebound (${r.rebound.map((x) => `${x.from} → ${x.to}`).join(', ')})`,
      r.obsoleted.length && `${r.obsoleted.length} moved to obsolete.json (${r.obsoleted.join(', ')})`,
      r.restored.length && `${r.restored.length} restored from obsolete.json`,
    ].filter(Boolean);
    if (notes.length) io.err(`${locale}: ${notes.join('; ')}\n`);
  }
  if (values['dry-run'] || values.check) {
    const changed = writes.filter((w) => readOptional(w.file) !== w.content);
    for (const w of changed) io.err(`would write ${rel(w.file)}\n`);
    if (values.check && changed.length) io.err(`catalogs are out of date: run "statement extract"\n`);
    return values.check && changed.length ? 1 : 0;
  }
  // A signal that came while reading is seen here, before the first write (the commit does not yield).
  await yieldThenCheck();
  // All files or none (see transaction.ts); each is named only once it is written.
  const written = commitFiles(path.join(root, 'locales'), writes);
  if (written.length) noteCommitted('the extract');
  for (const file of written) io.err(`write ${rel(file)}\n`);
  io.err(written.length ? `extract: ${written.length} file(s) written under ${path.relative(root, path.join(root, 'locales')) || 'locales'}/\n` : 'extract: catalogs are up to date, nothing written\n');
  return 0;
}
