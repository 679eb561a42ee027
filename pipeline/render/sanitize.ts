/**
 * The sanitize schema: GitHub's (rehype-sanitize's default), narrowed to
 * what a statement needs and widened only by the attributes the pipeline
 * itself sets (language, direction, a fixed set of classes).
 */
import { defaultSchema, type Options as Schema } from 'rehype-sanitize';

/** Classes the pipeline sets; anything else in a class attribute is dropped. */
export const pipelineClasses = [
  'pending',
  'pending-label',
  'institution',
  'subtitle',
  'notice',
  'signature',
  'place-date',
  'signatory',
  'signatory-name',
  'letterhead',
  'reference',
  'recipient',
  'subject',
  'salutation',
  'close',
  'statement-text',
  'title',
  'numeric',
  'align-start',
  'align-center',
  'align-end',
  'footnotes',
  'footnote-ref',
  'footnote-back',
];

type AttributeSpec = string | [string, ...(string | number | boolean | RegExp | null | undefined)[]];

const blocks = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'caption',
  'blockquote',
  'span',
  'div',
  'section',
];

/** A tag's attributes: the default schema's, with `lang`, `dir` and our classes added to its own classes. */
function withOwn(tag: string): AttributeSpec[] {
  const base = (defaultSchema.attributes?.[tag] ?? []) as AttributeSpec[];
  const baseClasses = base
    .filter((a): a is [string, ...string[]] => Array.isArray(a) && a[0] === 'className')
    .flatMap((a) => a.slice(1));
  const rest = base.filter((a) => !(Array.isArray(a) && a[0] === 'className'));
  return [...rest, 'lang', ['dir', 'ltr', 'rtl', 'auto'], ['className', ...baseClasses, ...pipelineClasses]];
}

/**
 * Link targets that survive: absolute web and mail URLs only. The protocol
 * list alone lets every URL without a scheme through, and a relative or
 * protocol-relative target (`/etc/passwd`, `//host/x`, `../../x`, `#x`)
 * resolves against the page: in a PDF printed from a local file it becomes a
 * `file:` link (which fails the document), in an edition opened from disk a
 * link into the reader's own files. A statement links to the web, nothing else.
 */
const absoluteUrl = /^(?:https?:\/\/|mailto:)/;

/**
 * Or a link between a footnote reference and its note (render/notes.ts),
 * which points at the ids as the sanitizer prefixes them: a fragment of
 * the page itself, which a PDF keeps as a link inside the document.
 */
const linkTarget = /^(?:https?:\/\/|mailto:|#user-content-fn(?:ref)?-\d+$)/;

/**
 * A `title` (all Markdown can put on a link) without angle brackets: they are
 * inert inside a quoted attribute, but `<script>` in the output is what every
 * filter and reviewer downstream looks for, and no statement needs it.
 */
const plainTitle = /^[^<>]*$/;

/** Replaces a plain attribute name in a list by a constrained one. */
function constrain(list: AttributeSpec[] | undefined, name: string, pattern: RegExp): AttributeSpec[] {
  return (list ?? []).map((a) => (a === name ? ([name, pattern] as AttributeSpec) : a));
}

/** The schema every edition, letter and proof body goes through. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  // Only web and mail links survive: no javascript:, data:, file: (and, through `absoluteUrl`, no relative tricks to local files).
  protocols: { href: ['http', 'https', 'mailto'], cite: ['http', 'https'] },
  // Images would load remote content into editions and PDFs: drop them.
  tagNames: [
    ...(defaultSchema.tagNames ?? []).filter(
      (t) => !['img', 'picture', 'source', 'input', 'video', 'audio'].includes(t),
    ),
    'caption',
  ],
  ancestors: { ...defaultSchema.ancestors, caption: ['table'] },
  attributes: {
    ...defaultSchema.attributes,
    ...Object.fromEntries(blocks.map((tag) => [tag, withOwn(tag)])),
    a: [
      ...constrain(
        ((defaultSchema.attributes?.a ?? []) as AttributeSpec[]).filter(
          (a) => !(Array.isArray(a) && a[0] === 'className'),
        ),
        'href',
        linkTarget,
      ),
      ['className', 'footnote-ref', 'footnote-back'],
    ],
    blockquote: constrain(withOwn('blockquote'), 'cite', absoluteUrl),
    // The notes section is named by its heading (render/notes.ts).
    section: [...withOwn('section'), 'ariaLabelledBy'],
    ...Object.fromEntries(
      ['q', 'del', 'ins'].map((tag) => [
        tag,
        constrain(defaultSchema.attributes?.[tag] as AttributeSpec[], 'cite', absoluteUrl),
      ]),
    ),
    '*': constrain(defaultSchema.attributes?.['*'] as AttributeSpec[], 'title', plainTitle),
    // A fenced code block's language becomes a class: a word, not "<script>" from the info string.
    code: [['className', /^language-[\w#+.-]+$/]],
  },
};
