/** `statement import`: read an XLIFF or PO file back into a locale's catalogs and state. */
import { loadWorkspace, loadLocaleFiles, statusesOf, localeSourcesOf } from '../../catalog/workspace.js';
import { serializeCatalog } from '../../catalog/catalog.js';
import { serializeState } from '../../catalog/state.js';
import { hashText } from '../../source/segment.js';
import { reportKey } from '../../catalog/status.js';
import { readText, rel } from '../../core/fsio.js';
import { withCatalogs, commitFiles } from '../../catalog/transaction.js';
import { yieldThenCheck, noteCommitted } from '../../core/shutdown.js';
import { InputError } from '../../core/errors.js';
import { isUnwaivedError } from '../../checks/types.js';
import { defineCommand, type CommandContext } from './types.js';
import type { ImportDocument } from '../../exchange/types.js';
import type { applyImport as ApplyImport } from '../../exchange/merge.js';

const list = (keys: string[], max = 8) =>
  keys.length <= max ? keys.join(', ') : `${keys.slice(0, max).join(', ')}, … (${keys.length - max} more)`;

/** `statement import FILE [--dry-run]`. */
export const importCommand = defineCommand({
  name: 'import',
  summary: 'read translations back from an XLIFF (2.x, 1.2) or PO file',
  usage: 'statement import FILE [--dry-run]',
  description: [
    "The format is read from the content (XML: XLIFF, else PO); the file's target language (XLIFF",
    'trgLang / target-language, PO "Language") decides which locale is updated. Translations and',
    'their state are updated; nothing else is touched, nothing is deleted, and only files whose',
    'content changes are written (atomically). An entry whose source changed since the export is',
    'kept as a stale translation of its old source (unless the catalog has a current one).',
    'An unchanged text keeps its state (stale stays stale, approved stays approved) whatever the',
    'file says: tools drop state attributes and flags. A changed text: XLIFF initial / PO fuzzy =',
    'needs work, kept stale against the old source (#| msgid or the recorded state), else not',
    'imported; otherwise a draft. An import never approves ("statement approve").',
    'A translation that loses the line breaks of a multi-line source is a "newlines" error.',
    'A source inline code missing from an XLIFF target is reported as a finding (the text is imported).',
    'Exit 0 when the file was read, whatever the checks then find; 2 when it cannot be read',
    '(malformed or truncated, another locale, an unknown key): then nothing is written.',
  ].join('\n'),
  options: {
    'dry-run': { type: 'boolean', help: 'print what would change, write nothing' },
  },
  positionals: true,
  async run(ctx) {
    const { values, positionals } = ctx;
    // The format libraries load only when importing.
    const { parseExchange, applyImport } = await import('../../exchange/index.js');
    if (positionals.length !== 1) throw new InputError('give exactly one FILE to import (an .xlf or .po file)');
    const full = ctx.resolve(positionals[0]!); // exactly one, checked above
    const shown = rel(full);
    const doc = parseExchange(readText(full, 'exchange file'), shown);
    if (values['dry-run']) return importDoc(ctx, doc, shown, true, applyImport);
    // Read and written under the catalogs lock: an approval recorded meanwhile would be lost.
    return withCatalogs(ctx.root, 'import', ctx.log, () => importDoc(ctx, doc, shown, false, applyImport));
  },
});

/** Applies a parsed exchange file to its locale; writes the changed files as one transaction unless `dry`. */
async function importDoc(
  { root, paths, io }: CommandContext,
  doc: ImportDocument,
  shown: string,
  dry: boolean,
  applyImport: typeof ApplyImport,
): Promise<number> {
  const ws = loadWorkspace(root, { locales: [] });
  const { config } = ws.project.parsed;
  const at = { file: shown, ...doc.localePlace };
  const locale = config.locales.find((l) => l.toLowerCase() === doc.locale.toLowerCase());
  if (!locale)
    throw new InputError(
      `the file is for "${doc.locale}", which is not a publish locale (${config.locales.join(', ')})`,
      at,
    );
  if (locale === config.sourceLocale)
    throw new InputError(
      `the file is for "${locale}", the source locale: its texts come from ${rel(ws.project.sourceFile)}, not from an import`,
      at,
    );
  if (doc.sourceLocale && doc.sourceLocale.toLowerCase() !== config.sourceLocale.toLowerCase()) {
    throw new InputError(
      `the file translates from "${doc.sourceLocale}", but the source locale is "${config.sourceLocale}"`,
      at,
    );
  }
  const files = loadLocaleFiles(root, locale);
  const r = applyImport(doc, localeSourcesOf(ws, locale), files, shown, hashText);
  // Committed as one transaction (transaction.ts): a kill leaves the old set or the new one.
  const writes: Array<{ file: string; content: string }> = [];
  if (r.stateChanged) writes.push({ file: paths.state(locale), content: serializeState(r.state) });
  for (const ns of r.changed)
    writes.push({ file: paths.catalog(locale, ns), content: serializeCatalog(r.catalogs[ns]) });
  let written = 0;
  if (dry) for (const w of writes) io.err(`would write ${rel(w.file)}\n`);
  else {
    // A signal that came while reading is seen here, before the first write (the commit does not yield).
    await yieldThenCheck();
    const done = commitFiles(paths.locales, writes);
    written = done.length;
    if (written) noteCommitted(`the import of ${shown}`);
    for (const f of done) io.err(`write ${rel(f)}\n`);
  }
  const lines = [
    r.updated.length && `${r.updated.length} updated as drafts (${list(r.updated)})`,
    r.stale.length && `${r.stale.length} stale: made from an older source, kept as stale (${list(r.stale)})`,
    r.kept.length &&
      `${r.kept.length} not imported: made from an older source, and the catalog has a current translation (${list(r.kept)})`,
    r.keptStale.length &&
      `${r.keptStale.length} kept stale: the text is unchanged, so the file's "translated" does not confirm it; edit the text for the current source (${list(r.keptStale)})`,
    r.keptApproved.length &&
      `${r.keptApproved.length} kept approved: the text is unchanged, whatever the file says of its state (${list(r.keptApproved)})`,
    r.notApproved.length &&
      `${r.notApproved.length} marked approved in the file but not approved by an import; a reviewer records it with "statement approve --locale ${locale}" (${list(r.notApproved)})`,
    r.needsWork.length &&
      `${r.needsWork.length} not imported: marked as needing work (PO fuzzy, XLIFF initial) with no older source to keep them stale against; confirm them in the tool and import again (${list(r.needsWork)})`,
  ].filter(Boolean);
  for (const l of lines) io.err(`${locale}: ${l}\n`);
  for (const f of r.findings) io.err(`${shown}: ${locale} ${f.key}: markup: ${f.message}\n`);
  for (const f of r.newlines) io.err(`${shown}: ${locale} ${f.key}: error newlines: ${f.message}\n`);
  // The checks on what the file brought in: reported, never an exit code (the file was read).
  const touched = new Set([...r.updated, ...r.stale]);
  if (touched.size) {
    ws.locales.set(locale, { ...files, catalogs: r.catalogs, state: r.state });
    for (const k of statusesOf(ws, locale)) {
      const name = reportKey(k.ns, k.key);
      if (!touched.has(name)) continue;
      for (const f of k.findings.filter(isUnwaivedError)) io.err(`${locale} ${name}: ${f.check}: ${f.message}\n`);
    }
  }
  const summary = `${doc.entries.length} entries read, ${r.unchanged} unchanged, ${r.empty} without translation`;
  io.err(
    dry
      ? `import (dry run): ${summary}; ${writes.length} file(s) would be written\n`
      : `import: ${summary}; ${written ? `${written} file(s) written` : 'nothing written'}\n`,
  );
  return 0;
}
