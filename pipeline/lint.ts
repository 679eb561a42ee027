/**
 * Lint stage: checks the prose of the canonical statement before it
 * multiplies into every language (typography, spelling with the project's
 * word list, consistency of names and numbers). Pure: text in, findings
 * out. The rules are retext plugins in `lint/`; this module runs them on the
 * prose and turns their vfile messages into findings on the real file.
 */
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextQuotes from 'retext-quotes';
import retextRepeatedWords from 'retext-repeated-words';
import retextSentenceSpacing from 'retext-sentence-spacing';
import { VFile } from 'vfile';
import { parseStatement } from './parse.js';
import { placeOf } from './errors.js';
import { collectProse, type Prose } from './lint/prose.js';
import { Speller, retextSpelling } from './lint/spelling.js';
import { retextTypography } from './lint/typography.js';
import { retextNameVariants, retextNumberFormat } from './lint/consistency.js';
import { lintSource } from './lint/report.js';

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
  'glued-words': { severity: 'error', description: 'two words, or a word and a number, with no space between (genocidalpolicy, whereas1275)' },
  'missing-space': { severity: 'error', description: 'no space after punctuation or around quotes and brackets (act,and; “BBC”reported)' },
  'unbalanced-quotes': { severity: 'error', description: 'a quote opened and not closed in its paragraph, or closed and not opened' },
  'unbalanced-brackets': { severity: 'error', description: 'a bracket opened and not closed in its paragraph, or closed and not opened' },
  spelling: { severity: 'error', description: 'a word neither English nor in source/dictionary.txt knows' },
  'name-variants': { severity: 'error', description: 'one name spelled two ways in the document (Khojaly, Khojali)' },
  'repeated-word': { severity: 'error', description: 'the same word twice in a row (the the)' },
  'double-space': { severity: 'warning', description: 'two or more spacing characters where one belongs' },
  'sentence-spacing': { severity: 'warning', description: 'more than one space between sentences' },
  'smart-quotes': { severity: 'warning', description: 'straight quotes where the document uses curly ones (or the reverse)' },
  'number-format': { severity: 'warning', description: 'one number written two ways (3,410 and 3410)' },
};

/** Rules whose finding reads best as the whole token around it (`act,and`, not `,`). */
const tokenRules = new Set(['missing-space', 'double-space', 'sentence-spacing', 'smart-quotes', 'unbalanced-quotes', 'unbalanced-brackets']);

/** A finding of the first rule hides those of the listed rules on the same text: one cause, one line. */
const supersedes: Record<string, string[]> = {
  'glued-words': ['spelling'],
  'name-variants': ['spelling'],
  'double-space': ['sentence-spacing'],
};

/** Names the rules of third-party plugins after what they find. */
const foreignRules: Record<string, string> = {
  'retext-quotes': 'smart-quotes',
  'retext-repeated-words': 'repeated-word',
  'retext-sentence-spacing': 'sentence-spacing',
};

/** Reads a word list: one word a line; blank lines and `#` comments ignored. */
export function parseDictionary(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Lints a statement (front matter and Markdown body).
 * The first call builds the English dictionary (~0.3 s); later calls reuse it.
 * @param text the whole file
 * @param file the file's name, for findings
 * @param dictionaryWords the project's words: names, places, acronyms
 * @returns findings in file order
 * @throws InputError when the front matter is missing or invalid
 */
export function lintStatement(text: string, file: string, dictionaryWords: readonly string[]): LintFinding[] {
  const parsed = parseStatement(text, file);
  const prose = collectProse(parsed);
  const speller = new Speller(dictionaryWords);
  const vfile = new VFile({ value: prose.text, path: file });
  const processor = unified()
    .use(retextEnglish)
    .use(retextSpelling, { speller })
    .use(retextTypography)
    .use(retextNameVariants, { speller })
    .use(retextNumberFormat)
    .use(retextRepeatedWords)
    .use(retextQuotes, { preferred: preferredQuotes(prose.text) })
    .use(retextSentenceSpacing);
  processor.runSync(processor.parse(vfile), vfile);
  const findings = vfile.messages.map((m) => toFinding(m, prose, text, file)).filter((f): f is Placed => f !== undefined);
  return withoutSuperseded(findings)
    .sort((a, b) => a.start - b.start || a.rule.localeCompare(b.rule))
    .map(({ start: _start, end: _end, ...finding }) => finding);
}

/** Formats a finding as the one line a user sees: `file:line:col: rule: "text" → suggestion`. */
export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.rule}: "${f.text}" → ${f.suggestion}`;
}

// Curly or straight: whichever the document mostly uses is the one to follow.
function preferredQuotes(text: string): 'smart' | 'straight' {
  const smart = text.match(/[“”‘’]/g)?.length ?? 0;
  const straight = text.match(/["']/g)?.length ?? 0;
  return straight > smart ? 'straight' : 'smart';
}

type Placed = LintFinding & { start: number; end: number };
type VFileMessage = VFile['messages'][number];

function toFinding(m: VFileMessage, prose: Prose, source: string, file: string): Placed | undefined {
  const place = m.place && 'start' in m.place ? m.place : { start: m.place, end: m.place };
  const from = place.start?.offset;
  const to = place.end?.offset ?? from;
  if (from === undefined || to === undefined) return undefined;
  const rule = m.source === lintSource ? String(m.ruleId) : foreignRules[m.source ?? ''];
  if (!rule || !lintRules[rule]) return undefined;
  let start = fileOffset(prose, from, 1);
  let end = to > from ? fileOffset(prose, to - 1, -1) + 1 : start;
  const focus = [start, end];
  if (tokenRules.has(rule)) {
    while (start > 0 && !/\s/.test(source[start - 1])) start--;
    while (end < source.length && !/\s/.test(source[end])) end++;
  }
  const text = source.slice(start, end);
  const replacement = m.expected?.[0];
  const suggestion = replacement !== undefined ? source.slice(start, focus[0]) + replacement + source.slice(focus[1], end) : m.note ?? m.reason;
  const { line, column } = placeOf(source, start);
  return { file, line, column, rule, severity: lintRules[rule].severity, text, suggestion, message: m.reason, start, end };
}

// Characters between blocks have no place in the file: take the nearest that has.
function fileOffset(prose: Prose, index: number, step: 1 | -1): number {
  for (let i = index; i >= 0 && i < prose.offsets.length; i += step) if (prose.offsets[i] >= 0) return prose.offsets[i];
  return 0;
}

function withoutSuperseded(findings: Placed[]): Placed[] {
  return findings.filter((f) => !findings.some((g) => g !== f && (supersedes[g.rule] ?? []).includes(f.rule) && g.start <= f.end && f.start <= g.end && (g.start < f.end || g.start === f.start)));
}
