#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in lib/ (built by `npm ci` through `prepare`).
import { main } from '../lib/cli.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
