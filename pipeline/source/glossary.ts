/**
 * `source/glossary.yaml`: the official form of recurring terms per locale.
 *
 *     terms:
 *       - en: Genocide Convention
 *         fr: Convention pour la prévention et la répression du crime de génocide
 *         ru: { pattern: "Конвенци\\w+ о предупреждении преступления геноцида" }
 *
 * Pure: the text comes in with its file name.
 */
import { parseDocument, isMap, isSeq, LineCounter } from 'yaml';
import { InputError } from '../core/errors.js';
import type { GlossaryTerm } from '../checks/run.js';
import { yamlErrorOffset } from './yamlPlace.js';

/** Parses the glossary; `sourceLocale` names the field that holds the source form. */
export function parseGlossary(text: string, file: string, sourceLocale: string): GlossaryTerm[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const e = doc.errors[0];
  if (e) {
    const p = counter.linePos(yamlErrorOffset(text, e));
    throw new InputError(`not valid YAML: ${e.message.split('\n')[0]}`, { file, line: p.line, column: p.col });
  }
  const terms = isMap(doc.contents) ? doc.contents.get('terms', true) : undefined;
  if (!isSeq(terms)) throw new InputError('expected a top-level "terms:" list', { file, line: 1, column: 1 });
  return terms.items.map((item) => {
    const where = { file, line: counter.linePos((item as { range?: number[] }).range?.[0] ?? 0).line, column: 1 };
    if (!isMap(item)) throw new InputError('each term must be a mapping of locale → form', where);
    const data = item.toJSON() as Record<string, unknown>;
    const source = data[sourceLocale];
    if (typeof source !== 'string' || !source) throw new InputError(`a term needs its "${sourceLocale}" form`, where);
    const forms: GlossaryTerm['forms'] = {};
    for (const [locale, form] of Object.entries(data)) {
      if (locale === sourceLocale || locale === 'note') continue;
      if (typeof form === 'string') forms[locale] = { text: form };
      else if (form && typeof form === 'object' && typeof (form as { pattern?: unknown }).pattern === 'string') {
        try {
          forms[locale] = { pattern: new RegExp((form as { pattern: string }).pattern, 'iu') };
        } catch (error) {
          throw new InputError(`term "${source}", ${locale}: invalid pattern (${(error as Error).message})`, where);
        }
      } else throw new InputError(`term "${source}", ${locale}: give a string or { pattern: "…" }`, where);
    }
    return { source, forms };
  });
}
