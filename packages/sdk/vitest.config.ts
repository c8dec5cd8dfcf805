import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The documented samples import '@keito/sdk' as users do; at run time that must be the same module as
    // the tests' '../src/index.js', or `instanceof ValidationError` would compare two copies of the class.
    // The built package itself is exercised by package.test.ts, and the samples compile against dist/.
    alias: { '@keito/sdk': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // One real Keito server for the whole run; each test file gets its own workspace on it.
    globalSetup: ['test/support/global-setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
