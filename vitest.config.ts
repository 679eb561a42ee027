import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // lib/ rebuilt first when a source is newer: bin and the workers run compiled code.
    globalSetup: ['test/globalSetup.ts'],
    // process.chdir() in runCli needs threads off: forks isolate each file.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
