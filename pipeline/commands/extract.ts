/** `statement extract`: fill every locale's catalogs from the source; never lose a translation. */
import path from 'node:path';
import { loadWorkspace, stateFile, obsoleteFile, previousSourceCatalogs, localeSourcesOf } from '../workspace.js';
import { extractLocale, sourceCatalogs } from '../extract.js';
import { namespaces, serializeCatalog } from '../catalog.js';
import { serializeState, serializeObsolete } from '../state.js';
import { catalogFile } from '../project.js';
import { readOptional, writeAtomic, rel } from '../fsio.js';
import type { Command } from './types.js';

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
      const r = extractLocale(localeSourcesOf(ws, locale), previous, files);
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
    const changed = writes.filter((w) => readOptional(w.file) !== w.content);
    for (const w of changed) io.err(`${values['dry-run'] || values.check ? 'would write' : 'write'} ${rel(w.file)}\n`);
    if (values.check) {
      if (changed.length) io.err(`catalogs are out of date: run "statement extract"\n`);
      return changed.length ? 1 : 0;
    }
    if (values['dry-run']) return 0;
    for (const w of changed) writeAtomic(w.file, w.content);
    io.err(changed.length ? `extract: ${changed.length} file(s) written under ${path.relative(root, path.join(root, 'locales')) || 'locales'}/\n` : 'extract: catalogs are up to date, nothing written\n');
    return 0;
  },
};
