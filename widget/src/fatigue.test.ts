import { FatigueSchema } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { heldBack, type Fatigue } from './fatigue';

const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('heldBack', () => {
  it.each<[string, unknown, boolean]>([
    ['nothing known', { cooldownUntil: null, surveys: {} }, false],
    ['the site cooldown still running', { cooldownUntil: '2026-06-02T00:00:00Z', surveys: {} }, true],
    ['the site cooldown over', { cooldownUntil: '2026-05-30T00:00:00Z', surveys: {} }, false],
    ['this survey’s window still running', { cooldownUntil: null, surveys: { s1: '2026-07-01T00:00:00.000Z' } }, true],
    ['this survey’s window over', { cooldownUntil: null, surveys: { s1: '2026-05-01T00:00:00.000Z' } }, false],
    ['another survey’s window', { cooldownUntil: null, surveys: { s2: '2026-07-01T00:00:00.000Z' } }, false],
    ['ending this very millisecond', { cooldownUntil: '2026-06-01T12:00:00.000Z', surveys: {} }, false],
    ['no answer (the request failed)', undefined, false],
    ['an error’s body', { error: { code: 'rate_limited', message: 'slow down' } }, false],
    ['a malformed time', { cooldownUntil: 'soon', surveys: { s1: 42 } }, false],
    ['surveys that are not a map', { cooldownUntil: null, surveys: 'all' }, false],
    ['JSON null', null, false],
  ])('%s → %s', (_, answer, expected) => {
    expect(heldBack(answer, 's1', NOW)).toBe(expected);
  });

  it('reads the collector’s own shape (FatigueSchema)', () => {
    const answer: Fatigue = FatigueSchema.parse({ cooldownUntil: null, surveys: { s1: '2026-07-01T00:00:00.000Z' } });
    expect(heldBack(answer, 's1', NOW)).toBe(true);
  });
});
