/**
 * The `statement` command: parses arguments, runs a command, and is the
 * only place that turns results and errors into exit codes
 * (0 done, 1 a check or document failed, 2 bad input or usage, 128 + the
 * signal's number when stopped by SIGHUP, SIGINT or SIGTERM, 141 when stdout
 * was closed).
 */
import fs from 'node:fs';
import { InputError, WriteError, systemReason, formatDiagnostic } from '../core/errors.js';
import { rel } from '../core/fsio.js';
import { commands, type Command } from './commands/index.js';
import {
  Interrupted,
  requestStop,
  runCleanups,
  killAll,
  stopping,
  stopSignal,
  committedWork,
} from '../core/shutdown.js';
import { projectContext, layout, StatementNotFound, type ProjectContext } from '../core/project.js';
import { setDisplayBase } from '../core/display.js';
import { readArgs, typedValues, type RawValues } from './args.js';
import { defaultIo, logTo, progressTo, type Io } from './io.js';

export type { Io } from './io.js';

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
    'Exit codes: 0 done, 1 a check or document failed, 2 bad input or usage;',
    '129, 130, 143 stopped by SIGHUP, SIGINT, SIGTERM (nothing changed).',
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
    for (const [name, o] of opts)
      lines.push(`  --${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`.padEnd(28) + o.help);
  }
  lines.push('  --help'.padEnd(28) + 'show this help', '');
  return lines.join('\n');
}

/**
 * The project context of a command run in `cwd`, printing to `io`; paths
 * in messages are shown relative to `cwd` from then on.
 */
export function resolveContext(cwd: string, io: Io): ProjectContext {
  setDisplayBase(cwd);
  return projectContext(cwd, (file) => fs.existsSync(file), logTo(io), progressTo(io));
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
  let raw: RawValues;
  let positionals: string[];
  try {
    ({ raw, positionals } = readArgs(rest, command.options ?? {}, Boolean(command.positionals)));
  } catch (error) {
    io.err(`statement ${name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (raw.help) {
    io.out(commandHelp(command));
    return 0;
  }
  // The project is resolved once, here: the only place that looks at the working directory.
  const cwd = process.cwd();
  const project = resolveContext(cwd, io);
  try {
    // A missing or bad value is an InputError (exit 2, its one line), as a command's own checks are.
    const values = typedValues(command.options ?? {}, raw);
    return await command.run({ ...project, values, positionals, io });
  } catch (error) {
    // A stage that saw the stop request: runProcess prints the one line and exits with the signal's code.
    if (error instanceof Interrupted || stopping()) return exitCodeOf(String(stopSignal().reason));
    if (error instanceof StatementNotFound && !project.found) {
      io.err(
        `${formatDiagnostic(error.place, `statement not found: no ${layout.source} in ${cwd} nor in any folder above it; run statement inside a project (the folder holding source/, or one below it)`)}\n`,
      );
      return 2;
    }
    if (error instanceof InputError) {
      io.err(`${error.format()}\n`);
      return 2;
    }
    // A full disk, a read-only or forbidden folder: one line, no stack (the writers left the old files).
    if (error instanceof WriteError) {
      io.err(`${error.message}\n`);
      return 1;
    }
    const sys = error as NodeJS.ErrnoException;
    if (sys?.code && sys.syscall && ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO'].includes(sys.code)) {
      io.err(`statement ${name}: ${sys.path ? `${rel(sys.path)}: ` : ''}${systemReason(sys)}\n`);
      return 1;
    }
    io.err(`statement ${name}: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/** The signals a long command handles itself, with their numbers (exit code 128 + number). */
const signalNumbers: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The exit code of a stop: 128 + the signal's number; 141 (as SIGPIPE) for a closed stdout. */
function exitCodeOf(reason: string): number {
  return 128 + (signalNumbers[reason] ?? 13);
}

/** Milliseconds after a signal by which the process has exited, clean-up finished or not. */
const STOP_DEADLINE_MS = 4000;

/**
 * Runs the CLI as the process (bin/statement.js): handles SIGINT, SIGTERM
 * and SIGHUP (the command stops starting work, its clean-ups run, one line
 * says so, exit 128 + the signal's number; a second signal ends it at once),
 * and a stdout closed by its reader (`statement status | head -1`: quiet,
 * exit 141). `early` is a signal that arrived while the CLI was loading.
 * Never returns: exits once stdout and stderr are flushed.
 */
export async function runProcess(argv: string[], early?: string): Promise<never> {
  const name = argv[0] ?? 'statement';
  const label = name.startsWith('-') ? 'statement' : `statement ${name}`;
  if (early) {
    process.stderr.write(`${label}: interrupted (${early}) before it started; nothing was changed\n`);
    process.exit(exitCodeOf(early));
  }
  let stopped: Promise<number> | undefined;
  let quiet = false;
  let settle: (code: number) => void = () => {};
  const interrupted = new Promise<number>((resolve) => {
    settle = resolve;
  });
  const stop = (reason: string) => {
    const code = exitCodeOf(reason);
    if (stopped) {
      // A second signal while cleaning up: no more waiting.
      killAll();
      if (!quiet) process.stderr.write(`${label}: interrupted (${reason}) again: stopped at once\n`);
      process.exit(code);
    }
    requestStop(reason);
    stopped = (async () => {
      const deadline = setTimeout(() => {
        killAll();
        if (!quiet)
          process.stderr.write(`${label}: interrupted (${reason}); clean-up took too long and was cut short\n`);
        process.exit(code);
      }, STOP_DEADLINE_MS);
      await runCleanups();
      clearTimeout(deadline);
      const done = committedWork();
      if (!quiet)
        process.stderr.write(
          `${label}: interrupted (${reason}); ${done ? `${done} had already been done and is kept` : 'nothing was changed'}\n`,
        );
      return code;
    })();
    void stopped.then(settle);
  };
  for (const signal of Object.keys(signalNumbers)) process.on(signal, () => stop(signal));
  // A reader that closed stdout wants no more output: stop quietly instead of dying on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    quiet = true;
    if (!stopped) stop('EPIPE');
  });
  // A closed stderr only loses the logs: the command goes on, silently.
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    quiet = true;
  });
  const code = await Promise.race([main(argv), interrupted]);
  // A signal that came during the command's last synchronous stretch (its writes) is seen here:
  // the command is done, and the interrupted line says that its work was kept.
  for (let turn = 0; turn < 2 && !stopped; turn++) await new Promise((resolve) => setImmediate(resolve));
  // Exit as soon as stdout and stderr are flushed (a pipe may still hold queued output), rather
  // than wait on V8 to finish a garbage collection it started: some 20 ms after a long statement.
  // A stop requested meanwhile wins: its clean-ups run and its code is the exit code.
  if (!stopped)
    for (const stream of [process.stdout, process.stderr]) await new Promise((resolve) => stream.write('', resolve));
  process.exit(stopped ? await stopped : code);
}
