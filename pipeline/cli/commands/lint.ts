/** `statement lint`: checks the prose of the statement (typography, spelling, consistency). */
import { lintRules, formatFinding } from '../../lint/findings.js';
import { readText, readOptional, rel } from '../../core/fsio.js';
import { layout } from '../../core/project.js';
import { InputError } from '../../core/errors.js';
import { defineCommand } from './types.js';

export const lintCommand = defineCommand({
  name: 'lint',
  summary: 'check the prose of the statement, or of any Markdown file: typography, spelling, consistency',
  usage: 'statement lint [FILE] [--strict]',
  description: [
    `Lints FILE (default: ${layout.source}), front matter included; a Markdown file without`,
    'front matter (a draft) is linted too. Prints one line a finding:',
    '  file:line:col: rule: "text as it stands" → suggestion',
    `Words listed in ${layout.dictionary} (one a line) count as spelled right.`,
    'Exits 1 when there are errors; with --strict, warnings count as errors.',
    '',
    'Rules:',
    ...Object.entries(lintRules).map(([rule, r]) => `  ${rule.padEnd(20)}${r.severity.padEnd(9)}${r.description}`),
  ].join('\n'),
  options: {
    strict: { type: 'boolean', help: 'count warnings as errors' },
  },
  positionals: true,
  async run({ values, positionals, io, paths, resolve }) {
    if (positionals.length > 1)
      throw new InputError(`lint takes one file, got ${positionals.length}: ${positionals.join(' ')}`);
    const file = positionals[0] ? resolve(positionals[0]) : paths.source;
    // retext and the English dictionary load only when linting.
    const { lintStatement, parseDictionary } = await import('../../lint/lint.js');
    const text = readText(file, 'statement');
    const words = parseDictionary(readOptional(paths.dictionary) ?? '');
    const findings = lintStatement(text, rel(file), words);
    for (const f of findings) io.out(`${formatFinding(f)}\n`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    const { strict } = values;
    const failing = strict ? errors + warnings : errors;
    io.err(
      `${rel(file)}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${strict && warnings ? ' (--strict: warnings count as errors)' : ''}\n`,
    );
    return failing > 0 ? 1 : 0;
  },
});
