// The collector's API as the dashboard calls it: same origin, the session cookie sent by the
// browser, and the session's CSRF token on every request that changes something. Types come from
// @plaudit/shared's schemas (types only: no zod reaches the browser).
import type { z } from 'zod';
import type { ErrorBody, SessionSchema } from '@plaudit/shared';

export type Session = z.infer<typeof SessionSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

let csrf = '';
/** Called when the session turns out to have ended (401 on a request made with one). */
let onSignedOut: () => void = () => {};

export function useSessionToken(token: string, signedOut: () => void) {
  csrf = token;
  onSignedOut = signedOut;
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal: signal ?? null });
  const text = await res.text();
  const json = text && (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
  if (!res.ok) {
    const error = (json as ErrorBody | undefined)?.error;
    if (res.status === 401 && csrf && !path.startsWith('/v1/session') && !path.startsWith('/v1/setup')) onSignedOut();
    throw new ApiError(res.status, error?.code ?? 'error', error?.message ?? res.statusText, Number(res.headers.get('retry-after')) || undefined);
  }
  return json as T;
}

/** `/v1/sites/:siteId…` with the query's defined values. */
export function sitePath(siteId: string, rest: string, query: Record<string, string | number | boolean | undefined | null> = {}): string {
  return withQuery(`/v1/sites/${encodeURIComponent(siteId)}${rest}`, query);
}

export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}
