// @ts-check
// Starts a TypeScript worker from the source tree (tests, `pnpm dev`): tsx loads the entry named in
// workerData. A built collector runs its bundled workers directly and never uses this file.
import { workerData } from 'node:worker_threads';

const { tsImport } = await import('tsx/esm/api');
await tsImport(workerData.entry, import.meta.url);
