/**
 * Reads XLIFF 2.x and 1.2 back into plain entries: each unit's key, source
 * and target with their inline codes turned back into the Markdown markup
 * they carry, and the state the tool left. Pure.
 *
 * Where a code's markup comes from: its own attributes (`dispStart`,
 * `dispEnd`, `disp`, as exported) or, in 1.2, its content (`<bpt>*</bpt>`);
 * failing that, the source's code with the same id. A source code missing
 * from the target is a finding on that entry (the translation is still
 * read: the checks then report the lost markup).
 */
import { InputError } from '../core/errors.js';
import { parseXml, childrenNamed, childNamed, textOf, type XmlElement } from './xml.js';
import { unitId } from './xliffWrite.js';
import type { ImportDocument, ImportEntry, ImportMark } from './types.js';

/** Markup of one code, by id: paired (open, close) or standalone (markup). */
interface CodeMarkup {
  open?: string;
  close?: string;
  markup?: string;
}

interface Content {
  text: string;
  /** Ids of the codes met, in order. */
  ids: string[];
  codes: Map<string, CodeMarkup>;
  findings: string[];
}

const transparent = new Set(['mrk', 'sm', 'em', 'seg-source']);

/**
 * The text of a `<source>` or `<target>`, codes turned back into markup.
 * @param lookup the source's codes (for a target)
 */
function readContent(el: XmlElement | undefined, file: string, lookup?: Map<string, CodeMarkup>): Content {
  const out: Content = { text: '', ids: [], codes: new Map(), findings: [] };
  if (!el) return out;
  const known = (id: string | undefined) => (id === undefined ? undefined : lookup?.get(id));
  const missing = (node: XmlElement, what: string) => {
    out.findings.push(
      `inline code <${node.name} id="${node.attributes.id ?? ''}"> carries no ${what} and the source has no such code: its markup is lost`,
    );
    return '';
  };
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === 'string') {
        out.text += child;
        continue;
      }
      const a = child.attributes;
      const id = a.id ?? ''; // a code without an id matches none of the source's
      switch (child.name) {
        case 'pc': {
          const open = a.dispStart ?? known(id)?.open ?? missing(child, 'dispStart');
          const close = a.dispEnd ?? known(id)?.close ?? missing(child, 'dispEnd');
          out.ids.push(id);
          out.codes.set(id, { open, close });
          out.text += open;
          walk(child);
          out.text += close;
          break;
        }
        case 'ph': {
          // 2.0 <ph/> carries its markup in disp; 1.2 <ph> holds it as content.
          const own = a.disp ?? (child.children.length ? textOf(child) : undefined);
          const markup = own ?? known(id)?.markup ?? missing(child, 'disp');
          out.ids.push(id);
          out.codes.set(id, { markup });
          out.text += markup;
          break;
        }
        case 'sc':
        case 'bpt':
        case 'bx': {
          const open =
            a.dispStart ??
            a.disp ??
            (child.name === 'bpt' ? textOf(child) || undefined : undefined) ??
            known(id)?.open ??
            missing(child, 'markup');
          out.ids.push(id);
          out.codes.set(id, { ...out.codes.get(id), open });
          out.text += open;
          break;
        }
        case 'ec':
        case 'ept':
        case 'ex': {
          const ref = a.startRef ?? a.rid ?? id;
          const close =
            a.dispEnd ??
            a.disp ??
            (child.name === 'ept' ? textOf(child) || undefined : undefined) ??
            known(ref)?.close ??
            missing(child, 'markup');
          out.codes.set(ref, { ...out.codes.get(ref), close });
          out.text += close;
          break;
        }
        case 'g': {
          out.ids.push(id);
          const k = known(id);
          out.text += k?.open ?? missing(child, 'markup');
          walk(child);
          out.text += k?.close ?? '';
          break;
        }
        case 'x': {
          out.ids.push(id);
          out.text += known(id)?.markup ?? missing(child, 'markup');
          break;
        }
        case 'cp':
          out.text += String.fromCodePoint(parseInt(a.hex ?? '', 16) || 0xfffd);
          break;
        default:
          if (!transparent.has(child.name)) {
            throw new InputError(
              `unexpected <${child.name}> inside <${el.name}>: only inline codes (pc, ph, sc, ec, mrk; 1.2: bpt, ept, ph, g, x, mrk) may appear in text`,
              { file, line: child.line, column: child.column },
            );
          }
          walk(child);
      }
    }
  };
  walk(el);
  return out;
}

const describe = (c: CodeMarkup) => (c.markup !== undefined ? c.markup : `${c.open ?? ''}…${c.close ?? ''}`);

/** Findings for source codes the target lost. */
function lostCodes(source: Content, target: Content): string[] {
  if (target.text === '') return [];
  const kept = new Set(target.ids);
  const count = (text: string, part: string) => text.split(part).length - 1;
  // A placeholder typed as plain text (`{{page}}` instead of the code) is there all the same: the text is what counts.
  const typed = (id: string) => {
    const markup = source.codes.get(id)?.markup;
    return markup !== undefined && markup !== '' && count(target.text, markup) >= count(source.text, markup);
  };
  return source.ids
    .filter((id) => !kept.has(id) && !typed(id))
    .map((id) => `inline code ${id} (${describe(source.codes.get(id)!)}) of the source is missing from the target`);
}

/** Units below a file or group, groups flattened. */
function unitsOf(el: XmlElement, unitName: string): XmlElement[] {
  return el.children.flatMap((c) =>
    typeof c === 'string'
      ? []
      : c.name === unitName
        ? [c]
        : c.name === 'group' || c.name === 'body'
          ? unitsOf(c, unitName)
          : [],
  );
}

const order2 = ['initial', 'translated', 'reviewed', 'final'];

/**
 * The structural rules import relies on (XLIFF 2.0 core, and the same in
 * 1.2): one `<file>` per namespace, each with its name, and unit ids unique
 * within a file. A second `<file id="statement">` or a repeated unit id
 * would make two entries for one key, the later silently winning.
 * @throws InputError at the offending element
 */
function checkStructure(
  files: XmlElement[],
  fileAttribute: string,
  unitName: string,
  idAttribute: string,
  file: string,
): void {
  const seen = new Map<string, XmlElement>();
  for (const f of files) {
    const ns = f.attributes[fileAttribute];
    if (ns === undefined || ns === '')
      throw new InputError(
        `<file> has no ${fileAttribute}: it must name its namespace (statement, letter or addressees)`,
        { file, line: f.line, column: f.column },
      );
    const before = seen.get(ns);
    if (before)
      throw new InputError(
        `a second <file ${fileAttribute}="${ns}"> (the first is on line ${before.line}): one <file> per namespace`,
        { file, line: f.line, column: f.column },
      );
    seen.set(ns, f);
    const ids = new Map<string, XmlElement>();
    for (const unit of unitsOf(f, unitName)) {
      const id = unit.attributes[idAttribute];
      if (id === undefined || id === '')
        throw new InputError(`<${unitName}> has no ${idAttribute} (in <file ${fileAttribute}="${ns}">)`, {
          file,
          line: unit.line,
          column: unit.column,
        });
      const first = ids.get(id);
      if (first)
        throw new InputError(
          `unit id "${id}" appears twice in <file ${fileAttribute}="${ns}"> (first on line ${first.line}): unit ids are unique within a file`,
          { file, line: unit.line, column: unit.column },
        );
      ids.set(id, unit);
    }
  }
}

/** Reads an XLIFF 2.x document. */
function read2(root: XmlElement, file: string): ImportDocument {
  const locale = root.attributes.trgLang;
  if (!locale)
    throw new InputError(
      'the <xliff> element has no trgLang: the file must say which language it translates into (trgLang="fr")',
      { file, line: root.line, column: root.column },
    );
  const entries: ImportEntry[] = [];
  const files = childrenNamed(root, 'file');
  checkStructure(files, 'id', 'unit', 'id', file);
  for (const f of files) {
    for (const unit of unitsOf(f, 'unit')) {
      const { id = '', name } = unit.attributes;
      const key = name !== undefined && unitId(name) === id ? name : id;
      let source = '';
      let target = '';
      const findings: string[] = [];
      const states: string[] = [];
      let hasTarget = false;
      for (const part of unit.children) {
        if (typeof part === 'string' || (part.name !== 'segment' && part.name !== 'ignorable')) continue;
        const s = readContent(childNamed(part, 'source'), file);
        const targetEl = childNamed(part, 'target');
        const t = readContent(targetEl, file, s.codes);
        source += s.text;
        // An ignorable without target (white space between segments) is the same in both languages.
        target += targetEl ? t.text : part.name === 'ignorable' ? s.text : '';
        hasTarget ||= Boolean(targetEl) && part.name === 'segment';
        findings.push(...s.findings, ...t.findings, ...lostCodes(s, t));
        if (part.name === 'segment' && part.attributes.state) states.push(part.attributes.state);
      }
      const bad = states.find((s) => !order2.includes(s));
      if (bad)
        throw new InputError(`segment state "${bad}" is not one of ${order2.join(', ')}`, {
          file,
          line: unit.line,
          column: unit.column,
        });
      const lowest = states.length ? order2[Math.min(...states.map((s) => order2.indexOf(s)))] : 'translated';
      const mark: ImportMark = lowest === 'initial' ? 'fuzzy' : lowest === 'translated' ? 'translated' : 'approved';
      entries.push({
        ns: f.attributes.id ?? '',
        key,
        source,
        target: hasTarget ? target : '',
        mark,
        place: { line: unit.line, column: unit.column },
        findings,
      });
    }
  }
  return {
    format: 'xliff',
    locale,
    localePlace: { line: root.line, column: root.column },
    sourceLocale: root.attributes.srcLang,
    entries,
  };
}

/** Reads an XLIFF 1.2 document. */
function read12(root: XmlElement, file: string): ImportDocument {
  const files = childrenNamed(root, 'file');
  const first = files[0];
  if (!first)
    throw new InputError('the XLIFF 1.2 file has no <file> element', { file, line: root.line, column: root.column });
  const locale = first.attributes['target-language'];
  if (!locale)
    throw new InputError('<file> has no target-language: the file must say which language it translates into', {
      file,
      line: first.line,
      column: first.column,
    });
  const other = files.find((f) => f.attributes['target-language'] !== locale);
  if (other)
    throw new InputError(
      `<file> elements disagree on target-language ("${locale}", "${other.attributes['target-language'] ?? ''}"): import one language at a time`,
      { file, line: other.line, column: other.column },
    );
  const entries: ImportEntry[] = [];
  checkStructure(files, 'original', 'trans-unit', 'id', file);
  for (const f of files) {
    for (const unit of unitsOf(f, 'trans-unit')) {
      const s = readContent(childNamed(unit, 'source'), file);
      const targetEl = childNamed(unit, 'target');
      const t = readContent(targetEl, file, s.codes);
      const state = targetEl?.attributes.state;
      const approved = unit.attributes.approved === 'yes' || state === 'signed-off' || state === 'final';
      const mark: ImportMark = approved
        ? 'approved'
        : state === undefined || state === 'translated'
          ? 'translated'
          : 'fuzzy';
      entries.push({
        ns: f.attributes.original ?? '',
        key: unit.attributes.resname ?? unit.attributes.id ?? '',
        source: s.text,
        target: targetEl ? t.text : '',
        mark,
        place: { line: unit.line, column: unit.column },
        findings: [...s.findings, ...t.findings, ...lostCodes(s, t)],
      });
    }
  }
  return {
    format: 'xliff12',
    locale,
    localePlace: { line: first.line, column: first.column },
    sourceLocale: first.attributes['source-language'],
    entries,
  };
}

/**
 * Parses an XLIFF file (2.0, 2.1, 2.2 or 1.2).
 * @throws InputError naming the file, line and column: not well-formed
 *   (truncated), not XLIFF, an unknown version, no target language
 */
export function parseXliff(text: string, file: string): ImportDocument {
  const root = parseXml(text, file);
  const local = root.name.replace(/^.*:/, '');
  if (local !== 'xliff')
    throw new InputError(`not an XLIFF file: the root element is <${root.name}>, not <xliff>`, {
      file,
      line: root.line,
      column: root.column,
    });
  const version = root.attributes.version ?? '';
  if (/^2\.\d$/.test(version)) return read2(root, file);
  if (version === '1.2') return read12(root, file);
  throw new InputError(`XLIFF version "${version}" is not supported (2.0, 2.1, 2.2 or 1.2)`, {
    file,
    line: root.line,
    column: root.column,
  });
}
