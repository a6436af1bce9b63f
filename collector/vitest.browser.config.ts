import { defineProject } from 'vitest/config';

// Real Chromium against a real collector: one file at a time, generous time limits.
export default defineProject({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['test/browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
