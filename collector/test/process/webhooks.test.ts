// A webhook delivery is committed with its answer: a collector killed with deliveries pending (the
// endpoint down) delivers every one of them after its restart, each once (on SQLite or PostgreSQL,
// as the suite runs).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSiteAndSurvey, startCollector, type CollectorProcess } from '../process-helper';
import { startReceiver, type Receiver } from '../receiver';
import { createTestDatabase, type TestDatabase } from '../test-database';

let db: TestDatabase;
let receiver: Receiver | undefined;
const started: CollectorProcess[] = [];
afterEach(async () => {
  await Promise.all(started.map((c) => c.stop()));
  started.length = 0;
  await receiver?.close();
  await db.close();
});

const ENV = { PLAUDIT_WEBHOOK_ALLOW_PRIVATE: '1', PLAUDIT_WEBHOOK_RETRY_BASE_MS: '200' };

describe('webhook deliveries across a crash', { timeout: 60_000 }, () => {
  it('delivers what was pending when the collector was killed, after it restarts', async () => {
    db = await createTestDatabase();
    // A port for the endpoint, down for now: every attempt before the kill fails.
    const probe = await startReceiver();
    const url = probe.url;
    const port = Number(new URL(url).port);
    await probe.close();

    const first = await startCollector(db.location, ENV);
    started.push(first);
    const { site, survey } = await createSiteAndSurvey(first.url);
    const hook = await fetch(`${first.url}/v1/sites/${site.id}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url, events: ['response.created'] }),
    });
    expect(hook.status).toBe(201);

    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = randomUUID();
      const res = await fetch(`${first.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ id, key: site.publicKey, survey: survey.id, nps: i % 11 }) });
      expect(res.status).toBe(202);
      acknowledged.push(id);
    }
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    receiver = await startReceiver(port);
    const second = await startCollector(db.location, ENV);
    started.push(second);
    await receiver.waitFor(20, 30_000);
    const delivered = receiver.received.map((r) => (JSON.parse(r.body) as { data: { response: { id: string } } }).data.response.id);
    // Every acknowledged answer's event, in the order the answers came, each once.
    expect(delivered).toEqual(acknowledged);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(20);
  });
});
