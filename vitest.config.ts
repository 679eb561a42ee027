import { defineConfig } from 'vitest/config';

/**
 * Test files that print a PDF or launch Chromium anywhere (puppeteer, a
 * build or release with PDFs), and the three slow ones that launch no
 * browser but take minutes by design: the `e2e` project. Everything else is
 * `unit`: no browser, a minute at most, run alone by `npm run test:unit`.
 */
const e2e = [
  'test/faults.test.ts', // real CLI processes on a full disk, a read-only mount, under strace kills
  'test/fuzz.test.ts', // property runs for a fixed time budget each (about a minute in all)
  'test/integrity.test.ts', // 60 kill -9s of real CLI processes
  'test/bin.test.ts', // prints a PDF edition through the bundle
  'test/e2e.test.ts',
  'test/newcomer.test.ts', // prints one letter
  'test/pdftext.test.ts',
  'test/release.test.ts', // one release with PDFs
  'test/security.test.ts', // pages parsed in Chromium, hostile PDFs
  'test/serve.test.ts', // reloads in Chromium
  'test/signals.test.ts', // signals during printing
  'test/site.test.ts', // a full build with PDFs, pages in Chromium
  'test/tables.test.ts', // tables in the French PDF, axe in Chromium
  'test/signing.test.ts', // signs printed letters
  'test/pool.test.ts', // prints on remote Chromium processes
];

export default defineConfig({
  test: {
    // lib/ rebuilt first when a source is newer: bin and the workers run compiled code.
    globalSetup: ['test/globalSetup.ts'],
    // process.chdir() in runCli needs threads off: forks isolate each file.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: e2e } },
      { extends: true, test: { name: 'e2e', include: e2e } },
    ],
  },
});
