/**
 * The `statement` command: parses arguments, runs a command, and is the
 * only place that turns results and errors into exit codes
 * (0 done, 1 a check or document failed, 2 bad input or usage).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import fs from 'node:fs';
import { InputError, formatDiagnostic } from './errors.js';
import { commands, type Command } from './commands/index.js';
import { findRoot, layout, StatementNotFound } from './project.js';

/** What a command may print: stdout for machine-readable results, stderr for logs. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal (progress bars instead of lines). */
  tty: boolean;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
};

function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'statement — publish one official statement in many languages',
    '',
    'Usage: statement <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "statement <command> --help" for the options of a command.',
    'Exit codes: 0 done, 1 a check or document failed, 2 bad input or usage.',
    '',
  ].join('\n');
}

/** The help text of a command. */
export function commandHelp(c: Command): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, ''];
  if (c.description) lines.push(c.description, '');
  const opts = Object.entries(c.options ?? {});
  if (opts.length) {
    lines.push('Options:');
    for (const [name, o] of opts) lines.push(`  --${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`.padEnd(28) + o.help);
  }
  lines.push('  --help'.padEnd(28) + 'show this help', '');
  return lines.join('\n');
}

/** Runs the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.out('statement 0.1.0\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`statement: unknown command "${name}"\n\n${globalHelp()}`);
    return 2;
  }
  const config: ParseArgsConfig = {
    args: rest,
    allowPositionals: Boolean(command.positionals),
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(Object.entries(command.options ?? {}).map(([k, o]) => [k, { type: o.type, multiple: false }])),
    },
  };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs(config);
    values = parsed.values as Record<string, string | boolean | undefined>;
    positionals = parsed.positionals;
  } catch (error) {
    io.err(`statement ${name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (values.help) {
    io.out(commandHelp(command));
    return 0;
  }
  // The root is found once, here; commands get it and never look at the working directory.
  const cwd = process.cwd();
  const found = findRoot(cwd, (file) => fs.existsSync(file));
  try {
    return await command.run({ values, positionals, io, root: found ?? cwd });
  } catch (error) {
    if (error instanceof StatementNotFound && !found) {
      io.err(`${formatDiagnostic(error.place, `statement not found: no ${layout.source} in ${cwd} nor in any folder above it; run statement inside a project (the folder holding source/, or one below it)`)}\n`);
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`${error.format()}\n`);
      return 2;
    }
    io.err(`statement ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
