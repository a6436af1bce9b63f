// @vitest-environment node
// The size budgets, checked on the build that `pnpm test` makes before running the tests. Sizes
// are measured here again, from the files in dist/, with the compression the collector serves.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BUDGETS } from '../budget.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '../dist/');

interface Manifest {
  loader: string;
  /** The loader, the UI chunk with what it imports, and the largest language chunk. */
  shown: string[];
  /** The follow-up chunk (and anything it imports that `shown` does not hold). */
  followUps: string[];
  /** The testimonials chunk and what it imports. */
  testimonials: string[];
}

function manifest(): Manifest {
  if (!existsSync(DIST + 'manifest.json')) {
    throw new Error(`no build in ${DIST}: run \`pnpm --filter @plaudit/widget build\` (\`pnpm test\` does it first)`);
  }
  return JSON.parse(readFileSync(DIST + 'manifest.json', 'utf8')) as Manifest;
}

const gzip = (files: string[]) => files.reduce((sum, file) => sum + gzipSync(readFileSync(DIST + file), { level: 9 }).length, 0);

describe('size budgets (gzip)', () => {
  it.each<[keyof typeof BUDGETS, (m: Manifest) => string[]]>([
    ['loader', (m) => [m.loader]],
    ['shown', (m) => m.shown],
    ['followUps', (m) => m.followUps],
    ['testimonials', (m) => m.testimonials],
  ])('%s', (name, files) => {
    const chosen = files(manifest());
    const size = gzip(chosen);
    // The figures, whether within budget or not.
    console.log(`${name}: ${size} B gzip of ${BUDGETS[name]} B (${chosen.join(' + ')})`);
    expect(size, `${name} is over its budget`).toBeLessThanOrEqual(BUDGETS[name]);
  });
});
