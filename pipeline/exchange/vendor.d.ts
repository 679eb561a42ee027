/**
 * Types of the untyped packages the exchange formats use: `xliff` (v6) and
 * `gettext-parser` (v10) ship no declarations. Only what we call is declared.
 */

declare module 'xliff/js2xliff' {
  /** Writes XLIFF 2.x from the package's JS model. */
  export default function js2xliff(
    model: unknown,
    options?: { indent?: string; targetXliffVersion?: string },
  ): Promise<string>;
}

declare module 'xliff/jsToXliff12' {
  /** Writes XLIFF 1.2 from the package's JS model. */
  export default function jsToXliff12(model: unknown, options?: { indent?: string }): Promise<string>;
}

declare module 'xliff/xliff2js' {
  /** Reads XLIFF 2.x into the package's JS model. */
  export default function xliff2js(xml: string): Promise<{
    sourceLanguage?: string;
    targetLanguage?: string;
    resources: Record<
      string,
      Record<
        string,
        { source?: unknown; target?: unknown; note?: unknown; additionalAttributes?: Record<string, string> }
      >
    >;
  }>;
}

declare module 'gettext-parser' {
  /** One PO entry as gettext-parser models it. */
  export interface PoEntry {
    msgctxt?: string;
    msgid: string;
    msgid_plural?: string;
    msgstr: string[];
    comments?: { translator?: string; extracted?: string; reference?: string; flag?: string; previous?: string };
  }
  /** A parsed or to-be-compiled PO file. */
  export interface PoData {
    charset?: string;
    headers: Record<string, string>;
    translations: Record<string, Record<string, PoEntry>>;
    obsolete?: Record<string, Record<string, PoEntry>>;
  }
  export const po: {
    parse(input: string | Buffer, options?: { validation?: boolean; defaultCharset?: string }): PoData;
    compile(data: PoData, options?: { foldLength?: number | false; sort?: boolean }): Buffer;
  };
  const parser: { po: typeof po };
  export default parser;
}
