// Bytes a visitor downloads: the loader alone (widget.js), and the loader plus everything it can
// lazy-load from dist/assets. Gzip at level 9, file by file, as a static server would serve them.
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
  full: Size;
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
  return { loader: sizeOf([loader]), full: sizeOf([loader, ...filesUnder(path.join(distDir, 'assets'))]) };
}
