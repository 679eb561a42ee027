/**
 * Plan stage: which documents a build makes, and for each letter the
 * language it goes out in and why. Pure: statuses in, plan out.
 */
import type { Recipient } from './addressees.js';

/** A planned edition. */
export interface PlannedEdition {
  locale: string;
  html: string;
  pdf?: string;
}

/** A planned letter. */
export interface PlannedLetter {
  recipient: Recipient;
  locale: string;
  reason: string;
  html: string;
  pdf?: string;
}

/** The facts about a locale that choosing a letter's language needs. */
export interface LocaleReadiness {
  publishable: boolean;
  /** Why not, in a few words ("3 missing, 1 stale"). */
  why: string;
}

/**
 * Chooses a letter's language: the first working language that is
 * publishable, falling back down the list and then to the source language.
 */
export function chooseLanguage(recipient: Recipient, readiness: Map<string, LocaleReadiness>, sourceLocale: string): { locale: string; reason: string } {
  const passed: string[] = [];
  for (const l of recipient.languages) {
    const r = readiness.get(l);
    if (r?.publishable) {
      const first = passed.length === 0;
      return { locale: l, reason: first ? `first working language (${l}) is publishable` : `${passed.join('; ')}; next working language ${l} is publishable` };
    }
    passed.push(`${l} not publishable (${r?.why ?? 'unknown'})`);
  }
  return { locale: sourceLocale, reason: `${passed.join('; ')}; no working language publishable, sent in the source language (${sourceLocale})` };
}

/** The file of a letter, relative to `dist/`: `letters/<id>.<lng>.<ext>` (a member: `letters/<group>/<member>.<lng>.<ext>`). */
export function letterPath(recipient: Recipient, locale: string, ext: 'html' | 'pdf'): string {
  return `letters/${recipient.id}.${locale}.${ext}`;
}

/** Plans the letters of the given recipients. */
export function planLetters(recipients: Recipient[], readiness: Map<string, LocaleReadiness>, sourceLocale: string, pdf: boolean): PlannedLetter[] {
  return recipients.map((recipient) => {
    const { locale, reason } = chooseLanguage(recipient, readiness, sourceLocale);
    return { recipient, locale, reason, html: letterPath(recipient, locale, 'html'), pdf: pdf ? letterPath(recipient, locale, 'pdf') : undefined };
  });
}
