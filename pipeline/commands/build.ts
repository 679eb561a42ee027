/** `statement build`: editions and letters, HTML and PDF. */
import { build } from '../build.js';
import { InputError } from '../errors.js';
import type { Command } from './types.js';

/** Splits a comma list option. */
export function list(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function choice<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new InputError(`--${name} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  return value as T;
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the HTML editions (and, when available, PDFs and letters) into dist/',
  usage: 'statement build [--locale L,..] [--only editions|letters] [--format html|pdf] [--out DIR] [--force] [--dry-run]',
  description: 'Writes into a staging folder and replaces the output folder only when everything succeeded.',
  options: {
    locale: { type: 'string', arg: 'L,..', help: 'build these locales only (default: every publish locale)' },
    only: { type: 'string', arg: 'editions|letters', help: 'build editions or letters only (default: both)' },
    format: { type: 'string', arg: 'html|pdf', help: 'build one format only (default: both)' },
    out: { type: 'string', arg: 'DIR', help: 'output folder (default: dist)' },
    force: { type: 'boolean', help: 'rebuild even what is current' },
    'dry-run': { type: 'boolean', help: 'print the plan, write nothing' },
  },
  async run({ values, io }) {
    const result = await build({
      locales: list(values.locale),
      only: choice('only', values.only, ['editions', 'letters'] as const),
      format: choice('format', values.format, ['html', 'pdf'] as const),
      out: typeof values.out === 'string' ? values.out : undefined,
      force: Boolean(values.force),
      dryRun: Boolean(values['dry-run']),
      log: (line) => io.err(`${line}\n`),
    });
    if (values['dry-run']) for (const p of result.plan) io.out(`${p.path}\n`);
    return result.failed.length > 0 ? 1 : 0;
  },
};
