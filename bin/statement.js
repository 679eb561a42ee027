#!/usr/bin/env -S node --max-old-space-size=640
// The heap cap keeps V8 from growing lazily to gigabytes on a long statement (a 10 MB one
// builds in about 550 MB with it, 1.1 GB without); the live data of a build is far smaller.
// Thin launcher: the compiled, bundled CLI lives in lib/bundle/ (built by `npm ci` through `prepare`).
import { main } from '../lib/bundle/cli.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
