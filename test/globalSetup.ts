/**
 * Before any test: rebuild `lib/` (tsc and the bundle, `npm run prepare`)
 * when a source under pipeline/ or tools/ is newer than the bundle, so that
 * the tests that run compiled code (bin/statement.js, the lint and read-back
 * workers) test the sources as they are, never a stale build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const repo = path.resolve(import.meta.dirname, '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

export function setup(): void {
  const bundle = path.join(repo, 'lib', 'bundle', 'main.js');
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const sources = Math.max(
    newest(path.join(repo, 'pipeline')),
    newest(path.join(repo, 'tools')),
    fs.statSync(path.join(repo, 'tsconfig.json')).mtimeMs,
  );
  if (sources <= built) return;
  process.stderr.write('globalSetup: pipeline/ is newer than lib/: npm run prepare\n');
  execFileSync('npm', ['run', '--silent', 'prepare'], { cwd: repo, stdio: 'inherit' });
}
