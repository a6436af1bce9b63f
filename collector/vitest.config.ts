import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'collector',
    environment: 'node',
    // The dashboard's pure modules (its wording) are tested here too: they run in Node as they are.
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'dashboard/src/**/*.test.ts'],
    // PostgreSQL's own process tests (several collectors, a restart) run in vitest.pg.config.ts.
    exclude: ['test/browser/**', 'test/process/postgres.test.ts', 'test/process/copy.test.ts'],
  },
});
