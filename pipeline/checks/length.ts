/**
 * `length`: a translation far shorter or longer than its source has likely
 * lost or gained a passage. Lengths are in characters of the readable text
 * (placeholders left out), each character divided by its script's factor:
 * how many characters that script takes, on average, for what English says
 * in one (a Chinese text with a Latin name is weighed letter by letter).
 * Measured on the
 * shipped translations of the statement (statement and letter strings of
 * 20 characters or more; median ratio after the factor, with its range):
 * Latin 1.0 (az 0.97, 0.73–1.12; fr 1.11, 0.94–1.31; es 1.09, 0.87–1.32),
 * Cyrillic 1.0 (ru 1.01, 0.86–1.16), Arabic 0.85 (ar 0.99, 0.78–1.21),
 * Han 0.25 (zh 1.0, 0.48–1.31); Korean 0.45 and the others are estimates.
 * Short texts (under 20 characters: labels) and the addressees namespace
 * (names and addresses, where an acronym may stand for a whole name) are
 * not checked.
 */
import type { Check } from './types.js';
import { readable } from './types.js';
import { memo } from '../core/memo.js';

/** Characters per English character, by script (others count 1). */
export const scriptFactors: Record<string, number> = {
  Latin: 1,
  Cyrillic: 1,
  Greek: 1.05,
  Armenian: 1.05,
  Georgian: 1.1,
  Arabic: 0.85,
  Hebrew: 0.8,
  Han: 0.25,
  Hiragana: 0.25,
  Katakana: 0.3,
  Hangul: 0.45,
  Thai: 0.95,
  Devanagari: 1,
};

const weights = Object.entries(scriptFactors)
  .filter(([, f]) => f !== 1)
  .map(([script, f]) => [new RegExp(`\\p{Script=${script}}`, 'gu'), f] as const);
const weighted = new RegExp(`[${weights.map(([re]) => re.source).join('')}]`, 'u');

/** Below this share of the source's length (after the factors), a warning. */
export const minRatio = 0.4;
/** Above this share, a warning. */
export const maxRatio = 2.5;
/** Source texts shorter than this (characters) are not checked. */
export const minLength = 20;

/** A text's length in English characters: each character divided by its script's factor, placeholders left out. */
const size = memo((text: string) => {
  const plain = readable(text)
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let n = plain.length;
  // Only letters of scripts whose factor is not 1 weigh otherwise; most texts have none, or one such script.
  if (!weighted.test(plain)) return n;
  for (const [re, f] of weights) {
    const count = plain.match(re)?.length ?? 0;
    n += count * (1 / f - 1);
  }
  return n;
});

/** `length` (warning): under 40 % or over 250 % of the source's length, script factors applied. */
export const lengthCheck: Check = (source, translation, ctx) => {
  // Addressees' names and addresses are proper names: an acronym (BMT, ONU) may stand for a whole name.
  if (ctx.ns === 'addressees') return [];
  const a = size(source);
  if (a < minLength) return [];
  const ratio = size(translation) / a;
  if (ratio >= minRatio && ratio <= maxRatio) return [];
  const pct = Math.round(ratio * 100);
  return [
    {
      check: 'length',
      severity: 'warning',
      message: `the translation is ${pct} % of the source's length (for its script; expected 40–250 %): ${ratio < minRatio ? 'a passage may be missing' : 'a passage may be added or repeated'}; compare it with the source`,
    },
  ];
};
