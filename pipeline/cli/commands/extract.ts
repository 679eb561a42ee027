/** `statement extract`: fill every locale's catalogs from the source; never lose a translation. */
import path from 'node:path';
import { loadWorkspace, previousSourceCatalogs, localeSourcesOf } from '../../catalog/workspace.js';
import { extractLocale, sourceCatalogs } from '../../catalog/extract.js';
import { namespaces, serializeCatalog } from '../../catalog/catalog.js';
import { serializeState, serializeObsolete } from '../../catalog/state.js';
import { readOptional, rel } from '../../core/fsio.js';
import { withCatalogs, commitFiles } from '../../catalog/transaction.js';
import { yieldThenCheck, noteCommitted } from '../../core/shutdown.js';
import { defineCommand, type CommandContext } from './types.js';

const options = {
  'dry-run': { type: 'boolean', help: 'print what would change, write nothing' },
  check: { type: 'boolean', help: 'exit 1 when catalogs are out of date (for CI), write nothing' },
  verbose: {
    type: 'boolean',
    help: 'list every stale, rebound and obsolete key (default: the count and the first few)',
  },
  'new-statement': {
    type: 'boolean',
    help: 'a new statement: move every statement translation to obsolete.json, start clean',
  },
} as const;

export const extractCommand = defineCommand({
  name: 'extract',
  summary: 'fill locales/<lng>/*.json from the source, keeping every translation',
  usage: 'statement extract [--dry-run] [--check] [--verbose] [--new-statement]',
  description: [
    'Writes statement.json, letter.json and addressees.json for every publish locale (the source',
    'locale holds the source texts), with state.json beside them. Changed source paragraphs turn',
    'stale; removed ones move to obsolete.json. A second run with no source change writes nothing.',
    'A key that changed takes its old translation along (stale) only to a segment of the same kind',
    'sharing most of its words, and never when the statement was replaced wholesale.',
    'After replacing the statement with a new one, run "statement extract --new-statement": every',
    'statement translation moves to obsolete.json and the catalogs start clean (letter strings and',
    'addressees are kept).',
  ].join('\n'),
  options,
  async run(ctx) {
    // Read and written under the catalogs lock: a command writing them meanwhile would be overwritten with old content.
    if (ctx.values['dry-run'] || ctx.values.check) return extract(ctx);
    return withCatalogs(ctx.root, 'extract', ctx.log, () => extract(ctx));
  },
});

/** Plans every locale's files from the source, then writes them as one transaction (or only reports, for --dry-run and --check). */
async function extract({ root, paths, values, io }: CommandContext<typeof options>): Promise<number> {
  const ws = loadWorkspace(root);
  const { sourceLocale } = ws.project.parsed.config;
  const writes: Array<{ file: string; content: string }> = [];
  const previous = previousSourceCatalogs(ws);
  // Every publish locale was loaded, in the front matter's order.
  for (const [locale, files] of ws.locales) {
    if (locale === sourceLocale) {
      const cats = sourceCatalogs(ws.sources);
      for (const ns of namespaces)
        writes.push({ file: paths.catalog(locale, ns), content: serializeCatalog(cats[ns]) });
      continue;
    }
    const r = extractLocale(localeSourcesOf(ws, locale), previous, files, { newStatement: values['new-statement'] });
    for (const ns of namespaces)
      writes.push({ file: paths.catalog(locale, ns), content: serializeCatalog(r.catalogs[ns]) });
    writes.push({ file: paths.state(locale), content: serializeState(r.state) });
    if (Object.keys(r.obsolete).length || readOptional(paths.obsolete(locale)) !== undefined) {
      writes.push({ file: paths.obsolete(locale), content: serializeObsolete(r.obsolete) });
    }
    const few = (keys: string[]) => summary(keys, values.verbose);
    const notes = [
      r.replaced.includes('statement') &&
        !values['new-statement'] &&
        'the statement was replaced wholesale: nothing rebound (for a new statement, "statement extract --new-statement" starts clean)',
      r.stale.length && `${r.stale.length} stale (${few(r.stale)})`,
      r.rebound.length && `${r.rebound.length} rebound (${few(r.rebound.map((x) => `${x.from} → ${x.to}`))})`,
      r.obsoleted.length && `${r.obsoleted.length} moved to obsolete.json (${few(r.obsoleted)})`,
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
  const written = commitFiles(paths.locales, writes);
  if (written.length) noteCommitted('the extract');
  for (const file of written) io.err(`write ${rel(file)}\n`);
  io.err(
    written.length
      ? `extract: ${written.length} file(s) written under ${path.relative(root, paths.locales)}/\n`
      : 'extract: catalogs are up to date, nothing written\n',
  );
  return 0;
}

/** How many keys a note names without --verbose. */
const FEW = 5;

/** The first few keys and how many more (all with `verbose`): a long list is one unreadable line. */
export function summary(keys: string[], verbose: boolean): string {
  if (verbose || keys.length <= FEW) return keys.join(', ');
  return `${keys.slice(0, FEW).join(', ')} and ${keys.length - FEW} more; --verbose lists all`;
}
