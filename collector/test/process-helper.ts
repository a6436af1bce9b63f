// Runs the real collector as a child process (node + tsx, as `pnpm start` does) on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COLLECTOR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROCESS_ADMIN_TOKEN = 'adm_process_test_token_123456';

export interface CollectorProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output: () => string;
  /** Resolves when a line matching `pattern` has been printed. */
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

export interface SpawnOptions {
  /** Run as this user (and its group), for tests of file permissions that root would bypass. */
  uid?: number;
  gid?: number;
}

export async function startCollector(location: Location, env: Record<string, string> = {}, spawnOptions: SpawnOptions = {}): Promise<CollectorProcess> {
  const child = spawnCollector(location, env, spawnOptions);
  return attach(child);
}

/** Starts a collector expected to refuse to start: resolves with its exit code and output. */
export async function collectorRefusal(
  location: Location,
  env: Record<string, string> = {},
  spawnOptions: SpawnOptions = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawnCollector(location, env, spawnOptions);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  return { code, output };
}

/** A SQLite file, or what a TestDatabase gives (a SQLite file or a PostgreSQL URL). */
export type Location = string | { dbPath: string } | { databaseUrl: string };

function locationEnv(location: Location): Record<string, string> {
  if (typeof location === 'string') return { PLAUDIT_DB: location };
  return 'dbPath' in location ? { PLAUDIT_DB: location.dbPath } : { PLAUDIT_DATABASE_URL: location.databaseUrl, PLAUDIT_DB: '/nonexistent/ignored.db' };
}

function spawnCollector(location: Location, env: Record<string, string>, spawnOptions: SpawnOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    ...spawnOptions,
    cwd: COLLECTOR_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ...locationEnv(location),
      PLAUDIT_ADMIN_TOKEN: PROCESS_ADMIN_TOKEN,
      PLAUDIT_DEMO: '0',
      PLAUDIT_RATE_LIMIT: '0',
      PLAUDIT_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function attach(child: ChildProcess): Promise<CollectorProcess> {
  let out = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.pattern.test(l));
      if (line) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const waitFor = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const line = out.split('\n').find((l) => pattern.test(l));
      if (line) return resolve(line);
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`)), timeoutMs);
      waiters.push({
        pattern,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`collector exited while waiting for ${pattern}; output:\n${out}`));
      });
    });

  const line = await waitFor(/Plaudit collector listening on /);
  const url = /listening on (http:\/\/[^\s]+)/.exec(line)![1]!;
  return {
    child,
    url,
    output: () => out,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export async function createSiteAndSurvey(url: string) {
  const site: { id: string; publicKey: string; secretKey: string } = await (
    await fetch(`${url}/v1/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PROCESS_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Process test', origins: [] }),
    })
  ).json() as never;
  const survey: { id: string } = await (
    await fetch(`${url}/v1/sites/${site.id}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'NPS', questions: ['nps', 'comment'] }),
    })
  ).json() as never;
  return { site, survey };
}
