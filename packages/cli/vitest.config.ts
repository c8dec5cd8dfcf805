import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // One real Keito server for the run and a fresh build of the SDK and the CLI; every test file makes
    // its own workspace on that server and runs dist/keito.js as a process, as users do.
    globalSetup: ['test/support/global-setup.ts'],
    env: { TZ: 'UTC' },
    // A test runs the CLI as several processes; on a loaded 2-core machine one took over 30 s.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
