/** The shape every command module exports. */
import type { Io } from '../io.js';

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Name of the value in help, e.g. `L,..`. */
  arg?: string;
  help: string;
}

/** What a command receives. */
export interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  io: Io;
  /** The project root: the working directory or the nearest folder above it holding source/statement.md. */
  root: string;
}

/** A subcommand of `statement`. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options?: Record<string, OptionSpec>;
  positionals?: boolean;
  /** Resolves to the exit code; throws InputError for bad input. */
  run(ctx: CommandContext): Promise<number>;
}
