/**
 * The plain data that the exchange formats (XLIFF 2.0, XLIFF 1.2, PO) are
 * built from and parsed into. Nothing here knows a file format or a file.
 */
import type { Namespace } from '../catalog/catalog.js';
import type { Status } from '../catalog/state.js';

/** The formats `statement export` writes and `statement import` reads. */
export const exchangeFormats = ['xliff', 'xliff12', 'po'] as const;
export type ExchangeFormat = (typeof exchangeFormats)[number];

/** One segment as it goes out to a translator's tool. */
export interface ExportEntry {
  ns: Namespace;
  key: string;
  /** The current source text. */
  source: string;
  /** The translation ('' when missing). */
  target: string;
  status: Status;
  /** For a stale entry: the source text the translation was made from. */
  previousSource?: string;
  /** Where the segment stands, `file:line` relative to the project root. */
  location?: string;
  /** A table cell's place: `table 1, row 3, column 2 of 3 ("Number")`. */
  context?: string;
  /** The check findings, one line each (`error figures: …`). */
  findings: string[];
}

/** What an exported file holds. */
export interface ExportDocument {
  sourceLocale: string;
  locale: string;
  /** The statement's reference (PO Project-Id-Version). */
  reference?: string;
  /**
   * When the translations were last revised (ISO 8601): PO-Revision-Date.
   * Taken from the data (the newest approval, else the statement's date),
   * never from the clock, so an export is byte-stable.
   */
  revised?: string;
  entries: ExportEntry[];
}

/**
 * How a file marks one translation:
 * - `fuzzy`: needs work (PO `fuzzy`, XLIFF 2.0 `initial`, XLIFF 1.2 `new`/`needs-*`);
 * - `translated`: done, not reviewed (PO without flag, XLIFF `translated`);
 * - `approved`: reviewed (PO flag `approved`, XLIFF 2.0 `reviewed`/`final`,
 *   XLIFF 1.2 `approved="yes"`, `signed-off` or `final`).
 */
export type ImportMark = 'fuzzy' | 'translated' | 'approved';

/** A line and column (1-based) in the imported file. */
export interface FilePlace {
  line: number;
  column: number;
}

/** One entry read from an imported file. */
export interface ImportEntry {
  ns: Namespace | string;
  key: string;
  /** The source text as the file has it (the source at export time). */
  source: string;
  /** The translation ('' when the file has none). */
  target: string;
  mark: ImportMark;
  /** PO `#| msgid`: the source the translation was made from, when the file says. */
  previousSource?: string;
  place: FilePlace;
  /** Problems the format reader found in this entry (an inline code removed, say). */
  findings: string[];
}

/** A whole imported file. */
export interface ImportDocument {
  format: ExchangeFormat;
  /** The target language the file declares (PO `Language`, XLIFF `trgLang`), as written. */
  locale: string;
  localePlace: FilePlace;
  /** The source language the file declares, where it does (XLIFF). */
  sourceLocale?: string;
  entries: ImportEntry[];
}
