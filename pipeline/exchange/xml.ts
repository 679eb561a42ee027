/**
 * A strict XML reader for XLIFF: elements with their attributes, text kept
 * exactly (white space included) and the line and column where each element
 * starts. Built on `saxes`, a conformant XML 1.0 parser: `sax` (under the
 * `xliff` package) accepts an unescaped `<` in an attribute value, a
 * repeated attribute, two root elements and control characters, which are
 * not XML, so a tool's broken file would have been imported. Reading does
 * not go through the `xliff` package because, as of xliff 6.4, `xliff2js`
 * accepts a truncated file without an error, drops white-space-only text
 * between inline codes (`<pc>a</pc> <pc>b</pc>` loses its space) and does
 * not report segment `state`. Pure: text in, tree out.
 */
import { createRequire } from 'node:module';
import { InputError, lineLocator } from '../core/errors.js';

/** An element of the tree. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  line: number;
  column: number;
}

/** Text or an element. */
export type XmlNode = string | XmlElement;

interface SaxesTag {
  name: string;
  attributes: Record<string, string>;
}

interface SaxesParser {
  line: number;
  column: number;
  position: number;
  on(event: 'opentag', handler: (tag: SaxesTag) => void): void;
  on(event: 'opentagstart' | 'closetag', handler: () => void): void;
  on(event: 'text' | 'cdata' | 'doctype', handler: (text: string) => void): void;
  on(event: 'error', handler: (error: Error) => void): void;
  write(text: string): SaxesParser;
  close(): SaxesParser;
}

let saxesModule: { SaxesParser: new (options: Record<string, unknown>) => SaxesParser } | undefined;

/** saxes, loaded on first use (only import reads XML). */
function saxes() {
  saxesModule ??= createRequire(import.meta.url)('saxes') as typeof saxesModule;
  return saxesModule!;
}

/**
 * Parses an XML document.
 * @throws InputError naming the file, line and column of the first error
 *   (a truncated file: "the file ends inside <unit>")
 */
export function parseXml(text: string, file: string): XmlElement {
  const parser = new (saxes().SaxesParser)({ position: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], line: 1, column: 1 };
  const stack: XmlElement[] = [root];
  const locate = lineLocator(text);
  const fail = (message: string, place: { line: number; column: number }): never => {
    throw new InputError(message, { file, ...place });
  };
  const addText = (t: string) => {
    const parent = stack[stack.length - 1]!; // the document stays at the bottom of the stack
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  let tagStart = 0;
  // At "opentagstart" the parser stands just past the name: the tag began at the last "<" before.
  parser.on('opentagstart', () => {
    tagStart = Math.max(0, text.lastIndexOf('<', parser.position - 1));
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], ...locate(tagStart) };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('doctype', () => fail('a DOCTYPE is not allowed in an XLIFF file', locate(text.indexOf('<!DOCTYPE'))));
  parser.on('error', (error) => {
    const reason = error.message.replace(/^\d+:\d+: /, '');
    const open = stack.length > 1 ? stack[stack.length - 1] : undefined;
    if (/^unclosed tag|^unexpected end/i.test(reason) && open) {
      fail(
        `the file ends inside <${open.name}> (line ${open.line}): it is truncated or not closed; export it again from the tool`,
        locate(text.length),
      );
    }
    // saxes says only "disallowed character." for the commonest slip of a hand edit.
    const detail =
      /^disallowed character\.$/.test(reason) && text[parser.position - 1] === '<'
        ? 'an unescaped "<" in an attribute value (write &lt;)'
        : reason;
    fail(`not well-formed XML: ${detail}`, { line: parser.line, column: Math.max(1, parser.column) });
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `not well-formed XML: ${(error as Error).message.split('\n')[0]}`,
      { file, line: parser.line, column: Math.max(1, parser.column) },
      { cause: error },
    );
  }
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) fail('the file holds no XML element', { line: 1, column: 1 });
  return top!;
}

/** The element children of an element with a given local name (any prefix-free match). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The first element child with a given name. */
export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return childrenNamed(el, name)[0];
}

/** The text content of an element, markup removed (for notes). */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
