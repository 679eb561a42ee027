#!/usr/bin/env -S node --max-old-space-size=640 --v8-pool-size=1
// The heap cap keeps V8 from growing lazily to gigabytes on a long statement (a 10 MB one
// builds in about 550 MB with it, 1.1 GB without); the live data of a build is far smaller.
// One V8 helper thread instead of four: on this 2-core machine, four helpers (concurrent GC,
// compilation) slowed the main thread; with one, a long build or status takes 5-20 % less
// (`npm run bench`), and a 10 MB build the same time and memory.
// Thin launcher: the compiled, bundled CLI lives in lib/bundle/ (built by `npm ci` through `prepare`).
// A signal that arrives while the bundle loads is held, so that it too ends the command cleanly
// (runProcess, in pipeline/cli/main.ts, handles signals, exit codes and a closed stdout).
const held = [];
const hold = (signal) => held.push(signal);
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of signals) process.on(signal, hold);
const { runProcess } = await import('../lib/bundle/main.js');
for (const signal of signals) process.off(signal, hold);
await runProcess(process.argv.slice(2), held[0]);
