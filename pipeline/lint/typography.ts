/**
 * Typography, one paragraph of the prose at a time: a space missing after
 * punctuation or around quotes and brackets (`act,and`, `“BBC”reported`),
 * two spaces where one belongs, quotes and brackets left open.
 */
import { SKIP, visit } from 'unist-util-visit';
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { isAddress, report, spanOf, tokenAt } from './report.js';

/** Punctuation that a word follows with no space: the space goes after the match. */
const spaceAfter: RegExp[] = [
  /[,;](?=[\p{L}“‘([«])/gu, // act,and  (3,410 has a digit after the comma)
  /(?<=\p{L})[,;](?=\p{N})/gu, // Resolution,1946
  /(?<=\p{L}{2})\.(?=\p{Lu}\p{Ll})/gu, // Khojaly.The  (U.S.Army, Ph.D. have one letter before)
  /(?<=\p{Ll}{2})\.(?=\p{Ll}{2})/gu, // act.and  (addresses are skipped below)
  /(?<=\p{L})[!?:](?=\p{L})/gu, // Khojaly!implemented, Note:the
  /[”»)\]](?=[\p{L}\p{N}])/gu, // “BBC”reported
];

/** An opening quote or bracket glued to the word before: the space goes before it. */
const spaceBefore = /(?<=[\p{L}\p{N}])[“«([]/gu;

/** Brackets that belong to the word: `State(s)`, `Article 16(3)`, `text[1]`. */
const boundBracket = /^(?:\(s\)|\([\p{L}\p{N}]{1,4}\)|\[\d+\])/u;

/** Two or more spacing characters in a row between words. */
const spaceRun = /(?<=\S)[ \t\u00A0\u2009\u202F]{2,}(?=\S)/gu;

const spaceNames: Record<string, string> = {
  ' ': 'space',
  '\t': 'tab',
  '\u00A0': 'no-break space',
  '\u2009': 'thin space',
  '\u202F': 'narrow no-break space',
};

const openers: Record<string, string> = { '“': '”', '«': '»', '(': ')', '[': ']' };
const closers: Record<string, string> = { '”': '“', '»': '«', ')': '(', ']': '[' };

/** retext plugin: `missing-space`, `double-space`, `unbalanced-quotes`, `unbalanced-brackets`. */
export function retextTypography() {
  return (tree: Root, file: VFile): undefined => {
    const text = String(file.value);
    visit(tree, 'ParagraphNode', (node) => {
      const { start, end } = spanOf(node);
      const paragraph = text.slice(start, end);
      missingSpace(paragraph, start, file);
      doubleSpace(paragraph, start, file);
      balance(paragraph, start, file);
      return SKIP;
    });
  };
}

function missingSpace(paragraph: string, base: number, file: VFile): void {
  const seen = new Set<number>();
  const flag = (at: number, char: string, where: 'after' | 'before') => {
    if (seen.has(at) || isAddress(tokenAt(paragraph, at))) return;
    seen.add(at);
    report(file, {
      start: base + at,
      end: base + at,
      rule: 'missing-space',
      reason: `a space is missing ${where} "${char}"`,
      replacement: ' ',
    });
  };
  for (const pattern of spaceAfter) {
    for (const m of paragraph.matchAll(pattern)) flag(m.index + 1, m[0], 'after');
  }
  for (const m of paragraph.matchAll(spaceBefore)) {
    if (!boundBracket.test(paragraph.slice(m.index))) flag(m.index, m[0], 'before');
  }
  // Straight quotes open and close in turn; with an odd count, `balance` reports.
  const straight = [...paragraph.matchAll(/"/g)].map((m) => m.index);
  if (straight.length % 2 === 0) {
    straight.forEach((at, i) => {
      if (i % 2 === 0 && /[\p{L}\p{N}]/u.test(paragraph[at - 1] ?? '')) flag(at, '"', 'before');
      if (i % 2 === 1 && /[\p{L}\p{N}]/u.test(paragraph[at + 1] ?? '')) flag(at + 1, '"', 'after');
    });
  }
}

function doubleSpace(paragraph: string, base: number, file: VFile): void {
  for (const m of paragraph.matchAll(spaceRun)) {
    const names = [...m[0]].map((c) => spaceNames[c]).join(' and ');
    const replacement = m[0].includes(' ') ? ' ' : m[0][0];
    report(file, {
      start: base + m.index,
      end: base + m.index + m[0].length,
      rule: 'double-space',
      reason: `${m[0].length} spacing characters (${names}) where one belongs`,
      replacement,
    });
  }
}

function balance(paragraph: string, base: number, file: VFile): void {
  const stack: Array<{ char: string; at: number }> = [];
  const unmatched = (char: string, at: number, hint: string) => {
    const rule =
      char === '(' || char === ')' || char === '[' || char === ']' ? 'unbalanced-brackets' : 'unbalanced-quotes';
    report(file, {
      start: base + at,
      end: base + at + 1,
      rule,
      reason: `"${char}" has no matching ${openers[char] ?? closers[char]} in its paragraph`,
      hint,
    });
  };
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph.charAt(i);
    const opens = closers[c];
    if (c in openers) {
      stack.push({ char: c, at: i });
    } else if (opens !== undefined) {
      const depth = stack.map((s) => s.char).lastIndexOf(opens);
      if (depth === -1) {
        // `a)`, `iv)`: a list marker in running text, not a bracket left open.
        if (c === ')' && /(?:^|\s)[\p{L}\p{N}]{1,4}$/u.test(paragraph.slice(Math.max(0, i - 5), i))) continue;
        unmatched(c, i, `remove it, or open it with "${opens}"`);
        continue;
      }
      for (const open of stack.splice(depth).slice(1))
        unmatched(open.char, open.at, `close it with "${openers[open.char]}"`);
    }
  }
  for (const open of stack) unmatched(open.char, open.at, `close it with "${openers[open.char]}"`);
  const straight = [...paragraph.matchAll(/"/g)];
  if (straight.length % 2 === 1) {
    const last = straight[straight.length - 1]!.index; // an odd count: one at least
    report(file, {
      start: base + last,
      end: base + last + 1,
      rule: 'unbalanced-quotes',
      reason: `this paragraph has an odd number (${straight.length}) of straight quotes`,
      hint: 'add the missing quote, or remove this one',
    });
  }
}
