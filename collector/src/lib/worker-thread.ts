// Starts one of the collector's worker threads, built or from source: a built collector finds
// `<name>.js` beside its bundle (build.mjs); the source tree runs the TypeScript entry through
// tsx (ts-worker.mjs), as Node's own loader cannot on a worker thread.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(built: URL, source: URL, options: WorkerOptions = {}): Worker {
  if (fs.existsSync(fileURLToPath(built))) return new Worker(built, options);
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { ...options, workerData: { ...(options.workerData as object), entry: source.href } });
}
