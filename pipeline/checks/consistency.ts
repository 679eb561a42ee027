/**
 * `consistency`: one source text translated two ways in the same locale
 * (two identical paragraphs or cells, two front-matter strings, the same
 * label in two namespaces). A reader comparing them sees two versions of
 * one sentence; a reviewer must choose one, or waive where the context
 * truly differs.
 */
import type { Finding } from './types.js';

/** One translated text of a locale, by its key as reports name it. */
export interface Translated {
  /** The key as reports name it (`letter:KEY` for other namespaces). */
  key: string;
  source: string;
  translation: string;
}

/**
 * The consistency findings of a locale, by key: every key after the first
 * one of a source text whose translation differs from that first one's.
 */
export function consistencyFindings(texts: Translated[]): Map<string, Finding[]> {
  const first = new Map<string, Translated>();
  const out = new Map<string, Finding[]>();
  for (const t of texts) {
    const norm = t.source.trim();
    if (!/\p{L}/u.test(norm)) continue;
    const earlier = first.get(norm);
    if (!earlier) {
      first.set(norm, t);
      continue;
    }
    if (earlier.translation.trim() === t.translation.trim()) continue;
    out.set(t.key, [
      ...(out.get(t.key) ?? []),
      {
        check: 'consistency',
        severity: 'warning',
        message: `same source text as "${earlier.key}", translated differently there: use one translation for both "${earlier.key}" and "${t.key}"`,
      },
    ]);
  }
  return out;
}
