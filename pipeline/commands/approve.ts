/** `statement approve`: record a reviewer's approval of translations. */
import { loadWorkspace, statusesOf, stateFile, localeSourcesOf } from '../workspace.js';
import { serializeState } from '../state.js';
import { hashText } from '../segment.js';
import { reportKey } from '../status.js';
import { writeAtomic } from '../fsio.js';
import { InputError } from '../errors.js';
import type { Command } from './types.js';
import os from 'node:os';

export const approveCommand: Command = {
  name: 'approve',
  summary: 'record a review: mark translations approved, with who and when',
  usage: 'statement approve --locale L (--key K | --all) [--by NAME]',
  description: 'Only current translations (not missing, not stale, no unwaived error) can be approved.\nKeys of letter.json and addressees.json are written ns:key, e.g. letter:page.',
  options: {
    locale: { type: 'string', arg: 'L', help: 'the locale reviewed' },
    key: { type: 'string', arg: 'K', help: 'one key (as status prints it)' },
    all: { type: 'boolean', help: 'every current translation of the locale' },
    by: { type: 'string', arg: 'NAME', help: 'the reviewer (default: the system user name)' },
  },
  async run({ values, io }) {
    const locale = values.locale;
    if (typeof locale !== 'string') throw new InputError('--locale L is required');
    if (!values.all === (typeof values.key !== 'string')) throw new InputError('give exactly one of --key K or --all');
    const root = process.cwd();
    const ws = loadWorkspace(root, { locales: [locale] });
    if (locale === ws.project.parsed.config.sourceLocale) throw new InputError(`"${locale}" is the source locale: there is nothing to approve`);
    const files = ws.locales.get(locale)!;
    const keys = statusesOf(ws, locale);
    const chosen = values.all ? keys : keys.filter((k) => reportKey(k.ns, k.key) === values.key);
    if (!values.all && chosen.length === 0) throw new InputError(`no key "${String(values.key)}" in ${locale} (letter and addressee keys are written letter:K, addressees:K)`);
    const by = typeof values.by === 'string' ? values.by : os.userInfo().username;
    const at = new Date().toISOString();
    let approved = 0;
    const refused: string[] = [];
    for (const k of chosen) {
      if (!k.usable) {
        refused.push(`${reportKey(k.ns, k.key)} (${k.status}${k.findings.some((f) => f.severity === 'error' && !f.waived) ? ', has errors' : ''})`);
        continue;
      }
      const text = files.catalogs[k.ns][k.key];
      files.state.entries[k.ns][k.key] = { source: localeSourcesOf(ws, locale)[k.ns][k.key], text: hashText(text), status: 'approved', by, at };
      approved++;
    }
    if (approved) writeAtomic(stateFile(root, locale), serializeState(files.state));
    io.err(`${locale}: ${approved} approved by ${by}${refused.length ? `; not approved: ${values.all ? refused.length : refused.join(', ')}` : ''}\n`);
    return refused.length && !values.all ? 1 : 0;
  },
};
