import { defineProject } from 'vitest/config';

export default defineProject({
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  // The build injects the hashed chunk names; tests see fixed ones.
  define: {
    __PLAUDIT_UI__: JSON.stringify('assets/ui-test.js'),
    __PLAUDIT_TRANSPORT__: JSON.stringify('assets/transport-test.js'),
    __PLAUDIT_CONTROLLER__: JSON.stringify('assets/controller-test.js'),
    __PLAUDIT_TESTIMONIALS__: JSON.stringify('assets/testimonials-test.js'),
  },
  test: {
    name: 'widget',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
