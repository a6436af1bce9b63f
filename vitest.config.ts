import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The collector's suite runs twice, on SQLite and on PostgreSQL (a cluster each project starts).
    projects: [
      'shared',
      'collector/vitest.config.ts',
      'collector/vitest.pg.config.ts',
      'collector/vitest.browser.config.ts',
      'collector/vitest.browser-pg.config.ts',
      'widget',
    ],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
