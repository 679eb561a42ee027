/** The shape every command module exports. */
import type { Io } from '../io.js';
import type { ProjectContext } from '../../core/project.js';

/** One option of a command. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Name of the value in help, e.g. `L,..`. */
  arg?: string;
  help: string;
}

/** What a command receives: the project context (made once by the CLI), its arguments and its output. */
export interface CommandContext extends ProjectContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  io: Io;
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
