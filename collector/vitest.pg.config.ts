import { defineProject } from 'vitest/config';

// The collector's suite once more, on PostgreSQL: every route, the contract and the process tests
// run against a real cluster (test/pg-global-setup.ts), each test in a schema of its own. What is
// SQLite's alone (its store's internals, fsync faults on its file, its query plans) is not here.
export default defineProject({
  test: {
    name: 'collector-pg',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'test/dashboard-budget.test.ts', 'src/store/sqlite/**', 'test/db/**', 'test/process/faults.test.ts'],
    env: { PLAUDIT_TEST_ENGINE: 'postgres' },
    globalSetup: ['test/pg-global-setup.ts'],
  },
});
