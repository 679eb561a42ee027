/**
 * Test helpers: a throw-away copy of the project, and the CLI run in
 * process (or as a real process) with its output captured.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { main } from '../pipeline/cli/main.js';

/** The repository root. */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies the project's inputs (source/, locales/, templates/) into a new
 * temporary folder and returns its path. `dist/` is not copied.
 */
export function makeProject(options: { locales?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-test-'));
  for (const part of ['source', 'templates', ...(options.locales === false ? [] : ['locales'])]) {
    fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  }
  return dir;
}

/** Output of a CLI run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process with `cwd` as the working directory. */
export async function runCli(args: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, {
      out: (t) => {
        stdout += t;
      },
      err: (t) => {
        stderr += t;
      },
      tty: false,
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(before);
  }
}

/** Runs the compiled CLI (`bin/statement.js`) as a real process. */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(process.execPath, [path.join(repo, 'bin', 'statement.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Reads a file of a project as text. */
export function read(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

/** Every file below a folder (none when it is missing), as sorted posix paths relative to it: the tests' own walk, independent of the pipeline's. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** Every file below a folder with its bytes, for "nothing changed" assertions. */
export function snapshot(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

/** Runs one command through the CLI with option values given as an object (`true` for a flag). */
export function runCommand(
  name: string,
  cwd: string,
  positionals: string[] = [],
  values: Record<string, string | boolean | undefined> = {},
): Promise<RunResult> {
  const args = [name];
  for (const [key, value] of Object.entries(values)) {
    if (value === true) args.push(`--${key}`);
    else if (typeof value === 'string') args.push(`--${key}`, value);
  }
  return runCli([...args, ...positionals], cwd);
}

/**
 * How many letters a full build makes for a project: one per addressee in
 * `source/addressees.yaml`, one per member row for an addressee with a
 * `members` CSV. Counted from the source files (not by the pipeline), so a
 * test's expected count follows the registry instead of going stale.
 */
export function letterCount(dir: string): number {
  const registry = parseYaml(read(dir, 'source/addressees.yaml')) as { addressees: Array<{ members?: string }> };
  let n = 0;
  for (const a of registry.addressees) {
    if (!a.members) {
      n += 1;
      continue;
    }
    const csv = read(dir, path.join('source', a.members));
    // One record a line: a quoted field could span lines, which this count would get wrong.
    if (csv.includes('"'))
      throw new Error(`letterCount: ${a.members} has quoted fields; count its records another way`);
    n += csv.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1;
  }
  return n;
}
