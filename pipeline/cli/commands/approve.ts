/** `statement approve`: record a reviewer's approval of translations. */
import { loadForLocale, statusesOf, localeSourcesOf } from '../../catalog/workspace.js';
import { serializeState } from '../../catalog/state.js';
import { hashText } from '../../source/segment.js';
import { reportKey, type KeyStatus } from '../../catalog/status.js';
import { writeAtomic } from '../../core/fsio.js';
import { withCatalogs } from '../../catalog/transaction.js';
import { InputError } from '../../core/errors.js';
import { isUnwaivedError } from '../../checks/types.js';
import { defineCommand } from './types.js';
import os from 'node:os';

export const approveCommand = defineCommand({
  name: 'approve',
  summary: 'record a review: mark translations approved, with who and when',
  usage: 'statement approve --locale L (--key K | --all) [--by NAME]',
  description:
    'Only current translations (not missing, not stale, no unwaived error) can be approved.\nKeys of letter.json and addressees.json are written ns:key, e.g. letter:page.',
  options: {
    locale: { type: 'string', arg: 'L', help: 'the locale reviewed', required: '--locale L is required' },
    key: { type: 'string', arg: 'K', help: 'one key (as status prints it)' },
    all: { type: 'boolean', help: 'every current translation of the locale' },
    by: { type: 'string', arg: 'NAME', help: 'the reviewer (default: the system user name)' },
  },
  async run({ values, io, root, paths, log }) {
    if (values.all === (values.key !== undefined)) throw new InputError('give exactly one of --key K or --all');
    // Read and written under the catalogs lock: an import meanwhile would otherwise lose these approvals, or they its texts.
    return withCatalogs(root, 'approve', log, () => {
      const { ws, locale, files } = loadForLocale(root, values.locale);
      if (locale === ws.project.parsed.config.sourceLocale)
        throw new InputError(`"${locale}" is the source locale: there is nothing to approve`);
      const keys = statusesOf(ws, locale);
      const chosen = values.all ? keys : keys.filter((k) => reportKey(k.ns, k.key) === values.key);
      if (!values.all && chosen.length === 0)
        throw new InputError(
          `no key "${values.key}" in ${locale} (letter and addressee keys are written letter:K, addressees:K)`,
        );
      const by = values.by ?? os.userInfo().username;
      const at = new Date().toISOString();
      let approved = 0;
      const refused: KeyStatus[] = [];
      for (const k of chosen) {
        if (!k.usable) {
          refused.push(k);
          continue;
        }
        // A usable key is translated, and every key status is of a source key.
        const text = files.catalogs[k.ns][k.key]!;
        files.state.entries[k.ns][k.key] = {
          source: localeSourcesOf(ws, locale)[k.ns][k.key]!,
          text: hashText(text),
          status: 'approved',
          by,
          at,
        };
        approved++;
      }
      if (approved) writeAtomic(paths.state(locale), serializeState(files.state));
      io.err(`${locale}: ${approved} approved by ${by}${refused.length ? `; not approved: ${refused.length}` : ''}\n`);
      for (const line of whyNot(refused, locale)) io.err(`  ${line}\n`);
      return refused.length && !values.all ? 1 : 0;
    });
  },
});

/** How many keys of one reason are named before "and N more". */
const NAMED = 10;

/**
 * Why keys were not approved, one line a reason (missing, stale, errors)
 * naming the keys and saying how to fix them; errors name each key's check.
 */
export function whyNot(refused: KeyStatus[], locale: string): string[] {
  const catalog = (k: KeyStatus) => `locales/${locale}/${k.ns}.json`;
  const files = (ks: KeyStatus[]) => [...new Set(ks.map(catalog))].join(', ');
  const named = (ks: KeyStatus[]) => {
    const names = ks.slice(0, NAMED).map((k) => reportKey(k.ns, k.key));
    return ks.length > NAMED
      ? `${names.join(', ')} and ${ks.length - NAMED} more (statement status --locale ${locale})`
      : names.join(', ');
  };
  const erring = (k: KeyStatus) => k.findings.filter(isUnwaivedError);
  const lines: string[] = [];
  const missing = refused.filter((k) => k.status === 'missing');
  if (missing.length) {
    lines.push(
      `missing (${missing.length}): ${named(missing)}: not translated yet; type the translation in ${files(missing)} (or export, translate and import), then approve`,
    );
  }
  const stale = refused.filter((k) => k.status === 'stale');
  if (stale.length) {
    lines.push(
      `stale (${stale.length}): ${named(stale)}: the source changed since this was translated; revise the text in ${files(stale)} (a new text typed there is a draft of the current source) or through "statement export --locale ${locale} --only stale" and import, then approve`,
    );
  }
  const broken = refused.filter((k) => k.status !== 'missing' && k.status !== 'stale' && erring(k).length);
  for (const k of broken.slice(0, NAMED)) {
    const [first, ...more] = erring(k);
    if (!first) continue;
    lines.push(
      `${reportKey(k.ns, k.key)} has ${more.length + 1} error(s), ${first.check}: ${first.message}; fix the translation in ${catalog(k)}, or waive the check with a reason (statement waive --locale ${locale} --key ${reportKey(k.ns, k.key)} --check ${first.check} --reason TEXT)`,
    );
  }
  if (broken.length > NAMED)
    lines.push(`and ${broken.length - NAMED} more key(s) with errors (statement status --locale ${locale})`);
  return lines;
}
