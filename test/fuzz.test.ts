/**
 * Fuzzing with fast-check: random Markdown and hostile Unicode (bidi
 * controls, combining marks, astral characters, lone surrogates, NUL, very
 * long lines, deep nesting) through every pure stage a statement or a
 * translation passes: parse and segment, inline parsing, the checks,
 * figures, typography, and a whole edition and letter rendered. Nothing may
 * crash (parseStatement may refuse bad front matter with an InputError,
 * nothing else may throw), nothing may hang (every run is timed, every
 * property has a time budget and a minimum number of runs), and each stage
 * keeps its own invariants. Also: catalogs and statuses of 100,000 keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { parseStatement, parseInline, type ParsedStatement } from '../pipeline/source/parse.js';
import { extractSegments, hashText, type Segment } from '../pipeline/source/segment.js';
import { checkTranslation, type Finding, type CheckContext } from '../pipeline/checks/run.js';
import { figures } from '../pipeline/checks/figureText.js';
import { typeset, hyphenatorFor } from '../pipeline/render/typeset.js';
import { createTranslator } from '../pipeline/render/localize.js';
import { renderEdition } from '../pipeline/render/edition.js';
import { renderLetter } from '../pipeline/render/letter.js';
import { loadTemplates } from '../pipeline/core/project.js';
import { parseCatalog, emptyCatalogs, type LocaleCatalogs } from '../pipeline/catalog/catalog.js';
import { keyStatuses, summarize } from '../pipeline/catalog/status.js';
import { emptyState } from '../pipeline/catalog/state.js';
import { parseGlossary } from '../pipeline/source/glossary.js';
import { InputError } from '../pipeline/core/errors.js';
import type { Recipient } from '../pipeline/source/addressees.js';
import { repo } from './helpers.js';

const templates = loadTemplates(repo);
const glossary = parseGlossary(
  fs.readFileSync(path.join(repo, 'source/glossary.yaml'), 'utf8'),
  'source/glossary.yaml',
  'en',
);

// ---------------------------------------------------------------------------
// Running a property: a budget of time and runs, a floor of runs that must
// complete within it (so a slow stage fails instead of quietly running less),
// and a ceiling on each single run.

interface Budget {
  /** Runs asked for. */
  runs: number;
  /** Time after which fast-check stops starting new runs. */
  ms: number;
  /** Runs that must have completed by then. */
  min: number;
}

function fuzz<T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void, budget: Budget, perRunMs = 4000): void {
  const details = fc.check(
    fc.property(arb, (value) => {
      const start = performance.now();
      predicate(value);
      const took = performance.now() - start;
      if (took > perRunMs) throw new Error(`one run took ${Math.round(took)} ms (limit ${perRunMs} ms)`);
    }),
    { numRuns: budget.runs, plugins: [fc.interruptAfterTimeLimit(budget.ms)] },
  );
  if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'property failed');
  expect(details.numRuns, `runs completed within ${budget.ms} ms`).toBeGreaterThanOrEqual(budget.min);
}

// ---------------------------------------------------------------------------
// Arbitraries.

const bidi = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200E',
  '\u200F',
];
const pieces = [
  ...bidi,
  // combining marks, alone, stacked and on a base
  '\u0301',
  '\u0338\u0338\u0338',
  'e\u0301',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357',
  '\u0651\u064E',
  // astral: emoji, sequences, flags, mathematical letters and digits
  '😀',
  '👩‍👩‍👧‍👦',
  '🇦🇿',
  '𝔸',
  '𝟘𝟙',
  '𐒠',
  // lone surrogates, NUL and other controls, odd spaces and line ends
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDBFF',
  '\u0000',
  '\u0001',
  '\u001B',
  '\u007F',
  '\uFFFD',
  '\uFEFF',
  '\u200B',
  '\u2028',
  '\u2029',
  '\u00AD',
  '\r',
  '\r\n',
  '\t',
  '\f',
  '\v',
  // figures in many forms
  '٣٤١٠',
  '۳۴۱۰',
  '3,410',
  '3 410',
  '3.410',
  '3\u202f410',
  '30',
  '三十',
  '第三十条',
  'XXe',
  'XX',
  '1992',
  '366-й',
  '0.5',
  '1,5',
  '00',
  '9'.repeat(30),
  // Markdown syntax
  '*',
  '**',
  '***',
  '_',
  '__',
  '`',
  '``',
  '```',
  '~~~',
  '[',
  ']',
  '](',
  '(',
  ')',
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '&nbsp',
  '\\',
  '!',
  '#',
  '# ',
  '> ',
  '- ',
  '+ ',
  '1. ',
  '1) ',
  '\n',
  '\n\n',
  '    ',
  '---',
  '===',
  '|',
  '[x]: /u',
  '[x]',
  // i18next
  '{{',
  '}}',
  '{{page}}',
  '{{- value}}',
  '{{__proto__}}',
  '$t(',
  '$t(letter:page)',
  '\u0000$t(letter:page)\u0000',
  '$t(letter:page, {"a": "{{b}}"})',
  // HTML and URLs
  '<script>',
  '</script>',
  '<b onclick=x>',
  '</b>',
  '<!--',
  '-->',
  '<![CDATA[',
  'javascript:',
  'https://example.org/a',
  '<https://example.org>',
  '[a](https://example.org)',
  '![i](https://e.org/x.png)',
  '[a](/etc/passwd)',
  // words, scripts and punctuation
  'word',
  'Khojaly',
  'déclaration',
  'Азербайджан',
  'الجمهورية',
  '中华人民',
  'ǝ',
  '«',
  '»',
  ':',
  ';',
  '?',
  '.',
  ' ',
  '  ',
  '\u00a0',
  '\u202f',
];
/** Any UTF-16 code unit, lone surrogates included (fast-check's own units never split a pair). */
const codeUnit = fc.nat(0xffff).map((c) => String.fromCharCode(c));
const hostile = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...pieces), weight: 8 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 2 },
      { arbitrary: fc.string({ unit: codeUnit, maxLength: 4 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
/** One line of hostile text (no line end: front-matter values, addressee fields). */
const hostileLine = hostile.map((t) => t.replace(/[\r\n\u2028\u2029]/g, ' '));

/** Deep nesting, up to 150 levels: far beyond any real statement, well within what the pipeline must take. */
const nested = fc
  .record({
    shape: fc.constantFrom(
      'quote',
      'list',
      'indented',
      'ordered',
      'emphasis',
      'underscore',
      'mixed',
      'links',
      'brackets',
    ),
    depth: fc.integer({ min: 1, max: 150 }),
    text: hostileLine,
  })
  .map(({ shape, depth: d, text }) => {
    switch (shape) {
      case 'quote':
        return `${'> '.repeat(d)}${text}`;
      case 'list':
        return `${'- '.repeat(d)}${text}`;
      case 'indented':
        return Array.from({ length: Math.min(d, 60) }, (_, i) => `${'  '.repeat(i)}- ${text}`).join('\n');
      case 'ordered':
        return Array.from({ length: Math.min(d, 40) }, (_, i) => `${'   '.repeat(i)}1. ${text}`).join('\n');
      case 'emphasis':
        return `${'*'.repeat(d)}${text}${'*'.repeat(d)}`;
      case 'underscore':
        return `${'_'.repeat(d)}a ${text}${'_'.repeat(d)}`;
      case 'mixed':
        return `${'*a _b '.repeat(d)}${text}${'_ c* '.repeat(d)}`;
      case 'links':
        return `${'['.repeat(d)}${text}${'](https://example.org)'.repeat(d)}`;
      default:
        return `${'[a](b '.repeat(d)}${text}`;
    }
  });

/** A very long line: up to 200,000 characters. */
const longLine = fc
  .record({ n: fc.integer({ min: 1000, max: 200_000 }), text: hostileLine })
  .map(({ n, text }) => `${text} ${'word '.repeat(n / 5)}`.slice(0, n));

const block = fc.oneof(
  { arbitrary: hostile, weight: 6 },
  { arbitrary: hostileLine.map((t) => `## ${t}`), weight: 1 },
  {
    arbitrary: fc
      .array(hostileLine, { minLength: 1, maxLength: 5 })
      .map((items) => items.map((i) => `- ${i}`).join('\n')),
    weight: 1,
  },
  {
    arbitrary: fc
      .array(hostileLine, { minLength: 1, maxLength: 3 })
      .map((lines) => lines.map((l) => `> ${l}`).join('\n')),
    weight: 1,
  },
  {
    arbitrary: fc.tuple(hostileLine, hostile).map(([info, code]) => `\`\`\`${info.replace(/`/g, '')}\n${code}\n\`\`\``),
    weight: 1,
  },
  { arbitrary: hostile.map((t) => `<div onclick="x">\n${t}\n</div>`), weight: 1 },
  { arbitrary: nested, weight: 2 },
  { arbitrary: longLine, weight: 1 },
  {
    arbitrary: fc.constantFrom('---', '***', '[ref]: javascript:alert(1)', 'Title\n===', '<script>alert(1)</script>'),
    weight: 1,
  },
);
const body = fc.array(block, { maxLength: 10 }).map((blocks) => blocks.join('\n\n'));

const yamlString = (s: string) => JSON.stringify(s);
/** A front matter the pipeline must accept (as long as the texts are not blank), with hostile texts. */
const goodFront = fc
  .record({
    title: hostileLine,
    institution: hostileLine,
    subtitle: fc.option(hostileLine),
    place: fc.option(hostileLine),
    signatory: fc.option(hostileLine),
  })
  .map(({ title, institution, subtitle, place, signatory }) =>
    [
      '---',
      `title: ${yamlString(`T ${title}`)}`,
      `institution: ${yamlString(`I ${institution}`)}`,
      ...(subtitle === null ? [] : [`subtitle: ${yamlString(`S ${subtitle}`)}`]),
      ...(place === null ? [] : [`place: ${yamlString(`P ${place}`)}`]),
      ...(signatory === null ? [] : [`signatory: ${yamlString(`G ${signatory}`)}`]),
      'reference: OMB-1',
      'date: 2022-02-25',
      'locales: [en, fr]',
      '---',
      '',
    ].join('\n'),
  );
/** Front matter that may be broken in any way: hostile text spliced in, fences lost, or none at all. */
const anyFront = fc.oneof(
  goodFront,
  fc
    .tuple(goodFront, hostile, fc.nat())
    .map(([front, junk, at]) => front.slice(0, at % front.length) + junk + front.slice(at % front.length)),
  fc
    .tuple(goodFront, fc.constantFrom('---\n', 'date: 2022-02-25\n', 'locales: [en, fr]\n', 'title:'))
    .map(([front, drop]) => front.replace(drop, '')),
  hostile,
);

// ---------------------------------------------------------------------------
// Reading rendered HTML without a browser: the pipeline writes every
// attribute double-quoted, so a tag is `<name (attr(="…")?)*>`.

const allowedTags = new Set([
  'html',
  'head',
  'meta',
  'title',
  'link',
  'style',
  'body',
  'a',
  'header',
  'nav',
  'main',
  'article',
  'section',
  'div',
  'p',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'em',
  'strong',
  'code',
  'pre',
  'br',
  'hr',
  'del',
  'ins',
  's',
  'sub',
  'sup',
  'b',
  'i',
  'kbd',
  'samp',
  'var',
  'tt',
  'strike',
  'q',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'details',
  'summary',
  'ruby',
  'rt',
  'rp',
]);

function htmlProblems(html: string, print: boolean): string[] {
  const out: string[] = [];
  if (!html.startsWith('<!doctype html>')) out.push('no doctype');
  if (/<script/i.test(html)) out.push('"<script" in the markup');
  // Text never holds a raw "<": every "<" opens a tag or a comment, and none of them is a comment.
  for (const m of html.matchAll(/<(\/?)([^\s>/]*)((?:[^>"]|"[^"]*")*)>?/g)) {
    const [whole, , name, rest] = m;
    if (name === '!doctype') continue;
    if (!allowedTags.has(name.toLowerCase())) {
      out.push(`tag ${whole.slice(0, 60)}`);
      continue;
    }
    for (const a of rest.matchAll(/\s([^\s="'>/]+)(?:="([^"]*)")?/g)) {
      const [, attr, value = ''] = a;
      if (/^on/i.test(attr)) out.push(`event attribute ${attr}`);
      if (attr === 'style' || attr === 'src' || attr === 'action' || attr === 'srcset') out.push(`${attr} attribute`);
      if (attr === 'href' && !/^(?:https?:\/\/|mailto:|(?:\.\.\/)+[\w/.-]+|#statement$)/.test(value))
        out.push(`href="${value}"`);
    }
    if (!/^\s*(?:[^\s="'>/]+(?:="[^"]*")?\s*)*\/?$/.test(rest)) out.push(`malformed tag ${whole.slice(0, 80)}`);
  }
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  if (styles.length !== (print ? 1 : 0)) out.push(`${styles.length} style elements`);
  for (const css of styles)
    if (/url\s*\(|@import/i.test(css.replace(/"(?:\\[\s\S]|[^"\\])*"/g, '""')))
      out.push('url() or @import in a style element');
  return out;
}

const phrasing = new Set([
  'text',
  'emphasis',
  'strong',
  'inlineCode',
  'link',
  'image',
  'html',
  'break',
  'linkReference',
  'imageReference',
  'delete',
]);

function nodeTypes(nodes: Nodes[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    out.add(n.type);
    if ('children' in n) nodeTypes(n.children as Nodes[], out);
  }
  return out;
}

// ---------------------------------------------------------------------------

describe('the HTML reader of this file', () => {
  it('catches what it is meant to catch', () => {
    const bad =
      '<!doctype html><html><head><style>p{background:url(x)}</style></head><body><p onclick="x" style="color:red"><a href="/etc/passwd">a</a><img src="https://e.org/x.png"><svg></svg><script>1</script></p></body></html>';
    const found = htmlProblems(bad, false).join('\n');
    for (const what of [
      '"<script" in the markup',
      'event attribute onclick',
      'style attribute',
      'href="/etc/passwd"',
      'tag <img',
      'tag <svg',
      '1 style elements',
      'url() or @import',
    ])
      expect(found).toContain(what);
    expect(
      htmlProblems(
        '<!doctype html><html lang="fr"><body><p class="a">x &#x3C; y</p><a href="https://example.org/">z</a></body></html>',
        false,
      ),
    ).toEqual([]);
  });
});

describe('parseStatement + extractSegments', () => {
  it('never crash on random front matter and Markdown: a statement or an InputError, with well-formed, unique keys', () => {
    let accepted = 0;
    fuzz(
      fc.tuple(anyFront, body),
      ([front, md]) => {
        let parsed: ParsedStatement;
        try {
          parsed = parseStatement(`${front}\n${md}`, 'fuzz.md');
        } catch (error) {
          if (error instanceof InputError) {
            expect(error.format()).toMatch(/^fuzz\.md:\d+:\d+: \S/);
            return;
          }
          throw error;
        }
        accepted++;
        const segments = extractSegments(parsed);
        const keys = segments.map((s) => s.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of segments) {
          // Flat catalogs: keys are ASCII slugs, never with dots, never "__proto__".
          expect(s.key).toMatch(
            /^(?:title|subtitle|institution|signatory|place|(?:h|p|li|quote|th|td|caption|fn)-[a-z0-9]+(?:-[a-z0-9]+)*)$/,
          );
          expect(s.text.trim()).not.toBe('');
          expect(s.hash).toBe(hashText(s.text));
          expect(Number.isInteger(s.words) && s.words >= 0).toBe(true);
          expect(s.line).toBeGreaterThanOrEqual(1);
        }
      },
      { runs: 400, ms: 8000, min: 100 },
    );
    expect(accepted).toBeGreaterThan(20);
  });
});

describe('parseInline', () => {
  it('never crashes and keeps a translation one block: phrasing nodes only, plain text as itself', () => {
    fuzz(
      fc.oneof(hostile, nested, longLine),
      (text) => {
        const nodes = parseInline(text);
        expect(Array.isArray(nodes)).toBe(true);
        for (const type of nodeTypes(nodes as Nodes[])) expect(phrasing.has(type), type).toBe(true);
        if (!/[\\`*_[\]<&]/.test(text)) {
          expect(nodes).toEqual(text === '' ? [] : [{ type: 'text', value: text.replace(/[ \t]*\r?\n[ \t]*/g, '\n') }]);
        }
      },
      { runs: 400, ms: 6000, min: 100 },
    );
  });
});

describe('checkTranslation', () => {
  const locales = fc.constantFrom('fr', 'ru', 'ar', 'zh', 'es', 'az');
  const ns = fc.constantFrom('statement' as const, 'letter' as const, 'addressees' as const);
  const checks = new Set<Finding['check']>([
    'figures',
    'markup',
    'placeholders',
    'terminology',
    'empty',
    'unsafe',
    'identical',
    'spaces',
    'punctuation',
    'script',
    'doubled-words',
    'brackets',
    'quotes',
    'sentences',
    'length',
  ]);

  it('never crashes, and finds only well-formed findings', () => {
    fuzz(
      fc.record({ source: hostile, translation: hostile, locale: locales, ns }),
      ({ source, translation, locale, ns: n }) => {
        const ctx: CheckContext = { ns: n, key: 'k', locale, sourceLocale: 'en', glossary };
        const findings = checkTranslation(source, translation, ctx);
        for (const f of findings) {
          expect(checks.has(f.check)).toBe(true);
          expect(['error', 'warning']).toContain(f.severity);
          expect(typeof f.message === 'string' && f.message.length > 0).toBe(true);
        }
        if (translation.trim() === '')
          expect(findings).toEqual(translation === '' ? [] : [expect.objectContaining({ check: 'empty' })]);
      },
      { runs: 500, ms: 6000, min: 150 },
    );
  });

  it('finds no figure, markup, placeholder or unsafe error in a translation identical to its source', () => {
    fuzz(
      fc.record({ source: fc.oneof(hostile, nested), locale: locales, ns }),
      ({ source, locale, ns: n }) => {
        const findings = checkTranslation(source, source, {
          ns: n,
          key: 'k',
          locale,
          sourceLocale: 'en',
          glossary: [],
        });
        expect(findings.filter((f) => ['figures', 'markup', 'placeholders', 'unsafe'].includes(f.check))).toEqual([]);
      },
      { runs: 400, ms: 5000, min: 100 },
    );
  });
});

describe('figures', () => {
  // Every decimal digit set of Unicode, by its zero: a run of \p{Nd} is one or more sets of ten.
  const zeros: number[] = [];
  for (let cp = 0, run = -1; cp <= 0x10ffff; cp++) {
    const nd = cp < 0xd800 || cp > 0xdfff ? /\p{Nd}/u.test(String.fromCodePoint(cp)) : false;
    if (!nd) run = -1;
    else {
      if (run < 0) run = cp;
      if ((cp - run) % 10 === 0) zeros.push(cp);
    }
  }

  it('finds every decimal digit set of Unicode (sanity of the scan)', () => {
    expect(zeros).toContain(0x30);
    expect(zeros).toContain(0x660);
    expect(zeros).toContain(0x1d7d8);
    expect(zeros.length).toBeGreaterThan(60);
  });

  it('never crash, give canonical numbers, and read the same figures in every digit script', () => {
    fuzz(
      fc.record({ text: hostile, zero: fc.constantFrom(...zeros) }),
      ({ text, zero }) => {
        const found = figures(text, { roman: true });
        for (const [n, count] of found) {
          expect(n).toMatch(/^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/);
          expect(Number.isInteger(count) && count >= 1).toBe(true);
        }
        const other = text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
        expect(Object.fromEntries(figures(other))).toEqual(Object.fromEntries(figures(text)));
      },
      { runs: 500, ms: 5000, min: 150 },
    );
  });
});

describe('typeset', () => {
  it('never crashes, and changes nothing but spaces and soft hyphens', () => {
    const bare = (s: string) => s.replace(/[ \u00a0\u202f\u00ad]/g, '');
    fuzz(
      fc.record({
        text: fc.oneof(hostile, longLine),
        locale: fc.constantFrom('en', 'fr', 'ru', 'es', 'ar', 'zh', 'az'),
        hyphenate: fc.boolean(),
      }),
      ({ text, locale, hyphenate }) => {
        const out = typeset(text, locale, hyphenate ? hyphenatorFor(locale) : undefined);
        expect(bare(out)).toBe(bare(text));
      },
      { runs: 400, ms: 6000, min: 100 },
    );
  });
});

describe('a whole edition and letter of one locale', () => {
  const choice = fc.oneof(
    { arbitrary: fc.constant<undefined>(undefined), weight: 2 },
    { arbitrary: fc.constantFrom('', '   ', '\u00a0\u2028'), weight: 1 },
    { arbitrary: hostile, weight: 5 },
    { arbitrary: nested, weight: 1 },
    { arbitrary: fc.constant<null>(null), weight: 2 },
  );
  const recipient = fc.record({
    name: hostileLine,
    address: fc.array(hostileLine, { maxLength: 3 }),
    form: fc.constantFrom('excellency' as const, 'formal' as const),
  });

  it('render random Markdown with random translations: no crash, counts right, nothing unsafe in the HTML', () => {
    fuzz(
      fc.record({
        front: goodFront,
        md: body,
        translations: fc.array(choice, { minLength: 1, maxLength: 30 }),
        print: fc.boolean(),
        who: recipient,
      }),
      ({ front, md, translations, print, who }) => {
        let parsed: ParsedStatement;
        try {
          parsed = parseStatement(`${front}\n${md}`, 'fuzz.md');
        } catch (error) {
          // Hostile texts can make a front-matter value blank or unparsable: refused, not crashed.
          if (error instanceof InputError) return;
          throw error;
        }
        const segments: Segment[] = extractSegments(parsed);
        const catalogs: LocaleCatalogs = emptyCatalogs();
        let missing = 0;
        segments.forEach((s, i) => {
          const pick = translations[i % translations.length];
          // null: the source text itself, as a translator who has not started would paste it.
          const text = pick === null ? s.text : pick;
          if (text !== undefined) catalogs.statement[s.key] = text;
          if (text === undefined || text.trim() === '') missing++;
        });
        catalogs.addressees.someone = `${who.name} ${translations.length}`;
        const t = createTranslator('fr', 'en', catalogs, templates.strings);
        const edition = renderEdition(parsed, segments, t, templates, { print });
        expect(edition.total).toBe(segments.length);
        expect(edition.pending).toBe(missing);
        expect(htmlProblems(edition.html, print)).toEqual([]);
        const person: Recipient = {
          id: 'someone',
          name: `N ${who.name}`,
          languages: ['fr'],
          form: who.form,
          address: who.address,
          place: { file: 'x' },
        };
        const letter = renderLetter(parsed, segments, t, person, templates, { assets: '../assets', hyphenate: print });
        expect(htmlProblems(letter.html, true)).toEqual([]);
      },
      { runs: 300, ms: 12_000, min: 60 },
      6000,
    );
  });
});

describe('pathological nesting (thousands of levels)', () => {
  const cases: Array<[string, string]> = [
    ['5,000 nested quotes', `${'> '.repeat(5000)}deep`],
    ['3,000 nested list items', `${'- '.repeat(3000)}deep`],
    ['5,000 nested emphasis runs', `${'*'.repeat(5000)}deep${'*'.repeat(5000)}`],
  ];
  for (const [name, md] of cases) {
    it(`${name} in the source: refused with an InputError or rendered, never a crash, in seconds`, () => {
      const start = performance.now();
      let outcome = 'rendered';
      try {
        const parsed = parseStatement(
          `---\ntitle: T\ninstitution: I\nreference: R\ndate: 2022-02-25\nlocales: [en, fr]\n---\n\n${md}\n`,
          'deep.md',
        );
        const segments = extractSegments(parsed);
        renderEdition(parsed, segments, createTranslator('en', 'en', emptyCatalogs(), templates.strings), templates);
      } catch (error) {
        outcome =
          error instanceof InputError ? 'refused' : `crashed: ${(error as Error).name}: ${(error as Error).message}`;
      }
      expect(outcome).toMatch(/^(rendered|refused)$/);
      expect(performance.now() - start).toBeLessThan(15_000);
    });
  }

  it('a translation of 5,000 nested emphasis runs is rendered (a translation is content, never an input error)', () => {
    const parsed = parseStatement(
      '---\ntitle: T\ninstitution: I\nreference: R\ndate: 2022-02-25\nlocales: [en, fr]\n---\n\nOne paragraph.\n',
      'deep.md',
    );
    const segments = extractSegments(parsed);
    const catalogs = emptyCatalogs();
    catalogs.statement[segments.find((s) => s.kind === 'p')!.key] = `${'*'.repeat(5000)}profond${'*'.repeat(5000)}`;
    const start = performance.now();
    let outcome = 'rendered';
    try {
      renderEdition(parsed, segments, createTranslator('fr', 'en', catalogs, templates.strings), templates);
    } catch (error) {
      outcome = `crashed: ${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(outcome).toBe('rendered');
    expect(performance.now() - start).toBeLessThan(15_000);
  });
});

// ---------------------------------------------------------------------------

describe('100,000 keys', () => {
  const N = 100_000;
  const source: Record<string, string> = {};
  const fr: Record<string, string> = {};
  for (let i = 0; i < N; i++) {
    const key = `p-paragraph-${i}`;
    // One in ten with inline markup and a link: the checks then parse both texts.
    source[key] =
      i % 10
        ? `Paragraph ${i} of the statement: 1,234 people over 30 years.`
        : `Paragraph ${i}: *1,234 people* over [30 years](https://example.org/${i}).`;
    if (i % 3)
      fr[key] =
        i % 10
          ? `Paragraphe ${i} de la déclaration : 1 234 personnes en 30 ans.`
          : `Paragraphe ${i} : *1 234 personnes* en [30 ans](https://example.org/${i}).`;
  }
  // Broken on purpose, so that the statuses can be checked, not just timed.
  const broken = ['p-paragraph-1', 'p-paragraph-20', 'p-paragraph-99998'];
  fr[broken[0]] = 'Paragraphe 1 de la déclaration : 1 235 personnes en 30 ans.';
  fr[broken[1]] = 'Paragraphe 20 : 1 234 personnes en [30 ans](https://evil.example/).';
  fr[broken[2]] = 'Paragraphe 99998 de la déclaration : 1 234 personnes en 30 ans. <script>alert(1)</script>';
  const text = JSON.stringify(fr, null, 2);
  let catalog: Record<string, string>;

  it('a catalog of 100,000 keys parses, and a translator made of it finds every key, in reasonable time', () => {
    let start = performance.now();
    catalog = parseCatalog(text, 'locales/fr/statement.json');
    const parseMs = performance.now() - start;
    expect(Object.keys(catalog)).toHaveLength(Object.keys(fr).length);
    start = performance.now();
    const t = createTranslator('fr', 'en', { ...emptyCatalogs(), statement: catalog }, templates.strings);
    let pending = 0;
    for (const [key, src] of Object.entries(source)) {
      const shown = t.segment(key, src);
      if (shown.pending) pending++;
      else if (shown.text !== fr[key]) throw new Error(`${key}: got ${shown.text}`);
    }
    const lookupMs = performance.now() - start;
    expect(pending).toBe(N - Object.keys(fr).length);
    expect(parseMs).toBeLessThan(3000);
    expect(lookupMs).toBeLessThan(5000);
  });

  it('keyStatuses over 100,000 keys completes, and finds exactly the broken ones', () => {
    const sources = { statement: source, letter: {}, addressees: {} };
    const catalogs = { ...emptyCatalogs(), statement: catalog ?? parseCatalog(text, 'fr.json') };
    const start = performance.now();
    const keys = keyStatuses(sources, 'fr', 'en', catalogs, emptyState(), glossary);
    const ms = performance.now() - start;
    expect(keys).toHaveLength(N);
    expect(keys.filter((k) => k.status === 'missing')).toHaveLength(N - Object.keys(fr).length);
    expect(
      keys
        .filter((k) => k.findings.some((f) => f.severity === 'error'))
        .map((k) => k.key)
        .sort(),
    ).toEqual([...broken].sort());
    const summary = summarize(sources, keys, catalogs, 'en', 'fr');
    expect(summary.translated + summary.missing).toBe(N);
    expect(ms).toBeLessThan(30_000);
  });
});
