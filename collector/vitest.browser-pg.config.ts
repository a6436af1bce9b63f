import { defineProject } from 'vitest/config';

// The browser tests once more with the collector on PostgreSQL (test/pg-global-setup.ts).
export default defineProject({
  test: {
    name: 'browser-pg',
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PLAUDIT_TEST_ENGINE: 'postgres' },
    globalSetup: ['test/pg-global-setup.ts'],
  },
});
