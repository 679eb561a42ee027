/**
 * Spelling: English (Hunspell `dictionary-en`, and `dictionary-en-gb` for
 * British spellings, through `nspell`) plus the project's own word list, and the rule that finds words run together.
 *
 * Why not `retext-spell`: it builds its own checker that no one else can
 * ask, so splitting `genocidalpolicy` into two known words, or telling a
 * proper name from a plain English word (the consistency rules need both),
 * would load the dictionary a second time (~0.3 s each). It also runs
 * nspell's slow `suggest` on every unknown word, which never proposes the
 * split that glued words need. This plugin does what it does (whole word,
 * then each part of a hyphenated word; digits ignored) around one checker.
 */
import dictionaryEn from 'dictionary-en';
import dictionaryEnGb from 'dictionary-en-gb';
import nspell, { type NSpell } from 'nspell';
import { visit } from 'unist-util-visit';
import type { Root, Text as NlcstText } from 'nlcst';
import type { VFile } from 'vfile';
import { isAddress, nodeText, normalizeApostrophes, report, spanOf, tokenAt } from './report.js';

let english: NSpell | undefined;
let british: NSpell | undefined;

/** The English checker, built on first use: the slow part of the lint, so once a process. */
function englishChecker(): NSpell {
  english ??= nspell(dictionaryEn);
  return english;
}

/**
 * The British English checker (`dictionary-en-gb`), built the first time a
 * word is not American English: `Centre`, `organisation`, `defence` are
 * right in a statement written in British English, and must be neither
 * misspelled nor split into two words ("Cent re"). Its own checker, not
 * words added to the American one: each dictionary's affix rules apply to
 * its own words only.
 */
function britishChecker(): NSpell {
  british ??= nspell(dictionaryEnGb);
  return british;
}

// nspell's suggestions take up to 0.3 s a word; they depend only on the word.
const englishSuggestions = new Map<string, string[]>();

/** Units that may follow a number without a space (`10km`): not glued words. */
const units = new Set([
  'am',
  'pm',
  'km',
  'kg',
  'cm',
  'mm',
  'ml',
  'mg',
  'kw',
  'mw',
  'kwh',
  'mph',
  'kph',
  'kmh',
  'ghz',
  'mhz',
  'khz',
  'mbps',
  'gb',
  'mb',
  'kb',
  'bc',
  'bce',
  'ad',
]);

/**
 * nspell suggestions computed afresh in one lint run, at most: a document
 * full of unknown names would otherwise take seconds (retext-spell caps them
 * the same way). Counted, not timed, so that the output does not depend on
 * the machine.
 */
const maxFreshSuggestions = 20;

/** A number as a word: `1275`, `3,410`, `1.5`. */
const numberWord = /^\d+(?:[.,]\d+)*$/;

/** Spelling knowledge for one lint run: English plus the project's words. */
export class Speller {
  private readonly english = englishChecker();
  private readonly projectForms = new Set<string>();
  private readonly projectWords: string[];
  private freshSuggestions = 0;

  /** @param words the project's word list (names, places, acronyms), spelled as they should appear */
  constructor(words: readonly string[]) {
    this.projectWords = words.map((w) => normalizeApostrophes(w.trim())).filter(Boolean);
    for (const w of this.projectWords) {
      this.projectForms.add(w);
      this.projectForms.add(w.toUpperCase());
      // A lower-case entry may open a sentence; a capitalized one stays a name.
      const first = w.charAt(0);
      if (first === first.toLowerCase()) this.projectForms.add(first.toUpperCase() + w.slice(1));
    }
  }

  /** Whether the word is in the project's list (possessives included: `Khojaly's`). */
  isProjectWord(word: string): boolean {
    const w = normalizeApostrophes(word);
    return this.projectForms.has(w) || this.projectForms.has(w.replace(/'s?$/, ''));
  }

  /** Whether English, American or British (without the project's list), knows the word. */
  isEnglish(word: string): boolean {
    const w = normalizeApostrophes(word);
    return this.english.correct(w) || britishChecker().correct(w);
  }

  /** Whether the word is spelled right, by the project's list or by English. */
  known(word: string): boolean {
    return this.isProjectWord(word) || this.isEnglish(word);
  }

  /**
   * The two words a run-together word is made of (`toits` → `to`, `its`), or
   * undefined. Of several splits, the most even one wins; one-letter parts
   * other than `a` and `I` do not count, since nspell knows every letter.
   * Words in capitals are acronyms and never split.
   */
  split(word: string): [string, string] | undefined {
    // `UNGA` is not `UN` + `GA`: an acronym is one word, known or not.
    if (word === word.toUpperCase()) return undefined;
    let best: [string, string] | undefined;
    let score = 0;
    for (let i = 1; i < word.length; i++) {
      const a = word.slice(0, i);
      const b = word.slice(i);
      const s = Math.min(a.length, b.length);
      if (s <= score && best) continue;
      if (this.isPart(a) && this.isPart(b)) {
        best = [a, b];
        score = s;
      }
    }
    return best;
  }

  private isPart(part: string): boolean {
    return (part.length >= 2 || /^[aAI]$/.test(part)) && this.known(part);
  }

  /**
   * A word glued to a number (`whereas1275`, `30thAnniversary`,
   * `1275people`), split; undefined for codes such as `G20` or `A4`.
   */
  splitNumber(word: string): [string, string] | undefined {
    // Both groups of each pattern are not optional: a match has them.
    const [, letters, digits] = /^(\p{L}{3,})(\d+(?:[.,]\d+)*)$/u.exec(word) ?? [];
    if (letters && digits && !/^\p{Lu}+$/u.test(letters) && this.known(letters)) return [letters, digits];
    const [, figure, word2] = /^(\d+(?:[.,]\d+)*(?:st|nd|rd|th)?)(\p{L}{3,})$/u.exec(word) ?? [];
    if (figure && word2 && !units.has(word2.toLowerCase()) && this.known(word2)) return [figure, word2];
    return undefined;
  }

  /**
   * Corrections for an unknown word: a close project word first, then
   * English ones; none for acronyms (English would offer `TONGA` for `UNGA`).
   */
  suggest(word: string): string[] {
    const near = this.nearestProjectWord(word);
    if (near) return [near];
    const w = normalizeApostrophes(word);
    if (w.length > 1 && w === w.toUpperCase()) return [];
    let found = englishSuggestions.get(w);
    if (!found) {
      if (this.freshSuggestions >= maxFreshSuggestions) return [];
      this.freshSuggestions++;
      found = this.english.suggest(w);
      englishSuggestions.set(w, found);
    }
    return found;
  }

  private nearestProjectWord(word: string): string | undefined {
    const w = word.toLowerCase();
    const limit = w.length <= 5 ? 1 : 2;
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of this.projectWords) {
      const d = editDistance(w, candidate.toLowerCase(), limit);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }
}

/**
 * Edit distance with transpositions (optimal string alignment); returns
 * `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      // Rows hold b.length + 1 cells and current has cell j - 1 already: every index here is in range.
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Options of `retextSpelling`. */
export interface SpellingOptions {
  /** The checker (required): English plus the project's words. */
  speller: Speller;
}

/**
 * retext plugin: `glued-words` (two words, or a word and a number, with no
 * space between) and `spelling` (a word neither English nor the project knows).
 */
export function retextSpelling(options: SpellingOptions) {
  const { speller } = options;
  return (tree: Root, file: VFile): undefined => {
    const text = String(file.value);
    visit(tree, 'WordNode', (node) => {
      const whole = nodeText(node);
      if (numberWord.test(whole)) return;
      if (!/\d/.test(whole) && speller.known(whole)) return;
      if (isAddress(tokenAt(text, spanOf(node).start))) return;
      // A word of several parts (`Armenia-backed`, `act.The`) is right when
      // each part is; other rules see the punctuation between them.
      const parts = node.children.filter((c): c is NlcstText => c.type === 'TextNode');
      for (const part of parts.length > 1 ? parts : [node]) checkPart(nodeText(part), spanOf(part));
    });

    function checkPart(value: string, { start, end }: { start: number; end: number }): void {
      if (numberWord.test(value) || !/\p{L}/u.test(value)) return;
      if (/\d/.test(value)) {
        const glued = speller.splitNumber(value);
        if (glued)
          report(file, {
            start,
            end,
            rule: 'glued-words',
            reason: `"${value}" runs a word and a number together`,
            replacement: glued.join(' '),
          });
        return;
      }
      if (speller.known(value)) return;
      const glued = speller.split(value);
      if (glued) {
        report(file, {
          start,
          end,
          rule: 'glued-words',
          reason: `"${value}" runs the words "${glued[0]}" and "${glued[1]}" together`,
          replacement: glued.join(' '),
        });
        return;
      }
      const suggestions = speller.suggest(value);
      report(file, {
        start,
        end,
        rule: 'spelling',
        reason: `"${value}" is neither an English word nor in the project's word list${suggestions.length > 1 ? ` (or: ${suggestions.slice(1, 4).join(', ')})` : ''}`,
        replacement: suggestions[0],
        hint: 'check it; if it is right, add it to source/dictionary.txt',
      });
    }
  };
}
