/**
 * Parse stage: the canonical Markdown (front matter + body) into an mdast
 * tree and its resolved config. Pure: text in, tree out.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import { InputError } from '../core/errors.js';
import { resolveConfig, type StatementConfig } from './config.js';
import { remarkTablesAndFootnotes, remarkFootnoteCalls, footnoteStubs, markCaptions } from './gfm.js';

/** A parsed statement: its config, its body tree and the text it came from. */
export interface ParsedStatement {
  file: string;
  text: string;
  config: StatementConfig;
  tree: Root;
  /** 1-based line of each front-matter field, for diagnostics. */
  frontLines: Record<string, number>;
}

/**
 * CommonMark with front matter, GFM tables and footnotes. The rest of
 * GitHub's extensions (remark-gfm) is left out on purpose: its
 * autolink-literal scan more than doubles the parse time of a long
 * statement, and a statement needs none of it.
 */
const blockParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkTablesAndFootnotes);

/**
 * Parses the canonical statement.
 * @throws InputError when the front matter is missing, unterminated or invalid
 */
export function parseStatement(text: string, file: string): ParsedStatement {
  if (!/^---\r?\n/.test(text)) {
    throw new InputError(
      'the statement must start with front matter between "---" lines (title, institution, reference, date, locales)',
      { file, line: 1, column: 1 },
    );
  }
  const tree = blockParser.parse(text) as Root;
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') {
    throw new InputError('front matter is not closed: add a line "---" after its last field', {
      file,
      line: 1,
      column: 1,
    });
  }
  const config = resolveConfig(first.value, file, 2);
  const deep = tooDeep(tree);
  if (deep) {
    throw new InputError(
      `blocks nested more than ${MAX_DEPTH} deep (quotes or lists inside each other); a statement needs a few levels at most`,
      { file, line: deep.position?.start.line ?? 1, column: deep.position?.start.column ?? 1 },
    );
  }
  const frontLines: Record<string, number> = {};
  first.value.split('\n').forEach((line, i) => {
    const m = /^([A-Za-z]+):/.exec(line);
    if (m) frontLines[m[1]!] = i + 2; // group 1 is not optional
  });
  tree.children = tree.children.slice(1) as RootContent[];
  markCaptions(tree);
  return { file, text, config, tree, frontLines };
}

/** How deep blocks and inline markup may nest: far beyond any real statement, far below a stack overflow. */
export const MAX_DEPTH = 100;

type AnyNode = { children?: AnyNode[]; position?: { start: { line: number; column: number } } };

/** The first node nested deeper than MAX_DEPTH, found without recursion. */
function tooDeep(tree: AnyNode): AnyNode | undefined {
  const stack: Array<[AnyNode, number]> = [[tree, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) return node;
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Block constructs that a translated segment may not open: it stays one block. */
const inlineOnly = {
  disable: {
    null: [
      'blockQuote',
      'codeFenced',
      'codeIndented',
      'definition',
      'headingAtx',
      'htmlFlow',
      'list',
      'setextUnderline',
      'thematicBreak',
    ],
  },
};

function remarkInlineOnly(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(inlineOnly);
}

const inlineParser = unified().use(remarkParse).use(remarkInlineOnly).use(remarkFootnoteCalls);

/** Characters that can open inline Markdown (CommonMark); text without them parses to itself. */
const inlineSyntax = /[\\`*_[\]<&]/;

/**
 * Parses one segment's text (a translation, say) as inline Markdown.
 * Text with no Markdown syntax at all becomes a single text node without
 * running the parser: the common case, and the one that keeps builds fast.
 */
export function parseInline(text: string): PhrasingContent[] {
  const plain: PhrasingContent[] =
    text === '' ? [] : [{ type: 'text', value: text.replace(/[ \t]*\r?\n[ \t]*/g, '\n') }];
  if (!inlineSyntax.test(text)) return plain;
  // Thousands of markup characters are an attack, not a translation (the parser slows to seconds): keep them as text.
  if ((text.match(/[*_[\]`<]/g)?.length ?? 0) > 2000) return plain;
  // `[^1]` is a footnote reference only where a definition exists: stubs appended after the text (dropped below) make it one.
  const root = inlineParser.parse(text + footnoteStubs(text)) as Root;
  if (tooDeep(root as AnyNode)) return plain;
  const out: PhrasingContent[] = [];
  for (const block of root.children) {
    if (block.type === 'footnoteDefinition') continue;
    if (out.length > 0) out.push({ type: 'text', value: ' ' });
    if ('children' in block) out.push(...(block.children as PhrasingContent[]));
  }
  return out;
}

/**
 * Removes source positions from a tree once its segments are known: the
 * renderers do not need them, and copying them into every locale's hast
 * costs a third of the render time of a long statement.
 */
export function dropPositions(node: { position?: unknown; children?: unknown[] }): void {
  delete node.position;
  if (node.children)
    for (const child of node.children) dropPositions(child as { position?: unknown; children?: unknown[] });
}
