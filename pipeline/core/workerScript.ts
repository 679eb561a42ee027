/**
 * The script a worker thread runs: a module compiled. Plain Node cannot load
 * TypeScript, so under vitest (sources) it is the copy in `lib/` that
 * `prepare` builds (test/globalSetup.ts rebuilds it when a source is newer);
 * in the bundle (`lib/bundle/`, where the caller sits in a shared chunk) it
 * is the bundle's entry of that name; in `lib/` it is the module itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `moduleUrl`: the worker module's `import.meta.url`; `entry`: its name in the bundle (`lintWorker`). */
export function workerScript(moduleUrl: string, entry: string): string {
  const self = fileURLToPath(moduleUrl);
  if (self.endsWith('.ts')) {
    const repo = path.resolve(path.dirname(self), '..', '..');
    return path.join(repo, 'lib', path.relative(repo, self).replace(/\.ts$/, '.js'));
  }
  if (path.basename(path.dirname(self)) === 'bundle') return path.join(path.dirname(self), `${entry}.js`);
  return self;
}
