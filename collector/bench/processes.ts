// Servers under test run as child processes, so the load generator (this process) never shares
// an event loop with them. Every child is killed when the benchmark exits, however it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed). */
  stop(graceMs?: number): Promise<number | null>;
  /** The last lines the child wrote, for error messages. */
  output(): string;
}

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.stderr.write(`\nbenchmark interrupted by ${signal}\n`);
    process.exit(130);
  });
}

export interface StartOptions {
  name: string;
  /** TypeScript entry point, relative to the repository root. */
  script: string;
  env: Record<string, string>;
  /** Matched against stdout; the first group is the server's base URL. */
  ready: RegExp;
  timeoutMs?: number;
  /** Flags for node itself, before the script. */
  nodeArgs?: string[];
}

/**
 * Starts a built `.js` script with plain node, as production runs it, or a `.ts` one with
 * `node --import tsx` (what the `tsx` command runs, without its wrapper process): either way the
 * pid is the server's own, for its memory figures.
 */
export function startServer(options: StartOptions): Promise<ServerProcess> {
  // The parent's PLAUDIT_* settings must not leak into the servers under test.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PLAUDIT_')));
  const args = [...(options.nodeArgs ?? []), ...(options.script.endsWith('.js') ? [options.script] : ['--import', 'tsx', options.script])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  };
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });

  const server: Omit<ServerProcess, 'url'> = {
    name: options.name,
    pid: child.pid ?? -1,
    output: () => log.trim(),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  return new Promise((resolve, reject) => {
    let stdout = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 20_000} ms:\n${log}`));
    }, options.timeoutMs ?? 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (ready) return;
      stdout += chunk.toString();
      const match = options.ready.exec(stdout);
      if (match?.[1]) {
        ready = true;
        clearTimeout(timer);
        resolve({ ...server, url: match[1] });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${signal ?? `code ${code}`}) before it was ready:\n${log}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export interface Memory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size, bytes. */
  peak: number;
}

/** VmRSS and VmHWM of a running process, from /proc (Linux only). */
export function readMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(match[1]) * 1024;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}
