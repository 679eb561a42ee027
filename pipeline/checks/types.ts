/** Types shared by the checks: a finding, its check's name, what a check knows. */
import type { Namespace } from '../catalog/catalog.js';
import { memo } from '../core/memo.js';

/**
 * The stable name of a check: what `status` prints, what `waive --check`
 * takes, what `status --json` gives as `check`.
 */
export type CheckName =
  | 'figures'
  | 'markup'
  | 'placeholders'
  | 'terminology'
  | 'empty'
  | 'unsafe'
  | 'script'
  | 'identical'
  | 'spaces'
  | 'punctuation'
  | 'doubled-words'
  | 'brackets'
  | 'quotes'
  | 'sentences'
  | 'length'
  | 'consistency';

/** A finding of a check on one translation. */
export interface Finding {
  check: CheckName;
  severity: 'error' | 'warning';
  message: string;
}

/** An error that no waiver silences: what keeps a translation from being current. */
export function isUnwaivedError(finding: { severity: string; waived?: boolean }): boolean {
  return finding.severity === 'error' && !finding.waived;
}

/** One glossary term: its source form and its official form per locale. */
export interface GlossaryTerm {
  /** Source-language form, matched case-insensitively as a phrase. */
  source: string;
  /** Per locale: the exact official form, or `{ pattern }` (a regular expression) for inflecting languages. */
  forms: Record<string, { text?: string; pattern?: RegExp }>;
}

/** What a check needs to know besides the two texts. */
export interface CheckContext {
  ns: Namespace;
  /** The key checked, where known. */
  key?: string;
  locale: string;
  sourceLocale: string;
  glossary: GlossaryTerm[];
  /** For a table cell: its row, to tell a figure moved to another cell of the row from a lost one. */
  row?: RowContext;
}

/** A table cell's row, as the figures check sees it. */
export interface RowContext {
  /** 0-based column of the cell checked. */
  column: number;
  /** The source text of each cell of the row. */
  sources: string[];
  /** Each cell's text as this locale shows it: its translation, or the source (a figure-only cell, an untranslated one). */
  shown: string[];
}

/** One check on one translation: its findings (none when clean). */
export type Check = (source: string, translation: string, ctx: CheckContext) => Finding[];

/** The language subtag of a locale tag (`fr-CA` → `fr`). */
export const languageOf = (locale: string): string => locale.split('-')[0]!.toLowerCase(); // split yields at least one part

/**
 * The text a reader reads: link targets, inline code and HTML-ish markup
 * taken out, emphasis marks dropped. Rough on purpose: the checks that use
 * it count words, sentences and pairs, not markup. Remembered: several
 * checks read the same text.
 */
export const readable = memo((text: string): string => {
  // Most texts have no markup at all: nothing to take out.
  if (!/[`\]<*_[]/.test(text)) return text;
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[[\]]/g, '')
    .replace(/(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)/g, '');
});

/** One finding as `status --json` reports it: a key's finding with its waiver. */
export interface Issue {
  key: string;
  check: string;
  severity: 'error' | 'warning';
  message: string;
  waived: boolean;
  /** The waiver's reason (and who, when, where recorded), on a waived finding. */
  waiver?: { reason: string; by?: string; at?: string };
}
