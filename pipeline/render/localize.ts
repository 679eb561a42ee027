/**
 * Localize stage: one i18next instance per locale turns the source tree
 * into that locale's tree. A segment without a usable translation keeps
 * the source text, marked with the source language and as pending. Pure.
 */
import i18next, { type i18n } from 'i18next';
import type { Root, Nodes, PhrasingContent, RootContent } from 'mdast';
import type { LocaleCatalogs, Namespace } from '../catalog/catalog.js';
import { parseInline } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import { directionOf } from '../core/locales.js';
import { pluralKey } from '../catalog/plurals.js';

/** A piece of text in the output, with the language it is really in. */
export interface Localized {
  text: string;
  lang: string;
  pending: boolean;
}

/** Decides whether a locale's translation of a key may be shown as current (not stale, no unwaived error). */
export type Usable = (ns: Namespace, key: string) => boolean;

/** Looks up a locale's texts, falling back to the source locale's. */
export interface Translator {
  locale: string;
  sourceLocale: string;
  /** A statement segment (raw Markdown, never interpolated). */
  segment(key: string, sourceText: string): Localized;
  /** A template or letter string, `{{name}}` placeholders filled from `vars`. */
  string(key: string, vars?: Record<string, string | number>): Localized;
  /** An addressee field, falling back to the registry's source-language text. */
  addressee(key: string, sourceText: string): Localized;
}

function instance(locale: string, catalogs: LocaleCatalogs): i18n {
  const inst = i18next.createInstance();
  void inst.init({
    lng: locale,
    fallbackLng: false,
    initAsync: false,
    resources: { [locale]: catalogs },
    ns: ['statement', 'letter', 'addressees'],
    defaultNS: 'statement',
    keySeparator: false,
    nsSeparator: false,
    returnEmptyString: true,
    showSupportNotice: false,
    interpolation: {
      escapeValue: false, // values become hast text nodes, escaped on stringify
      skipOnVariables: true,
      // Nesting ($t(...)) from a translator's text must never pull in other keys.
      nestingPrefix: '\u0000$t(',
      nestingSuffix: ')\u0000',
    },
  } as Parameters<i18n['init']>[0]);
  return inst;
}

/**
 * An address block (`addressees:<id>--address`): written for the post
 * office of the addressee's country, so it is not translated by default.
 * A locale may override it; without an override the registry's text is
 * shown as it is (not marked pending), and it never holds a document back.
 */
export const isAddressKey = (ns: Namespace, key: string): boolean => ns === 'addressees' && key.endsWith('--address');

/**
 * Creates the translator of one locale.
 * @param sourceStrings the source locale's letter strings (templates/strings.json)
 * @param usable whether a present translation may be used (default: any non-empty one)
 * @param parent the catalogs of the locale's parent (`de` for `de-CH`), looked up where the locale has no text
 */
export function createTranslator(
  locale: string,
  sourceLocale: string,
  catalogs: LocaleCatalogs,
  sourceStrings: Record<string, string>,
  usable: Usable = () => true,
  parent?: { locale: string; catalogs: LocaleCatalogs },
): Translator {
  const inst = instance(locale, catalogs);
  const parentInst = parent && instance(parent.locale, parent.catalogs);
  const source = instance(sourceLocale, { statement: {}, letter: sourceStrings, addressees: {} });
  const isSource = locale === sourceLocale;
  const lookupIn = (
    i: i18n,
    ns: Namespace,
    key: string,
    vars?: Record<string, string | number>,
  ): string | undefined => {
    if (!i.exists(key, { ns })) return undefined;
    const value = vars ? i.t(key, { ns, ...vars, nest: false }) : i.t(key, { ns, skipInterpolation: true });
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  // BCP 47 truncation, as i18next's fallbackLng: an empty text of de-CH is filled from de (an empty string counts as none).
  const lookup = (ns: Namespace, key: string, vars?: Record<string, string | number>): string | undefined =>
    lookupIn(inst, ns, key, vars) ?? (parentInst && lookupIn(parentInst, ns, key, vars));
  return {
    locale,
    sourceLocale,
    segment(key, sourceText) {
      if (isSource) return { text: sourceText, lang: locale, pending: false };
      const text = usable('statement', key) ? lookup('statement', key) : undefined;
      return text === undefined
        ? { text: sourceText, lang: sourceLocale, pending: true }
        : { text, lang: locale, pending: false };
    },
    string(key, vars = {}) {
      // A counted string is a plural group: its usable form is the one the count selects in this locale.
      const own = pluralKey(locale, key, vars.count, (k) => k in catalogs.letter);
      const text = isSource || !usable('letter', own) ? undefined : lookup('letter', own, vars);
      if (text !== undefined) return { text, lang: locale, pending: false };
      const fallback = source.t(
        pluralKey(sourceLocale, key, vars.count, (k) => k in sourceStrings),
        { ns: 'letter', ...vars, nest: false },
      );
      return { text: typeof fallback === 'string' ? fallback : key, lang: sourceLocale, pending: !isSource };
    },
    addressee(key, sourceText) {
      if (isSource) return { text: sourceText, lang: locale, pending: false };
      const text = usable('addressees', key) ? lookup('addressees', key) : undefined;
      return text === undefined
        ? { text: sourceText, lang: sourceLocale, pending: !isAddressKey('addressees', key) }
        : { text, lang: locale, pending: false };
    },
  };
}

/** One key a document asked its translator for. */
export interface KeyRef {
  ns: Namespace;
  key: string;
}

/**
 * A translator that records every key it is asked for, in order, once
 * each: a document's key set is read off its own render, so a template
 * string added later can never be left out of a hand-kept list.
 */
export function keyRecorder(t: Translator): { translator: Translator; keys: KeyRef[] } {
  const keys: KeyRef[] = [];
  const seen = new Set<string>();
  const note = (ns: Namespace, key: string) => {
    const id = `${ns}:${key}`;
    if (!seen.has(id)) {
      seen.add(id);
      keys.push({ ns, key });
    }
  };
  return {
    keys,
    translator: {
      locale: t.locale,
      sourceLocale: t.sourceLocale,
      segment(key, sourceText) {
        note('statement', key);
        return t.segment(key, sourceText);
      },
      string(key, vars) {
        note('letter', key);
        return t.string(key, vars);
      },
      addressee(key, sourceText) {
        note('addressees', key);
        return t.addressee(key, sourceText);
      },
    },
  };
}

/**
 * A stand-in translator of a non-source locale that "translates" every
 * text by its source text: rendering through it asks for exactly the keys
 * a document in that locale asks for (the unofficial notice included),
 * without parsing any translation. For working out key sets only.
 */
export function probeTranslator(
  locale: string,
  sourceLocale: string,
  sourceStrings: Record<string, string>,
): Translator {
  const source = instance(sourceLocale, { statement: {}, letter: sourceStrings, addressees: {} });
  const shown = (text: string): Localized => ({ text, lang: locale, pending: false });
  return {
    locale,
    sourceLocale,
    segment: (_key, sourceText) => shown(sourceText),
    string(key, vars = {}) {
      const text = source.t(key, { ns: 'letter', ...vars, nest: false });
      return shown(typeof text === 'string' ? text : key);
    },
    addressee: (_key, sourceText) => shown(sourceText),
  };
}

/** A marker node that remark-rehype renders as `<span class="pending-label">`. */
function pendingLabel(label: Localized): PhrasingContent {
  return {
    type: 'pendingLabel',
    data: {
      hName: 'span',
      hProperties: { className: ['pending-label'], lang: label.lang, dir: directionOf(label.lang) },
      hChildren: [{ type: 'text', value: `[${label.text}] ` }],
    },
  } as unknown as PhrasingContent;
}

/** The inline children of a localized segment, with its language and pending mark. */
export function localizedChildren(
  seg: Localized,
  original: PhrasingContent[] | undefined,
  label: Localized,
): { children: PhrasingContent[]; props: Record<string, unknown> } {
  const children = original ?? parseInline(seg.text);
  if (!seg.pending) return { children, props: {} };
  return {
    children: [pendingLabel(label), ...children],
    props: { lang: seg.lang, dir: directionOf(seg.lang), className: ['pending'] },
  };
}

/** Result of localizing the statement body. */
export interface LocalizedBody {
  tree: Root;
  pending: number;
  total: number;
}

/**
 * Localizes the body tree: structure shared with the source, each segment's
 * children replaced by its translation. The source tree is not changed.
 */
export function localizeTree(tree: Root, segments: Segment[], t: Translator): LocalizedBody {
  const byNode = new Map<Nodes, Segment>();
  for (const s of segments) if (s.node) byNode.set(s.node, s);
  const label = t.string('pending-label');
  let pending = 0;
  const map = (node: Nodes): Nodes => {
    const seg = byNode.get(node);
    if (seg) {
      const loc = t.segment(seg.key, seg.text);
      if (loc.pending) pending++;
      const reuse = loc.text === seg.text ? (node as { children: PhrasingContent[] }).children : undefined;
      const { children, props } = localizedChildren(loc, reuse, label);
      const data = { ...(node.data ?? {}), hProperties: { ...props } };
      return { ...node, children, data } as Nodes;
    }
    if ('children' in node) {
      const children = (node.children as Nodes[]).map(map);
      // A tight list renders its item's paragraph without a <p>: the pending mark must sit on the <li>.
      if (node.type === 'listItem' && children.length === 1 && children[0]?.type === 'paragraph') {
        const props = (children[0].data as { hProperties?: Record<string, unknown> } | undefined)?.hProperties;
        if (props && Object.keys(props).length)
          return { ...node, children, data: { ...(node.data ?? {}), hProperties: props } } as Nodes;
      }
      return { ...node, children } as Nodes;
    }
    return node;
  };
  const body = map(tree) as Root;
  return { tree: body, pending, total: byNode.size };
}

/** Builds a block (paragraph or heading) for a front-matter segment. */
export function frontBlock(kind: 'p' | 'h1', seg: Localized, label: Localized, className: string): RootContent {
  const { children, props } = localizedChildren(seg, undefined, label);
  const classes = [className, ...((props.className as string[] | undefined) ?? [])];
  const data = { hProperties: { ...props, className: classes } };
  return kind === 'h1' ? { type: 'heading', depth: 1, children, data } : { type: 'paragraph', children, data };
}
