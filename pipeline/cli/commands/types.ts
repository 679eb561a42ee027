/** The shape every command module exports. */
import type { Io } from '../io.js';
import type { ProjectContext } from '../../core/project.js';
import type { Options, Values } from '../args.js';

export type { OptionSpec } from '../args.js';

/** What a command receives: the project context (made once by the CLI), its typed arguments and its output. */
export interface CommandContext<O extends Options = Options> extends ProjectContext {
  values: Values<O>;
  positionals: string[];
  io: Io;
}

/** A subcommand of `statement`, with the schema of its options. */
export interface Command<O extends Options = Options> {
  name: string;
  summary: string;
  usage: string;
  description?: string;
  options?: O;
  positionals?: boolean;
  /** Resolves to the exit code; throws InputError for bad input. */
  run(ctx: CommandContext<O>): Promise<number>;
}

/** A command whose `run` sees its options' typed values (the schema's types, inferred). */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command;
}
