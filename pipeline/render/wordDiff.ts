/**
 * A word-level difference between two texts (longest common subsequence),
 * for showing a reviewer what changed in a stale segment's source. Pure.
 */

/** One piece of a difference. */
export interface DiffPart {
  op: 'same' | 'del' | 'ins';
  text: string;
}

/** Splits into words and the spaces between them, so that joining gives the text back. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/** The word-level difference from `a` to `b`. */
export function wordDiff(a: string, b: string): DiffPart[] {
  const x = tokens(a);
  const y = tokens(b);
  // Texts are paragraphs: an O(n·m) table is small (a few hundred words at most).
  const table: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  // Every index below stays within the table (0..x.length, 0..y.length) and the tokens (i < x.length, j < y.length).
  const at = (i: number, j: number) => table[i]![j]!;
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      table[i]![j] = x[i] === y[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      push('same', x[i]!);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) push('del', x[i++]!);
    else push('ins', y[j++]!);
  }
  while (i < x.length) push('del', x[i++]!);
  while (j < y.length) push('ins', y[j++]!);
  return out;
}
