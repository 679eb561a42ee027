#!/usr/bin/env -S node --max-old-space-size=640 --v8-pool-size=1
// The heap cap keeps V8 from growing lazily to gigabytes on a long statement (a 10 MB one
// builds in about 550 MB with it, 1.1 GB without); the live data of a build is far smaller.
// One V8 helper thread instead of four: on this 2-core machine, four helpers (concurrent GC,
// compilation) slowed the main thread; with one, a long build or status takes 5-20 % less
// (`npm run bench`), and a 10 MB build the same time and memory.
// Thin launcher: the compiled, bundled CLI lives in lib/bundle/ (built by `npm ci` through `prepare`).
import { main } from '../lib/bundle/cli.js';

main(process.argv.slice(2)).then(async (code) => {
  // Exit as soon as stdout and stderr are flushed (a pipe may still hold queued output), rather
  // than wait on V8 to finish a garbage collection it started: some 20 ms after a long statement.
  for (const stream of [process.stdout, process.stderr]) await new Promise((resolve) => stream.write('', resolve));
  process.exit(code);
});
