// The dashboard's byte budget and how it is measured, shared by its test and `pnpm bench`.
// "Initial" is what a signed-in owner's browser must run before the first figure shows: the entry
// index.html loads (its script and modulepreloads) and the overview, the landing view, with every
// chunk they import statically. Views load on navigation (dynamic imports) and are not counted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const DASHBOARD_BUDGET = { initialGzip: 80 * 1024 };

/** Chunks a module imports statically (`import … from"./x.js"`, `import"./x.js"`), not `import("./x.js")`. */
export function staticImports(code) {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
}

/** The JavaScript files (under dist/assets) a page loads first, and the landing view's graph. */
export function initialFiles(distDir) {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/(?:src|href)="\/dashboard\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]);
  const overview = [...readFileSync(path.join(distDir, 'assets', roots[0]), 'utf8').matchAll(/\b(overview-[\w-]+\.js)/g)].map((m) => m[1]);
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const next of staticImports(readFileSync(path.join(distDir, 'assets', file), 'utf8'))) visit(next);
  };
  for (const file of [...roots, ...overview]) visit(file);
  return [...seen];
}

export function gzipBytes(distDir, files) {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(distDir, 'assets', file)), { level: 9 }).length, 0);
}
