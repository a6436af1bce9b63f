import type { ResponseInputBody } from '@plaudit/shared';
import { LIMITS } from '@plaudit/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX_KEY } from './storage';
import {
  BACKOFF_BASE_MS,
  BACKOFF_MAX_MS,
  BATCH_MAX,
  backoffMs,
  createTransport,
  loadOutbox,
  MAX_ATTEMPTS,
  mergeInto,
  OUTBOX_MAX,
  retryable,
  retryAfterMs,
  type TransportDeps,
} from './transport';

const BASE = 'https://collector.example/p/';
const response = (id: string, fields: Partial<ResponseInputBody> = {}): ResponseInputBody => ({
  id,
  key: 'pk_test',
  survey: 's1',
  ...fields,
});

interface Call {
  url: string;
  init: RequestInit;
  body: unknown;
}

/** A fetch double answering from a script of statuses ('network' throws like fetch does offline). */
function fakeFetch(script: (number | 'network' | { status: number; retryAfter: string })[]) {
  const calls: Call[] = [];
  const fetch: TransportDeps['fetch'] = async (url, init) => {
    calls.push({ url, init, body: JSON.parse(String(init.body)) });
    const next = script.length > 1 ? script.shift()! : script[0]!;
    if (next === 'network') throw new TypeError('Failed to fetch');
    const { status, retryAfter } = typeof next === 'number' ? { status: next, retryAfter: null } : next;
    return { status, headers: new Headers(retryAfter ? { 'Retry-After': retryAfter } : {}) };
  };
  return { fetch, calls };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    setTimeout: (fn: () => void, ms: number) => pending.push({ fn, ms }),
    async fire() {
      const timer = pending.shift();
      timer?.fn();
      await settle();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => localStorage.clear());
afterEach(() => localStorage.clear());

describe('retryable', () => {
  it.each<[number | null, boolean]>([
    [null, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [200, false],
    [202, false],
    [204, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [413, false],
    [415, false],
    [422, false],
  ])('status %s → %s', (status, retry) => {
    expect(retryable(status)).toBe(retry);
  });
});

describe('retryAfterMs', () => {
  it.each<[string | null, number | null]>([
    [null, null],
    ['', null],
    ['0', 0],
    ['5', 5000],
    ['120', 120_000],
    ['-3', null],
    ['soon', null],
    ['Wed, 21 Oct 2015 07:28:00 GMT', null],
  ])('%j → %s', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms);
  });
});

describe('backoffMs', () => {
  it.each([0, 1, 2, 3, 5, 8, 20])('attempt %i stays within [ceiling/2, ceiling]', (attempt) => {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
    expect(backoffMs(attempt, 0)).toBe(ceiling / 2);
    expect(backoffMs(attempt, 1)).toBe(ceiling);
    expect(backoffMs(attempt, 0.5)).toBe((3 * ceiling) / 4);
  });

  it('grows exponentially and is capped', () => {
    expect(backoffMs(1, 1)).toBe(2 * backoffMs(0, 1));
    expect(backoffMs(30, 1)).toBe(BACKOFF_MAX_MS);
  });
});

describe('mergeInto', () => {
  it('appends a new id', () => {
    expect(mergeInto([response('a')], response('b')).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('merges the same id field by field, later fields winning', () => {
    const merged = mergeInto([response('a', { nps: 9, locale: 'fr' })], response('a', { nps: 9, comment: 'Top' }));
    expect(merged).toEqual([response('a', { nps: 9, locale: 'fr', comment: 'Top' })]);
  });

  it(`keeps the newest ${OUTBOX_MAX} when full`, () => {
    let outbox: ResponseInputBody[] = [];
    for (let i = 0; i < OUTBOX_MAX + 7; i++) outbox = mergeInto(outbox, response(`r${i}`));
    expect(outbox).toHaveLength(OUTBOX_MAX);
    expect(outbox[0]!.id).toBe('r7');
    expect(outbox.at(-1)!.id).toBe(`r${OUTBOX_MAX + 6}`);
  });

  it('matches the collector batch limit', () => {
    expect(BATCH_MAX).toBe(LIMITS.batchItems);
    expect(OUTBOX_MAX).toBeLessThanOrEqual(BATCH_MAX);
  });
});

describe('loadOutbox', () => {
  it.each([
    ['missing', null],
    ['corrupt JSON', '{not json'],
    ['not an array', '{"id":"x"}'],
  ])('is empty when the record is %s', (_, raw) => {
    if (raw !== null) localStorage.setItem(OUTBOX_KEY, raw);
    expect(loadOutbox()).toEqual([]);
  });

  it('skips entries without an id', () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([response('a'), { nps: 3 }, null, 'x']));
    expect(loadOutbox()).toEqual([response('a')]);
  });

  it('reads the outbox an older widget encoded twice on a page with Prototype.js', () => {
    // Prototype 1.6's Array#toJSON returns the array's JSON, which JSON.stringify then encodes as a string.
    localStorage.setItem(OUTBOX_KEY, JSON.stringify('[{"id": "a", "key": "pk_test", "survey": "s1", "nps": 3}]'));
    expect(loadOutbox()).toEqual([response('a', { nps: 3 })]);
  });
});

/** Ways a browser refuses localStorage; each returns the function that restores it. */
const BROKEN_STORAGE: [string, () => () => void][] = [
  [
    'setItem throws (Safari private mode, a full quota)',
    () => {
      // happy-dom binds Storage methods to the instance, so the instance's is the one to break.
      const spy = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      });
      return () => spy.mockRestore();
    },
  ],
  [
    'localStorage itself throws (storage blocked, a sandboxed frame)',
    () => {
      const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')!;
      Object.defineProperty(globalThis, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('Access is denied for this document.', 'SecurityError');
        },
      });
      return () => Object.defineProperty(globalThis, 'localStorage', original);
    },
  ],
];

/** Prototype.js 1.6's Array#toJSON: it serialises, returning the array's JSON as a string. */
function withPrototypeJs<T>(fn: () => Promise<T>): Promise<T> {
  const proto = Array.prototype as unknown as { toJSON?: () => string };
  proto.toJSON = function (this: unknown[]) {
    return '[' + this.map((item) => JSON.stringify({ ...(item as object) })).join(', ') + ']';
  };
  return fn().finally(() => delete proto.toJSON);
}

describe('createTransport when storage fails', () => {
  let restore: () => void = () => {};
  afterEach(() => restore());

  it.each(BROKEN_STORAGE)('sends the response from memory when %s', async (_, breakStorage) => {
    restore = breakStorage();
    const { fetch, calls } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).send(response('a', { nps: 6 }));
    expect(calls.map((c) => c.body)).toEqual([[response('a', { nps: 6 })]]);
  });

  it.each(BROKEN_STORAGE)('retries from memory, with the comment merged in, when %s', async (_, breakStorage) => {
    restore = breakStorage();
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch(['network', 202]);
    const transport = createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout, random: () => 0 });
    await transport.send(response('a', { nps: 6 }));
    await transport.send(response('a', { nps: 6, comment: 'Slow' }));
    await timers.fire();
    expect(calls.map((c) => c.body)).toEqual([[response('a', { nps: 6 })], [response('a', { nps: 6, comment: 'Slow' })]]);
    // Acknowledged: nothing goes out again.
    await transport.flush();
    expect(calls).toHaveLength(2);
  });

  it('sends what an earlier page view left in storage along with the new response, when writes fail', async () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([response('old', { csat: 2 })]));
    restore = BROKEN_STORAGE[0]![1]();
    const { fetch, calls } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).send(response('a', { nps: 6 }));
    expect(calls.map((c) => c.body)).toEqual([[response('old', { csat: 2 }), response('a', { nps: 6 })]]);
  });

  it('does not resend what storage still holds after it refused to forget it', async () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([response('old', { csat: 2 })]));
    const spies = (['setItem', 'removeItem'] as const).map((method) =>
      vi.spyOn(localStorage, method).mockImplementation(() => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }),
    );
    restore = () => spies.forEach((spy) => spy.mockRestore());
    const { fetch, calls } = fakeFetch([202]);
    const transport = createTransport({ base: BASE, fetch });
    await transport.flush();
    await transport.send(response('a', { nps: 6 }));
    expect(calls.map((c) => c.body)).toEqual([[response('old', { csat: 2 })], [response('a', { nps: 6 })]]);
  });

  it('copies what it kept in memory to storage once storage takes writes again', async () => {
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch(['network', 202]);
    const transport = createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout });
    restore = BROKEN_STORAGE[0]![1]();
    await transport.send(response('a', { nps: 6 }));
    restore();
    await transport.send(response('b', { nps: 7 }));
    expect(loadOutbox()).toEqual([response('a', { nps: 6 }), response('b', { nps: 7 })]);
    await timers.fire();
    expect(calls.at(-1)!.body).toEqual([response('a', { nps: 6 }), response('b', { nps: 7 })]);
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });
});

describe('createTransport on a page with Prototype.js 1.6', () => {
  it('posts a JSON array and stores one', async () => {
    let stored: string | null = null;
    const calls: unknown[] = [];
    await withPrototypeJs(() =>
      createTransport({
        base: BASE,
        fetch: async (_, init) => {
          stored = localStorage.getItem(OUTBOX_KEY);
          calls.push(JSON.parse(String(init.body)));
          return { status: 202, headers: new Headers() };
        },
      }).send(response('a', { nps: 9, attributes: { plan: 'pro' } })),
    );
    expect(calls).toEqual([[response('a', { nps: 9, attributes: { plan: 'pro' } })]]);
    expect(JSON.parse(stored!)).toEqual([response('a', { nps: 9, attributes: { plan: 'pro' } })]);
  });

  it('beacons a JSON array', async () => {
    const beacons: string[] = [];
    await withPrototypeJs(async () => {
      const transport = createTransport({
        base: BASE,
        fetch: fakeFetch(['network']).fetch,
        setTimeout: () => 0,
        sendBeacon: (_, data) => beacons.push(data) > 0,
      });
      await transport.send(response('a', { nps: 9 }));
      transport.beacon();
    });
    expect(JSON.parse(beacons[0]!)).toEqual([response('a', { nps: 9 })]);
  });
});

describe('createTransport', () => {
  it('persists the response before the request goes out', async () => {
    let storedDuringFetch: unknown;
    const transport = createTransport({
      base: BASE,
      fetch: async () => {
        storedDuringFetch = JSON.parse(localStorage.getItem(OUTBOX_KEY)!);
        return { status: 202, headers: new Headers() };
      },
    });
    await transport.send(response('a', { nps: 8 }));
    expect(storedDuringFetch).toEqual([response('a', { nps: 8 })]);
  });

  it('posts JSON as a string (text/plain, no preflight) with keepalive to v1/responses under the base path', async () => {
    const { fetch, calls } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).send(response('a', { nps: 10 }));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('https://collector.example/p/v1/responses');
    expect(calls[0]!.init).toMatchObject({ method: 'POST', keepalive: true });
    expect(calls[0]!.init.body).toBeTypeOf('string');
    // Any header beyond the safelisted ones would cost a CORS preflight.
    expect(calls[0]!.init.headers).toBeUndefined();
    expect(calls[0]!.body).toEqual([response('a', { nps: 10 })]);
  });

  it('drops keepalive for a batch too large for it, so the browser does not refuse the request', async () => {
    const { fetch, calls } = fakeFetch([202]);
    const transport = createTransport({ base: BASE, fetch });
    for (let i = 0; i < 40; i++) localStorage.setItem(OUTBOX_KEY, JSON.stringify(mergeInto(loadOutbox(), response(`r${i}`, { comment: 'é'.repeat(1000) }))));
    await transport.flush();
    expect(calls[0]!.init.keepalive).toBe(false);
  });

  it('empties the outbox after a 2xx', async () => {
    const { fetch } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).send(response('a'));
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
  });

  it.each([400, 401, 403, 422])('drops the batch on a non-retryable %i', async (status) => {
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch([status]);
    await createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout }).send(response('a'));
    expect(localStorage.getItem(OUTBOX_KEY)).toBeNull();
    expect(timers.pending).toHaveLength(0);
    expect(calls).toHaveLength(1);
  });

  it.each<[string, number | 'network']>([
    ['a network error', 'network'],
    ['a 500', 500],
    ['a 503', 503],
    ['a 429', 429],
  ])('keeps the outbox and retries after %s', async (_, failure) => {
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch([failure, 202]);
    const transport = createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout, random: () => 0 });
    await transport.send(response('a', { nps: 4 }));
    expect(loadOutbox()).toEqual([response('a', { nps: 4 })]);
    expect(timers.pending).toHaveLength(1);
    expect(timers.pending[0]!.ms).toBe(BACKOFF_BASE_MS / 2);
    await timers.fire();
    expect(calls).toHaveLength(2);
    expect(loadOutbox()).toEqual([]);
  });

  it('waits at least Retry-After seconds', async () => {
    const timers = manualTimers();
    const { fetch } = fakeFetch([{ status: 429, retryAfter: '30' }, 202]);
    await createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout, random: () => 1 }).send(response('a'));
    expect(timers.pending[0]!.ms).toBe(30_000);
  });

  it('backs off exponentially, then stops retrying within the page view', async () => {
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch(['network']);
    await createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout, random: () => 1 }).send(response('a'));
    const delays: number[] = [];
    while (timers.pending.length) {
      delays.push(timers.pending[0]!.ms);
      await timers.fire();
    }
    expect(delays).toHaveLength(MAX_ATTEMPTS);
    expect(delays.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(BACKOFF_MAX_MS);
    expect(calls).toHaveLength(MAX_ATTEMPTS + 1);
    expect(loadOutbox()).toHaveLength(1);
  });

  it('retries at once with a fresh budget when the browser goes back online', async () => {
    const timers = manualTimers();
    const { fetch, calls } = fakeFetch(['network', 202]);
    const transport = createTransport({ base: BASE, fetch, setTimeout: timers.setTimeout });
    await transport.send(response('a'));
    transport.online();
    await settle();
    expect(calls).toHaveLength(2);
    expect(loadOutbox()).toEqual([]);
  });

  it('does not drop a comment merged in while the score was in flight', async () => {
    let release!: () => void;
    const calls: unknown[] = [];
    const transport = createTransport({
      base: BASE,
      fetch: async (_, init) => {
        calls.push(JSON.parse(String(init.body)));
        if (calls.length === 1) await new Promise<void>((r) => (release = r));
        return { status: 202, headers: new Headers() };
      },
    });
    const first = transport.send(response('a', { nps: 10 }));
    await settle();
    const second = transport.send(response('a', { nps: 10, comment: 'Love it' }));
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual([[response('a', { nps: 10 })], [response('a', { nps: 10, comment: 'Love it' })]]);
    expect(loadOutbox()).toEqual([]);
  });

  it('flushes what a previous page view left, as one batch', async () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([response('a', { nps: 1 }), response('b', { csat: 5 })]));
    const { fetch, calls } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual([response('a', { nps: 1 }), response('b', { csat: 5 })]);
    expect(loadOutbox()).toEqual([]);
  });

  it('does nothing when the outbox is empty', async () => {
    const { fetch, calls } = fakeFetch([202]);
    await createTransport({ base: BASE, fetch }).flush();
    expect(calls).toHaveLength(0);
  });

  it('beacons the outbox as a JSON string at pagehide and keeps it until acknowledged', async () => {
    localStorage.setItem(OUTBOX_KEY, JSON.stringify([response('a', { nps: 7 })]));
    const beacons: { url: string; data: string }[] = [];
    const transport = createTransport({
      base: BASE,
      fetch: fakeFetch([202]).fetch,
      sendBeacon: (url, data) => beacons.push({ url, data }) > 0,
    });
    transport.beacon();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.url).toBe('https://collector.example/p/v1/responses');
    // A string: the browser sends it as text/plain, which needs no CORS preflight.
    expect(JSON.parse(beacons[0]!.data)).toEqual([response('a', { nps: 7 })]);
    expect(loadOutbox()).toHaveLength(1);
  });

  it('never rejects, even when fetch throws synchronously', async () => {
    const transport = createTransport({
      base: BASE,
      fetch: () => {
        throw new Error('boom');
      },
      setTimeout: () => 0,
    });
    await expect(transport.send(response('a'))).resolves.toBeUndefined();
  });

  it('posts events to v1/events and ignores failures', async () => {
    const { fetch, calls } = fakeFetch(['network']);
    const transport = createTransport({ base: BASE, fetch });
    transport.event({ key: 'pk_test', survey: 's1', type: 'shown', visitor: 'v1' });
    await settle();
    expect(calls[0]!.url).toBe('https://collector.example/p/v1/events');
    expect(calls[0]!.body).toEqual({ key: 'pk_test', survey: 's1', type: 'shown', visitor: 'v1' });
    expect(calls[0]!.init.body).toBeTypeOf('string');
    expect(calls[0]!.init.headers).toBeUndefined();
  });
});
