/**
 * Lint stage: checks the prose of the canonical statement before it
 * multiplies into every language (typography, spelling with the project's
 * word list, consistency of names and numbers). Pure: text in, findings
 * out. Each rule is a retext plugin; this module runs them all on the prose
 * (see `lint/prose.ts`) and turns their messages into findings on the file.
 */
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextQuotes from 'retext-quotes';
import retextRepeatedWords from 'retext-repeated-words';
import retextSentenceSpacing from 'retext-sentence-spacing';
import remarkParse from 'remark-parse';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { parseStatement, type ParsedStatement } from '../source/parse.js';
import { collectProse } from './prose.js';
import { Speller, retextSpelling } from './spelling.js';
import { retextTypography } from './typography.js';
import { retextNameVariants, retextNumberFormat } from './consistency.js';
import { toFindings, type LintFinding } from './findings.js';

export { lintRules, type LintFinding, type Severity } from './findings.js';

/** Reads a word list: one word a line; blank lines and `#` comments ignored. */
export function parseDictionary(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Plain CommonMark, for a Markdown file without front matter (a draft, a note). */
const markdownParser = unified().use(remarkParse);

/**
 * Lints a Markdown file: a statement (front matter and body), or any
 * Markdown without front matter (a draft), whose prose is linted alike.
 * The first call builds the English dictionary (~0.3 s); later calls reuse it.
 * @param text the whole file
 * @param file the file's name, for findings
 * @param dictionaryWords the project's words (names, places, acronyms) that English lacks
 * @returns findings in file order
 * @throws InputError when front matter is there but unclosed or invalid
 */
export function lintStatement(text: string, file: string, dictionaryWords: readonly string[]): LintFinding[] {
  if (!/^---\r?\n/.test(text))
    return lintParsedStatement({ file, text, tree: markdownParser.parse(text) as Root }, dictionaryWords);
  return lintParsedStatement(parseStatement(text, file), dictionaryWords);
}

/**
 * Lints a statement already parsed (the build has one): same findings as
 * `lintStatement` on its text.
 * @param parsed the statement, as `parseStatement` returns it (only its file, text and tree are read)
 * @param dictionaryWords the project's words (names, places, acronyms) that English lacks
 */
export function lintParsedStatement(
  parsed: Pick<ParsedStatement, 'file' | 'text' | 'tree'>,
  dictionaryWords: readonly string[],
): LintFinding[] {
  const prose = collectProse(parsed);
  const speller = new Speller(dictionaryWords);
  const vfile = new VFile({ value: prose.text, path: parsed.file });
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
  return toFindings(vfile.messages, prose, parsed.text, parsed.file);
}

export { formatFinding } from './findings.js';

// Curly or straight: whichever the document mostly uses is the one to follow.
function preferredQuotes(text: string): 'smart' | 'straight' {
  const smart = text.match(/[“”‘’]/g)?.length ?? 0;
  const straight = text.match(/["']/g)?.length ?? 0;
  return straight > smart ? 'straight' : 'smart';
}
