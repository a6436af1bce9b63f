// One bounded autocannon run of POST /v1/responses: a new answer id per request, the widget's
// text/plain content type, and the latencies kept exactly (autocannon's histogram rounds to ms).
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadTarget {
  url: string;
  publicKey: string;
  surveyId: string;
  origin: string;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every 2xx latency in ms, ascending, to pool percentiles across runs. */
  latencies: number[];
  /** Requests written to a socket (an upper bound: the last ones may be cut off unanswered). */
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** A version 7 UUID, time-ordered like the ids the widget makes (widget/src/ids.ts). */
export function uuidV7(now = Date.now()): string {
  const b = randomBytes(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Ids of acknowledged answers, 16 bytes each in preallocated buffers. Logging one costs the load
 * generator the same small work for every server and every run; a Set of strings grew to hundreds
 * of thousands of entries during the ingest runs only, and its garbage collections slowed the
 * load generator there and not in the echo runs.
 */
export class IdLog {
  private static readonly CHUNK = 65_536;
  private readonly chunks: Buffer[] = [];
  private used = IdLog.CHUNK;
  size = 0;

  add(uuid: string): void {
    if (this.used === IdLog.CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(IdLog.CHUNK * 16));
      this.used = 0;
    }
    const hex = uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24);
    this.chunks.at(-1)!.write(hex, this.used * 16, 16, 'hex');
    this.used++;
    this.size++;
  }

  *ids(): Generator<string> {
    let left = this.size;
    for (const chunk of this.chunks) {
      for (let i = 0; i < IdLog.CHUNK && left > 0; i++, left--) {
        const h = chunk.toString('hex', i * 16, i * 16 + 16);
        yield `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }
    }
  }
}

const COMMENTS = ['Fast delivery, thanks!', 'Livraison rapide, merci !', 'Support answered within the hour.', 'Trop cher.'];

/** A single answer as the widget sends it. */
function answerBody(target: LoadTarget, id: string, n: number): string {
  const comment = n % 3 === 0 ? `,"comment":${JSON.stringify(COMMENTS[n % COMMENTS.length])}` : '';
  return (
    `{"id":"${id}","key":"${target.publicKey}","survey":"${target.surveyId}","nps":${n % 11}${comment},` +
    `"locale":"fr-FR","page":"${target.origin}/examples/shop.html","visitor":"v_bench${n % 1000}","attributes":{"plan":"pro","country":"FR"}}`
  );
}

/**
 * Runs `connections` keep-alive connections for `seconds`. Ids answered 2xx are added to
 * `acknowledged`, whatever the server, so the load generator does the same work for each (one request in flight per connection, so the connection's context holds the
 * id of the response that just arrived).
 */
export async function runLoad(target: LoadTarget, connections: number, seconds: number, acknowledged: IdLog): Promise<LoadResult> {
  let sent = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: target.url,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/v1/responses',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: target.origin },
        setupRequest: (request, context) => {
          const id = uuidV7();
          context.id = id;
          request.body = answerBody(target, id, sent++);
          return request;
        },
      },
    ],
  });
  instance.on('response', (client, statusCode, _bytes, ms) => {
    if (statusCode >= 200 && statusCode < 300) {
      latencies.push(ms);
      acknowledged.add(client.requestIterator.context.id as string);
    }
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    connections,
    seconds: result.duration,
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    latencies,
    sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
