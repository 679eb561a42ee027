/**
 * The options of a command as a small typed schema: `node:util` parseArgs
 * reads the flags (unknown ones and missing values are usage errors), then
 * each option's own `parse` turns its text into a typed value or throws the
 * InputError that names the option and the value.
 */
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';

/** A flag without a value. */
export interface BooleanOption {
  type: 'boolean';
  help: string;
}

/** An option with a value; `parse` makes its typed value (default: the text itself). */
export interface StringOption<T = string> {
  type: 'string';
  /** Name of the value in help, e.g. `L,..`. */
  arg?: string;
  help: string;
  /** Turns the text into the value, or throws an InputError saying what it takes. */
  parse?: (text: string) => T;
  /** When set, the option must be given; the message says so. */
  required?: string;
  /** May be given more than once: the value is then the list of them (each through `parse`). */
  multiple?: boolean;
}

/** One option of a command. */
export type OptionSpec = BooleanOption | StringOption<unknown>;

/** A command's options by name. */
export type Options = Record<string, OptionSpec>;

type One<O> = O extends { parse: (text: string) => infer T } ? T : string;
type ValueOf<O> = O extends BooleanOption ? boolean : O extends { multiple: true } ? One<O>[] : One<O>;
type RequiredKeys<O extends Options> = { [K in keyof O]: O[K] extends { required: string } ? K : never }[keyof O];

/** The typed values of a command's options: booleans are false when absent, other options undefined unless required. */
export type Values<O extends Options> = string extends keyof O
  ? Record<string, unknown> // any command's schema (the list of commands, help)
  : { [K in Exclude<keyof O, RequiredKeys<O>>]: O[K] extends BooleanOption ? boolean : ValueOf<O[K]> | undefined } & {
      [K in RequiredKeys<O>]: ValueOf<O[K]>;
    };

/** The flags as parseArgs gives them: a repeatable option's values as a list. */
export type RawValues = Record<string, string | boolean | string[] | undefined>;

/** Flags and positionals as parseArgs reads them; throws parseArgs' own error for an unknown flag or a missing value. */
export function readArgs(
  args: string[],
  options: Options,
  positionals: boolean,
): { raw: RawValues; positionals: string[] } {
  const parsed = parseArgs({
    args,
    allowPositionals: positionals,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(
        Object.entries(options).map(([k, o]) => [
          k,
          { type: o.type, multiple: o.type === 'string' && Boolean(o.multiple) },
        ]),
      ),
    },
  });
  return { raw: parsed.values as RawValues, positionals: parsed.positionals };
}

/** The typed values, in the options' order; throws the InputError of the first missing or bad one. */
export function typedValues<O extends Options>(options: O, raw: RawValues): Values<O> {
  const out: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(options)) {
    const given = raw[name];
    if (o.type === 'boolean') out[name] = given === true;
    else if (typeof given === 'string') out[name] = o.parse ? o.parse(given) : given;
    else if (Array.isArray(given)) out[name] = given.map((g) => (o.parse ? o.parse(g) : g));
    else if (o.required) throw new InputError(o.required);
  }
  return out as Values<O>;
}

/** `parse` of an option that takes one of a few words. */
export function oneOf<const T extends string>(name: string, allowed: readonly T[]): (text: string) => T {
  return (text) => {
    if (!allowed.includes(text as T))
      throw new InputError(`--${name} must be one of ${allowed.join(', ')}, got "${text}"`);
    return text as T;
  };
}

/** `parse` of a comma list (`fr,de`): its items, trimmed, empty ones dropped. */
export function commaList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `parse` of a number within bounds; `problem` is the whole message for a value out of them. */
export function numberIn(
  min: number,
  max: number,
  problem: (text: string) => string,
  integer = false,
): (text: string) => number {
  return (text) => {
    const n = Number(text);
    const ok = integer ? Number.isInteger(n) : Number.isFinite(n);
    if (!ok || n < min || n > max) throw new InputError(problem(text));
    return n;
  };
}
