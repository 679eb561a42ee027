/** `statement export`: one locale's catalogs as XLIFF 2.0, XLIFF 1.2 or PO for a translator's tool. */
import path from 'node:path';
import {
  loadWorkspace,
  loadLocaleFiles,
  statusesOf,
  localeSourcesOf,
  type Workspace,
} from '../../catalog/workspace.js';
import { layout } from '../../core/project.js';
import { readOptional, writeAtomic, rel } from '../../core/fsio.js';
import { InputError } from '../../core/errors.js';
import type { Namespace } from '../../catalog/catalog.js';
import type { Status } from '../../catalog/state.js';
import { exchangeFormats } from '../../exchange/types.js';
import { publishLocale } from '../../core/locales.js';
import { defineCommand } from './types.js';
import { oneOf, commaList } from '../args.js';
import { cellContexts } from '../../exchange/entries.js';

const statuses: readonly Status[] = ['missing', 'stale', 'draft', 'approved'];

const format = oneOf('format', exchangeFormats);

/** `--only`: a comma list of statuses. */
function onlyStatuses(text: string): Status[] {
  const only = commaList(text);
  const wrong = only.find((s) => !statuses.includes(s as Status));
  if (wrong !== undefined) throw new InputError(`--only takes statuses among ${statuses.join(', ')}, got "${wrong}"`);
  return only as Status[];
}

/** `file:line` of every key, relative to the project root, for the translator's reference. */
function locations(ws: Workspace, root: string): Partial<Record<Namespace, Record<string, string>>> {
  const posix = (f: string) => f.split(path.sep).join('/');
  const source = posix(path.relative(root, ws.project.sourceFile));
  const statement = Object.fromEntries(ws.project.segments.map((s) => [s.key, `${source}:${s.line}`]));
  const letter: Record<string, string> = {};
  const stringsFile = layout.strings;
  const stringsText = readOptional(path.join(root, stringsFile));
  if (stringsText !== undefined) {
    const lines = stringsText.split('\n');
    for (const key of Object.keys(ws.sources.letter)) {
      const i = lines.findIndex((l) => l.trimStart().startsWith(`${JSON.stringify(key)}:`));
      letter[key] = i < 0 ? posix(stringsFile) : `${posix(stringsFile)}:${i + 1}`;
    }
  }
  const addressees: Record<string, string> = {};
  for (const a of ws.registry?.addressees ?? []) {
    addressees[a.id] = addressees[`${a.id}--address`] =
      `${posix(path.relative(root, path.resolve(root, ws.registry!.file)))}:${a.line}`;
  }
  for (const r of ws.registry?.recipients ?? []) {
    if (!r.group) continue;
    addressees[r.id] = addressees[`${r.id}--address`] =
      `${posix(path.relative(root, path.resolve(root, r.place.file)))}:${r.place.line ?? 1}`;
  }
  return { statement, letter, addressees };
}

/** `statement export --format xliff|xliff12|po --locale L [--only S,..] [--out F]`. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: "write one locale's catalogs as XLIFF 2.0, XLIFF 1.2 or PO for translators' tools",
  usage: 'statement export --format xliff|xliff12|po --locale L [--only missing,stale] [--out F]',
  description: [
    'One unit (PO: one entry) per key of statement.json, letter.json and addressees.json, in document',
    'order. Without --out the file goes alone to stdout (e.g. > fr.xlf); messages go to stderr.',
    'XLIFF 2.0: one <file> per namespace, unit id = key (a key that is not an NMTOKEN is escaped and',
    '  kept in name), segment state initial (missing, stale), translated (draft), final (approved).',
    '  Inline Markdown and {{placeholders}} are inline codes, <pc>/<ph> with canDelete="no", the exact',
    '  markup in dispStart/dispEnd/disp. Notes: location (file:line), status, check findings.',
    'XLIFF 1.2: the same, target state new/needs-review-translation/translated/signed-off and',
    '  approved="yes"; inline codes are <bpt>/<ept>/<ph> holding the markup.',
    'PO: msgctxt = key as "statement status" prints it (bare, letter:K, addressees:K), msgid = source,',
    '  msgstr = translation; stale = fuzzy with the old source as #| msgid; approved = flag "approved";',
    '  #. status, inline Markdown to keep and check findings; #: file:line.',
    'Read the file back with "statement import FILE".',
  ].join('\n'),
  options: {
    format: {
      type: 'string',
      arg: 'xliff|xliff12|po',
      help: 'the file format (required)',
      parse: format,
      required: `--format is required: one of ${exchangeFormats.join(', ')}`,
    },
    locale: {
      type: 'string',
      arg: 'L',
      help: 'the target locale (required; not the source locale)',
      required: '--locale L is required',
    },
    only: {
      type: 'string',
      arg: 'STATUS,..',
      help: 'only entries of these statuses: missing, stale, draft, approved (default: all)',
      parse: onlyStatuses,
    },
    out: { type: 'string', arg: 'F', help: 'write to this file (atomically) instead of stdout' },
  },
  async run({ values, io, root, paths, resolve }) {
    // The format libraries load only when exporting.
    const { exportEntries, buildExchange } = await import('../../exchange/index.js');
    const { format, only } = values;
    const ws = loadWorkspace(root, { locales: [] });
    const { config } = ws.project.parsed;
    const locale = publishLocale(config, values.locale);
    if (locale === config.sourceLocale)
      throw new InputError(`"${locale}" is the source locale: there is nothing to translate`);
    const files = loadLocaleFiles(paths.root, locale);
    ws.locales.set(locale, files);
    const entries = exportEntries({
      sources: localeSourcesOf(ws, locale),
      catalogs: files.catalogs,
      state: files.state,
      statuses: statusesOf(ws, locale),
      locations: locations(ws, root),
      contexts: cellContexts(ws.project.segments),
      only,
    });
    const approvals = Object.values(files.state.entries).flatMap((byKey) =>
      Object.values(byKey).map((e) => e.at ?? ''),
    );
    const revised = approvals.reduce((a, b) => (b > a ? b : a), '') || config.date;
    const content = await buildExchange(format, {
      sourceLocale: config.sourceLocale,
      locale,
      reference: config.reference,
      revised,
      entries,
    });
    const counts = statuses
      .map((s) => [s, entries.filter((e) => e.status === s).length] as const)
      .filter(([, n]) => n > 0);
    const summary = `${entries.length} entries${counts.length ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}`;
    if (values.out !== undefined) {
      const out = resolve(values.out);
      const written = writeAtomic(out, content);
      io.err(`export: ${locale} ${format}, ${summary}: ${written ? 'wrote' : 'unchanged'} ${rel(out)}\n`);
    } else {
      io.out(content);
      io.err(`export: ${locale} ${format}, ${summary}\n`);
    }
    return 0;
  },
});
