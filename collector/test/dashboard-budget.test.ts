// The dashboard's initial JavaScript stays under its budget (issue 16: ≤ 80 KB gzip), measured on
// the real build (`pnpm test` builds the dashboard before the suite runs).
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module shared with the bench, without declarations
import { DASHBOARD_BUDGET, gzipBytes, initialFiles, staticImports } from '../dashboard/budget.mjs';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dashboard/dist');

describe('the dashboard budget', () => {
  it('follows static imports, never dynamic ones', () => {
    expect(staticImports('import{a as b}from"./ui-1.js";import"./side-2.js";const v=()=>import("./lazy-3.js")')).toEqual(['ui-1.js', 'side-2.js']);
  });

  it('counts the entry, its preloads and the landing view with what they import', () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'plaudit-dash-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<script type="module" src="/dashboard/assets/index-a.js"></script><link rel="modulepreload" href="/dashboard/assets/pre-b.js">');
    writeFileSync(path.join(dist, 'assets', 'index-a.js'), 'import"./pre-b.js";const m=["assets/overview-c.js"];()=>import("./overview-c.js");()=>import("./editor-d.js")');
    writeFileSync(path.join(dist, 'assets', 'pre-b.js'), 'export{}');
    writeFileSync(path.join(dist, 'assets', 'overview-c.js'), 'import{x}from"./chart-e.js"');
    writeFileSync(path.join(dist, 'assets', 'chart-e.js'), 'export const x=1');
    writeFileSync(path.join(dist, 'assets', 'editor-d.js'), 'x'.repeat(100_000));
    expect(initialFiles(dist).sort()).toEqual(['chart-e.js', 'index-a.js', 'overview-c.js', 'pre-b.js']);
  });

  it(`is at most ${DASHBOARD_BUDGET.initialGzip} bytes of gzip JavaScript before the overview shows`, () => {
    expect(existsSync(path.join(DIST, 'index.html')), 'build the dashboard first (pnpm test does)').toBe(true);
    const files: string[] = initialFiles(DIST);
    expect(files.some((f) => f.startsWith('overview-'))).toBe(true);
    expect(gzipBytes(DIST, files)).toBeLessThanOrEqual(DASHBOARD_BUDGET.initialGzip);
  });
});
