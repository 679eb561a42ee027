/**
 * Where a YAML syntax error really is. The `yaml` package reports an
 * unclosed `[`, `{` or quote where it noticed it (the start of the next
 * line, or the end of the text), one line after the mistake; a user needs
 * the line that opened it. Pure.
 */
import type { YAMLError } from 'yaml';

/** The character offset in `text` to report a YAML error at. */
export function yamlErrorOffset(text: string, error: Pick<YAMLError, 'code' | 'message' | 'pos'>): number {
  const at = Math.min(error.pos[0], text.length);
  const first = error.message.split('\n')[0]!; // split yields at least one part
  const closer = /end with a ([\]}])/.exec(first)?.[1];
  if (closer) return openerBefore(text, at, closer === ']' ? '[' : '{') ?? at;
  const quote = /Missing closing (["'])quote/.exec(first)?.[1];
  if (quote) return text.lastIndexOf(quote, at - 1) >= 0 ? text.lastIndexOf(quote, at - 1) : at;
  // Anything else found at the start of a line belongs to the end of the previous non-blank line.
  if (
    at > 0 &&
    /^\s*$/.test(text.slice(text.lastIndexOf('\n', at - 1) + 1, at)) &&
    /^\s*$/.test(text.slice(at).split('\n')[0]!)
  ) {
    const before = text.slice(0, at).replace(/\s+$/, '');
    return Math.max(0, before.length - 1);
  }
  return at;
}

/** The offset of the `open` bracket left unclosed before `end`, skipping quoted text. */
function openerBefore(text: string, end: number, open: '[' | '{'): number | undefined {
  const close = open === '[' ? ']' : '}';
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < end; i++) {
    const c = text.charAt(i);
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\n' && quote === '"') continue;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote opens a scalar only where a value starts (not inside a word: O'Brien).
      if (i === 0 || /[\s[{,:]/.test(text.charAt(i - 1))) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text.charAt(i - 1)))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl;
    } else if (c === open) stack.push(i);
    else if (c === close) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : undefined;
}
