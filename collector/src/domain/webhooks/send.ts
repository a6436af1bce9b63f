// One HTTP POST of a delivery: to a public address only (unless allowed), no redirect followed,
// bounded in time; what came back, in a few words.
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, literalProblem } from './address-guard';

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const TIMEOUT_MS = 10_000;

export function post(url: string, body: string, headers: Record<string, string>, allowPrivate: boolean): Promise<SendResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({ statusCode, error, durationMs: Math.round(performance.now() - started) });
  const blocked = literalProblem(url, allowPrivate);
  if (blocked) return Promise.resolve(done(null, `blocked: ${blocked}`));
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Plaudit-Webhooks/1' },
        lookup: guardedLookup(allowPrivate),
        timeout: TIMEOUT_MS,
        // A socket of its own each time: a pooled one could have been opened to an older address.
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The body is not needed: drain a little, then let go.
        response.resume();
        response.on('end', () => undefined);
        if (status >= 200 && status < 300) resolve(done(status, null));
        else if (status >= 300 && status < 400) resolve(done(status, `redirect not followed (to ${String(response.headers.location ?? '?').slice(0, 200)})`));
        else resolve(done(status, `HTTP ${status}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(done(null, error.code === 'EBLOCKED' ? error.message : `${error.code ?? 'error'}: ${error.message}`.slice(0, 300))));
    request.end(body);
  });
}
