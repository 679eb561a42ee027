/** `statement release`, `verify` and `diff`: freeze what is sent, check it later, list the errata. */
import { rel } from '../../core/fsio.js';
import { InputError } from '../../core/errors.js';
import { noteCommitted } from '../../core/shutdown.js';
import { defineCommand, type CommandContext } from './types.js';
import { signingOf, signingOptions } from './build.js';

/** The one positional a command takes: a release folder. */
function releaseFolder({ positionals, resolve }: CommandContext, usage: string): string {
  if (positionals.length !== 1)
    throw new InputError(`give one release folder, e.g. archive/OMB-2022-KHJ30/2024-05-01-1 (usage: ${usage})`);
  return resolve(positionals[0]!); // exactly one, checked above
}

/** `statement release [--note TEXT] [--allow-draft]`: build, then freeze what is sent. */
export const releaseCommand = defineCommand({
  name: 'release',
  summary: 'build, then freeze the letters, editions and manifest into archive/<reference>/<date>-<n>/',
  usage: 'statement release [--note TEXT] [--allow-draft] [--sign-with FILE.p12 [--sign-editions]]',
  description: [
    'Runs a full build; when nothing failed, copies the letters, editions, manifest and send list into',
    'a new folder archive/<reference>/<YYYY-MM-DD>-<n>/ (never over an earlier one) with release.json:',
    'checksums, input hashes, and per letter its language, translation status and what its text was',
    'made of (for "statement diff"). Prints the folder on stdout.',
    'Exit 1, building nothing, while a letter would go out with draft or missing translations (approve',
    'them first, or give --allow-draft, which the release records); exit 1 when a document failed.',
  ].join('\n'),
  options: {
    note: { type: 'string', arg: 'TEXT', help: 'a note kept in release.json (e.g. "sent by post on 2 May")' },
    'allow-draft': { type: 'boolean', help: 'release even letters whose translations are only drafts (recorded)' },
    // The certificate is recorded in release.json.
    ...signingOptions,
  },
  async run({ values, io, root, log, progress }) {
    const { release } = await import('../../release/release.js');
    const result = await release({
      root,
      note: values.note,
      allowDraft: values['allow-draft'],
      signing: signingOf(values),
      log,
      progress,
    });
    if (result.status !== 'released') {
      const refused = result.status === 'refused';
      io.err(
        refused
          ? `release refused: ${result.problems.length} letter(s) would go out with translations that are not approved:\n`
          : 'release failed, nothing was frozen:\n',
      );
      for (const p of result.problems) io.err(`  ${p}\n`);
      if (refused)
        io.err(
          'Approve them ("statement approve --locale L --all"), or release anyway with --allow-draft (the release records it).\n',
        );
      return 1;
    }
    noteCommitted(`the release ${rel(result.dir)}`);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    io.out(`${rel(result.dir)}\n`);
    return 0;
  },
});

/** `statement verify DIR`: exit 1 naming each file of the release that changed or went missing. */
export const verifyCommand = defineCommand({
  name: 'verify',
  summary: 'check that every file of a release still matches its checksum, and every signed PDF its signature',
  usage: 'statement verify DIR',
  description:
    "Exit 1 naming each file that changed or went missing since the release, and each signed PDF whose signature does not hold (or was made with another certificate than the release's); 0 when all hold.",
  positionals: true,
  async run(ctx) {
    const { verifyReleaseSignatures } = await import('../../release/release.js');
    const dir = releaseFolder(ctx, 'statement verify DIR');
    const { record, result, signatures } = await verifyReleaseSignatures(dir);
    const { io } = ctx;
    for (const f of result.changed) io.out(`changed: ${f}\n`);
    for (const f of result.missing) io.out(`missing: ${f}\n`);
    for (const b of signatures.bad) io.out(`bad signature: ${b.path}: ${b.problem}\n`);
    for (const f of result.extra) io.err(`note: ${f} is not part of the release\n`);
    const broken = result.changed.length + result.missing.length;
    const signed = signatures.held + signatures.bad.length;
    const signedNote = signed ? `; ${signatures.held} of ${signed} signature(s) hold` : '';
    io.err(
      broken || signatures.bad.length
        ? `release ${record.reference}/${record.id}: ${broken} file(s) changed or missing since ${record.date}${signedNote}\n`
        : `release ${record.reference}/${record.id}: all ${result.held} file(s) hold${signedNote}\n`,
    );
    return broken || signatures.bad.length ? 1 : 0;
  },
});

/** `statement diff DIR [--json]`: the erratum list — letters whose text the current inputs change. */
export const diffCommand = defineCommand({
  name: 'diff',
  summary: 'list the letters whose text changed since a release (who needs an erratum)',
  usage: 'statement diff DIR [--json]',
  description: [
    "Recomputes each letter's text from the current source, catalogs and registry (no build) and",
    'compares it with what the release recorded. Prints one line per letter that differs: addressee,',
    'language sent (and the language it would go in now, if different), the changed segment keys.',
  ].join('\n'),
  options: {
    json: { type: 'boolean', help: 'print one JSON object alone on stdout' },
  },
  positionals: true,
  async run(ctx) {
    const { diffRelease } = await import('../../release/release.js');
    const dir = releaseFolder(ctx, 'statement diff DIR [--json]');
    const { record, result, reference } = diffRelease(dir, ctx.root);
    const { io } = ctx;
    if (reference !== record.reference)
      io.err(`warning: the release is of ${record.reference}, the statement now is ${reference}\n`);
    if (ctx.values.json) {
      io.out(`${JSON.stringify({ schema: 1, ...result })}\n`);
      return 0;
    }
    for (const c of result.changed) {
      const language = c.now.language === c.language ? c.language : `${c.language} → ${c.now.language}`;
      io.out(`${c.addressee} (${language}): ${c.segments.join(', ')}\n`);
    }
    for (const m of result.languageOnly)
      io.err(
        `note: ${m.addressee} (${m.language}): text unchanged, but a build would now send it in ${m.now.language} (${m.now.reason})\n`,
      );
    for (const r of result.removed)
      io.err(`note: ${r.addressee} (${r.language}) received the release but is no longer in the registry\n`);
    for (const a of result.added)
      io.err(`note: ${a.addressee} (${a.language}) is new since the release: it has not been sent anything\n`);
    io.err(
      `release ${record.reference}/${record.id}: ${result.changed.length} letter(s) changed, ${result.unchanged} unchanged\n`,
    );
    return 0;
  },
});
