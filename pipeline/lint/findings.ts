/**
 * From vfile messages on the prose text to findings on the real file: each
 * span mapped back, widened to the token where that reads better, quoted as
 * it stands in the file, with the fix applied to that text. One cause gives
 * one line: findings that repeat another on the same text are dropped.
 */
import type { VFile } from 'vfile';
import { placeOf } from '../core/errors.js';
import type { Prose } from './prose.js';
import { lintSource } from './report.js';

/** How much a finding weighs: errors fail `statement lint`; warnings only with `--strict`. */
export type Severity = 'error' | 'warning';

/** One finding of the lint, placed in the real file (front matter included). */
export interface LintFinding {
  file: string;
  /** 1-based line of the offending text. */
  line: number;
  /** 1-based column where the offending text starts. */
  column: number;
  /** Rule name, a key of `lintRules`. */
  rule: string;
  severity: Severity;
  /** The offending text as it stands in the file. */
  text: string;
  /** The text as it should read, or what to do where no mechanical fix exists. */
  suggestion: string;
  /** What is wrong, in one sentence. */
  message: string;
}

/** Every rule of the lint, its severity and what it finds. */
export const lintRules: Record<string, { severity: Severity; description: string }> = {
  'glued-words': {
    severity: 'error',
    description: 'two words, or a word and a number, with no space between (genocidalpolicy, whereas1275)',
  },
  'missing-space': {
    severity: 'error',
    description: 'no space after punctuation or around quotes and brackets (act,and; “BBC”reported)',
  },
  'unbalanced-quotes': {
    severity: 'error',
    description: 'a quote opened and not closed in its paragraph, or closed and not opened',
  },
  'unbalanced-brackets': {
    severity: 'error',
    description: 'a bracket opened and not closed in its paragraph, or closed and not opened',
  },
  spelling: { severity: 'error', description: 'a word that neither English nor source/dictionary.txt knows' },
  'name-variants': { severity: 'error', description: 'one name spelled two ways in the document (Khojaly, Khojali)' },
  'repeated-word': { severity: 'error', description: 'the same word twice in a row (the the)' },
  'double-space': { severity: 'warning', description: 'two or more spacing characters where one belongs' },
  'sentence-spacing': { severity: 'warning', description: 'more than one space between sentences' },
  'smart-quotes': {
    severity: 'warning',
    description: 'straight quotes where the document mostly uses curly ones, or the reverse',
  },
  'number-format': { severity: 'warning', description: 'one number written two ways (3,410 and 3410)' },
};

/** Rules whose finding reads best as the whole token around it (`act,and`, not `,`). */
const tokenRules = new Set([
  'missing-space',
  'double-space',
  'sentence-spacing',
  'smart-quotes',
  'unbalanced-quotes',
  'unbalanced-brackets',
]);

/** A finding of the key's rule hides findings of the listed rules on the same text. */
const supersedes: Record<string, string[]> = {
  'glued-words': ['spelling'],
  'name-variants': ['spelling'],
  'double-space': ['sentence-spacing'],
  'unbalanced-quotes': ['smart-quotes'],
};

/** Names the rules of third-party plugins after what they find. */
const foreignRules: Record<string, string> = {
  'retext-quotes': 'smart-quotes',
  'retext-repeated-words': 'repeated-word',
  'retext-sentence-spacing': 'sentence-spacing',
};

type Message = VFile['messages'][number];

/** A change to the file text: replace `[from, to)` by `insert`. */
interface Edit {
  from: number;
  to: number;
  insert: string;
}

interface Placed {
  rule: string;
  start: number;
  end: number;
  edits: Edit[];
  hint: string;
  message: string;
}

/**
 * Turns the messages of a lint run into findings, in file order.
 * @param messages vfile messages whose places are offsets into `prose.text`
 * @param prose the prose text and the file offset of each of its characters
 * @param source the whole file
 * @param file the file's name, for findings
 */
export function toFindings(messages: readonly Message[], prose: Prose, source: string, file: string): LintFinding[] {
  const placed = messages.map((m) => place(m, prose, source)).filter((p): p is Placed => p !== undefined);
  return merge(withoutSuperseded(placed))
    .sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule))
    .map((p) => {
      const { line, column } = placeOf(source, p.start);
      const text = source.slice(p.start, p.end);
      return {
        file,
        line,
        column,
        rule: p.rule,
        severity: lintRules[p.rule]!.severity,
        /* place() keeps only known rules */ text,
        suggestion: suggestionOf(p, source),
        message: p.message,
      };
    });
}

function place(m: Message, prose: Prose, source: string): Placed | undefined {
  const where = m.place && 'start' in m.place ? m.place : { start: m.place, end: m.place };
  const from = where.start?.offset;
  const to = where.end?.offset ?? from;
  if (from === undefined || to === undefined) return undefined;
  const rule = m.source === lintSource ? String(m.ruleId) : foreignRules[m.source ?? ''];
  if (!rule || !lintRules[rule]) return undefined;
  const focusStart = fileOffset(prose, from, 1);
  const focusEnd = to > from ? fileOffset(prose, to - 1, -1) + 1 : focusStart;
  let start = focusStart;
  let end = focusEnd;
  if (tokenRules.has(rule)) {
    while (start > 0 && !/\s/.test(source.charAt(start - 1))) start--;
    while (end < source.length && !/\s/.test(source.charAt(end))) end++;
  }
  // retext-repeated-words proposes the second word (`the` for `The the`); the first keeps its case.
  const replacement = rule === 'repeated-word' && m.actual ? m.actual.split(/\s+/)[0] : m.expected?.[0];
  const edits =
    replacement === undefined
      ? []
      : (editsOf(prose, from, to, replacement) ?? [{ from: focusStart, to: focusEnd, insert: replacement }]);
  return { rule, start, end, edits, hint: m.note ?? m.reason, message: m.reason };
}

/**
 * Where the fix only adds spaces (`genocidalpolicy` → `genocidal policy`),
 * the spaces go into the file text itself, so Markdown between the words
 * (`**genocidal**policy`) survives the fix. Undefined for other fixes.
 */
function editsOf(prose: Prose, from: number, to: number, replacement: string): Edit[] | undefined {
  const actual = prose.text.slice(from, to);
  if (to === from || replacement.length <= actual.length || replacement.replace(/ /g, '') !== actual.replace(/ /g, ''))
    return undefined;
  const edits: Edit[] = [];
  let r = 0;
  for (let k = 0; k < actual.length; k++, r++) {
    while (replacement[r] !== actual[k]) {
      if (replacement[r] !== ' ') return undefined;
      const at = fileOffset(prose, from + k, 1);
      edits.push({ from: at, to: at, insert: ' ' });
      r++;
    }
  }
  return edits;
}

// Characters between blocks have no place in the file: take the nearest that has.
function fileOffset(prose: Prose, index: number, step: 1 | -1): number {
  for (let i = index; i >= 0 && i < prose.offsets.length; i += step) {
    const offset = prose.offsets[i]!; // i within offsets
    if (offset >= 0) return offset;
  }
  return 0;
}

function overlaps(a: Placed, b: Placed): boolean {
  return a.start === b.start || (a.start < b.end && b.start < a.end);
}

function withoutSuperseded(all: Placed[]): Placed[] {
  return all.filter((f) => !all.some((g) => g !== f && (supersedes[g.rule] ?? []).includes(f.rule) && overlaps(f, g)));
}

/** Several findings of one rule on one token (`end.Khojaly.The`) become one line with every fix. */
function merge(all: Placed[]): Placed[] {
  const byToken = new Map<string, Placed>();
  const out: Placed[] = [];
  for (const p of all) {
    const key = `${p.rule}:${p.start}:${p.end}`;
    const first = tokenRules.has(p.rule) ? byToken.get(key) : undefined;
    if (first && first.edits.length > 0 && p.edits.length > 0) {
      first.edits.push(...p.edits);
      continue;
    }
    byToken.set(key, p);
    out.push(p);
  }
  return out;
}

function suggestionOf(p: Placed, source: string): string {
  if (p.edits.length === 0) return p.hint;
  let text = source.slice(p.start, p.end);
  for (const e of [...p.edits].sort((a, b) => b.from - a.from)) {
    text = text.slice(0, e.from - p.start) + e.insert + text.slice(e.to - p.start);
  }
  return text;
}

/** Formats a finding as the one line a user sees: `file:line:col: rule: "text" → suggestion`. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.rule}: "${f.text}" → ${f.suggestion}`;
}
