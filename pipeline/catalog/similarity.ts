/**
 * Text similarity for rebinding a translation whose key changed, and the
 * rules of when it may: same kind of segment, most words shared, never
 * across a statement replaced wholesale. Pure.
 */

function bigrams(text: string): Map<string, number> {
  const s = text.toLowerCase().replace(/\s+/g, ' ');
  const out = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character bigrams: 1 for equal texts, 0 for nothing shared. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) {
    shared += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** How similar two source texts must be (character bigrams) for a translation to follow a key change. */
export const REBIND_THRESHOLD = 0.6;

/**
 * The share of words two texts must have in common: bigrams alone let an
 * unrelated paragraph of the same language pass (its letters pair up alike).
 */
export const MIN_WORD_SHARE = 0.6;

/** Below this share of the old segments kept, the statement was replaced, not edited: nothing is rebound. */
export const WHOLESALE_KEPT = 0.25;

function words(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}

/** Words (with repeats) the texts share, over the word count of the longer: 1 for equal texts. */
export function wordShare(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let shared = 0;
  for (const [w, n] of x) shared += Math.min(n, y.get(w) ?? 0);
  const longer = Math.max(
    [...x.values()].reduce((s, n) => s + n, 0),
    [...y.values()].reduce((s, n) => s + n, 0),
  );
  return longer === 0 ? 0 : shared / longer;
}

const frontKeys = new Set(['title', 'subtitle', 'institution', 'signatory', 'place']);

/** The kind of string a key names: `p`, `h`, `li`, `quote`, a front-matter field, `address`, or `string` (names, letter strings). */
export function kindOfKey(key: string): string {
  if (frontKeys.has(key)) return key;
  if (key.endsWith('--address')) return 'address';
  return /^(h|p|li|quote)-/.exec(key)?.[1] ?? 'string';
}

/**
 * How well a translation made for `fromKey` (source `from`) fits `toKey`
 * (source `to`): the bigram similarity, or 0 where it may not follow
 * (another kind of segment, too few words shared).
 */
export function rebindScore(fromKey: string, from: string, toKey: string, to: string): number {
  if (kindOfKey(fromKey) !== kindOfKey(toKey)) return 0;
  if (wordShare(from, to) < MIN_WORD_SHARE) return 0;
  return similarity(from, to);
}

/**
 * True when the new source replaced the old one rather than edited it:
 * of the old keys (at least 4, front-matter fields aside: those keys never
 * change), under a quarter are still there.
 */
export function replacedWholesale(oldKeys: string[], newKeys: Set<string>): boolean {
  const body = oldKeys.filter((k) => !frontKeys.has(k));
  if (body.length < 4) return false;
  return body.filter((k) => newKeys.has(k)).length < WHOLESALE_KEPT * body.length;
}
