/**
 * A strict XML reader for XLIFF: elements with their attributes, text kept
 * exactly (white space included) and the line and column where each element
 * starts. Built on `sax`, the parser the `xliff` package itself reads with
 * (through `xml-js`). Reading goes through sax directly because, as of
 * xliff 6.4, `xliff2js` accepts a truncated file without an error, drops
 * white-space-only text between inline codes (`<pc>a</pc> <pc>b</pc>` loses
 * its space) and does not report segment `state`. Pure: text in, tree out.
 */
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';

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

interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

interface SaxParser {
  line: number;
  column: number;
  position: number;
  startTagPosition: number;
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  ondoctype: () => void;
  onerror: (error: Error) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
}

let saxModule: { parser(strict: boolean, options: Record<string, unknown>): SaxParser } | undefined;

/** sax, a declared dependency (the parser under the `xliff` package too), loaded on first use. */
function sax() {
  saxModule ??= createRequire(import.meta.url)('sax') as typeof saxModule;
  return saxModule!;
}

/**
 * Line and column of an offset, by binary search over the line starts
 * found in one pass: `placeOf` scans from the start each time, which made
 * reading a file quadratic in its number of elements.
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

/**
 * Parses an XML document.
 * @throws InputError naming the file, line and column of the first error
 *   (a truncated file: "the file ends inside <unit>")
 */
export function parseXml(text: string, file: string): XmlElement {
  const parser = sax().parser(true, { strictEntities: true, position: true });
  const root: XmlElement = { name: '#document', attributes: {}, children: [], line: 1, column: 1 };
  const stack: XmlElement[] = [root];
  const locate = lineLocator(text);
  const fail = (message: string, offset = parser.position): never => {
    throw new InputError(message, { file, ...locate(offset) });
  };
  const addText = (t: string) => {
    const parent = stack[stack.length - 1];
    const last = parent.children[parent.children.length - 1];
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + t;
    else parent.children.push(t);
  };
  parser.onopentag = (tag) => {
    const start = Math.max(0, parser.startTagPosition - 1);
    const el: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], ...locate(start) };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.ondoctype = () => fail('a DOCTYPE is not allowed in an XLIFF file');
  parser.onerror = (error) => {
    const reason = error.message.split('\n')[0];
    const open = stack.length > 1 ? stack[stack.length - 1] : undefined;
    if (/^Unclosed root tag|^Unexpected end/.test(reason) && open) {
      fail(`the file ends inside <${open.name}> (line ${open.line}): it is truncated or not closed; export it again from the tool`, text.length);
    }
    fail(`not well-formed XML: ${reason}`);
  };
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`not well-formed XML: ${(error as Error).message.split('\n')[0]}`, { file, ...locate(parser.position) }, { cause: error });
  }
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) fail('the file holds no XML element', 0);
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
