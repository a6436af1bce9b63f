// Slow clients are cut off without holding up others, and SIGTERM drains requests in flight.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSiteAndSurvey, startCollector, type CollectorProcess } from '../process-helper';
import { createTestDatabase } from '../test-database';

let dir: string;
let collector: CollectorProcess | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plaudit-proc-'));
});
afterEach(async () => {
  await collector?.stop();
  collector = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(url: string): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('slow clients and shutdown', { timeout: 60_000 }, () => {
  it('cuts off a slow-loris client while serving others', async () => {
    collector = await startCollector(path.join(dir, 'slow.db'), { PLAUDIT_REQUEST_TIMEOUT_MS: '2000' });
    const { site, survey } = await createSiteAndSurvey(collector.url);

    const slow = await connect(collector.url);
    let received = '';
    slow.on('data', (d) => (received += d.toString()));
    const closed = new Promise<void>((resolve) => slow.once('close', () => resolve()));
    slow.write('POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let trickling = true;
    // One header byte every 100 ms: never idle long enough for an idle timeout, never finished.
    const trickle = (async () => {
      for (let i = 0; i < 400 && trickling && !slow.destroyed; i++) {
        slow.write('X');
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    // Meanwhile other clients are served.
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${collector.url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), key: site.publicKey, survey: survey.id, nps: 9 }),
      });
      expect(res.status).toBe(202);
    }

    await closed;
    trickling = false;
    await trickle;
    // The server gave up on it (408 or a plain close), long before the client would have.
    expect(received === '' || /^HTTP\/1\.1 408/.test(received)).toBe(true);
  });

  it('drains a request in flight on SIGTERM, then exits cleanly', async () => {
    const db = await createTestDatabase();
    collector = await startCollector(db.location, { PLAUDIT_LOG_LEVEL: 'info' });
    const { site, survey } = await createSiteAndSurvey(collector.url);

    const id = randomUUID();
    const body = JSON.stringify({ id, key: site.publicKey, survey: survey.id, nps: 10, comment: 'drained' });
    const socket = await connect(collector.url);
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const half = Math.floor(body.length / 2);
    socket.write(
      `POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
    );
    // The collector logs each request it has begun; only then is it "in flight".
    await collector.waitFor(/"incoming request".*\/v1\/responses|\/v1\/responses.*"incoming request"/);
    collector.child.kill('SIGTERM');
    await collector.waitFor(/draining and closing/);

    // A new connection is no longer accepted once draining has begun.
    const refused = await connect(collector.url).then(
      (s) => new Promise<boolean>((resolve) => {
        s.on('error', () => resolve(true));
        s.once('close', () => resolve(true));
        s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
        s.once('data', (d) => resolve(!d.toString().startsWith('HTTP/1.1 200')));
      }),
      () => true,
    );
    expect(refused).toBe(true);

    socket.write(body.slice(half));
    await ended;
    expect(reply).toMatch(/^HTTP\/1\.1 202/);
    const exit = await collector.exited;
    expect(exit.code).toBe(0);

    try {
      expect(await db.query('SELECT nps, comment FROM responses WHERE id = ?', [id])).toEqual([{ nps: 10, comment: 'drained' }]);
    } finally {
      await db.close();
    }
  });
});
