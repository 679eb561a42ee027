/**
 * Checks every translation must pass, run in this order. Errors: empty,
 * unsafe content, figures, inline markup and link targets, placeholders,
 * terminology, letters of two scripts in a word. Warnings: a whole word in
 * another script, identical to the source, stray spaces, end punctuation,
 * doubled words, unbalanced brackets and quotes or the wrong quotation
 * marks, a different number of sentences, a length far from the source's,
 * and (over a whole locale) one source text translated two ways. Each
 * check's name is what `waive --check` takes. Pure.
 */
import type { Check, CheckContext, Finding } from './types.js';
import { unsafeCheck } from './safety.js';
import { figuresCheck } from './figures.js';
import { markupCheck, placeholdersCheck } from './markup.js';
import { terminologyCheck } from './terminology.js';
import { scriptCheck } from './script.js';
import { identicalCheck, spacesCheck, punctuationCheck } from './form.js';
import { doubledWordsCheck } from './doubledWords.js';
import { bracketsCheck, quotesCheck } from './pairs.js';
import { sentencesCheck } from './sentences.js';
import { lengthCheck } from './length.js';

export type { Finding, CheckName, CheckContext, GlossaryTerm, Check } from './types.js';
export { consistencyFindings, type Translated } from './consistency.js';
export { quoteStyles } from './pairs.js';
export { scriptFactors } from './length.js';

/** The checks on one translation, in the order their findings are listed. */
export const checks: readonly Check[] = [
  unsafeCheck,
  figuresCheck,
  markupCheck,
  placeholdersCheck,
  terminologyCheck,
  scriptCheck,
  identicalCheck,
  spacesCheck,
  punctuationCheck,
  doubledWordsCheck,
  bracketsCheck,
  quotesCheck,
  sentencesCheck,
  lengthCheck,
];

/** Runs every check on one translation; returns its findings (empty when clean). */
export function checkTranslation(source: string, translation: string, ctx: CheckContext): Finding[] {
  if (translation.trim() === '') {
    return translation === ''
      ? []
      : [{ check: 'empty', severity: 'error', message: 'the translation is only white space' }];
  }
  return checks.flatMap((check) => check(source, translation, ctx));
}
export { groupByCheck, countCell, type CheckGroup } from './byCheck.js';
