/**
 * The keys each document renders, read off the render itself: the
 * statement part (`articleTree`), an edition's own strings
 * (`editionStrings`) and a letter's own texts (`letterParts`) are run
 * through a translator that records every key it is asked for. A template
 * string added to any of them is in the key set with no list to update.
 * Pure; no HTML is made and no translation parsed (see `probeTranslator`).
 */
import type { ParsedStatement } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import type { Recipient } from '../source/addressees.js';
import { keyRecorder, probeTranslator, type KeyRef, type Translator } from './localize.js';
import { articleTree } from './article.js';
import { editionStrings } from './edition.js';
import { letterParts } from './letter.js';

/** The key sets of a statement's documents; the same in every non-source locale. */
export interface DocumentKeys {
  /** What every edition and letter shows of the statement: segments, notices, place and date, signature. */
  statement: KeyRef[];
  /** An edition (HTML and PDF): the statement part and the edition's own strings. */
  edition: KeyRef[];
  /** A letter: the statement part and the letter's own texts (form of address, labels, its addressee's name and address). */
  letter(recipient: Recipient): KeyRef[];
  /** The keys a letter renders beyond the statement part (evaluated per letter; the statement part once per locale). */
  letterOwn(recipient: Recipient): KeyRef[];
  /** The keys an edition renders beyond the statement part. */
  editionOwn: KeyRef[];
}

/** Keys of `more` not already in `base`, appended. */
function union(base: KeyRef[], more: KeyRef[]): KeyRef[] {
  const seen = new Set(base.map((k) => `${k.ns}:${k.key}`));
  return [...base, ...more.filter((k) => !seen.has(`${k.ns}:${k.key}`))];
}

/**
 * Works out the key sets by rendering through a recording stand-in translator.
 * @param locale a non-source locale to render as (its unofficial notice is then asked for); the source locale when there is none
 */
export function documentKeys(
  parsed: ParsedStatement,
  segments: Segment[],
  sourceStrings: Record<string, string>,
  locale: string,
): DocumentKeys {
  const probe = probeTranslator(locale, parsed.config.sourceLocale, sourceStrings);
  const record = (render: (t: Translator) => void): KeyRef[] => {
    const { translator, keys } = keyRecorder(probe);
    render(translator);
    return keys;
  };
  const statement = record((t) => articleTree(parsed, segments, t));
  const inStatement = new Set(statement.map((k) => `${k.ns}:${k.key}`));
  const beyond = (keys: KeyRef[]) => keys.filter((k) => !inStatement.has(`${k.ns}:${k.key}`));
  // The print edition asks for everything the HTML one does, and "page X of Y".
  const editionOwn = beyond(record((t) => editionStrings(t, true)));
  const letterOwn = (recipient: Recipient) => beyond(record((t) => letterParts(parsed, segments, t, recipient)));
  return {
    statement,
    edition: union(statement, editionOwn),
    editionOwn,
    letter: (recipient) => union(statement, letterOwn(recipient)),
    letterOwn,
  };
}
