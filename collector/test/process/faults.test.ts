// The real collector process on a disk that fails: full, failing fsyncs, stalled fsyncs (faults
// injected by fault-shim.c through LD_PRELOAD), and databases it must refuse to start on. It may
// refuse answers while the disk fails, but never acknowledges one it has not stored, never holds
// a request for ever, says so on /healthz, logs an incident once, and recovers by itself.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectorRefusal, createSiteAndSurvey, startCollector, type CollectorProcess } from '../process-helper';

const SHIM_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fault-shim.c');
let shimDir: string;
let shim: string;
let dir: string;
let dbPath: string;
let faults: string;
const started: CollectorProcess[] = [];

beforeAll(() => {
  shimDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-shim-'));
  shim = path.join(shimDir, 'fault-shim.so');
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O2', '-o', shim, SHIM_SOURCE, '-ldl'], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(`The fault tests compile a small C shim and need a C compiler (apt-get install -y gcc): ${String(error)}`);
  }
});
afterAll(() => fs.rmSync(shimDir, { recursive: true, force: true }));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-faults-'));
  fs.mkdirSync(path.join(dir, 'db'));
  faults = path.join(dir, 'faults');
  fs.mkdirSync(faults);
  dbPath = path.join(dir, 'db', 'faults.db');
});
afterEach(async () => {
  await Promise.all(started.map((c) => c.stop()));
  started.length = 0;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const collector = await startCollector(dbPath, {
    LD_PRELOAD: shim,
    PLAUDIT_FAULT_DIR: faults,
    PLAUDIT_FAULT_PREFIX: path.join(dir, 'db'),
    PLAUDIT_WRITE_TIMEOUT_MS: '600',
    ...env,
  });
  started.push(collector);
  const { site, survey } = await createSiteAndSurvey(collector.url);
  const post = async (nps = 9) => {
    const id = randomUUID();
    const res = await fetch(`${collector.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id, key: site.publicKey, survey: survey.id, nps }),
    });
    return { id, status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error?: { code: string } } };
  };
  const health = async () => {
    const res = await fetch(`${collector.url}/healthz`);
    return { status: res.status, body: (await res.json()) as { status: string; writes: { status: string; reason?: string } } };
  };
  return { collector, post, health };
}

const fault = (name: string) => fs.writeFileSync(path.join(faults, name), '');
const heal = (name: string) => fs.rmSync(path.join(faults, name));
const count = (text: string, pattern: RegExp) => text.split('\n').filter((line) => pattern.test(line)).length;

/** The stored ids, once the process is gone; checks that the rollups agree with the rows. */
function storedIds(): Set<string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const ids = new Set(db.prepare('SELECT id FROM responses').pluck().all() as string[]);
    expect(db.prepare('SELECT coalesce(sum(responses), 0) FROM daily_rollups').pluck().get()).toBe(ids.size);
    return ids;
  } finally {
    db.close();
  }
}

describe('a failing disk', { timeout: 60_000 }, () => {
  it.each([
    ['full', 'enospc', 'disk full'],
    ['failing its fsyncs', 'fsync-eio', 'I/O error (EIO)'],
  ])('when %s: answers 503 with Retry-After, logs once, reports it on /healthz and recovers', async (_, control, reason) => {
    const { collector, post, health } = await start();
    const before = await post();
    expect(before.status).toBe(202);

    fault(control);
    const refused = await Promise.all(Array.from({ length: 20 }, () => post()));
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.body.error?.code).toBe('unavailable');
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    const sick = await health();
    expect(sick.status).toBe(503);
    expect(sick.body).toMatchObject({ status: 'unavailable', writes: { status: 'failing', reason } });
    // One line for the incident, not one per refused request, and no stack trace.
    expect(count(collector.output(), /database writes are failing/)).toBe(1);
    expect(collector.output()).not.toMatch(/\n\s+at /);

    heal(control);
    const after = await post();
    expect(after.status).toBe(202);
    expect((await health()).status).toBe(200);
    await collector.waitFor(/database writes have recovered/);

    await collector.stop();
    const ids = storedIds();
    expect(ids.has(before.id) && ids.has(after.id)).toBe(true);
  });

  it('refuses writes after PLAUDIT_WRITE_TIMEOUT_MS when fsync stalls, and recovers when it returns', async () => {
    const { collector, post, health } = await start();
    fault('fsync-stall');
    const stalled = await post();
    expect(stalled.status).toBe(503);
    expect((await health()).body).toMatchObject({ status: 'unavailable', writes: { status: 'stalled' } });
    // While the disk is stalled, new writes are refused at once rather than queued behind it.
    expect((await post()).status).toBe(503);
    expect(count(collector.output(), /database writes are stalled/)).toBe(1);

    heal('fsync-stall');
    await collector.waitFor(/database writes have recovered/);
    const after = await post();
    expect(after.status).toBe(202);
    expect((await health()).status).toBe(200);
    await collector.stop();
    expect(storedIds().has(after.id)).toBe(true);
  });
});

describe('fsyncs stay off the event loop', { timeout: 60_000 }, () => {
  it('syncs the WAL and checkpoints the database file on other threads only', async () => {
    const log = path.join(dir, 'sync.log');
    const { collector, post } = await start({ PLAUDIT_FAULT_LOG: log });
    const from = fs.existsSync(log) ? fs.statSync(log).size : 0;
    // Enough answers for SQLite's own checkpoint threshold (1,000 WAL pages) several times over.
    for (let round = 0; round < 40; round++) {
      const results = await Promise.all(Array.from({ length: 50 }, () => post()));
      expect(results.every((r) => r.status === 202)).toBe(true);
    }
    const lines = () =>
      fs
        .readFileSync(log, 'utf8')
        .slice(from)
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [call, tid, pid, file] = line.split(' ');
          return { call, tid: Number(tid), pid: Number(pid), file: String(file) };
        });
    // The checkpointer runs every second: wait for its fsync of the database file.
    const deadline = Date.now() + 15_000;
    while (!lines().some((l) => l.file === dbPath) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const syncs = lines();
    expect(syncs.some((l) => l.file === `${dbPath}-wal`)).toBe(true);
    expect(syncs.some((l) => l.file === dbPath)).toBe(true);
    // The main thread's id is the process id: no sync of either file ran there.
    expect(syncs.filter((l) => l.tid === l.pid)).toEqual([]);
    expect(collector.output()).not.toMatch(/error/i);
  });
});

describe('refuses to start', { timeout: 60_000 }, () => {
  it('on a database file it cannot write', async () => {
    const first = await startCollector(dbPath);
    started.push(first);
    first.child.kill('SIGTERM');
    await first.exited;
    fs.chmodSync(dbPath, 0o444);
    fs.chmodSync(path.dirname(dbPath), 0o777);
    fs.chmodSync(dir, 0o755);
    // Root writes through file modes: the check runs as an ordinary user when the tests run as root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const { code, output } = await collectorRefusal(dbPath, {}, asUser);
    expect(code).toBe(1);
    expect(output).toMatch(/cannot be written .*readonly/);
  });

  it('on a database whose schema is newer than it knows', async () => {
    const first = await startCollector(dbPath);
    started.push(first);
    first.child.kill('SIGTERM');
    await first.exited;
    const db = new Database(dbPath);
    db.pragma('user_version = 999');
    db.close();
    const { code, output } = await collectorRefusal(dbPath);
    expect(code).toBe(1);
    expect(output).toMatch(/schema is at version 999, newer than this collector's/);
  });

  it('with an admin token that could never authenticate', async () => {
    const { code, output } = await collectorRefusal(dbPath, { PLAUDIT_ADMIN_TOKEN: 'my admin token is long' });
    expect(code).toBe(1);
    expect(output).toMatch(/PLAUDIT_ADMIN_TOKEN: must be printable ASCII without spaces/);
    expect(fs.existsSync(dbPath)).toBe(false);
  });
});
