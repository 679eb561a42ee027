/**
 * `figures`: every figure of the source, as often as the source has it.
 * A figure may come back as a numeral of any script or as an ordinal word
 * of the locale ("Article 1" → "Article premier"); spelled out as a
 * cardinal word it is a warning; otherwise an error that names what the
 * translation has in its place.
 */
import { figures, figureList } from './figureText.js';
import { spelledNumbers, ordinalNumbers } from './numberWords.js';
import { memo } from '../core/memo.js';
import type { Check, Finding, RowContext } from './types.js';

// The same source segment is checked against every locale: its figures are worked out once per text.
const sourceFigures = memo((text) => figures(text));

const plural = (n: number, word: string) => (n > 1 ? `${word}s` : word);

/** `figures` (error; warning for a figure spelled out as a cardinal word). */
export const figuresCheck: Check = (source, translation, ctx) => {
  const want = sourceFigures(source);
  if (want.size === 0) return [];
  const have = figures(translation, { roman: true });
  const missing: string[] = [];
  for (const [n, count] of want) {
    for (let i = have.get(n) ?? 0; i < count; i++) missing.push(n);
  }
  if (!missing.length) return [];
  // Ordinal words stand for the figure itself: each one matches one missing figure.
  const ordinals = ordinalNumbers(translation, ctx.locale);
  const unmatched = missing.filter((n) => {
    const i = ordinals.indexOf(n);
    if (i < 0) return true;
    ordinals.splice(i, 1);
    return false;
  });
  if (!unmatched.length) return [];
  const words = spelledNumbers(translation, ctx.locale);
  const spelled = [...new Set(unmatched.filter((n) => words.includes(n)))];
  const out: Finding[] = [];
  const moved = ctx.row
    ? movedInRow(
        unmatched.filter((n) => !words.includes(n)),
        ctx.row,
      )
    : new Map<string, number>();
  for (const [n, column] of moved)
    out.push({
      check: 'figures',
      severity: 'warning',
      message: `figure ${n} of this cell is in column ${column + 1} of the same row: put it back in its own cell`,
    });
  const lost = [...new Set(unmatched.filter((n) => !words.includes(n) && !moved.has(n)))];
  if (lost.length) {
    // Figures of the translation that the source does not have (as often): most likely the changed ones.
    const spare = new Map(want);
    const extra = figureList(translation, { roman: true }).filter((n) => {
      const left = spare.get(n) ?? 0;
      if (left > 0) spare.set(n, left - 1);
      return left <= 0;
    });
    const pairs = lost.map((n, i) =>
      extra[i] === undefined ? `${n} missing` : `${extra[i]} where the source has ${n}`,
    );
    const changed = extra.length > 0;
    out.push({
      check: 'figures',
      severity: 'error',
      message: `${plural(lost.length, 'figure')} ${lost.join(', ')} of the source missing or changed${changed ? `: the translation has ${pairs.join(', ')}` : ''}`,
    });
  }
  if (spelled.length)
    out.push({
      check: 'figures',
      severity: 'warning',
      message: `${plural(spelled.length, 'figure')} ${spelled.join(', ')} spelled out in words; write digits`,
    });
  return out;
};

/**
 * The figures missing from a cell that another cell of its row has more
 * often than that cell's source does: moved, not lost (a warning). Each
 * surplus figure of another cell accounts for one missing figure.
 */
function movedInRow(missing: string[], row: RowContext): Map<string, number> {
  const out = new Map<string, number>();
  const surplus = row.shown.map((text, c) => {
    if (c === row.column) return new Map<string, number>();
    const want = sourceFigures(row.sources[c] ?? '');
    const have = figures(text, { roman: true });
    return new Map([...have].map(([n, k]) => [n, k - (want.get(n) ?? 0)] as [string, number]).filter(([, k]) => k > 0));
  });
  for (const n of missing) {
    const c = surplus.findIndex((s) => (s.get(n) ?? 0) > 0);
    const cell = surplus[c];
    if (!cell) continue;
    cell.set(n, (cell.get(n) ?? 0) - 1);
    out.set(n, c);
  }
  return out;
}
