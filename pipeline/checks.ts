/**
 * Checks every translation must pass: figures, inline markup and link
 * targets, placeholders, terminology, emptiness, unsafe content (errors);
 * identical to source, stray spaces, end punctuation, spelled-out figures
 * (warnings). Pure.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import { figures } from './figures.js';
import { parseInline } from './parse.js';
import type { Namespace } from './catalog.js';
import { spelledNumbers } from './numberWords.js';
import { memo } from './memo.js';

/** A finding of a check on one translation. */
export interface Finding {
  check: 'figures' | 'markup' | 'placeholders' | 'terminology' | 'empty' | 'unsafe' | 'identical' | 'spaces' | 'punctuation';
  severity: 'error' | 'warning';
  message: string;
}

/** One glossary term: its source form and its official form per locale. */
export interface GlossaryTerm {
  /** Source-language form, matched case-insensitively as a phrase. */
  source: string;
  /** Per locale: the exact official form, or `{ pattern }` (a regular expression) for inflecting languages. */
  forms: Record<string, { text?: string; pattern?: RegExp }>;
}

/** What a check needs to know besides the two texts. */
export interface CheckContext {
  ns: Namespace;
  /** The key checked, where known. */
  key?: string;
  locale: string;
  sourceLocale: string;
  glossary: GlossaryTerm[];
}

function inlineShape(text: string): { marks: string[]; links: string[] } {
  const marks: string[] = [];
  const links: string[] = [];
  const walk = (nodes: PhrasingContent[] | Nodes[]) => {
    for (const n of nodes as Nodes[]) {
      if (n.type !== 'text') marks.push(n.type);
      if (n.type === 'link' || n.type === 'definition') links.push(n.url);
      if (n.type === 'image') links.push(n.url);
      if ('children' in n) walk(n.children as Nodes[]);
    }
  };
  walk(parseInline(text));
  return { marks: marks.sort(), links: links.sort() };
}

// The same source segment is checked against every locale: its figures and markup are worked out once per text.
const sourceFigures = memo((text) => figures(text));
const sourceShape = memo(inlineShape);

const placeholderList = (text: string) => [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}|\$t\(([^)]*)\)/g)].map((m) => m[0].replace(/\s+/g, '')).sort();
/** The i18next placeholders and nestings of a text, normalized and sorted (most texts have none). */
const placeholders = (text: string) => (text.includes('{{') || text.includes('$t(') ? placeholderList(text) : []);
/** A source text or glossary term in lower case, for finding the term in the text. */
const lower = memo((text) => text.toLowerCase());

const unsafe = /<\s*\/?\s*(script|style|iframe|object|embed|form|input|base|meta|link|svg|math|img|a|on\w+)\b|\bon[a-z]+\s*=|javascript:|vbscript:|data:[a-z]+\/|file:|url\s*\(/i;

const endPunct: Record<string, RegExp> = {
  zh: /[。！？：；…]$/,
  ja: /[。！？：；…]$/,
  ar: /[.؟!:؛…]$/,
};
const defaultEnd = /[.!?:;…]$/;
/** Closing quotes and brackets: a sentence may end inside them ("… end.»"); they do not end one themselves. */
const closers = /[\s»)\]"”’」』）》〕】]+$/u;

function endsSentence(text: string, locale: string): boolean {
  const lang = locale.split('-')[0];
  const trimmed = text.trim().replace(closers, '');
  return (endPunct[lang] ?? defaultEnd).test(trimmed) || defaultEnd.test(trimmed);
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Runs every check on one translation; returns its findings (empty when clean). */
export function checkTranslation(source: string, translation: string, ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  if (translation.trim() === '') {
    if (translation !== '') out.push({ check: 'empty', severity: 'error', message: 'the translation is only white space' });
    return out;
  }
  if (unsafe.test(translation) && !unsafe.test(source)) {
    out.push({ check: 'unsafe', severity: 'error', message: 'the translation holds markup, a script or a URL scheme the source does not have; it is removed from every output' });
  }
  // Embedding, override and isolate controls can make a reader see figures or words in another order than stored.
  const bidi = /[\u202a-\u202e\u2066-\u2069]/;
  if (bidi.test(translation) && !bidi.test(source)) {
    out.push({ check: 'unsafe', severity: 'error', message: 'the translation holds bidirectional control characters (U+202A–U+202E, U+2066–U+2069) that can reorder what a reader sees; remove them' });
  }
  // Figures: every figure of the source, as often as the source has it.
  const want = sourceFigures(source);
  const have = figures(translation, { roman: true });
  const missing: string[] = [];
  for (const [n, count] of want) {
    if ((have.get(n) ?? 0) < count) missing.push(n);
  }
  if (missing.length) {
    const words = spelledNumbers(translation, ctx.locale);
    const spelled = missing.filter((n) => words.includes(n));
    const lost = missing.filter((n) => !spelled.includes(n));
    if (lost.length) out.push({ check: 'figures', severity: 'error', message: `figure${lost.length > 1 ? 's' : ''} ${lost.join(', ')} of the source missing or changed` });
    if (spelled.length) out.push({ check: 'figures', severity: 'warning', message: `figure${spelled.length > 1 ? 's' : ''} ${spelled.join(', ')} spelled out in words; write digits` });
  }
  if (ctx.ns === 'statement') {
    const a = sourceShape(source);
    const b = inlineShape(translation);
    if (!same(a.links, b.links)) out.push({ check: 'markup', severity: 'error', message: `link targets differ from the source (${a.links.join(' ') || 'none'} → ${b.links.join(' ') || 'none'})` });
    else if (!same(a.marks, b.marks)) out.push({ check: 'markup', severity: 'error', message: `inline markup differs from the source (${a.marks.join(', ') || 'none'} → ${b.marks.join(', ') || 'none'})` });
  }
  if (!same(placeholders(source), placeholders(translation))) {
    out.push({ check: 'placeholders', severity: 'error', message: `placeholders differ: source has ${placeholders(source).join(' ') || 'none'}, translation has ${placeholders(translation).join(' ') || 'none'}` });
  }
  const sourceLower = ctx.glossary.length ? lower(source) : '';
  for (const term of ctx.glossary) {
    const form = term.forms[ctx.locale];
    if (!form || !sourceLower.includes(lower(term.source))) continue;
    const ok = form.pattern ? form.pattern.test(translation) : translation.includes(form.text!);
    if (!ok) out.push({ check: 'terminology', severity: 'error', message: `"${term.source}" must be translated as ${form.pattern ? `/${form.pattern.source}/` : `"${form.text}"`} (source/glossary.yaml)` });
  }
  // Postal addresses are often written the same in every language (street, city, country as the post wants them).
  if (ctx.locale !== ctx.sourceLocale && translation === source && /\p{L}{3}/u.test(source) && !ctx.key?.endsWith('--address')) {
    out.push({ check: 'identical', severity: 'warning', message: 'the translation is identical to the source' });
  }
  if (/^\s|\s$/.test(translation) && !/^\s|\s$/.test(source)) out.push({ check: 'spaces', severity: 'warning', message: 'leading or trailing white space' });
  if (/\S {2,}\S/.test(translation)) out.push({ check: 'spaces', severity: 'warning', message: 'double space inside the text' });
  if (ctx.ns === 'statement' && endsSentence(source, ctx.sourceLocale) !== endsSentence(translation, ctx.locale)) {
    out.push({ check: 'punctuation', severity: 'warning', message: endsSentence(source, ctx.sourceLocale) ? 'the source ends with punctuation, the translation does not' : 'the translation ends with punctuation, the source does not' });
  }
  return out;
}
