/**
 * Rewrites of the content streams Chromium (Skia) writes, so that the
 * text layer reads as the text was laid out. Pure: one decoded content
 * stream in, the rewritten stream out. Skia writes one operator or a
 * positioning operator and a glyph a line, which is what these rely on;
 * a stream written otherwise is returned unchanged.
 */

/**
 * A hyphenation point (soft hyphen) where the line did not break: Skia
 * draws it as a zero-width glyph inside a span whose /ActualText is U+00AD,
 * so every reader gets a soft hyphen inside the word (`excep\u00adtional`),
 * which search and screen readers do not see through. Where the line did
 * break there, Skia draws the visible hyphen as a glyph of its own after
 * the span, which stays (readers join a word hyphenated at a line end).
 */
const softHyphenSpan = /\/Span\s*<<\s*\/ActualText\s*(?:<feff00ad>|\(\\255\))\s*>>\s*BDC\s*\n([\s\S]*?)\bEMC\n/gi;

/** Drops the invisible soft-hyphen spans, keeping their positioning so that every following glyph stays where it was. */
export function dropSoftHyphens(content: string): string {
  return content.replace(softHyphenSpan, (_, inner: string) =>
    inner
      .replace(/<[0-9a-fA-F]*>\s*Tj|\((?:\\.|[^\\)])*\)\s*Tj/g, '')
      .replace(/[ \t]+\n/g, '\n')
      .replace(/^\n/, ''),
  );
}

const paint = /(^|\s)(f\*?|F|S|s|B\*?|b\*?|sh|Do)$/;

/**
 * Marks the content that is in no structure element as an artifact, as
 * PDF/UA-1 asks: Chromium leaves the page's margin boxes (the running
 * "page X of Y") and the page background outside the structure tree.
 * Text objects at the top level become pagination artifacts; painted
 * paths and images at the top level, plain artifacts. Clipping paths,
 * which paint nothing, are left as they are.
 */
export function markArtifacts(content: string): string {
  const out: string[] = [];
  let depth = 0;
  let textStart = -1;
  let pathStart = -1;
  for (const line of content.split('\n')) {
    const t = line.trim();
    if (depth === 0 && textStart < 0 && t === 'BT') textStart = out.length;
    if (depth === 0 && textStart < 0 && pathStart < 0 && /(^|\s)(re|m)$/.test(t)) pathStart = out.length;
    out.push(line);
    if (textStart >= 0) {
      if (t !== 'ET') continue;
      // A text object that holds tagged content itself is not an artifact.
      if (!out.slice(textStart).some((l) => l.includes('MCID'))) {
        out.splice(textStart, 0, '/Artifact <</Type /Pagination >>BDC');
        out.push('EMC');
      }
      textStart = -1;
      continue;
    }
    if (pathStart >= 0) {
      if (paint.test(t)) {
        out.splice(pathStart, 0, '/Artifact BMC');
        out.push('EMC');
        pathStart = -1;
      } else if (/(^|\s)W?\*?\s*n$/.test(t)) pathStart = -1;
    }
    if (/\bB(D|M)C$/.test(t)) {
      depth++;
      pathStart = -1;
    } else if (t === 'EMC') depth = Math.max(0, depth - 1);
  }
  // Unbalanced input: leave it alone rather than write a stream that does not nest.
  if (textStart >= 0 || depth !== 0) return content;
  return out.join('\n');
}
