/**
 * Tables to HTML: a real `<table>`, its caption (the `tableCaption` node
 * just before it) as `<caption>`, the header row as `<th scope="col">`,
 * the column count and alignment from the source's table whatever a
 * translation holds. Alignment is written as classes, not the obsolete
 * `align` attribute, and in logical terms (`align-start`, `align-end`), so
 * an Arabic table, which runs right to left, is mirrored; a column of
 * figures with no alignment of its own is `numeric` (end-aligned). Each
 * cell keeps the language and pending mark the localize stage gave it.
 */
import type { Element, ElementContent } from 'hast';
import type { Nodes, Parents, Table, TableCell } from 'mdast';
import type { Options as ToHastOptions } from 'remark-rehype';
import { toString } from 'mdast-util-to-string';
import { numericColumns } from '../source/gfm.js';

type Handler = NonNullable<ToHastOptions['unknownHandler']>;
type State = Parameters<Handler>[0];

const alignClass: Record<string, string> = { left: 'align-start', right: 'align-end', center: 'align-center' };

function cellElement(state: State, cell: TableCell | undefined, tagName: 'th' | 'td', classes: string[]): Element {
  const own = ((cell?.data ?? {}) as { hProperties?: Record<string, unknown> }).hProperties ?? {};
  const className = [...classes, ...((own.className as string[] | undefined) ?? [])];
  const properties: Record<string, unknown> = { ...own, ...(tagName === 'th' ? { scope: 'col' } : {}) };
  if (className.length) properties.className = className;
  else delete properties.className;
  return {
    type: 'element',
    tagName,
    properties: properties as Element['properties'],
    children: cell ? (state.all(cell) as ElementContent[]) : [],
  };
}

/** `table`: caption, head, body; as many cells a row as the source's header has columns. */
export const tableHandler: Handler = (state, node, parent) => {
  const table = node as unknown as Table;
  const width = table.align?.length || table.children[0]?.children.length || 0;
  const numeric = numericColumns(table, (n) => toString(n));
  const classes = Array.from({ length: width }, (_, c) => {
    const a = table.align?.[c];
    const align = a ? alignClass[a] : undefined;
    return align ? [align] : numeric[c] ? ['numeric'] : [];
  });
  const row = (r: number, tagName: 'th' | 'td'): Element => ({
    type: 'element',
    tagName: 'tr',
    properties: {},
    children: state.wrap(
      classes.map((cls, c) => cellElement(state, table.children[r]?.children[c], tagName, cls)),
      true,
    ) as Element['children'],
  });
  const children: Element[] = [];
  const siblings = (parent as Parents | undefined)?.children as Nodes[] | undefined;
  const before = siblings?.[siblings.indexOf(node as unknown as Nodes) - 1];
  if (before?.type === 'tableCaption') {
    const own = ((before.data ?? {}) as { hProperties?: Record<string, unknown> }).hProperties ?? {};
    children.push({
      type: 'element',
      tagName: 'caption',
      properties: { ...own } as Element['properties'],
      children: state.all(before) as ElementContent[],
    });
  }
  if (table.children.length)
    children.push({
      type: 'element',
      tagName: 'thead',
      properties: {},
      children: state.wrap([row(0, 'th')], true) as Element['children'],
    });
  if (table.children.length > 1)
    children.push({
      type: 'element',
      tagName: 'tbody',
      properties: {},
      children: state.wrap(
        table.children.slice(1).map((_, i) => row(i + 1, 'td')),
        true,
      ) as Element['children'],
    });
  return {
    type: 'element',
    tagName: 'table',
    properties: {},
    children: state.wrap(children, true) as Element['children'],
  };
};

/** `tableCaption`: rendered inside its table; alone (never, by construction) as an emphasized paragraph. */
export const captionHandler: Handler = (state, node, parent) => {
  const siblings = (parent as Parents | undefined)?.children as Nodes[] | undefined;
  if (siblings && siblings[siblings.indexOf(node as unknown as Nodes) + 1]?.type === 'table') return undefined;
  return {
    type: 'element',
    tagName: 'p',
    properties: {},
    children: [{ type: 'element', tagName: 'em', properties: {}, children: state.all(node) as ElementContent[] }],
  };
};
