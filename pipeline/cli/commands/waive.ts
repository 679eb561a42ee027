/** `statement waive`: record a justified waiver of one check on one key. */
import os from 'node:os';
import { loadForLocale, statusesOf } from '../../catalog/workspace.js';
import { serializeState, isWaiverReason, MIN_WAIVER_REASON } from '../../catalog/state.js';
import { reportKey } from '../../catalog/status.js';
import { writeAtomic } from '../../core/fsio.js';
import { withCatalogs } from '../../catalog/transaction.js';
import { InputError } from '../../core/errors.js';
import { defineCommand } from './types.js';

/** The one message of a waiver's four required options. */
const required = '--locale, --key, --check and --reason are all required';

export const waiveCommand = defineCommand({
  name: 'waive',
  summary: 'silence one check on one key of one locale, with the reason recorded in state.json',
  usage: 'statement waive --locale L --key K --check C --reason TEXT [--by NAME]',
  description: 'The waiver is kept in locales/<lng>/state.json and shown (as waived) by status and the status page.',
  options: {
    locale: { type: 'string', arg: 'L', help: 'the locale', required },
    key: {
      type: 'string',
      arg: 'K',
      help: 'the key, as status prints it (letter:K, addressees:K for those namespaces)',
      required,
    },
    check: {
      type: 'string',
      arg: 'C',
      help: 'the check to silence (figures, markup, placeholders, terminology, script, identical, spaces, punctuation, doubled-words, brackets, quotes, sentences, length, consistency, ...)',
      required,
    },
    reason: {
      type: 'string',
      arg: 'TEXT',
      help: 'why the finding is acceptable: a reason a reviewer can judge',
      required,
    },
    by: { type: 'string', arg: 'NAME', help: 'who waives it (default: the system user name)' },
  },
  async run({ values, io, root, paths, log }) {
    const { locale, key, check, reason } = values;
    if (!isWaiverReason(reason))
      throw new InputError(`--reason must say why (${MIN_WAIVER_REASON} characters at least)`);
    return withCatalogs(root, 'waive', log, () => {
      const { ws, files } = loadForLocale(root, locale);
      const k = statusesOf(ws, locale).find((s) => reportKey(s.ns, s.key) === key);
      if (!k) throw new InputError(`no key "${key}" in ${locale}`);
      if (!k.findings.some((f) => f.check === check))
        throw new InputError(`"${key}" has no "${check}" finding in ${locale} to waive`);
      const { state } = files;
      state.waivers = state.waivers.filter((w) => !(w.ns === k.ns && w.key === k.key && w.check === check));
      const by = values.by ?? os.userInfo().username;
      state.waivers.push({ ns: k.ns, key: k.key, check, reason: reason.trim(), by, at: new Date().toISOString() });
      writeAtomic(paths.state(locale), serializeState(state));
      io.err(`${locale} ${key}: ${check} waived\n`);
      return 0;
    });
  },
});
