import { describe, expect, it, vi } from 'vitest';
import { ResponseInputSchema } from '@plaudit/shared';
import { uuid } from './ids';

describe('uuid', () => {
  it('makes RFC 9562 version 7 ids the collector accepts', () => {
    const id = uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ResponseInputSchema.safeParse({ id, key: 'pk_x', survey: 'sv_x', nps: 9 }).success).toBe(true);
  });

  it('starts with the time in milliseconds, so later ids sort after earlier ones', () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-22T10:00:00.000Z'), toFake: ['Date'] });
    try {
      const first = uuid();
      vi.setSystemTime(Date.parse('2026-11-22T10:00:00.001Z'));
      const second = uuid();
      expect(parseInt(first.replace('-', '').slice(0, 12), 16)).toBe(Date.parse('2026-11-22T10:00:00.000Z'));
      expect(second > first).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, uuid));
    expect(ids.size).toBe(10_000);
  });
});
