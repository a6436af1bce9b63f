// The dashboard: a Preact single-page app served by the collector under /dashboard/ (see
// collector/src/routes/dashboard). Two pages: index.html, the app, and preview.html, the survey
// preview the editor frames (the real widget UI, at a phone's or a desktop's width).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  base: '/dashboard/',
  // Classic JSX with preact's h(), as the widget's UI is written: the preview imports its modules.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
  resolve: {
    alias: {
      // The scoring and statistics modules alone, without the schemas (and zod) the package's index brings.
      '@plaudit/shared/scoring': here('../../shared/src/scoring.ts'),
      '@plaudit/shared/theme': here('../../shared/src/theme.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Chromium, Firefox and Safari all support modulepreload: no polyfill in the entry chunk.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: { index: here('index.html'), preview: here('preview.html') },
    },
  },
});
