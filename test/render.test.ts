import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseStatement } from '../pipeline/source/parse.js';
import { extractSegments } from '../pipeline/source/segment.js';
import { createTranslator } from '../pipeline/render/localize.js';
import { renderEdition, hreflangOf, ogLocaleOf } from '../pipeline/render/edition.js';
import { loadTemplates } from '../pipeline/core/project.js';
import { emptyCatalogs } from '../pipeline/catalog/catalog.js';
import { typeset, frenchSpacing } from '../pipeline/render/typeset.js';
import { renderBody } from '../pipeline/render/html.js';
import type { Root } from 'mdast';
import { repo } from './helpers.js';

const fixture = path.join(repo, 'test/fixtures/render');
const parsed = parseStatement(fs.readFileSync(path.join(fixture, 'input.md'), 'utf8'), 'input.md');
const segments = extractSegments(parsed);
const templates = loadTemplates(repo);

function edition(locale: string) {
  const catalogs = emptyCatalogs();
  if (locale === 'fr')
    catalogs.statement = JSON.parse(fs.readFileSync(path.join(fixture, 'fr.statement.json'), 'utf8'));
  return renderEdition(parsed, segments, createTranslator(locale, 'en', catalogs, templates.strings), templates);
}

/** Compared with the file as it is; rewritten only by `vitest -u` (then reviewed in the diff). */
async function golden(name: string, actual: string) {
  await expect(actual).toMatchFileSnapshot(path.join(fixture, name));
}

describe('renderEdition', () => {
  it('renders the source edition (golden)', () => golden('expected.en.html', edition('en').html));
  it('renders a half-translated edition (golden)', () => golden('expected.fr.html', edition('fr').html));

  it('marks untranslated segments as pending, in the source language, never silently', () => {
    const fr = edition('fr');
    expect(fr.html).toContain(
      '<li lang="en" dir="ltr" class="pending"><span class="pending-label" lang="en" dir="ltr">[Translation pending] </span>Another list item</li>',
    );
    expect(fr.pending).toBeGreaterThan(0);
    expect(fr.html).toMatch(/passages of this edition are not yet translated/);
  });

  it('neutralizes markup and dangerous links from a translation', () => {
    const fr = edition('fr').html;
    expect(fr).not.toMatch(/<script/i);
    expect(fr).not.toMatch(/javascript:/i);
    expect(fr).toContain('Un paragraphe cité');
  });

  it('sets lang, dir, title and hreflang alternates', () => {
    const fr = edition('fr').html;
    expect(fr).toMatch(/<html lang="fr" dir="ltr">/);
    expect(fr).toContain('<title>Déclaration</title>');
    expect(fr).toContain('<link rel="alternate" hreflang="en" href="../en/index.html">');
  });

  it('lists itself and x-default (the index) among its hreflang alternates', () => {
    const fr = edition('fr').html;
    expect(fr).toContain('<link rel="alternate" hreflang="fr" href="../fr/index.html">');
    expect(fr).toContain('<link rel="alternate" hreflang="x-default" href="../index.html">');
  });

  it('gives the English stand-in of a translation dir="ltr" as well as lang="en" (its full stop on the right side in Arabic)', () => {
    const catalogs = emptyCatalogs();
    const ar = renderEdition(
      parsed,
      segments,
      createTranslator('ar', 'en', catalogs, templates.strings),
      templates,
    ).html;
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain(
      '<p lang="en" dir="ltr" class="pending"><span class="pending-label" lang="en" dir="ltr">[Translation pending] </span>The first paragraph has a twin.</p>',
    );
    expect(ar).not.toMatch(/\slang="en"(?! dir="ltr")/);
  });

  it('declares Chinese as zh-Hans in hreflang, and gives a description and Open Graph tags', () => {
    expect(hreflangOf('zh')).toBe('zh-Hans');
    expect(hreflangOf('zh-Hant')).toBe('zh-Hant');
    expect(hreflangOf('fr')).toBe('fr');
    expect(ogLocaleOf('zh')).toBe('zh_CN');
    const fr = edition('fr').html;
    expect(fr).toContain('<meta name="description" content="On the fixture">');
    expect(fr).toContain('<meta property="og:title" content="Déclaration">');
    expect(fr).toContain('<meta property="og:locale" content="fr_FR">');
    expect(fr).toContain('<meta property="og:locale:alternate" content="en_US">');
    expect(fr).toContain('<link rel="canonical" href="../fr/index.html">');
  });

  it('links its PDF, or says the PDF is withdrawn while out of date', () => {
    const t = createTranslator('fr', 'en', emptyCatalogs(), templates.strings);
    expect(renderEdition(parsed, segments, t, templates, { pdf: 'current' }).html).toContain(
      '<a href="statement.pdf" type="application/pdf">Print version (PDF)</a>',
    );
    const outdated = renderEdition(parsed, segments, t, templates, { pdf: 'outdated' }).html;
    expect(outdated).not.toContain('href="statement.pdf"');
    expect(outdated).toContain('is being updated and is not available until the next full build');
    expect(renderEdition(parsed, segments, t, templates, { pdf: 'current', print: true }).html).not.toContain(
      'statement.pdf',
    );
  });

  it('uses absolute canonical and alternate URLs under baseUrl', () => {
    const t = createTranslator('fr', 'en', emptyCatalogs(), templates.strings);
    const html = renderEdition(parsed, segments, t, templates, { baseUrl: 'https://example.org/s/' }).html;
    expect(html).toContain('<link rel="canonical" href="https://example.org/s/fr/index.html">');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://example.org/s/index.html">');
    expect(html).toContain('<meta property="og:url" content="https://example.org/s/fr/index.html">');
  });
});

describe('typography', () => {
  it('puts French no-break spaces before : ; ! ? » and after «', () => {
    expect(frenchSpacing('« Justice ! » : oui ; non ? fin')).toBe(
      '«\u00a0Justice\u202f!\u00a0»\u00a0: oui\u202f; non\u202f? fin',
    );
    expect(frenchSpacing('«Justice!»')).toBe('«\u00a0Justice\u202f!\u00a0»');
  });
  it("keeps a French figure with its % sign and its unit (28 %, 5 km), and leaves a URL's %20 alone", () => {
    expect(typeset('soit 28 % des voix, 28% ; 5 km et 3 ha', 'fr')).toBe(
      'soit 28\u202f% des voix, 28\u202f%\u202f; 5\u00a0km et 3\u00a0ha',
    );
    expect(typeset('voir https://example.org/a%20b', 'fr')).toBe('voir https://example.org/a%20b');
    expect(typeset('28 % of 5 km', 'en')).toBe('28 % of 5 km');
  });
  it('keeps grouped numbers on one line and leaves URLs alone', () => {
    expect(typeset('plus de 3 410 maisons', 'fr')).toBe('plus de 3\u00a0410 maisons');
    expect(frenchSpacing('voir https://example.org/?q=1')).toBe('voir https://example.org/?q=1');
  });
  it('hyphenates where patterns exist, not in capitals or numbers', () => {
    const out = typeset('extermination UNESCO 1992', 'fr', (w) => w.replace('mination', '\u00admination'));
    expect(out).toBe('exter\u00admination UNESCO 1992');
  });
});

describe('renderBody', () => {
  it("sets block properties, renders the pipeline's own nodes, and keeps the text of an unknown literal node", () => {
    const tree = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          data: { hProperties: { lang: 'en', className: ['pending'] } },
          children: [
            {
              type: 'pendingLabel',
              data: {
                hName: 'span',
                hProperties: { className: ['pending-label'] },
                hChildren: [{ type: 'text', value: '[Pending] ' }],
              },
            },
            { type: 'text', value: 'Text' },
          ],
        },
        {
          type: 'list',
          ordered: false,
          spread: false,
          children: [
            {
              type: 'listItem',
              spread: false,
              data: { hProperties: { lang: 'en' } },
              children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Item' }] }],
            },
          ],
        },
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'a ' },
            { type: 'customLiteral', value: 'kept' },
            { type: 'customLiteral', value: 'named', data: { hName: 'em' } },
          ],
        },
        {
          type: 'signatureBlock',
          data: { hName: 'div', hProperties: { className: ['signature'] } },
          children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Baku' }] }],
        },
      ],
    } as unknown as Root;
    expect(renderBody(tree)).toBe(
      [
        '<p lang="en" class="pending"><span class="pending-label">[Pending] </span>Text</p>',
        '<ul>',
        '<li lang="en">Item</li>',
        '</ul>',
        '<p>a kept<em>named</em></p>',
        '<div class="signature"><p>Baku</p></div>',
      ].join('\n'),
    );
  });
});
