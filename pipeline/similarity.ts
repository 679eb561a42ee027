/** Text similarity for rebinding a translation whose key changed. Pure. */

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

/** How similar two source texts must be for a translation to follow a key change. */
export const REBIND_THRESHOLD = 0.6;
