// Bytes a visitor downloads: the loader alone (widget.js); the loader with what a shown survey
// loads, as the build's manifest lists it (UI and the largest language); and every file of the
// build. Gzip at level 9, file by file, as a static server would serve them.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  raw: number;
  gzip: number;
  files: number;
}

export interface WidgetSizes {
  loader: Size;
  shown: Size;
  all: Size;
}

function sizeOf(files: string[]): Size {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip, files: files.length };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** null when the widget has not been built (dist/widget.js missing). */
export function measureWidget(distDir: string): WidgetSizes | null {
  const loader = path.join(distDir, 'widget.js');
  if (!fs.existsSync(loader)) return null;
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, 'manifest.json'), 'utf8')) as { shown: string[] };
  return {
    loader: sizeOf([loader]),
    shown: sizeOf(manifest.shown.map((f) => path.join(distDir, f))),
    all: sizeOf([loader, ...filesUnder(path.join(distDir, 'assets'))]),
  };
}
