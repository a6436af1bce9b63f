import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'collector',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // PostgreSQL's own process tests (several collectors, a restart) run in vitest.pg.config.ts.
    exclude: ['test/browser/**', 'test/process/postgres.test.ts', 'test/process/copy.test.ts'],
  },
});
