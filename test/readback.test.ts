/**
 * The pure parts of the read-back check and of the text-layer rewrite:
 * word comparison, and the content-stream edits of pdfContent.ts.
 */
import { describe, it, expect } from 'vitest';
import { compareWords, htmlText, wordsOf, percent } from '../pipeline/print/readback.js';
import { dropSoftHyphens, markArtifacts } from '../pipeline/print/pdfContent.js';

describe('compareWords', () => {
  it('counts a word hyphenated at a line end as whole, and a soft hyphen left inside a word as a broken word', () => {
    expect(compareWords('exceptional population', 'excep-\ntional popula\u00ad\ntion').share).toBe(1);
    const broken = compareWords('exceptional', 'excep\u00adtional');
    expect(broken.share).toBe(0);
    expect(broken.lost).toEqual(['exceptional']);
  });
  it('forgives case, ligature glyphs and Arabic presentation forms, not a split word', () => {
    expect(compareWords('Statement horrific', 'STATEMENT horri\ufb01c').share).toBe(1);
    expect(compareWords('Statement', 'STATE MENT').share).toBe(0);
    expect(compareWords('جمهورية', '\ufe9f\ufee4\ufeec\ufeed\ufead\ufef3\ufe94').share).toBe(1);
    expect(compareWords('جمهورية', 'جمهور ية').share).toBe(0);
  });
  it('reads a number in Arabic text in either order, a Latin name apart from its Arabic neighbour', () => {
    expect(compareWords('الـ30 و«BBC» تقارير', '30الـ «BBCو» تقارير').share).toBe(1);
  });
  it('counts every occurrence: a dropped paragraph shows, extra words (page 1 of 2) do not', () => {
    const r = compareWords('one two three. one two three.', 'Page 1 of 2 one two three.');
    expect(r.share).toBe(0.5);
    expect(r.lost).toEqual(['one', 'two', 'three']);
    expect(percent(0.99499)).toBe('99.4 %');
  });
  it('counts each Chinese character as a word', () => {
    expect(wordsOf('种族灭绝 1992年')).toEqual(['种', '族', '灭', '绝', '1992', '年']);
  });
});

describe('htmlText', () => {
  it('takes the printed <main>, without tags, soft hyphens or entities', () => {
    const html =
      '<html><head><title>x</title></head><body><a class="skip">Skip</a><nav>English Français</nav><main><h1>Excep\u00adtional</h1><p>A &amp; B&#x2019;s</p></main></body></html>';
    expect(wordsOf(htmlText(html))).toEqual(['exceptional', 'a', 'b', 's']);
  });
});

describe('dropSoftHyphens', () => {
  it('removes the invisible soft-hyphen glyphs where no line broke, keeping every glyph position', () => {
    const content = [
      'BT',
      '/F4 16 Tf',
      '1 0 0 -1 8 33 Tm',
      '<0028> Tj',
      '8.56 0 Td <0053> Tj',
      '/Span<</ActualText <feff00ad> >> BDC',
      '9.82 0 Td <0003> Tj',
      'EMC',
      '0 0 Td <0057> Tj',
      'ET',
      '',
    ].join('\n');
    expect(dropSoftHyphens(content)).toBe(
      [
        'BT',
        '/F4 16 Tf',
        '1 0 0 -1 8 33 Tm',
        '<0028> Tj',
        '8.56 0 Td <0053> Tj',
        '9.82 0 Td',
        '0 0 Td <0057> Tj',
        'ET',
        '',
      ].join('\n'),
    );
  });
  it('leaves other /ActualText spans alone', () => {
    const content = '/Span<</ActualText (z) >> BDC\n11.28 0 Td <003d> Tj\nEMC\n';
    expect(dropSoftHyphens(content)).toBe(content);
  });
});

describe('markArtifacts', () => {
  it('wraps untagged text and painted paths as artifacts, leaves tagged content and clipping paths alone', () => {
    const content = [
      'q',
      '0 0 643 964 re',
      'f',
      'Q',
      '0 0 10 10 re',
      'W* n',
      'BT',
      '<0033> Tj',
      'ET',
      '/P <</MCID 0 >>BDC',
      'BT',
      '<0044> Tj',
      'ET',
      'EMC',
    ].join('\n');
    expect(markArtifacts(content)).toBe(
      [
        'q',
        '/Artifact BMC',
        '0 0 643 964 re',
        'f',
        'EMC',
        'Q',
        '0 0 10 10 re',
        'W* n',
        '/Artifact <</Type /Pagination >>BDC',
        'BT',
        '<0033> Tj',
        'ET',
        'EMC',
        '/P <</MCID 0 >>BDC',
        'BT',
        '<0044> Tj',
        'ET',
        'EMC',
      ].join('\n'),
    );
  });
  it('leaves a stream whose marked content does not nest unchanged', () => {
    const content = 'BT\n<0033> Tj\n';
    expect(markArtifacts(content)).toBe(content);
  });
});
