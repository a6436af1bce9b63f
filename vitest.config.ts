import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['shared', 'collector/vitest.config.ts', 'collector/vitest.browser.config.ts', 'widget'],
    reporters: ['default', './vitest.summary-reporter.ts'],
  },
});
