/**
 * What every lint rule shares: how a finding is reported on the prose text
 * (as a vfile message, like the retext plugins do) and how nlcst nodes read.
 */
import type { VFile } from 'vfile';
import type { Nodes } from 'nlcst';
import { lineLocator } from '../core/errors.js';

/** The `source` of the messages our own rules emit. */
export const lintSource = 'statement-lint';

/** A finding as a rule sees it: a span of the prose text and how to fix it. */
export interface Report {
  /** Offset in the prose text where the offending span starts. */
  start: number;
  /** Offset where it ends (exclusive); equal to `start` for a missing character. */
  end: number;
  rule: string;
  /** What is wrong, in one sentence. */
  reason: string;
  /** Text that replaces the span; undefined where no mechanical fix exists. */
  replacement?: string;
  /** What to do when there is no replacement. */
  hint?: string;
}

const locators = new WeakMap<VFile, ReturnType<typeof lineLocator>>();

function pointAt(file: VFile, offset: number): { line: number; column: number; offset: number } {
  let locate = locators.get(file);
  if (!locate) locators.set(file, (locate = lineLocator(String(file.value))));
  return { ...locate(offset), offset };
}

/** Emits a finding as a vfile message whose place carries offsets into the prose text. */
export function report(file: VFile, r: Report): void {
  const message = file.message(r.reason, {
    place: { start: pointAt(file, r.start), end: pointAt(file, r.end) },
    ruleId: r.rule,
    source: lintSource,
  });
  message.expected = r.replacement === undefined ? [] : [r.replacement];
  if (r.hint) message.note = r.hint;
}

/** The text of an nlcst node. */
export function nodeText(node: Nodes): string {
  return 'value' in node ? node.value : node.children.map(nodeText).join('');
}

/** Start and end offsets of a node (nlcst from `parse-latin` always has them). */
export function spanOf(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** Smart apostrophes read as straight ones: Hunspell dictionaries know `world's`, not `world’s`. */
export function normalizeApostrophes(word: string): string {
  return word.replace(/’/g, "'");
}

/** Tokens where punctuation and spelling are not prose: URLs, e-mail addresses, domain and file names. */
const address = /:\/\/|@|^\W*www\.|\.(?:com|org|net|int|gov|edu|info|eu|io|az|uk|pdf|html?|md|txt|docx?)(?:\W|$)/i;

/**
 * Whether a token is an address. Markdown turns most of them into links,
 * which the prose leaves out, but not all (GFM may be off, or `<...>` absent).
 */
export function isAddress(token: string): boolean {
  return address.test(token);
}

/** The whitespace-delimited token around `index`. */
export function tokenAt(text: string, index: number): string {
  let s = index;
  let e = index;
  while (s > 0 && !/\s/.test(text.charAt(s - 1))) s--;
  while (e < text.length && !/\s/.test(text.charAt(e))) e++;
  return text.slice(s, e);
}
