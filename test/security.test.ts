/**
 * Hostile content. Payloads of the XSS cheat-sheet kind, put into the
 * canonical source, a French translation and the addressee registry, are
 * content, not input errors (DESIGN, "Bad input"): the build goes on, and
 * every HTML and PDF it writes comes out neutralized. The HTML is read back
 * through Chromium's own parser (DOMParser), so what is checked is what a
 * browser would see, not what a regular expression guesses. Also: the print
 * browser makes no network request, and unsafe addressee ids are refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import YAML from 'yaml';
import { makeProject, runCli, read, snapshot } from './helpers.js';
import { build, type BuildResult } from '../pipeline/build/build.js';
import { parseStatement, parseInline } from '../pipeline/source/parse.js';
import { extractSegments } from '../pipeline/source/segment.js';
import { Printer, findBrowser, chromiumArgs } from '../pipeline/print/browser.js';
import { loadWorkspace, statusesOf } from '../pipeline/catalog/workspace.js';

// ---------------------------------------------------------------------------
// The corpus. `S` stands for the payload's harmless marker text (SAFE07Q for
// payload 7); `visible` says whether that text must survive into the output
// (false where it only lives inside something that is dropped whole, like
// an image's alt text or a raw-HTML attribute).

interface Payload {
  category: string;
  md: string;
  visible: boolean;
}

const p = (category: string, md: string, visible = true): Payload => ({ category, md, visible });

const corpus: Payload[] = [
  // <script> in many spellings
  p('script', '<script>alert(1)</script>S'),
  p('script', '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>S'),
  p('script', '<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>S'),
  p('script', '<script/xss src="https://evil.example/x.js"></script>S'),
  p('script', '<<script>alert(1);//<</script>S'),
  p('script', '<scr<script>ipt>alert(1)</scr</script>ipt>S'),
  p('script', '</p><script>alert(1)</script><p>S'),
  p('script', '<noscript><p title="</noscript><script>alert(1)</script>">S</p></noscript>'),
  p('script', '<!--<script>alert(1)</script>-->S'),
  p('script', '<![CDATA[<script>alert(1)</script>]]>S'),
  p('script', '`<script>alert(1)</script>` S'),
  p('script', '&lt;script&gt;alert(1)&lt;/script&gt; S'),
  p('script', '\\<script\\>alert(1)\\</script\\> S'),
  // event attributes
  p('event', '<img src=x onerror=alert(1)>S'),
  p('event', '<body onload=alert(1)>S'),
  p('event', '<div onmouseover="alert(1)">S</div>'),
  p('event', '<a href="https://example.org" onclick="alert(1)">S</a>'),
  p('event', '<b/onclick=alert(1)>S</b>'),
  p('event', '<details open ontoggle=alert(1)>S</details>'),
  p('event', '<video><source onerror="alert(1)"></video>S'),
  p('event', '<marquee onstart=alert(1)>S</marquee>'),
  p('event', '<x onpointerenter=alert`1`>S</x>'),
  // dangerous schemes in Markdown links
  p('md-link', '[S](javascript:alert(1))'),
  p('md-link', '[S](JaVaScRiPt:alert(1))'),
  p('md-link', '[S](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))'),
  p('md-link', '[S](&#x6A;avascript&colon;alert(1))'),
  p('md-link', '[S](java&#x09;script:alert(1))'),
  p('md-link', '[S](<javascript:alert(1)>)'),
  p('md-link', '[S](vbscript:msgbox(1))'),
  p('md-link', '[S](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'),
  p('md-link', '[S](file:///etc/passwd)'),
  p('md-link', '[S](//evil.example/x)'),
  p('md-link', '[S](/etc/passwd)'),
  p('md-link', '[S](../../../../etc/passwd)'),
  p('md-link', '[S](#user-content-x)'),
  p('md-link', '[S][evil-ref]'),
  p('md-link', '[S](https://example.org/t "title onmouseover=alert(1) <script>")'),
  // autolinks
  p('autolink', '<javascript:alert(1)> S'),
  p('autolink', '<JAVASCRIPT:alert(1)> S'),
  p('autolink', '<vbscript:msgbox(1)> S'),
  p('autolink', '<file:///etc/passwd> S'),
  p('autolink', '<data:text/html,alert(1)> S'),
  // dangerous schemes in raw HTML
  p('html-link', '<a href="javascript:alert(1)">S</a>'),
  p('html-link', '<a href="&#106;avascript:alert(1)">S</a>'),
  p('html-link', '<a href="  javascript:alert(1)">S</a>'),
  p('html-link', '<a href="jav&#x0A;ascript:alert(1)">S</a>'),
  p('html-link', '<a href="vbscript:msgbox(1)">S</a>'),
  p('html-link', '<a href="file:///etc/passwd">S</a>'),
  // CSS
  p('css', '<p style="background:url(javascript:alert(1))">S</p>'),
  p('css', '<span style="background-image:url(https://evil.example/t.png)">S</span>'),
  p('css', "<style>@import 'https://evil.example/x.css';</style>S"),
  p('css', '<style>body{background:url("https://evil.example/bg.png")}</style>S'),
  p('css', '<div style="width: expression(alert(1))">S</div>'),
  p('css', '<link rel=stylesheet href=https://evil.example/x.css>S'),
  // remote images
  p('image', '![S](https://evil.example/pixel.png)', false),
  p('image', '![S](javascript:alert(1))', false),
  p('image', '![S](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', false),
  p('image', '<img src="https://evil.example/pixel.png" alt="S">', false),
  p('image', '<img srcset="https://evil.example/a.png 1x">S'),
  p('image', '<picture><source srcset="https://evil.example/a.png"></picture>S'),
  // document-level and embedding elements
  p('document', '<base href="https://evil.example/">S'),
  p('document', '<meta http-equiv="refresh" content="0;url=https://evil.example/">S'),
  p('document', '<meta charset="utf-7">S'),
  p('document', '<iframe src="https://evil.example/"></iframe>S'),
  p('document', '<iframe srcdoc="<script>alert(1)</script>"></iframe>S'),
  p('document', '<object data="https://evil.example/x.swf"></object>S'),
  p('document', '<embed src="https://evil.example/x.swf">S'),
  p('form', '<form action="https://evil.example/"><input name=q value=x><button>S</button></form>'),
  p('form', '<form><button formaction="javascript:alert(1)">S</button></form>'),
  p('form', '<input type=image src=https://evil.example/x.png>S'),
  p('form', '<textarea>S</textarea>'),
  // SVG and MathML
  p('svg', '<svg onload=alert(1)>S</svg>'),
  p('svg', '<svg><script>alert(1)</script></svg>S'),
  p('svg', '<svg><a xlink:href="javascript:alert(1)"><text>S</text></a></svg>'),
  p('svg', '<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>S'),
  p(
    'mathml',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>S',
  ),
  p('mathml', '<math href="javascript:alert(1)">S</math>'),
  p('mathml', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">S</maction></math>'),
  // i18next nesting and interpolation: must stay literal text
  p('i18next', '$t(letter:page) S'),
  p('i18next', '{{page}} S'),
  p('i18next', '{{- value}} S'),
  p('i18next', '{{__proto__}} S'),
  p('i18next', '{{constructor.constructor}} S'),
  p('i18next', '$t(letter:close-formal, {"page": "{{pages}}"}) S'),
  // bidi and control characters
  p('bidi', '\u202Egnp.exe S'),
  p('bidi', '\u2066S\u2069\u202B\u202A\u202C\u202D'),
  // C0/C1 controls and NUL never get this far: text inputs are refused at the edge (test/faults.test.ts).
  p('control', '\u200B\uFEFFS\u2028\u2029'),
  // controls: safe content that must survive, so the checks can see it
  p('control-safe', '[S](https://example.org/ok)'),
  p('control-safe', '[S](mailto:office@example.org)'),
  p('control-safe', '<https://example.org/auto> S'),
];

/**
 * Literal forms the i18next payloads must keep in a statement text (not
 * interpolated, not nested). `{{__proto__}}` is Markdown there (strong
 * "proto"); addressee fields, which are plain text, keep it whole.
 */
const literalI18next = [
  '$t(letter:page)',
  '{{page}}',
  '{{- value}}',
  '{{constructor.constructor}}',
  '$t(letter:close-formal, {"page": "{{pages}}"})',
];

const nn = (i: number) => String(i + 1).padStart(2, '0');
const marker = (prefix: string, i: number) => `${prefix}${nn(i)}Q`;
const md = (i: number) => corpus[i].md.replace(/\bS\b/g, marker('SAFE', i));

/** Every check a waiver may silence: the hostile translations must reach the renderer, not be held back as unusable. */
const checks = [
  'figures',
  'markup',
  'placeholders',
  'terminology',
  'empty',
  'unsafe',
  'identical',
  'spaces',
  'punctuation',
];

// ---------------------------------------------------------------------------
// Reading outputs back.

/** What Chromium's parser makes of an HTML file. */
interface Parsed {
  elements: string[];
  attributes: Array<{ tag: string; name: string; value: string; parentClass: string }>;
  styles: string[];
  links: Array<{ rel: string; href: string }>;
  metas: Array<{ name: string; httpEquiv: string; charset: string }>;
  text: string;
  title: string;
}

async function parseHtml(page: Page, html: string): Promise<Parsed> {
  return page.evaluate((source: string) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const all = [...doc.querySelectorAll('*')];
    return {
      elements: all.map((e) => e.localName),
      attributes: all.flatMap((e) =>
        [...e.attributes].map((a) => ({
          tag: e.localName,
          name: a.name,
          value: a.value,
          parentClass: e.parentElement?.getAttribute('class') ?? '',
        })),
      ),
      styles: [...doc.querySelectorAll('style')].map((s) => s.textContent ?? ''),
      links: [...doc.querySelectorAll('link')].map((l) => ({
        rel: l.getAttribute('rel') ?? '',
        href: l.getAttribute('href') ?? '',
      })),
      metas: [...doc.querySelectorAll('meta')].map((m) => ({
        name: m.getAttribute('name') ?? '',
        httpEquiv: m.getAttribute('http-equiv') ?? '',
        charset: m.getAttribute('charset') ?? '',
      })),
      text: doc.body?.textContent ?? '',
      title: doc.title,
    };
  }, html);
}

/** Text compared loosely: typesetting adds no-break spaces and soft hyphens, the HTML parser drops NUL. */
const loose = (s: string) => s.replace(/[\s\u00a0\u202f\u00ad\u200b\ufeff\ufffd\u0000-\u001f]/g, '');

const forbiddenElements = [
  'script',
  'iframe',
  'object',
  'embed',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'svg',
  'math',
  'frame',
  'frameset',
  'applet',
  'noscript',
  'marquee',
  'details',
  'template',
];
const urlAttributes = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'srcset',
  'srcdoc',
  'data',
  'background',
  'poster',
  'cite',
  'longdesc',
  'ping',
  'manifest',
  'codebase',
]);
/** Links the pipeline itself writes: the language switcher, alternates, index, status page, proofs, stylesheets, the skip link. */
const pipelineHref =
  /^(?:(?:\.\.\/)*(?:(?:site\/)?[a-z]{2,3}(?:-[A-Za-z0-9]+)*\/(?:index\.html|statement\.pdf)|(?:site\/)?index\.html|site\/sitemap\.xml|statement\.pdf|status\/index\.html|review\/[a-z-]+\.(?:html|pdf)|letters\/[a-z0-9/-]+\.[a-z]{2,3}(?:-[A-Za-z0-9]+)*\.(?:html|pdf)|send-list\.csv|manifest\.json|assets\/(?:fonts|statement)\.css)|#statement)$/;
const contentHref = /^(?:https?:\/\/|mailto:)/;

/** The violations of one HTML file; empty when it is clean. */
function violations(file: string, raw: string, doc: Parsed): string[] {
  const out: string[] = [];
  const say = (what: string) => out.push(`${file}: ${what}`);
  if (/<script/i.test(raw)) say('"<script" in the markup');
  for (const tag of forbiddenElements) if (doc.elements.includes(tag)) say(`<${tag}> element`);
  for (const a of doc.attributes) {
    if (/^on/i.test(a.name)) say(`event attribute ${a.name}="${a.value}" on <${a.tag}>`);
    if (urlAttributes.has(a.name.toLowerCase())) {
      // What a browser would strip before looking at the scheme: controls and white space.
      const bare = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (/^(javascript|vbscript|data|file):/.test(bare)) say(`${a.name}="${a.value}" on <${a.tag}>`);
      if (a.name !== 'href') say(`URL attribute ${a.name}="${a.value}" on <${a.tag}>`);
      else if (!pipelineHref.test(a.value) && !contentHref.test(a.value))
        say(`relative or unknown link href="${a.value}" on <${a.tag}>`);
    }
    // The status page's bars are the only style attributes, and the pipeline writes them.
    if (
      a.name === 'style' &&
      !(
        file.startsWith('status/') &&
        a.tag === 'span' &&
        a.parentClass === 'status-bar' &&
        /^width:\d+(\.\d+)?%$/.test(a.value)
      )
    )
      say(`style="${a.value}" on <${a.tag}>`);
  }
  for (const css of doc.styles) {
    // Inside a CSS string (the page-number text) url( is only text; outside one it loads something.
    const code = css.replace(/"(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'/g, '""');
    if (/url\s*\(|@import|expression\s*\(|<\//i.test(code))
      say(`style element with url(), @import, expression() or an end tag: ${css.slice(0, 160)}`);
  }
  for (const l of doc.links) {
    if (!(['stylesheet', 'alternate', 'canonical'].includes(l.rel) && pipelineHref.test(l.href)))
      say(`<link rel="${l.rel}" href="${l.href}">`);
  }
  for (const m of doc.metas) {
    if (m.httpEquiv) say(`<meta http-equiv="${m.httpEquiv}">`);
    if (m.charset && m.charset.toLowerCase() !== 'utf-8') say(`<meta charset="${m.charset}">`);
  }
  return out;
}

function htmlFiles(dist: string): string[] {
  const root = fs.realpathSync(dist);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.html')) out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

// ---------------------------------------------------------------------------
// The hostile project: the real one, plus every payload in the source (in a
// paragraph, a quote, a list item, some headings), in the French catalog, and
// in two addressees per payload (one written to in English, one in French).

let dir: string;
let html: BuildResult;
let browser: Browser;
let page: Page;
const hostileKeys: string[] = [];
const translationOnlyKeys: string[] = [];

function writeHostileProject(root: string): void {
  const sourceFile = path.join(root, 'source/statement.md');
  const original = fs.readFileSync(sourceFile, 'utf8');
  const blocks: string[] = ['## Hostile content'];
  corpus.forEach((_, i) => {
    blocks.push(`Payload ${nn(i)}: ${md(i)} ${marker('END', i)}.`);
    blocks.push(i % 2 ? `> ${md(i)}` : `- ${md(i)}`);
    if (i % 10 === 0) blocks.push(`### Heading ${nn(i)} ${md(i)}`);
  });
  blocks.push('[evil-ref]: javascript:alert(1)');
  // Blocks that are no segment: a code fence whose info string is markup, a raw HTML block.
  blocks.push('```<script>alert(1)</script>\nCODEFENCE1Q <script>alert(1)</script>\n```');
  blocks.push('```onclick=alert(1) style=x\nCODEFENCE2Q\n```');
  blocks.push('<div onclick="alert(1)" style="background:url(https://evil.example/x)">\nHTMLBLOCK1Q\n</div>');
  // The subtitle too: it reaches the index page and every <title>-like place.
  const text = original.replace(
    /^subtitle: (.*)$/m,
    (_, s: string) => `subtitle: ${JSON.stringify(`${s} <img src=x onerror=alert(1)><script>alert(1)</script>`)}`,
  );
  fs.writeFileSync(sourceFile, `${text.trimEnd()}\n\n${blocks.join('\n\n')}\n`);

  const parsed = parseStatement(fs.readFileSync(sourceFile, 'utf8'), 'source/statement.md');
  const segments = extractSegments(parsed);
  const frFile = path.join(root, 'locales/fr/statement.json');
  const fr = JSON.parse(fs.readFileSync(frFile, 'utf8')) as Record<string, string>;
  const stateFile = path.join(root, 'locales/fr/state.json');
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  const waive = (ns: string, key: string) => {
    for (const check of checks)
      state.waivers.push({ ns, key, check, reason: 'security test: hostile content must reach the renderer' });
  };
  // (b) the French translation of each payload paragraph holds the payload too.
  corpus.forEach((_, i) => {
    const seg = segments.find((s) => s.text.startsWith(`Payload ${nn(i)}:`));
    if (!seg) throw new Error(`payload ${nn(i)} made no paragraph of its own`);
    fr[seg.key] = `Charge ${nn(i)} : ${md(i)} ${marker('FIN', i)}.`;
    hostileKeys.push(seg.key);
    waive('statement', seg.key);
  });
  // (b) payloads a translator adds to otherwise harmless paragraphs (the source has none of it).
  const plain = segments.filter(
    (s) => s.kind === 'p' && !s.text.startsWith('Payload') && fr[s.key] && !/[<&[`\\*_]/.test(s.text),
  );
  plain.slice(0, 20).forEach((seg, j) => {
    const i = (j * 7) % corpus.length;
    fr[seg.key] = `${fr[seg.key]} ${md(i)} ${marker('TR', j)}`;
    translationOnlyKeys.push(seg.key);
    waive('statement', seg.key);
  });
  fr.title = `${fr.title} <script>alert(1)</script> {{page}}`;
  fr.subtitle = `${fr.subtitle} <img src=x onerror=alert(1)><script>alert(1)</script>`;
  delete state.entries.statement.subtitle;
  for (const k of ['title', 'subtitle']) waive('statement', k);
  // Every other new segment (quotes, list items, headings) gets a translation, so French stays publishable.
  for (const s of segments) if (!(s.key in fr)) fr[s.key] = s.text;
  fs.writeFileSync(frFile, `${JSON.stringify(fr, null, 2)}\n`);

  // (c) addressees: the name and address in the registry (source language) and in the French catalog.
  const registryFile = path.join(root, 'source/addressees.yaml');
  const registry = YAML.parse(fs.readFileSync(registryFile, 'utf8')) as { addressees: Array<Record<string, unknown>> };
  const frNamesFile = path.join(root, 'locales/fr/addressees.json');
  const frNames = JSON.parse(fs.readFileSync(frNamesFile, 'utf8')) as Record<string, string>;
  corpus.forEach((_, i) => {
    for (const lng of ['en', 'fr']) {
      const id = `hostile-${nn(i)}-${lng}`;
      registry.addressees.push({
        id,
        name: `Addressee ${nn(i)} ${md(i)} ${marker('NAME', i)}`,
        languages: [lng],
        form: i % 2 ? 'formal' : 'excellency',
        address: [`Street ${nn(i)} ${md(i)}`, 'City'],
      });
      frNames[id] = `Destinataire ${nn(i)} ${md(i)} ${marker('NOM', i)}`;
      frNames[`${id}--address`] = `Rue ${nn(i)} ${md(i)}\nVille`;
      waive('addressees', id);
      waive('addressees', `${id}--address`);
    }
  });
  fs.writeFileSync(registryFile, YAML.stringify(registry));
  fs.writeFileSync(frNamesFile, `${JSON.stringify(frNames, null, 2)}\n`);
  fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

beforeAll(async () => {
  dir = makeProject();
  writeHostileProject(dir);
  html = await build({ root: dir, format: 'html' });
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('the hostile corpus', () => {
  it(`has at least 50 payloads across every category (${corpus.length})`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    expect(new Set(corpus.map((c) => c.category)).size).toBeGreaterThanOrEqual(14);
  });

  it('is content, not an input error: the HTML build goes on and fails nothing', () => {
    expect(html.written).toBe(true);
    expect(html.failed).toEqual([]);
  });

  it('is reported: a translation holding markup or a scheme the source lacks gets an "unsafe" finding (waived here, so it is rendered)', () => {
    const statuses = statusesOf(loadWorkspace(dir), 'fr');
    const wrong: string[] = [];
    translationOnlyKeys.forEach((key, j) => {
      const payload = md((j * 7) % corpus.length);
      const k = statuses.find((s) => s.ns === 'statement' && s.key === key)!;
      const errors = k.findings.filter((f) => f.severity === 'error').map((f) => f.check);
      // Markup of any kind, a scheme or a placeholder the source lacks: an error; a script, handler or scheme: "unsafe" in particular.
      // (Bidirectional controls count too: they can reorder what a reader sees.)
      const markup =
        parseInline(payload).some((n) => n.type !== 'text') ||
        /javascript:|vbscript:|file:|data:[a-z]+\/|\{\{|\$t\(|[\u202a-\u202e\u2066-\u2069]/i.test(payload);
      const dangerous = /<\s*script|\bon[a-z]+\s*=|javascript:|vbscript:|file:/i.test(payload);
      if (markup !== errors.length > 0)
        wrong.push(`${key} (${JSON.stringify(payload)}): errors ${JSON.stringify(errors)}`);
      if (dangerous && !errors.includes('unsafe'))
        wrong.push(`${key} (${JSON.stringify(payload)}): no "unsafe" finding`);
      if (k.findings.some((f) => f.severity === 'error' && !f.waived) || !k.usable)
        wrong.push(`${key}: not usable despite its waivers`);
    });
    // And every payload paragraph's translation is shown as French, not held back.
    for (const key of hostileKeys)
      if (!statuses.find((s) => s.ns === 'statement' && s.key === key)?.usable) wrong.push(`${key}: not usable`);
    expect(wrong).toEqual([]);
  });
});

describe('every HTML file of the build is neutralized', () => {
  it('editions, letters, status page, review proofs and index: no script, handler, dangerous URL, embedding, form, image, base, meta refresh or foreign style', async () => {
    const dist = path.join(dir, 'dist');
    const files = htmlFiles(dist);
    // Every kind of page is there: 7 editions, 2 letters per payload (and the real ones), 6 proofs, status, index.
    expect(files).toContain('index.html');
    expect(files).toContain('site/index.html');
    expect(files).toContain('status/index.html');
    expect(files.filter((f) => f.startsWith('review/'))).toHaveLength(6);
    expect(files.filter((f) => /^site\/[a-z]{2}\/index\.html$/.test(f))).toHaveLength(7);
    expect(files.filter((f) => f.startsWith('letters/hostile-'))).toHaveLength(2 * corpus.length);
    const problems: string[] = [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(dist, file), 'utf8');
      problems.push(...violations(file, raw, await parseHtml(page, raw)));
    }
    expect(problems).toEqual([]);
  });

  it('the checker itself catches what it is meant to catch', async () => {
    const bad =
      '<!doctype html><html><head><meta http-equiv="refresh" content="0"><style>p{background:url(x)}</style><link rel="stylesheet" href="https://evil.example/x.css"></head><body><p onclick="x" style="color:red"><a href=" javascript:alert(1)">a</a><a href="/etc/passwd">b</a><svg></svg></p></body></html>';
    const found = violations('en/index.html', bad, await parseHtml(page, bad)).join('\n');
    for (const what of [
      'event attribute onclick',
      'style="color:red"',
      'href=" javascript:alert(1)"',
      'relative or unknown link href="/etc/passwd"',
      '<svg>',
      'http-equiv',
      'url()',
      '<link rel="stylesheet" href="https://evil.example/x.css">',
    ]) {
      expect(found).toContain(what);
    }
  });

  it('keeps the harmless text of each payload in the source edition', async () => {
    const doc = await parseHtml(page, read(dir, 'dist/site/en/index.html'));
    const text = loose(doc.text);
    const lost = corpus
      .map((c, i) => (c.visible && !text.includes(marker('SAFE', i)) ? `${nn(i)} ${c.md}` : ''))
      .filter(Boolean);
    expect(lost).toEqual([]);
    for (const literal of literalI18next) expect(text).toContain(loose(literal));
    // Code is shown as code, whatever its fence says; a raw HTML block is dropped whole.
    expect(text).toContain('CODEFENCE1Q<script>alert(1)</script>');
    expect(text).toContain('CODEFENCE2Q');
    expect(text).not.toContain('HTMLBLOCK1Q');
  });

  it('renders the French translations (not the source as pending) and keeps their harmless text', async () => {
    const doc = await parseHtml(page, read(dir, 'dist/site/fr/index.html'));
    const text = loose(doc.text);
    const missing = corpus
      .map((c, i) =>
        [marker('FIN', i), ...(c.visible ? [marker('SAFE', i)] : [])].filter((m) => !text.includes(m)).join(' '),
      )
      .filter(Boolean);
    expect(missing).toEqual([]);
    for (let j = 0; j < translationOnlyKeys.length; j++) expect(text).toContain(marker('TR', j));
    for (const literal of literalI18next) expect(text).toContain(loose(literal));
    // Interpolation and nesting did not run: no page numbers, no other key's text pulled in.
    expect(text).not.toContain(loose('Page {{page}} of'));
    expect(doc.title).toContain('<script>alert(1)</script> {{page}}');
  });

  it('shows each addressee field as text, in the letter of its language', async () => {
    const problems: string[] = [];
    for (let i = 0; i < corpus.length; i++) {
      for (const lng of ['en', 'fr']) {
        const file = `dist/letters/hostile-${nn(i)}-${lng}.${lng}.html`;
        if (!fs.existsSync(path.join(dir, file))) {
          problems.push(`${file} missing`);
          continue;
        }
        const doc = await parseHtml(page, read(dir, file));
        const name =
          lng === 'en'
            ? `Addressee ${nn(i)} ${md(i)} ${marker('NAME', i)}`
            : `Destinataire ${nn(i)} ${md(i)} ${marker('NOM', i)}`;
        const street = lng === 'en' ? `Street ${nn(i)} ${md(i)}` : `Rue ${nn(i)} ${md(i)}`;
        if (!loose(doc.text).includes(loose(name))) problems.push(`${file}: name not shown as text`);
        if (!loose(doc.text).includes(loose(street))) problems.push(`${file}: address not shown as text`);
        if (!loose(doc.title).includes(loose(name))) problems.push(`${file}: name not in the title`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the payloads as text in the review proof', async () => {
    const doc = await parseHtml(page, read(dir, 'dist/review/fr.html'));
    const text = loose(doc.text);
    for (let i = 0; i < corpus.length; i++)
      expect(text).toContain(loose(`Charge ${nn(i)} : ${md(i)} ${marker('FIN', i)}.`));
  });
});

// ---------------------------------------------------------------------------
// PDFs: one letter and the French edition (with its review proof), printed for real.

function pdfProblems(file: string): string[] {
  const expanded = `${file}.qdf`;
  const r = spawnSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded], { encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) return [`${file}: qpdf failed: ${r.stderr}`];
  const text = fs.readFileSync(expanded).toString('latin1');
  fs.rmSync(expanded);
  const out: string[] = [];
  for (const name of [
    '/JavaScript',
    '/Launch',
    '/SubmitForm',
    '/ImportData',
    '/RichMedia',
    '/EmbeddedFile',
    '/OpenAction',
    '/AA',
  ]) {
    if (new RegExp(`${name.replace('/', '\\/')}\\b`).test(text)) out.push(`${file}: ${name}`);
  }
  if (/\/JS\b/.test(text)) out.push(`${file}: /JS`);
  if (/\/(?:javascript|vbscript|file):|\((?:javascript|vbscript|file|data):/i.test(text))
    out.push(`${file}: dangerous scheme in a string`);
  for (const m of text.matchAll(/\/URI\s*\(((?:\\.|[^\\)])*)\)/g)) {
    if (!contentHref.test(m[1])) out.push(`${file}: link annotation to ${m[1]}`);
  }
  return out;
}

describe('printed PDFs of the hostile project', () => {
  let letters: BuildResult;
  let editions: BuildResult;
  const logged: string[] = [];
  beforeAll(async () => {
    const log = (line: string) => logged.push(line);
    letters = await build({ root: dir, only: 'letters', addressee: 'hostile-37-fr', log });
    editions = await build({ root: dir, locales: ['fr'], only: 'editions', log });
  }, 300_000);

  it('print without failure', () => {
    expect(letters.failed).toEqual([]);
    expect(editions.failed).toEqual([]);
    expect(letters.printed).toBe(1);
    expect(editions.printed).toBe(2);
  });

  it('made no request the browser had to block (nothing remote survived to the print page)', () => {
    expect(logged.filter((l) => /blocked/.test(l))).toEqual([]);
  });

  it('hold no JavaScript, launch action or file:/javascript: link, and keep the safe links', () => {
    const letter = path.join(dir, 'dist/letters/hostile-37-fr.fr.pdf');
    const edition = path.join(dir, 'dist/site/fr/statement.pdf');
    // The review proof is checked too where it printed (its failure, if any, is the test above's).
    const files = [letter, edition, path.join(dir, 'dist/review/fr.pdf')].filter((f) => fs.existsSync(f));
    expect(files).toContain(letter);
    expect(files).toContain(edition);
    for (const f of files) expect(fs.readFileSync(f).subarray(0, 5).toString()).toBe('%PDF-');
    expect(files.flatMap(pdfProblems)).toEqual([]);
    // The check sees link annotations at all: the safe control link is one.
    const expanded = spawnSync('qpdf', ['--qdf', '--object-streams=disable', edition, '-'], {
      encoding: 'latin1',
      maxBuffer: 1 << 28,
    }).stdout;
    expect(expanded).toContain('/URI (https://example.org/ok)');
  });
});

// ---------------------------------------------------------------------------
// The letter strings of a locale (locales/fr/letter.json) are translations
// too: they reach the letters' text, their <title> and the page-number CSS.

describe('hostile letter strings', () => {
  let root: string;
  let result: BuildResult;
  beforeAll(async () => {
    root = makeProject();
    const file = path.join(root, 'locales/fr/letter.json');
    const strings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    Object.assign(strings, {
      page: 'Page {{page}} sur {{pages}} </style><script>alert(1)</script><style>body{background:url(https://evil.example/x.png)} @import "https://evil.example/x.css";',
      subject: 'Objet : {{title}} <img src=x onerror=alert(1)> {{__proto__}} {{constructor}} $t(skip-link)',
      'salutation-excellency': 'Excellence, <script>alert(1)</script>',
      'salutation-formal': 'Madame, Monsieur, <svg onload=alert(1)>',
      'close-excellency':
        '<a href="javascript:alert(1)">Veuillez agréer</a>, Excellence, $t(letter:page) l’assurance de ma très haute considération.',
      'close-formal': 'Veuillez agréer <iframe src=https://evil.example/></iframe> mes salutations distinguées.',
      'unofficial-notice':
        '<base href=https://evil.example/>Traduction non officielle. <meta http-equiv=refresh content=0>',
      'letter-title': 'Lettre à {{addressee}} </title><script>alert(1)</script>',
      'place-date': '{{place}}, le {{date}} <link rel=stylesheet href=https://evil.example/x.css>',
      'skip-link': 'Aller à la déclaration <form action=https://evil.example/><input></form>',
    });
    fs.writeFileSync(file, `${JSON.stringify(strings, null, 2)}\n`);
    const stateFile = path.join(root, 'locales/fr/state.json');
    const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    for (const key of Object.keys(strings))
      for (const check of checks)
        state.waivers.push({
          ns: 'letter',
          key,
          check,
          reason: 'security test: hostile content must reach the renderer',
        });
    fs.writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
    result = await build({ root, format: 'html' });
  }, 120_000);

  it('are neutralized in French letters and the French edition, the page-number CSS included', async () => {
    expect(result.failed).toEqual([]);
    const dist = path.join(root, 'dist');
    const files = htmlFiles(dist).filter((f) => /\.fr\.html$|^site\/fr\/|^review\/fr/.test(f));
    expect(files.filter((f) => f.startsWith('letters/')).length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const file of files) {
      const raw = fs.readFileSync(path.join(dist, file), 'utf8');
      problems.push(...violations(file, raw, await parseHtml(page, raw)));
    }
    expect(problems).toEqual([]);
  });

  it("stay literal: no interpolation of a translator's {{__proto__}}, no nesting of $t()", async () => {
    const letter = htmlFiles(path.join(root, 'dist')).find((f) => f.startsWith('letters/') && f.endsWith('.fr.html'))!;
    const text = loose((await parseHtml(page, read(root, `dist/${letter}`))).text);
    expect(text).toContain('{{__proto__}}');
    expect(text).toContain('{{constructor}}');
    expect(text).not.toMatch(/\[objectObject\]|functionObject|nativecode/);
    // localize.ts: "Nesting ($t(...)) from a translator's text must never pull in other keys" — not even with the NUL-framed prefix.
    expect(text).not.toContain(loose('Aller à la déclaration'));
  });
});

// ---------------------------------------------------------------------------
// The print browser on a page that was never sanitized.

describe('the print browser makes no network request', () => {
  it('blocks remote images, stylesheets, CSS url() and @import, and files outside its folder, and still prints', async () => {
    let connections = 0;
    const server = http.createServer((_, res) => res.end('body{color:red}'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const local = `http://127.0.0.1:${port}`;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-printer-'));
    const folder = path.join(base, 'site');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(base, 'outside.css'), 'p { color: green }');
    fs.writeFileSync(
      path.join(folder, 'local.css'),
      `@import url("https://example.org/from-local.css");\np { font-size: 12pt }\n`,
    );
    fs.writeFileSync(
      path.join(folder, 'page.html'),
      `<!doctype html>
<html><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="https://example.org/remote.css">
<link rel="stylesheet" href="${local}/server.css">
<link rel="stylesheet" href="local.css">
<link rel="stylesheet" href="../outside.css">
<style>
@import url("https://example.org/imported.css");
@import "${local}/imported.css";
@font-face { font-family: Remote; src: url(https://example.org/font.woff2); }
body { background: url(http://example.org/bg.png); font-family: Remote; }
.x { background-image: url("${local}/bg.png"); }
</style>
<script src="https://example.org/x.js"></script>
</head><body>
<p class="x">Hello</p>
<img src="https://example.org/x.png" alt="">
<img src="${local}/y.png" alt="">
<iframe src="https://example.org/frame"></iframe>
</body></html>
`,
    );
    const printer = new Printer({ parallel: 1, timeout: 30_000 });
    try {
      const printed = await printer.print({
        html: path.join(folder, 'page.html'),
        root: folder,
        label: 'hostile page',
      });
      expect(printed.error).toBeUndefined();
      expect(Buffer.from(printed.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
      for (const url of [
        'https://example.org/x.png',
        'https://example.org/remote.css',
        'http://example.org/bg.png',
        'https://example.org/imported.css',
        'https://example.org/from-local.css',
        `${local}/server.css`,
        `${local}/y.png`,
      ]) {
        expect(printed.blocked, url).toContain(url);
      }
      expect(printed.blocked.some((u) => u.startsWith('file:') && u.endsWith('/outside.css'))).toBe(true);
      // Nothing the page asked for reached a server, and nothing allowed came from outside the folder.
      expect(printed.blocked.every((u) => !u.startsWith(`file://${folder}/`))).toBe(true);
      expect(connections).toBe(0);
    } finally {
      await printer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);
});

// ---------------------------------------------------------------------------
// Addressee ids that are not safe file names.

describe('an unsafe addressee id is refused before anything is written', () => {
  let root: string;
  let registry: string;
  let before: Map<string, string>;
  const escape = `escape-${process.pid}-${Date.now()}`;
  beforeAll(() => {
    root = makeProject();
    registry = read(root, 'source/addressees.yaml');
    before = snapshot(root);
  });

  const ids = [
    '../x',
    'a/b',
    'CON',
    '',
    '.hidden',
    'x'.repeat(300),
    `../../../${escape}`,
    'a\\b',
    'Upper',
    'a b',
    'trailing-',
    'é-accent',
    '..',
    'a.b',
  ];
  for (const id of ids) {
    it(`refuses ${JSON.stringify(id.length > 40 ? `${id.slice(0, 10)}… (${id.length} chars)` : id)} with exit 2 and one message`, async () => {
      const entry = YAML.stringify([{ id, name: 'Someone', languages: ['en'] }]).replace(/^/gm, '  ');
      fs.writeFileSync(path.join(root, 'source/addressees.yaml'), `${registry.trimEnd()}\n${entry}`);
      try {
        const r = await runCli(['build', '--format', 'html'], root);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^source\/addressees\.yaml:\d+:\d+: addressee id .* is not a safe file name/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      } finally {
        fs.writeFileSync(path.join(root, 'source/addressees.yaml'), registry);
      }
      expect(snapshot(root)).toEqual(before);
      expect(fs.existsSync(path.join(root, 'dist'))).toBe(false);
      for (const l of ['en', 'fr'])
        for (const ext of ['html', 'pdf'])
          expect(fs.existsSync(path.resolve(root, 'dist', 'letters', `../../../${escape}.${l}.${ext}`))).toBe(false);
    });
  }

  it('refuses an unsafe member id in a group list the same way', async () => {
    const file = path.join(root, 'source/members/foreign-embassies.csv');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${original.trimEnd()}\n../../${escape},Somewhere,fr\n`);
    try {
      const r = await runCli(['build', '--format', 'html'], root);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^source\/members\/foreign-embassies\.csv:\d+:\d+: member id .* is not a safe file name/,
      );
    } finally {
      fs.writeFileSync(file, original);
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('refuses names Windows reserves for devices (con, nul, aux, com1, lpt1), which no archive can unpack there', async () => {
    const refused: string[] = [];
    for (const id of ['con', 'nul', 'aux', 'prn', 'com1', 'lpt1']) {
      const entry = YAML.stringify([{ id, name: 'Someone', languages: ['en'] }]).replace(/^/gm, '  ');
      fs.writeFileSync(path.join(root, 'source/addressees.yaml'), `${registry.trimEnd()}\n${entry}`);
      try {
        const r = await runCli(['build', '--format', 'html', '--dry-run'], root);
        if (r.code === 2 && /not a safe file name/.test(r.stderr)) refused.push(id);
      } finally {
        fs.writeFileSync(path.join(root, 'source/addressees.yaml'), registry);
      }
    }
    expect(refused).toEqual(['con', 'nul', 'aux', 'prn', 'com1', 'lpt1']);
  });
});
