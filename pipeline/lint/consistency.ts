/**
 * Consistency within one document: a name spelled two ways (`Khojaly` and
 * `Khojali`), a number written two ways (`3,410` and `3410`). Translators
 * copy whichever form they meet; the source should offer one.
 */
import { visit } from 'unist-util-visit';
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { nodeText, normalizeApostrophes, report, spanOf } from './report.js';
import { editDistance, type Speller } from './spelling.js';

/** Options of `retextNameVariants`. */
export interface NameVariantsOptions {
  /** The checker (required): tells names from plain English words. */
  speller: Speller;
}

interface Form {
  value: string;
  at: number[];
  known: boolean;
}

/** The form that stays: a known spelling over an unknown one, then the more frequent, then the first. */
function canonical(a: Form, b: Form): [Form, Form] {
  if (a.known !== b.known) return a.known ? [a, b] : [b, a];
  if (a.at.length !== b.at.length) return a.at.length > b.at.length ? [a, b] : [b, a];
  return a.at[0]! <= b.at[0]! ? [a, b] : [b, a]; // a form is made at its first place
}

/**
 * retext plugin: `name-variants`. Compares capitalized words of five
 * letters or more that start alike and differ by one edit (two from eight
 * letters). Pairs where one is the start of the other (`Armenia`,
 * `Armenian`) and pairs of plain English words (`Former`, `Farmer`) are
 * different words, not variants.
 */
export function retextNameVariants(options: NameVariantsOptions) {
  const { speller } = options;
  return (tree: Root, file: VFile): undefined => {
    const forms = new Map<string, Form>();
    visit(tree, 'WordNode', (node) => {
      const value = normalizeApostrophes(nodeText(node)).replace(/'s?$/, '');
      if (!/^\p{Lu}\p{Ll}{4,}$/u.test(value)) return;
      const form = forms.get(value) ?? { value, at: [], known: speller.known(value) };
      form.at.push(spanOf(node).start);
      forms.set(value, form);
    });
    const list = [...forms.values()];
    const reported = new Set<number>();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [x, y] = [list[i]!, list[j]!]; // i < j < list.length
        const a = x.value.toLowerCase();
        const b = y.value.toLowerCase();
        if (a[0] !== b[0] || a.startsWith(b) || b.startsWith(a)) continue;
        const limit = Math.min(a.length, b.length) >= 8 ? 2 : 1;
        if (editDistance(a, b, limit) > limit) continue;
        if (speller.isEnglish(x.value) && speller.isEnglish(y.value)) continue;
        const [keep, change] = canonical(x, y);
        for (const at of change.at) {
          if (reported.has(at)) continue;
          reported.add(at);
          report(file, {
            start: at,
            end: at + change.value.length,
            rule: 'name-variants',
            reason: `"${change.value}" is spelled "${keep.value}" ${keep.at.length === 1 ? 'once' : `${keep.at.length} times`} elsewhere in the document`,
            replacement: keep.value,
          });
        }
      }
    }
  };
}

/** Integers of four digits or more, grouped (`3,410`, `3 410` with a no-break space) or not. */
const integer = /(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:[,\u00A0\u202F]\d{3})+|\d{4,})(?!\p{N}|[.,]\p{N})/gu;

/** retext plugin: `number-format`, one number written in two ways. */
export function retextNumberFormat() {
  return (_tree: Root, file: VFile): undefined => {
    const text = String(file.value);
    const byValue = new Map<string, Map<string, number[]>>();
    for (const m of text.matchAll(integer)) {
      const value = m[0].replace(/\D/g, '');
      const forms = byValue.get(value) ?? new Map<string, number[]>();
      forms.set(m[0], [...(forms.get(m[0]) ?? []), m.index]);
      byValue.set(value, forms);
    }
    for (const forms of byValue.values()) {
      if (forms.size < 2) continue;
      // Each form has its places (one at least), and there are two forms or more.
      const ranked = [...forms.entries()].sort((x, y) => y[1].length - x[1].length || x[1][0]! - y[1][0]!);
      const [keep, keepAt] = ranked[0]!;
      for (const [form, at] of ranked.slice(1)) {
        for (const start of at) {
          report(file, {
            start,
            end: start + form.length,
            rule: 'number-format',
            reason: `${form} is written "${keep}" ${keepAt.length === 1 ? 'once' : `${keepAt.length} times`} elsewhere in the document`,
            replacement: keep,
          });
        }
      }
    }
  };
}
