// Moving a deployment: `pnpm plaudit copy` from a SQLite file to PostgreSQL, interrupted with
// SIGKILL half-way and run again, copies every row once and verifies counts and metrics.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { ADMIN_TOKEN, answer, createSite, createSurvey, postResponses } from '../helper';
import { createTestDatabase, type TestDatabase } from '../test-database';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close()));
});

/** Runs the copy; with `killAfter`, SIGKILLs it once a log line matches. */
function runCopy(from: string, to: string, killAfter?: RegExp): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/scripts/plaudit.ts', 'copy', '--from', from, '--to', to, '--page-size', '200'], { cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (killAfter && killAfter.test(stderr)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('pnpm plaudit copy', { timeout: 120_000 }, () => {
  it('copies a SQLite deployment into PostgreSQL, resumes after a kill, and verifies it', async () => {
    const sqlite = await createTestDatabase('sqlite');
    const target = await createTestDatabase('postgres');
    opened.push(sqlite, target);
    const dbPath = (sqlite.location as { dbPath: string }).dbPath;
    // A deployment with answers of every kind: follow-ups, segments, customers, events.
    const app = await buildApp({ dbPath, adminToken: ADMIN_TOKEN, rateLimit: 0 });
    const site = await createSite(app);
    const survey = await createSurvey(app, site);
    for (let batch = 0; batch < 12; batch++) {
      const items = Array.from({ length: 100 }, (_, i) => answer(site, survey, { nps: (batch + i) % 11, comment: i % 4 ? undefined : `c${i}`, attributes: { plan: ['free', 'pro', 'team'][i % 3]!, n: i % 7 }, customer: { id: `cus_${i % 40}` } }));
      expect((await postResponses(app, items)).statusCode).toBe(202);
    }
    const followed = answer(site, survey, { nps: 2 });
    await postResponses(app, followed);
    await postResponses(app, { ...followed, comment: 'added later', attributes: { plan: 'pro' } });
    await app.inject({ method: 'POST', url: '/v1/events', payload: { key: site.publicKey, survey: survey.id, type: 'shown' } });
    await app.close();
    const url = (target.location as { databaseUrl: string }).databaseUrl;

    const interrupted = await runCopy(dbPath, url, /responses: 400 rows copied/);
    expect(interrupted.signal).toBe('SIGKILL');
    const [{ n: partial }] = (await target.query<{ n: number }>('SELECT count(*) AS n FROM responses')) as [{ n: number }];
    expect(partial).toBeGreaterThanOrEqual(400);
    expect(partial).toBeLessThan(1201);

    const resumed = await runCopy(dbPath, url);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/copy verified: counts and metrics match/);
    const copiedNow = Number(/responses\s+SQLite\s+\d+\s+PostgreSQL\s+\d+\s+\((\d+) copied in this run\)/.exec(resumed.stdout)![1]);
    expect(copiedNow).toBe(1201 - partial);
    // Every row once, as in SQLite, and the answers read back the same.
    const ids = (await target.query<{ id: string }>('SELECT id FROM responses')).map((r) => r.id);
    expect(new Set(ids).size).toBe(1201);
    const [row] = await target.query<{ comment: string; attributes: string }>('SELECT comment, attributes FROM responses WHERE id = ?', [followed.id]);
    expect(row).toEqual({ comment: 'added later', attributes: JSON.stringify({ plan: 'pro' }) });
    // A collector on the copy serves the same site, and new answers list after the copied ones.
    const onPostgres = await buildApp({ databaseUrl: url, adminToken: ADMIN_TOKEN, rateLimit: 0 });
    try {
      const fresh = { id: randomUUID(), key: site.publicKey, survey: survey.id, nps: 10 };
      expect((await postResponses(onPostgres, fresh)).statusCode).toBe(202);
      const list = await onPostgres.inject({ method: 'GET', url: `/v1/sites/${site.id}/responses?limit=1`, headers: { authorization: `Bearer ${site.secretKey}` } });
      expect(list.json().items[0].id).toBe(fresh.id);
    } finally {
      await onPostgres.close();
    }
  });
});
