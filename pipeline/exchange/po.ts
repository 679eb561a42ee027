/**
 * gettext PO, both ways, with `gettext-parser`. One entry per catalog key:
 * `msgctxt` the key as `status` prints it (bare for the statement,
 * `letter:K`, `addressees:K`), `msgid` the current source, `msgstr` the
 * translation. A stale entry is `fuzzy` with the source it was made from
 * as `#| msgid`; an approved one carries the flag `approved`. Extracted
 * comments (`#.`) hold the status, the inline Markdown to keep and the
 * check findings; the reference (`#:`) says where the segment stands.
 * Inline Markdown stays literal text in msgid and msgstr. Pure.
 */
import gettextParser, { type PoData, type PoEntry } from 'gettext-parser';
import { InputError, placeOf } from '../core/errors.js';
import { namespaces, type Namespace } from '../catalog/catalog.js';
import { reportKey } from '../catalog/status.js';
import { splitInline, codesOf, describeCode } from './inline.js';
import { gettextPlurals } from './poPlurals.js';
import { pluralBase } from '../catalog/plurals.js';
import type { ExportEntry } from './types.js';
import type { ExportDocument, ImportDocument, ImportEntry, ImportMark } from './types.js';

/** The flag that marks an approved translation. */
export const approvedFlag = 'approved';

/** A PO string literal: quoted, with gettext's escapes. */
export function poQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}"`;
}

/** Reads the concatenated PO string literals of a line group (`"a" "b"`). */
function poUnquote(literals: string): string {
  let out = '';
  for (const m of literals.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    out += m[1]!.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
  }
  return out;
}

/** A key as written in a report (`letter:page`) back to its namespace and key. */
export function parseReportKey(text: string): { ns: Namespace; key: string } {
  for (const ns of namespaces) {
    if (ns !== 'statement' && text.startsWith(`${ns}:`)) return { ns, key: text.slice(ns.length + 1) };
  }
  return { ns: 'statement', key: text };
}

/** gettext's date form, `2022-02-25 00:00+0000`; its template value when unknown. */
function poDate(iso: string | undefined): string {
  const m = iso ? /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso) : null;
  return m ? `${m[1]} ${m[2] ?? '00:00'}+0000` : 'YEAR-MO-DA HO:MI+ZONE';
}

const rank: Record<ExportEntry['status'], number> = { missing: 0, stale: 1, draft: 2, approved: 3 };

/** One PO entry: status, inline codes and findings as `#.`, flags, the old source of a stale entry as `#| msgctxt`/`#| msgid`. */
function poEntry(
  ctx: string,
  e: ExportEntry,
  msgid: string,
  msgstr: string[],
  extra: string[] = [],
  msgidPlural?: string,
): PoEntry {
  const extracted = [`status: ${e.status}`, ...(e.context ? [`cell: ${e.context}`] : []), ...extra];
  const codes = codesOf(splitInline(e.source, e.ns));
  if (codes.length) extracted.push(`keep: ${codes.map(describeCode).join('  ')}`);
  for (const f of e.findings) extracted.push(`check: ${f}`);
  const flags = [...(e.status === 'stale' ? ['fuzzy'] : []), ...(e.status === 'approved' ? [approvedFlag] : [])];
  return {
    msgctxt: ctx,
    msgid,
    ...(msgidPlural !== undefined ? { msgid_plural: msgidPlural } : {}),
    msgstr,
    comments: {
      extracted: extracted.join('\n'),
      ...(e.location ? { reference: e.location } : {}),
      ...(flags.length ? { flag: flags.join(', ') } : {}),
      ...(e.status === 'stale' && e.previousSource !== undefined
        ? { previous: `msgctxt ${poQuote(ctx)}\nmsgid ${poQuote(e.previousSource)}` }
        : {}),
    },
  } as PoEntry;
}

/**
 * A plural group as one entry: msgid the source's `_one`, msgid_plural its
 * `_other`, msgstr[n] the locale's form of gettext index n; its status the
 * least advanced of its forms.
 */
function pluralEntry(base: string, forms: ExportEntry[], categories: string[]): Record<string, PoEntry> {
  const form = (c: string) => forms.find((f) => f.key === `${base}_${c}`);
  const first = forms[0]!; // a plural group has at least one form
  const worst = forms.reduce((a, b) => (rank[b.status] < rank[a.status] ? b : a));
  const msgid = form('one')?.source ?? first.source;
  const msgidPlural = form('other')?.source ?? msgid;
  const findings = forms.flatMap((f) => f.findings.map((x) => `${f.key.slice(base.length + 1)}: ${x}`));
  const merged: ExportEntry = { ...worst, source: msgidPlural, findings, location: first.location };
  const extra = [`plural forms: ${categories.map((c, i) => `msgstr[${i}] ${c}`).join(', ')}`];
  const ctx = reportKey('letter', base);
  return {
    [msgid]: poEntry(
      ctx,
      merged,
      msgid,
      categories.map((c) => form(c)?.target ?? ''),
      extra,
      msgidPlural,
    ),
  };
}

/** Writes a PO file. */
export function buildPo(doc: ExportDocument): string {
  const data: PoData = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': doc.reference ?? 'statement',
      Language: doc.locale,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      'X-Source-Language': doc.sourceLocale,
      'PO-Revision-Date': poDate(doc.revised),
      'Last-Translator': '',
      'Language-Team': doc.locale,
    },
    translations: {
      '': {
        '': {
          msgid: '',
          msgstr: [''],
          comments: {
            translator: `Translation of ${doc.reference ?? 'the statement'} into ${doc.locale}.\nmsgctxt is the key; keep inline Markdown (*…*, [text](url), \`code\`) and {{placeholders}} as they are.\nRead back with: statement import FILE`,
          },
        },
      },
    },
  };
  const plurals = gettextPlurals(doc.locale);
  if (plurals) data.headers['Plural-Forms'] = plurals.header;
  const letterKeys = Object.fromEntries(doc.entries.filter((e) => e.ns === 'letter').map((e) => [e.key, e.source]));
  const done = new Set<string>();
  for (const e of doc.entries) {
    const base = plurals && e.ns === 'letter' ? pluralBase(e.key, letterKeys) : undefined;
    if (base !== undefined) {
      if (!done.has(base))
        data.translations[reportKey('letter', base)] = pluralEntry(
          base,
          doc.entries.filter((x) => x.ns === 'letter' && pluralBase(x.key, letterKeys) === base),
          plurals!.categories,
        );
      done.add(base);
      continue;
    }
    const ctx = reportKey(e.ns, e.key);
    data.translations[ctx] = { [e.source]: poEntry(ctx, e, e.source, [e.target]) };
  }
  return gettextParser.po.compile(data).toString('utf8');
}

/**
 * Where a line first stands in the text (line 1 when absent), from an
 * index of the keyword lines built once: searching the text from its start
 * for each entry made reading a PO quadratic in its number of entries.
 */
function lineFinder(text: string): (needle: string) => { line: number; column: number } {
  const first = new Map<string, number>();
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(start);
    // msgctxt, msgid, Language: the lines placeIn is asked about.
    if (c === 109 || c === 34) {
      const l = text.slice(start, end).replace(/\r$/, '');
      if (!first.has(l)) first.set(l, line);
    }
    start = end + 1;
  }
  return (needle) => {
    const at = first.get(needle);
    if (at !== undefined) return { line: at, column: 1 };
    const i = text.indexOf(needle);
    return i < 0 ? { line: 1, column: 1 } : placeOf(text, i);
  };
}

/**
 * The text with the comments import never reads (translator `# `,
 * extracted `#.`, reference `#:`) blanked, lines kept so that the parser's
 * line numbers stay right: gettext-parser holds every comment of a file
 * several times over, and a 20 MB file of reviewers' notes ran it out of
 * memory. Flags (`#,`) and previous strings (`#|`) stay.
 */
function withoutUnusedComments(text: string): string {
  return text.replace(/^#(?:[.:]|[ \t]|(?=\r?$)).*$/gm, '');
}

/**
 * Parses a PO file.
 * @throws InputError naming the file and line: not PO, a charset other
 *   than UTF-8, no Language header, an entry without msgctxt, plurals
 */
export function parsePo(text: string, file: string): ImportDocument {
  let data: PoData;
  try {
    data = gettextParser.po.parse(withoutUnusedComments(text), { validation: true });
  } catch (error) {
    const line = (error as { lineNumber?: number }).lineNumber;
    const reason = (error as Error).message.replace(/^Error parsing PO data: /, '').replace(/ at line \d+/, '');
    throw new InputError(`not a valid PO file: ${reason}`, { file, line: line ?? 1, column: 1 }, { cause: error });
  }
  const placeIn = lineFinder(text);
  const header = data.translations['']?.[''];
  if (!header)
    throw new InputError('the PO file has no header entry (msgid ""): it must declare "Language: <locale>"', {
      file,
      line: 1,
      column: 1,
    });
  const charset = /charset=([^;\s]+)/i.exec(data.headers['Content-Type'] ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset) && charset !== 'CHARSET') {
    throw new InputError(`the PO file is in ${charset}; convert it to UTF-8 first (msgconv --to-code=UTF-8)`, {
      file,
      ...placeIn('Content-Type'),
    });
  }
  const language = (data.headers.Language ?? '').trim();
  if (!language)
    throw new InputError(
      'the PO header has no Language: add "Language: <locale>\\n" (e.g. fr) to the msgstr of msgid ""',
      { file, line: 1, column: 1 },
    );
  const entries: ImportEntry[] = [];
  for (const [ctx, byId] of Object.entries(data.translations)) {
    for (const [msgid, entry] of Object.entries(byId)) {
      if (ctx === '' && msgid === '') continue;
      const place = ctx === '' ? placeIn(`msgid ${poQuote(msgid)}`) : placeIn(`msgctxt ${poQuote(ctx)}`);
      if (ctx === '')
        throw new InputError(
          `entry "${msgid.slice(0, 40)}" has no msgctxt: every entry's msgctxt is its key (as "statement status" prints it)`,
          { file, ...place },
        );
      const plurals = entry.msgid_plural !== undefined ? gettextPlurals(language) : undefined;
      if (entry.msgid_plural !== undefined && !plurals)
        throw new InputError(
          `entry "${ctx}" has plural forms, and the plural rules of "${language}" are not known here: write each form as its own entry (msgctxt ${ctx}_one, ${ctx}_other, …)`,
          { file, ...place },
        );
      const flags = (entry.comments?.flag ?? '').split(/[,\n]/).map((f) => f.trim());
      const mark: ImportMark = flags.includes('fuzzy')
        ? 'fuzzy'
        : flags.includes(approvedFlag)
          ? 'approved'
          : 'translated';
      const previous = entry.comments?.previous;
      const previousMsgid = previous ? /(?:^|\n)msgid\s+((?:"(?:[^"\\]|\\.)*"\s*)+)/.exec(previous)?.[1] : undefined;
      const { ns, key } = parseReportKey(ctx);
      if (plurals) {
        // One entry per form: msgstr[n] is the form of gettext index n; its source the msgid (one) or msgid_plural (the others).
        plurals.categories.forEach((c, i) => {
          entries.push({
            ns,
            key: `${key}_${c}`,
            source: c === 'one' ? msgid : entry.msgid_plural!,
            target: entry.msgstr[i] ?? '',
            mark,
            place,
            findings: [],
          });
        });
        continue;
      }
      entries.push({
        ns,
        key,
        source: msgid,
        target: entry.msgstr[0] ?? '',
        mark,
        ...(previousMsgid !== undefined ? { previousSource: poUnquote(previousMsgid) } : {}),
        place,
        findings: [],
      });
    }
  }
  const sourceLocale = data.headers['X-Source-Language']?.trim() || undefined;
  return {
    format: 'po',
    locale: language.replace(/_/g, '-'),
    localePlace: placeIn('Language:'),
    ...(sourceLocale ? { sourceLocale } : {}),
    entries,
  };
}
