/**
 * The pool in a build's plan: which browsers will print, each remote one
 * checked to answer before anything is built (a build that cannot reach a
 * browser it was told to use stops with one line naming it, exit 2), and
 * the lines and JSON `--dry-run` shows. puppeteer loads only when a remote
 * browser is named.
 */
import { InputError } from '../core/errors.js';
import { resolveBrowsers, type BrowserSpec } from './endpoints.js';

/** A browser of the plan, as `--dry-run --json` gives it. */
export interface PlannedBrowser {
  name: string;
  pages: number;
  /** The version a remote browser gave when asked; absent for the local one (not launched by a plan). */
  version?: string;
}

/** The innermost reason of an error ("connect ECONNREFUSED 127.0.0.1:9" under puppeteer's "Failed to fetch …: fetch failed"). */
function rootCause(error: Error): string {
  let inner: unknown = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return (inner as Error).message.split('\n')[0] ?? '';
}

/**
 * Resolves the pool (`--browser`, else statement.config.yaml, else local),
 * asks every remote browser its version, and adds the pool to the plan.
 * @throws InputError naming every browser that does not answer
 */
export async function preparePool(
  root: string,
  flags: string[] | undefined,
  plan: string[],
  json: object,
): Promise<BrowserSpec[]> {
  const specs = resolveBrowsers(root, flags);
  const remote = specs.filter((s) => s.url);
  const versions = new Map<BrowserSpec, string>();
  if (remote.length) {
    const { probeRemote } = await import('./remote.js');
    const answers = await Promise.all(
      remote.map((s) =>
        probeRemote(s).then(
          (v) => ({ s, v }),
          (error: Error) => ({ s, error }),
        ),
      ),
    );
    const silent = answers.filter((a): a is { s: BrowserSpec; error: Error } => 'error' in a);
    const firstSilent = silent[0];
    if (firstSilent) {
      const first = firstSilent.s;
      const why = silent.map((a) => `${a.s.name}: no browser answers there (${rootCause(a.error)})`).join('; ');
      throw new InputError(first.place ? why : `--browser ${why}`, first.place);
    }
    for (const a of answers) if ('v' in a) versions.set(a.s, a.v);
  }
  const planned: PlannedBrowser[] = specs.map((s) => ({
    name: s.name,
    pages: s.pages,
    ...(versions.has(s) ? { version: versions.get(s) } : {}),
  }));
  for (const b of planned)
    plan.push(`print on ${b.name}: ${b.pages} page(s) at once${b.version ? `, ${b.version}` : ''}`);
  Object.assign(json, { pool: planned });
  return specs;
}
