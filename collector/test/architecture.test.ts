// The shape the code keeps: no import circle in the collector, and the storage boundary holds
// (outside store/, only its boundary files are imported, never an engine's internals).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

/** The files a source imports, statically or dynamically, within src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  // `import x from './a'`, `export … from './a'`, `import './a'` and `import('./a')`.
  const specifiers = [...text.matchAll(/(?:\bfrom|\bimport\(?)\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.flatMap((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
    return found ? [found] : [];
  });
}

const files = sources(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string) => path.relative(SRC, file);

describe('the collector’s modules', () => {
  it('import each other without a circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(circles).toEqual([]);
    // The check sees imports at all: the app imports its routes.
    expect(graph.get(path.join(SRC, 'app.ts'))!.length).toBeGreaterThan(10);
  });

  it('reach storage only through its boundary', () => {
    const boundary = new Set(['store/index.ts', 'store/types.ts', 'store/errors.ts'].map((f) => path.join(SRC, f)));
    const crossings = files
      .filter((file) => !rel(file).startsWith('store/'))
      .flatMap((file) => graph.get(file)!.filter((target) => rel(target).startsWith('store/') && !boundary.has(target)).map((target) => `${rel(file)} → ${rel(target)}`));
    expect(crossings).toEqual([]);
  });
});
