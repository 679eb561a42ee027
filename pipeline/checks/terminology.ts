/** `terminology`: a segment holding a glossary term uses its official form. */
import { memo } from '../core/memo.js';
import type { Check, Finding } from './types.js';

/** A source text or glossary term in lower case, for finding the term in the text. */
const lower = memo((text) => text.toLowerCase());

/** `terminology` (error): every glossary term of the source in its official form (`source/glossary.yaml`). */
export const terminologyCheck: Check = (source, translation, ctx) => {
  const out: Finding[] = [];
  if (!ctx.glossary.length) return out;
  const sourceLower = lower(source);
  for (const term of ctx.glossary) {
    const form = term.forms[ctx.locale];
    if (!form || !sourceLower.includes(lower(term.source))) continue;
    const ok = form.pattern ? form.pattern.test(translation) : translation.includes(form.text!);
    if (!ok)
      out.push({
        check: 'terminology',
        severity: 'error',
        message: `"${term.source}" must be translated as ${form.pattern ? `/${form.pattern.source}/` : `"${form.text}"`} (source/glossary.yaml)`,
      });
  }
  return out;
};
