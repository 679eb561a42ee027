/** `statement build`: editions and letters, HTML and PDF. */
import { InputError } from '../../core/errors.js';
import { noteCommitted } from '../../core/shutdown.js';
import { defineCommand } from './types.js';
import { commaList, oneOf } from '../args.js';

// Made outside the schema: a generic call inside it would hide the schema's types from defineCommand.
const onlyKinds = oneOf('only', ['editions', 'letters']);
const oneFormat = oneOf('format', ['html', 'pdf']);

/** `--sign-with` and `--sign-editions`, the options of every command that builds (build, release). */
export const signingOptions = {
  'sign-with': {
    type: 'string',
    arg: 'FILE.p12',
    help: 'sign every letter with this PKCS#12 certificate (passphrase: STATEMENT_SIGN_PASSPHRASE)',
  },
  'sign-editions': { type: 'boolean', help: 'with a certificate: sign the PDF editions too' },
} as const;

/** `--sign-with`, `--sign-editions` and `--strict` as the build's signing options. */
export function signingOf(values: { 'sign-with'?: string; 'sign-editions': boolean; strict?: boolean }) {
  return { certificate: values['sign-with'], editions: values['sign-editions'], strict: Boolean(values.strict) };
}

export const buildCommand = defineCommand({
  name: 'build',
  summary: 'build HTML and PDF editions, a letter per addressee, the status page and the manifest into dist/',
  usage:
    'statement build [--locale L,..] [--only editions|letters] [--format html|pdf] [--addressee ID] [--out DIR] [--force] [--strict] [--dry-run [--json]] [--no-csv-bom] [--sign-with FILE.p12 [--sign-editions]] [--browser local|ws://HOST:PORT[/path][#pages=N]]...',
  description: [
    'Writes into a staging folder that replaces the output folder at the end: a kill leaves the previous one.',
    'PDFs whose inputs did not change are reused (no browser is launched when nothing changed).',
    'Each letter goes out in the first working language of its addressee in which that letter is ready:',
    "every key it renders (statement, its form of address, labels, its addressee's name) usable there.",
    'Exit 1 when a document failed (listed under "failed" in dist/manifest.json).',
    'With --sign-with (or signing: { certificate } in the front matter) every letter gets a PAdES signature;',
    'the PKCS#12 passphrase is read from the environment variable STATEMENT_SIGN_PASSPHRASE.',
  ].join('\n'),
  options: {
    locale: {
      type: 'string',
      arg: 'L,..',
      help: 'build these locales only (default: every publish locale)',
      parse: commaList,
    },
    only: {
      type: 'string',
      arg: 'editions|letters',
      help: 'build editions or letters only (default: both)',
      parse: onlyKinds,
    },
    format: { type: 'string', arg: 'html|pdf', help: 'build one format only (default: both)', parse: oneFormat },
    addressee: { type: 'string', arg: 'ID', help: 'letters of one addressee only (a group: all its members)' },
    out: { type: 'string', arg: 'DIR', help: 'output folder (default: dist)' },
    force: { type: 'boolean', help: 'rebuild even what is current' },
    strict: { type: 'boolean', help: 'exit 1 when lint or the translation checks find errors' },
    'dry-run': { type: 'boolean', help: 'print the plan, write nothing' },
    'no-csv-bom': { type: 'boolean', help: 'write send-list.csv without the UTF-8 BOM that Excel needs (for scripts)' },
    browser: {
      type: 'string',
      arg: 'URL',
      multiple: true,
      help: 'print on this browser: local, or ws://HOST:PORT[/path][#pages=N] (repeatable; default: browsers: of statement.config.yaml, else local)',
    },
    json: {
      type: 'boolean',
      help: 'with --dry-run: print the plan as one JSON object ({"editions":[…],"letters":[…]})',
    },
    ...signingOptions,
  },
  async run({ values, io, root, log, progress }) {
    // Loaded on demand: `statement --help` and the other commands need none of the build's modules.
    if (values.json && !values['dry-run'])
      throw new InputError('--json goes with --dry-run (the plan as one JSON object)');
    const { build } = await import('../../build/build.js');
    const result = await build({
      root,
      locales: values.locale,
      only: values.only,
      format: values.format,
      addressee: values.addressee,
      out: values.out,
      force: values.force,
      dryRun: values['dry-run'],
      csvBom: !values['no-csv-bom'],
      signing: signingOf(values),
      browsers: values.browser,
      log,
      progress,
    });
    if (result.written) noteCommitted(`the build into ${result.out}`);
    if (values['dry-run'] && values.json) io.out(`${JSON.stringify(result.planJson)}\n`);
    else if (values['dry-run']) for (const line of result.plan) io.out(`${line}\n`);
    if (result.failed.length > 0) return 1;
    if (values.strict && (result.findings.lint > 0 || result.findings.checks > 0)) {
      io.err(
        `--strict: ${result.findings.lint} lint finding(s), ${result.findings.checks} segment(s) with check errors\n`,
      );
      return 1;
    }
    return 0;
  },
});
