// Webhook delivery latency under ingest load: while autocannon posts answers at 50 connections,
// probe answers (a survey of their own, which the webhook's filter names) go out ten times a
// second; each probe's time from its 202 to its receipt at an endpoint on loopback is one sample.
// The endpoint runs in the bench process, beside the load generator: its own delays count too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { percentile } from './stats';

export interface WebhookLatency {
  probes: number;
  received: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function startEndpoint(): Promise<{ url: string; receivedAt: Map<string, number>; close: () => Promise<void> }> {
  const receivedAt = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const id = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { response: { id: string } } }).data.response.id;
      if (!receivedAt.has(id)) receivedAt.set(id, at);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, receivedAt, close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

/** Sends probes every `everyMs` until `stop()` resolves; then waits (bounded) for their receipt. */
export async function probe(
  baseUrl: string,
  target: { publicKey: string; surveyId: string; origin: string },
  receivedAt: Map<string, number>,
  running: () => boolean,
  everyMs = 100,
): Promise<WebhookLatency> {
  const ackedAt = new Map<string, number>();
  while (running()) {
    const id = randomUUID();
    const res = await fetch(`${baseUrl}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: target.origin },
      body: JSON.stringify({ id, key: target.publicKey, survey: target.surveyId, nps: 2 }),
    });
    await res.arrayBuffer();
    if (res.status === 202) ackedAt.set(id, performance.now());
    await new Promise((r) => setTimeout(r, everyMs));
  }
  // Deliveries still on their way: up to 10 s more.
  const deadline = performance.now() + 10_000;
  while ([...ackedAt.keys()].some((id) => !receivedAt.has(id)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const samples = [...ackedAt].filter(([id]) => receivedAt.has(id)).map(([id, at]) => receivedAt.get(id)! - at).sort((a, b) => a - b);
  return { probes: ackedAt.size, received: samples.length, p50Ms: percentile(samples, 0.5), p99Ms: percentile(samples, 0.99), maxMs: samples.at(-1) ?? Number.NaN };
}
