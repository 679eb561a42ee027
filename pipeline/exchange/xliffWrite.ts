/**
 * Writes XLIFF 2.0 and 1.2 with the `xliff` package: one file element per
 * namespace, one unit (one segment) per catalog key, inline Markdown as
 * inline codes that carry their original markup. Pure (the package's
 * writers are synchronous under their promise).
 *
 * Two things the package does not model are added to its output:
 * - the segment `state` (2.0) and target `state` (1.2) attributes;
 * - line breaks: the package indents inside mixed content (which would add
 *   white space to the text), so it writes on one line and lines are broken
 *   here between structural elements only, never inside `<source>`/`<target>`.
 */
import js2xliff from 'xliff/js2xliff';
import jsToXliff12 from 'xliff/jsToXliff12';
import type { ExportDocument, ExportEntry } from './types.js';
import { splitInline, alignIds, type InlinePart } from './inline.js';
import type { Status } from '../catalog/state.js';
import { namespaces } from '../catalog/catalog.js';
import { pluralBase } from '../catalog/plurals.js';

/** XLIFF 2.0 segment state of each status. */
export const xliff2State: Record<Status, string> = {
  missing: 'initial',
  stale: 'initial',
  draft: 'translated',
  approved: 'final',
};
/** XLIFF 1.2 target state of each status (missing has no target). */
export const xliff12State: Record<Status, string> = {
  missing: 'new',
  stale: 'needs-review-translation',
  draft: 'translated',
  approved: 'signed-off',
};

/** XLIFF 2.0 ids are NMTOKENs; a key with other characters (`group/member`) is escaped, the key kept in `name`. */
const nmtoken = /^[A-Za-z0-9._:-]+$/;

/** The unit id of a key. */
export function unitId(key: string): string {
  return nmtoken.test(key)
    ? key
    : key.replace(/[^A-Za-z0-9._:-]/g, (c) => `_x${c.codePointAt(0)!.toString(16).padStart(4, '0')}_`);
}

/**
 * Text and attribute values as the package must be given them: its writer
 * (xml-js) turns a literal `&amp;` in text into `&` before escaping, and
 * escapes nothing but `"` in attribute values. These undo both, so every
 * text reads back byte for byte.
 */
const text = (s: string) => s.replace(/&/g, '&amp;');
const attr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

const ctype12: Record<string, string> = {
  'xlf:i': 'italic',
  'xlf:b': 'bold',
  'xlf:var': 'x-placeholder',
  link: 'link',
  image: 'image',
};

/** The package's value model of split text, XLIFF 2.0: `<pc>` and `<ph>` with the markup in `disp*`. */
function value2(parts: InlinePart[]): unknown {
  const out = parts.map((p) => {
    if (typeof p === 'string') return text(p);
    const common = { id: p.id, type: p.type, ...(p.subType ? { subType: p.subType } : {}), canDelete: 'no' };
    if (p.kind === 'single') return { Standalone: { ...common, disp: attr(p.markup) } };
    return {
      GenericSpan: { ...common, dispStart: attr(p.open), dispEnd: attr(p.close), contents: value2(p.children) },
    };
  });
  return out.length === 1 && typeof out[0] === 'string' ? out[0] : out.length === 0 ? '' : out;
}

/** The package's value model, XLIFF 1.2: `<bpt>`/`<ept>` and `<ph>` holding the markup as native code. */
function value12(parts: InlinePart[]): unknown {
  const out: unknown[] = [];
  const visit = (list: InlinePart[]) => {
    for (const p of list) {
      if (typeof p === 'string') out.push(text(p));
      else if (p.kind === 'single')
        out.push({
          Span: {
            id: p.id,
            ...(ctype12[p.subType ?? p.type] ? { ctype: ctype12[p.subType ?? p.type] } : {}),
            contents: text(p.markup),
          },
        });
      else {
        out.push({
          SpanStart: {
            id: p.id,
            ...(ctype12[p.subType ?? p.type] ? { ctype: ctype12[p.subType ?? p.type] } : {}),
            contents: text(p.open),
          },
        });
        visit(p.children);
        out.push({ SpanEnd: { id: p.id, contents: text(p.close) } });
      }
    }
  };
  visit(parts);
  return out.length === 1 && typeof out[0] === 'string' ? out[0] : out.length === 0 ? '' : out;
}

/** Notes of an entry: where it stands, why it needs work, what the checks found. */
export function notesOf(e: ExportEntry): string[] {
  const notes: string[] = [];
  if (e.location) notes.push(`location: ${e.location}`);
  if (e.context) notes.push(`cell: ${e.context}`);
  notes.push(`status: ${e.status}`);
  if (e.status === 'stale' && e.previousSource !== undefined)
    notes.push(`stale: the source changed since this translation was made from: ${e.previousSource}`);
  for (const f of e.findings) notes.push(`check: ${f}`);
  return notes;
}

/**
 * Whether white space in an entry carries meaning: line breaks (address
 * blocks), or spaces at an end or doubled. Such units get
 * `xml:space="preserve"`, without which XML tools (Translate Toolkit,
 * Weblate) may collapse them and an address comes back on one line.
 */
export function whitespaceMatters(e: ExportEntry): boolean {
  return [e.source, e.target].some((t) => /\n|\r|\t|^\s|\s$| {2}/.test(t));
}

interface Split {
  entry: ExportEntry;
  source: InlinePart[];
  target: InlinePart[] | undefined;
}

function split(doc: ExportDocument): Split[] {
  return doc.entries.map((entry) => {
    const source = splitInline(entry.source, entry.ns);
    const target = entry.target === '' ? undefined : alignIds(source, splitInline(entry.target, entry.ns));
    return { entry, source, target };
  });
}

/** Breaks lines before structural tags; `depth` gives each tag's indentation, `inline` the closing tags that stay on their line. */
function lineBreaks(xml: string, depth: Record<string, number>, inline: Set<string>): string {
  const body = xml.replace(/<(\/?)([A-Za-z-]+)(?=[\s>/])/g, (m, slash: string, name: string) => {
    if (!(name in depth) || (slash && inline.has(name)) || (!slash && name === 'xliff')) return m;
    return `\n${'  '.repeat(depth[name]!)}${m}`; // name in depth, checked above
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

/** Adds `attribute` to the n-th occurrence of `tag`, one value per occurrence. */
function addAttributes(xml: string, tag: string, values: string[]): string {
  let i = 0;
  const out = xml
    .split(tag)
    .reduce((acc, piece, n) => (n === 0 ? piece : `${acc}${tag.slice(0, -1)} ${values[i++]}>${piece}`), '');
  if (i !== values.length)
    throw new Error(`internal: ${values.length} ${tag} expected in the xliff package's output, found ${i}`);
  return out;
}

/**
 * Gives every namespace its `<file>`, in namespace order, where the
 * package wrote none (an export with no entries of the selected statuses
 * in it): the schemas want at least one `<file>` (2.0) and a file's
 * content (2.0: at least one unit or group), so an empty one holds a note
 * and, in 2.0, an empty group. `element(ns)` writes the empty file.
 */
function addEmptyFiles(xml: string, present: Set<string>, attribute: string, element: (ns: string) => string): string {
  let out = xml.replace(/<xliff([^>]*?)\/>/, '<xliff$1></xliff>');
  for (let i = namespaces.length - 1; i >= 0; i--) {
    const ns = namespaces[i]!; // 0 <= i < length
    if (present.has(ns)) continue;
    const next = namespaces
      .slice(i + 1)
      .map((n) => out.indexOf(`<file ${attribute}="${n}"`))
      .find((at) => at >= 0);
    const at = next ?? out.lastIndexOf('</xliff>');
    out = `${out.slice(0, at)}${element(ns)}${out.slice(at)}`;
  }
  return out;
}

const emptyNote = 'nothing to translate: no entry of this namespace has the exported statuses';

/**
 * Where a unit goes: a plural form of the letter strings into the group of
 * its plural key (2.0 `<group type="x-i18next:plural">`, 1.2 `<group
 * restype="x-gettext-plurals">`, as Translate Toolkit writes plurals), any
 * other unit into its file. Returns the object to put the unit in.
 */
function container(
  resources: Record<string, Record<string, unknown>>,
  entry: ExportEntry,
  letterKeys: Record<string, string>,
  groupAttributes: (base: string) => Record<string, string>,
): Record<string, unknown> {
  const file = (resources[entry.ns] ??= {});
  const base = entry.ns === 'letter' ? pluralBase(entry.key, letterKeys) : undefined;
  if (base === undefined) return file;
  const group = (file[`${unitId(base)}`] ??= { groupUnits: {}, additionalAttributes: groupAttributes(base) }) as {
    groupUnits: Record<string, unknown>;
  };
  return group.groupUnits;
}

/** The units of a file in document order, groups opened. */
const unitIds = (units: Record<string, unknown>): string[] =>
  Object.entries(units).flatMap(([id, u]) =>
    (u as { groupUnits?: Record<string, unknown> }).groupUnits
      ? unitIds((u as { groupUnits: Record<string, unknown> }).groupUnits)
      : [id],
  );

/** Writes an XLIFF 2.0 document. */
export async function buildXliff2(doc: ExportDocument): Promise<string> {
  const resources: Record<string, Record<string, unknown>> = {};
  const states: string[] = [];
  const letterKeys = Object.fromEntries(doc.entries.filter((e) => e.ns === 'letter').map((e) => [e.key, e.source]));
  for (const { entry, source, target } of split(doc)) {
    const id = unitId(entry.key);
    const unit: Record<string, unknown> = { source: value2(source) };
    if (target) unit.target = value2(target);
    unit.note = notesOf(entry).map(text);
    const extra: Record<string, string> = {};
    if (id !== entry.key) extra.name = attr(entry.key);
    if (whitespaceMatters(entry)) extra['xml:space'] = 'preserve';
    if (Object.keys(extra).length) unit.additionalAttributes = extra;
    container(resources, entry, letterKeys, (base) => ({ name: attr(base), type: 'x-i18next:plural' }))[id] = unit;
  }
  // The package writes units in object order; states follow the same order.
  const byKey = new Map(doc.entries.map((e) => [`${e.ns}\u0000${unitId(e.key)}`, e]));
  for (const [ns, units] of Object.entries(resources))
    for (const id of unitIds(units)) states.push(`state="${xliff2State[byKey.get(`${ns}\u0000${id}`)!.status]}"`);
  const xml = await js2xliff(
    { sourceLanguage: doc.sourceLocale, targetLanguage: doc.locale, resources },
    { indent: '' },
  );
  const full = addEmptyFiles(
    addAttributes(xml, '<segment>', states),
    new Set(Object.keys(resources)),
    'id',
    (ns) => `<file id="${ns}"><group id="empty"><notes><note>${emptyNote}</note></notes></group></file>`,
  );
  const depth = { xliff: 0, file: 1, group: 2, unit: 2, notes: 3, note: 4, segment: 3, source: 4, target: 4 };
  return lineBreaks(full, depth, new Set(['note', 'source', 'target']));
}

/** Writes an XLIFF 1.2 document. */
export async function buildXliff12(doc: ExportDocument): Promise<string> {
  const resources: Record<string, Record<string, unknown>> = {};
  const byKey = new Map<string, ExportEntry>();
  const letterKeys = Object.fromEntries(doc.entries.filter((e) => e.ns === 'letter').map((e) => [e.key, e.source]));
  for (const { entry, source, target } of split(doc)) {
    const unit: Record<string, unknown> = { source: value12(source) };
    if (target) unit.target = value12(target);
    unit.note = notesOf(entry).map(text);
    unit.additionalAttributes = {
      resname: attr(entry.key),
      ...(entry.status === 'approved' ? { approved: 'yes' } : {}),
      ...(whitespaceMatters(entry) ? { 'xml:space': 'preserve' } : {}),
    };
    container(resources, entry, letterKeys, (base) => ({ resname: attr(base), restype: 'x-gettext-plurals' }))[
      entry.key
    ] = unit;
    byKey.set(`${entry.ns}\u0000${entry.key}`, entry);
  }
  const states: string[] = [];
  for (const [ns, units] of Object.entries(resources)) {
    for (const key of unitIds(units)) {
      const e = byKey.get(`${ns}\u0000${key}`)!;
      if (e.target !== '') states.push(`state="${xliff12State[e.status]}"`);
    }
  }
  const xml = await jsToXliff12(
    { sourceLanguage: doc.sourceLocale, targetLanguage: doc.locale, resources },
    { indent: '' },
  );
  const language = (l: string) => attr(l);
  const full = addEmptyFiles(
    addAttributes(xml, '<target>', states),
    new Set(Object.keys(resources)),
    'original',
    (ns) =>
      `<file original="${ns}" datatype="plaintext" source-language="${language(doc.sourceLocale)}" target-language="${language(doc.locale)}"><header><note>${emptyNote}</note></header><body></body></file>`,
  );
  const depth = { xliff: 0, file: 1, header: 2, body: 2, group: 3, 'trans-unit': 3, source: 4, target: 4, note: 4 };
  return lineBreaks(full, depth, new Set(['note', 'source', 'target']));
}
