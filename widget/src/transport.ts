// Delivery of responses without losing any: every response goes into a bounded outbox before it
// is sent and leaves it only once the collector has answered. The outbox lives in memory for this
// page view and is copied to localStorage when the browser allows, so that a later page view can
// send what this one could not. Responses carry their own id, so sending one twice (a retry, a
// beacon at pagehide, the next page load) is an update, never a duplicate.
import type { EventInput, ResponseInputBody } from '@plaudit/shared';
import { parse, stringify } from './json';
import { OUTBOX_KEY, readJson } from './storage';

export const OUTBOX_MAX = 50;
/** `LIMITS.batchItems` of the collector. */
export const BATCH_MAX = 100;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;
/** Retries within one page view; after that the `online` event or the next page load tries again. */
export const MAX_ATTEMPTS = 8;
/** Browsers refuse keepalive requests above 64 KiB in flight. */
const KEEPALIVE_MAX_BYTES = 60_000;

/**
 * Whether a request is worth another try: it never got an answer (`status` null), or a 429 or 5xx.
 * Any other answer, a 2xx or a refusal that retrying cannot fix, lets the batch leave the outbox.
 */
export function retryable(status: number | null): boolean {
  return status === null || status === 429 || status >= 500;
}

/** Retry-After in milliseconds when given in seconds, the only form the collector sends. */
export function retryAfterMs(header: string | null): number | null {
  const seconds = Number(header);
  return header && seconds >= 0 ? seconds * 1000 : null;
}

/** Exponential backoff with "equal jitter": between half and all of min(max, base × 2^attempt). */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Adds a response to the outbox; one with the same id is updated field by field (later wins). */
export function mergeInto(outbox: readonly ResponseInputBody[], item: ResponseInputBody): ResponseInputBody[] {
  const index = outbox.findIndex((o) => o.id === item.id);
  const next = index < 0 ? [...outbox, item] : outbox.map((o, i) => (i === index ? { ...o, ...item } : o));
  return next.slice(-OUTBOX_MAX);
}

/** The outbox in localStorage: what earlier page views (and other tabs) left, and this one's copy. */
export function loadOutbox(): ResponseInputBody[] {
  let value = readJson(OUTBOX_KEY);
  // An older widget on a page with Prototype.js 1.6 stored the outbox encoded twice (see json.ts).
  if (typeof value == 'string') value = parse(value);
  return Array.isArray(value) ? value.filter((o) => typeof o?.id === 'string') : [];
}

/** Copies the outbox to localStorage; false when the browser refuses (see storage.ts). */
function persist(items: readonly ResponseInputBody[]): boolean {
  try {
    if (items.length) localStorage.setItem(OUTBOX_KEY, stringify(items));
    else localStorage.removeItem(OUTBOX_KEY);
    return true;
  } catch {
    return false;
  }
}

export interface TransportDeps {
  /** Collector base URL, ending with `/` (the loader's is `new URL('.', script.src)`). */
  base: string;
  fetch: (url: string, init: RequestInit) => Promise<Pick<Response, 'status' | 'headers'>>;
  random?: () => number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  sendBeacon?: ((url: string, data: string) => boolean) | undefined;
}

export interface Transport {
  /** Persists the response, then sends it. Never rejects. */
  send(item: ResponseInputBody): Promise<void>;
  /** Sends whatever the outbox holds, as one batch. Never rejects. */
  flush(): Promise<void>;
  /** Hands the outbox to the browser as the page goes away. Items stay until acknowledged. */
  beacon(): void;
  /** Connectivity is back: retry now and with a fresh budget. */
  online(): void;
  event(body: EventInput): void;
}

export function createTransport({
  base,
  // Destructured so that fetch and setTimeout are called as plain functions, never as methods of deps.
  fetch: request,
  random = Math.random,
  setTimeout: schedule = setTimeout,
  sendBeacon,
}: TransportDeps): Transport {
  const responsesUrl = base + 'v1/responses';
  const post = (url: string, body: string, keepalive: boolean) =>
    // A string body goes as text/plain;charset=UTF-8: a simple request, with no CORS preflight.
    request(url, { method: 'POST', body, keepalive });
  let inFlight: Promise<void> | undefined;
  let again = false;
  let attempt = 0;
  let retryPending = false;
  /** This page view's outbox: what is sent, whether or not storage keeps a copy. */
  let outbox: ResponseInputBody[] = [];
  /**
   * Storage took the last write, so it holds this outbox plus whatever other page views added. After
   * a refused write it may still hold items since acknowledged, which must not come back.
   */
  let stored = true;

  /** The outbox, with what storage adds merged under this page view's own fields. */
  const current = () => (outbox = stored ? outbox.reduce(mergeInto, loadOutbox()) : outbox);
  const save = (items: ResponseInputBody[]) => {
    outbox = items;
    stored = persist(items);
  };

  /** One request; true when the outbox should be sent again right away. */
  async function sendBatch(): Promise<boolean> {
    const batch = current().slice(0, BATCH_MAX);
    if (!batch.length) return false;
    const body = stringify(batch);
    let status: number | null = null;
    let retryAfter: number | null = null;
    try {
      const res = await post(responsesUrl, body, new Blob([body]).size < KEEPALIVE_MAX_BYTES);
      status = res.status;
      retryAfter = retryAfterMs(res.headers.get('Retry-After'));
    } catch {
      // Offline, DNS, CORS: the request never got an answer.
    }
    if (retryable(status)) {
      if (attempt < MAX_ATTEMPTS) {
        const delay = Math.max(retryAfter ?? 0, backoffMs(attempt++, random()));
        retryPending = true;
        schedule(() => {
          retryPending = false;
          void flush();
        }, delay);
      }
      return false;
    }
    attempt = 0;
    // Only what was sent leaves the outbox: a comment merged in meanwhile must still go out.
    const sent = new Set(batch.map(stringify));
    const rest = current().filter((item) => !sent.has(stringify(item)));
    save(rest);
    return rest.length > 0;
  }

  function flush(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      let more = true;
      while (more && !retryPending) {
        again = false;
        more = (await sendBatch()) || again;
      }
    })()
      .catch(() => {})
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    send(item) {
      save(mergeInto(current(), item));
      return flush();
    },
    flush,
    beacon() {
      const items = current().slice(0, BATCH_MAX);
      if (!items.length || !sendBeacon) return;
      try {
        // A string goes as text/plain;charset=UTF-8, like the requests.
        sendBeacon(responsesUrl, stringify(items));
      } catch {
        // The outbox keeps them for the next page load.
      }
    },
    online() {
      attempt = 0;
      retryPending = false;
      void flush();
    },
    event(body) {
      post(base + 'v1/events', stringify(body), true).catch(() => {});
    },
  };
}

/**
 * The UI chunk and the loader's flush chunk each carry a copy of this module; a global slot keeps
 * one transport (one retry timer, one pagehide listener) per page whichever loaded first.
 */
const SHARED = Symbol.for('plaudit.transport');

/** The page's transport, listening for pagehide and online. */
export function transportFor(base: string): Transport {
  const slot = globalThis as { [SHARED]?: Transport };
  if (!slot[SHARED]) {
    const transport = createTransport({ base, fetch, sendBeacon: navigator.sendBeacon?.bind(navigator) });
    addEventListener('pagehide', () => transport.beacon());
    addEventListener('online', () => transport.online());
    slot[SHARED] = transport;
  }
  return slot[SHARED];
}

/** The loader's entry point when the previous page view left responses behind. */
export function flush(base: string): Promise<void> {
  return transportFor(base).flush();
}
