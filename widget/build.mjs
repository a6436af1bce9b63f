// Builds the widget with Vite's JS API, in four passes:
//   1. the UI chunk (dist/assets/ui-HASH.js, transport included), one chunk per built-in language
//      (dist/assets/fr-HASH.js…) and the follow-up chunk (dist/assets/follow-ups-HASH.js, for
//      surveys with follow-up questions or a next step), ES modules imported on demand;
//   2. the transport alone (dist/assets/flush-HASH.js), which the loader imports to flush responses
//      a previous page view left in the outbox;
//   3. the testimonials chunk (dist/assets/testimonials-HASH.js), for pages with a place for quotes;
//   4. the loader, dist/widget.js, a classic-script IIFE that knows the names of 1 to 3 (injected
//      with `define`) and imports them by URL resolved against its own script src.
// Then dist/manifest.json. `node build.mjs --size` also prints raw and gzip sizes and exits
// non-zero when a budget is exceeded.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { minify } from 'terser';
import { build } from 'vite';
import { BUDGETS } from './budget.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = 'dist';

/**
 * Property names terser may shorten, as nothing outside the bundle that uses them reads or writes
 * them: the renderer's own fields (`__dom`, `__kids`…, ui/dom.ts) and the class-component hooks and
 * options that it looks up (Survey's lifecycle methods, `debounceRendering`), renamed along with
 * their lookups in the same bundle. None of the names that cross bundles (MountOptions, the
 * transport, the config) is here.
 */
const PRIVATE_PROPERTIES = /^(__\w+|componentDidMount|componentDidUpdate|componentWillUnmount|debounceRendering)$/;

/**
 * Minifies every chunk with terser, whose extra passes beat oxc's minifier by ~150 B gzip on a
 * shown survey. ecma 2020 lets it keep and emit arrows, shorthands and `??`, all within the ES2022
 * target. unsafe_arrows and unsafe_methods only rewrite function expressions that use neither
 * `this` nor `arguments`, and nothing here calls those with `new`; pure_getters holds because no
 * property read here has side effects; hoist_vars only moves `var`s, which are function-scoped.
 * @type {import('vite').Plugin}
 */
const terserPlugin = {
  name: 'plaudit:terser',
  // Last, on the code every other hook has produced.
  renderChunk: {
    order: 'post',
    async handler(code, _chunk, output) {
      const result = await minify(code, {
        ecma: 2020,
        module: output.format === 'es',
        compress: { passes: 3, unsafe_arrows: true, unsafe_methods: true, pure_getters: true, hoist_vars: true },
        mangle: { properties: { regex: PRIVATE_PROPERTIES } },
        format: { comments: false },
      });
      return { code: result.code ?? code, map: null };
    },
  },
};

/**
 * Output options of every build: rolldown's own minifier (oxc) runs after terserPlugin and still
 * finds ~25 B gzip of a shown survey; comments are gone either way.
 */
const OUTPUT = { minify: true, comments: false };

/**
 * @param {Record<string, string>} define
 * @param {import('vite').BuildEnvironmentOptions} options
 * @returns {Promise<import('vite').Rolldown.OutputChunk[]>}
 */
async function bundle(define, options) {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'warn',
    // Classic JSX: preact's own h() instead of the jsx-runtime module, whose jsx() and `children`
    // props cost more bytes in the UI chunk.
    oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } },
    define,
    plugins: [terserPlugin],
    build: {
      outDir,
      // ES2022 keeps class fields native (no helpers); nothing newer than Safari 14.1, Chrome 85
      // or Firefox 90 understand is emitted.
      target: 'es2022',
      cssTarget: ['chrome100', 'edge100', 'firefox100', 'safari15'],
      modulePreload: false,
      reportCompressedSize: false,
      // terserPlugin minifies instead (Vite's own terser keeps /*#__PURE__*/ annotations in library
      // mode), then rolldown's minifier, OUTPUT below. CSS minification follows `minify` unless set.
      minify: false,
      cssMinify: true,
      ...options,
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((o) => /** @type {import('vite').Rolldown.RolldownOutput} */ (o).output).filter((c) => c.type === 'chunk');
}

/** @param {string} name @param {string} entry @param {boolean} emptyOutDir @param {Record<string, string>} [define] */
const chunkBuild = (name, entry, emptyOutDir, define = {}) =>
  bundle(
    define,
    {
      emptyOutDir,
      // Library mode: no module-preload helper around the UI's own dynamic imports.
      lib: { entry: { [name]: entry }, formats: ['es'] },
      rolldownOptions: {
        // What the UI chunk shares with the follow-up chunk (the renderer) stays in the UI chunk,
        // which exports it, instead of going to a third file that every survey would download.
        preserveEntrySignatures: 'allow-extension',
        output: {
          ...OUTPUT,
          entryFileNames: 'assets/[name]-[hash].js',
          chunkFileNames: 'assets/[name]-[hash].js',
        },
      },
    },
  );

const uiChunks = await chunkBuild('ui', 'src/ui/index.tsx', true);
const flushChunks = await chunkBuild('flush', 'src/flush.ts', false);
const testimonialsChunks = await chunkBuild('testimonials', 'src/ui/testimonials.ts', false);
const entryOf = (/** @type {import('vite').Rolldown.OutputChunk[]} */ chunks) => {
  const chunk = chunks.find((c) => c.isEntry);
  if (!chunk) throw new Error('a build produced no entry chunk');
  return chunk;
};
const ui = entryOf(uiChunks);
const flush = entryOf(flushChunks);
const testimonials = entryOf(testimonialsChunks);
// The controller opens the UI chunk, so it is built knowing its name.
const controllerChunks = await chunkBuild('controller', 'src/controller.ts', false, { __PLAUDIT_UI__: JSON.stringify(ui.fileName) });
const controller = entryOf(controllerChunks);

const loaderChunks = await bundle(
  {
    __PLAUDIT_UI__: JSON.stringify(ui.fileName),
    __PLAUDIT_TRANSPORT__: JSON.stringify(flush.fileName),
    __PLAUDIT_CONTROLLER__: JSON.stringify(controller.fileName),
    __PLAUDIT_TESTIMONIALS__: JSON.stringify(testimonials.fileName),
  },
  {
    emptyOutDir: false,
    rolldownOptions: { input: 'src/main.ts', output: { ...OUTPUT, format: 'iife', entryFileNames: 'widget.js' } },
  },
);
const loader = entryOf(loaderChunks);

const all = [...uiChunks, ...flushChunks, ...testimonialsChunks, ...controllerChunks, ...loaderChunks];
const measure = (/** @type {import('vite').Rolldown.OutputChunk} */ c) => ({
  file: c.fileName,
  bytes: Buffer.byteLength(c.code),
  gzip: gzipSync(c.code, { level: 9 }).length,
});
const files = all.map(measure).sort((a, b) => a.file.localeCompare(b.file));
const sizeOf = (/** @type {string} */ file) => files.find((f) => f.file === file) ?? { file, bytes: 0, gzip: 0 };

/** A chunk and everything it imports statically. */
function withImports(/** @type {string} */ file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of all.find((c) => c.fileName === file)?.imports ?? []) withImports(dep, seen);
  return seen;
}
const gzipOf = (/** @type {Set<string>} */ names) => [...names].reduce((sum, f) => sum + sizeOf(f).gzip, 0);

// The UI chunk imports its languages and the follow-up chunk (which imports the renderer from it).
const followUps = uiChunks.find((c) => c.name === 'follow-ups');
if (!followUps) throw new Error('the UI build produced no follow-up chunk');
const locales = ui.dynamicImports.filter((file) => file !== followUps.fileName);
// A survey showing costs the loader, the controller, the UI chunk and the largest language chunk
// it may import; the follow-up chunk comes on top, for the surveys that have follow-ups.
const largestLocale = locales.map((file) => withImports(file)).sort((a, b) => gzipOf(b) - gzipOf(a))[0];
const shown = [...new Set([loader.fileName, ...withImports(controller.fileName), ...withImports(ui.fileName), ...(largestLocale ?? [])])];
const followUpFiles = [...withImports(followUps.fileName)].filter((file) => !shown.includes(file));
// Quotes cost a page the loader and this chunk, survey or none.
const testimonialsFiles = [...withImports(testimonials.fileName)];

await writeFile(
  new URL(`${outDir}/manifest.json`, import.meta.url),
  JSON.stringify({ loader: loader.fileName, controller: controller.fileName, ui: ui.fileName, flush: flush.fileName, locales, shown, followUps: followUpFiles, testimonials: testimonialsFiles, files }, null, 2) + '\n',
);

if (process.argv.includes('--size')) {
  const total = (/** @type {string[]} */ names) =>
    names.map(sizeOf).reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  const col = (/** @type {unknown} */ v) => String(v).padStart(9);
  /** @param {string} label @param {{bytes: number, gzip: number}} s @param {number} [budget] */
  const row = (label, s, budget) =>
    `${label.padEnd(48)}${col(s.bytes)}${col(s.gzip)}` +
    (budget ? `${col(budget)}  ${s.gzip > budget ? 'OVER' : 'ok'}` : '');
  const loaderSize = total([loader.fileName]);
  const shownSize = total(shown);
  console.log(`${'file'.padEnd(48)}${col('raw')}${col('gzip')}${col('budget')}`);
  for (const f of files) console.log(row(f.file, f));
  console.log('-'.repeat(84));
  console.log(row('loader alone (no survey shown)', loaderSize, BUDGETS.loader));
  console.log(row('a survey may show here (loader + controller)', total([loader.fileName, ...withImports(controller.fileName)])));
  console.log(row('survey shown (loader + controller + ui + largest language)', shownSize, BUDGETS.shown));
  console.log(row('follow-up chunk (on top, for surveys with follow-ups)', total(followUpFiles), BUDGETS.followUps));
  console.log(row('survey shown with follow-ups', total([...shown, ...followUpFiles])));
  console.log(row('outbox flush (loader + flush)', total([loader.fileName, ...withImports(flush.fileName)])));
  console.log(row('testimonials chunk (on top of the loader, pages with quotes)', total(testimonialsFiles), BUDGETS.testimonials));
  console.log(`\nsurvey shown = ${shown.join(' + ')}`);
  if (
    loaderSize.gzip > BUDGETS.loader ||
    shownSize.gzip > BUDGETS.shown ||
    total(followUpFiles).gzip > BUDGETS.followUps ||
    total(testimonialsFiles).gzip > BUDGETS.testimonials
  ) {
    console.error('size budget exceeded');
    process.exit(1);
  }
}
