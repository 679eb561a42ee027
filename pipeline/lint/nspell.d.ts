/**
 * Types for `nspell` (Hunspell-compatible spelling in JavaScript), which
 * ships none: only the calls the lint makes.
 */
declare module 'nspell' {
  /** A Hunspell dictionary: affix and word files. */
  export interface HunspellDictionary {
    aff: Uint8Array | string;
    dic?: Uint8Array | string;
  }

  /** A spelling checker built from one or more dictionaries. */
  export interface NSpell {
    /** Whether `word` is spelled correctly. */
    correct(word: string): boolean;
    /** Suggestions for `word`, best first (slow: hundreds of milliseconds for long words). */
    suggest(word: string): string[];
  }

  function nspell(dictionary: HunspellDictionary | HunspellDictionary[]): NSpell;
  export default nspell;
}
