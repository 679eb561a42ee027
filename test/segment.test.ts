import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseStatement } from '../pipeline/source/parse.js';
import { extractSegments, slugOf, countWords } from '../pipeline/source/segment.js';
import { repo } from './helpers.js';

const fixture = path.join(repo, 'test/fixtures/segment');
const input = fs.readFileSync(path.join(fixture, 'input.md'), 'utf8');
const segmentsOf = (text: string) =>
  extractSegments(parseStatement(text, 'input.md')).map(({ node: _node, ...s }) => s);

describe('extractSegments', () => {
  it('matches the golden fixture (`vitest -u` rewrites it, for review)', async () => {
    await expect(`${JSON.stringify(segmentsOf(input), null, 2)}\n`).toMatchFileSnapshot(
      path.join(fixture, 'expected.json'),
    );
  });

  it('keeps inline Markdown in the segment text and folds soft breaks', () => {
    const p = segmentsOf(input).find((s) => s.key.startsWith('p-the-first-paragraph-has-emphasis'))!;
    expect(p.text).toBe(
      'The first paragraph has *emphasis*, a [link](https://example.org/a "t") and a figure: 3,410 houses.',
    );
    expect(p.line).toBe(12);
  });

  it('gives duplicate paragraphs distinct keys', () => {
    const keys = segmentsOf(input).map((s) => s.key);
    expect(keys).toContain('p-the-first-paragraph-has-a-twin');
    expect(keys).toContain('p-the-first-paragraph-has-a-twin-2');
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('changes no other key when a paragraph is inserted, removed or moved', () => {
    const before = segmentsOf(input).map((s) => s.key);
    const inserted = input.replace(
      '> A quoted paragraph.',
      'A brand new paragraph, inserted.\n\n> A quoted paragraph.',
    );
    const after = segmentsOf(inserted).map((s) => s.key);
    expect(after.filter((k) => !before.includes(k))).toEqual(['p-a-brand-new-paragraph-inserted']);
    expect(before.every((k) => after.includes(k))).toBe(true);
    const removed = segmentsOf(input.replace('> A quoted paragraph.\n', '')).map((s) => s.key);
    expect(removed).toEqual(before.filter((k) => k !== 'quote-a-quoted-paragraph'));
    const moved = segmentsOf(
      input
        .replace('# A heading with **bold**\n', '')
        .replace('> A quoted paragraph.', '> A quoted paragraph.\n\n# A heading with **bold**'),
    );
    expect(new Set(moved.map((s) => s.key))).toEqual(new Set(before));
  });

  it('keeps the key when the end of a paragraph is edited', () => {
    const edited = segmentsOf(input.replace('3,410 houses.', '3,410 houses and more.'));
    expect(edited.map((s) => s.key)).toEqual(segmentsOf(input).map((s) => s.key));
  });

  it('makes keys of the first words, ASCII, without dots', () => {
    expect(slugOf('Ombudsman’s 30th Anniversary: Xocalı, Ханкенди')).toBe('ombudsman-s-30th-anniversary-xocal');
    for (const s of segmentsOf(input)) expect(s.key).toMatch(/^[a-z0-9-]+$/);
  });

  it('counts words as a translation tool does: tokens with a letter or digit, one per CJK character', () => {
    expect(countWords('30 years have passed — since the tragedy.')).toBe(7);
    expect(countWords('  Xocalı\u00a0soyqırımı\tqurbanları\n')).toBe(3);
    expect(countWords('霍贾利 种族灭绝')).toBe(7);
    expect(countWords('OIC组织 2022年')).toBe(5);
    expect(countWords('𝐀𝐁 « » … 𝟏')).toBe(2);
    expect(countWords('')).toBe(0);
    // A lone surrogate (from a catalog's JSON escape) is not a letter, and takes nothing with it.
    expect(countWords('a\ud800 b')).toBe(2);
    expect(countWords('\ud8001 ')).toBe(1);
  });

  it('reads a long block only as far as its key words, with the same key as reading it whole', () => {
    // The key as read from the whole block: the first six words (accents dropped), at most 48 characters.
    const whole = (text: string) => {
      let slug = '';
      for (const w of text
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .slice(0, 6)) {
        if ((slug ? `${slug}-${w}` : w).length > 48) break;
        slug = slug ? `${slug}-${w}` : w;
      }
      return slug;
    };
    // Short and long words, accented, decomposed, ligatures, and long runs of text that gives no key word (Cyrillic, Chinese):
    // the 160th character falls inside words of every kind, and before, inside or after the sixth key word.
    const words = [
      'a',
      'Première',
      'Cafe\u0301',
      'ﬁnal',
      'Xocalı',
      '30th',
      'x'.repeat(25),
      'é'.repeat(40),
      'Ab1'.repeat(23),
      'Ханкенди'.repeat(9),
      '霍贾利'.repeat(25),
    ];
    // The sixth key word straddles the 160th character.
    expect(slugOf(`a a a a a ${'Ханкенди'.repeat(18)} Première mot`)).toBe('a-a-a-a-a-premiere');
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: 1 + Math.floor(next() * 12) },
        () => words[Math.floor(next() * words.length)],
      ).join(next() < 0.5 ? ' ' : ' — ');
      expect(slugOf(text), JSON.stringify(text)).toBe(whole(text));
    }
  });

  it('segments the canonical statement: 5 front-matter strings and 20 paragraphs', () => {
    const text = fs.readFileSync(path.join(repo, 'source/statement.md'), 'utf8');
    const segs = segmentsOf(text);
    expect(segs.filter((s) => s.kind === 'p')).toHaveLength(20);
    expect(segs.slice(0, 5).map((s) => s.key)).toEqual(['title', 'subtitle', 'institution', 'signatory', 'place']);
  });
});
