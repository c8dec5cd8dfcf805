import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The app loads route chunks and data after navigation; a second (the default) is too tight on CI.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    // One browser and one server at a time: the machine has two cores and each file starts both.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
