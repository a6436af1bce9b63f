// The collector acknowledges an answer only after it is committed: killed with SIGKILL in the
// middle of a burst, it must come back with every acknowledged answer, none twice, and a sound
// database (on SQLite or PostgreSQL, as the suite runs).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSiteAndSurvey, startCollector, type CollectorProcess } from '../process-helper';
import { createTestDatabase, type TestDatabase } from '../test-database';

let db: TestDatabase;
const started: CollectorProcess[] = [];
afterEach(async () => {
  await Promise.all(started.map((c) => c.stop()));
  started.length = 0;
  await db.close();
});

describe('durability', { timeout: 60_000 }, () => {
  it('keeps every acknowledged answer through a SIGKILL mid-burst', async () => {
    db = await createTestDatabase();
    const dbPath = db.location;
    const first = await startCollector(dbPath);
    started.push(first);
    const { site, survey } = await createSiteAndSurvey(first.url);

    const acknowledged = new Set<string>();
    const sent = new Set<string>();
    let killed = false;
    let inFlight = 0;
    let inFlightAtKill = 0;
    const KILL_AFTER = 400;
    const worker = async () => {
      // Each worker posts until the process dies; bounded by the kill and by a count.
      for (let i = 0; i < 2_000 && !killed; i++) {
        const id = randomUUID();
        sent.add(id);
        inFlight++;
        try {
          const res = await fetch(`${first.url}/v1/responses`, {
            method: 'POST',
            headers: { 'content-type': 'text/plain' },
            body: JSON.stringify({ id, key: site.publicKey, survey: survey.id, nps: i % 11, comment: i % 3 ? undefined : `c${i}` }),
          });
          if (res.status === 202) acknowledged.add(id);
        } catch {
          return; // connection reset by the kill
        } finally {
          inFlight--;
        }
        if (!killed && acknowledged.size >= KILL_AFTER) {
          killed = true;
          inFlightAtKill = inFlight;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    // Requests were in flight when the signal was sent: the kill landed mid-burst.
    expect(inFlightAtKill).toBeGreaterThan(0);

    const second = await startCollector(dbPath);
    started.push(second);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    await second.stop();

    if (db.engine === 'sqlite') expect(await db.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const ids = new Set((await db.query<{ id: string }>('SELECT id FROM responses')).map((r) => r.id));
    const [{ n: rows }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM responses')) as [{ n: number }];
    for (const id of acknowledged) expect(ids.has(id)).toBe(true);
    expect(rows).toBe(ids.size); // none twice
    for (const id of ids) expect(sent.has(id)).toBe(true);
    // The rollups were committed with the rows: they agree exactly.
    const [{ n: rolled }] = (await db.query<{ n: number }>('SELECT sum(responses) AS n FROM daily_rollups')) as [{ n: number }];
    expect(rolled).toBe(rows);
  });
});
