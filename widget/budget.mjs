// Gzip budgets, in bytes, of what visitors download. build.mjs --size prints against them and
// src/budget.test.ts (run by `pnpm test`, after the build) fails past them.
export const BUDGETS = {
  /** widget.js: every visitor, every page view (short cache), shown a survey or not. */
  loader: 2 * 1024,
  /** Everything a survey costs to show: the loader, the UI chunk and what it imports, the largest language. */
  shown: 12 * 1024,
  /** The follow-up chunk, which only a survey with follow-up questions or a next step downloads, on top of `shown`. */
  followUps: 3 * 1024,
  /** The testimonials chunk, which only a page with `data-plaudit-testimonials` downloads, on top of the loader. */
  testimonials: 4 * 1024,
};
