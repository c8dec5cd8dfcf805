import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    // UTC unless the runner asks for a far zone: scripts/test.mjs runs the date logic again under
    // KEITO_TEST_TZ=Pacific/Kiritimati and America/Adak to show no answer depends on the machine's zone.
    env: { TZ: process.env.KEITO_TEST_TZ ?? 'UTC' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only queue on the same database.
    maxWorkers: 2,
  },
});
