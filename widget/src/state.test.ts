import { describe, expect, it } from 'vitest';
import { INITIAL, next, type Input, type LoaderState, type Phase } from './state';

const at = (phase: Phase, fields: Partial<LoaderState> = {}): LoaderState => ({ ...INITIAL, phase, ...fields });

/**
 * Every phase × input, written out by hand: where it leads, or '—' when it changes nothing. A
 * report from the UI (`shown`, `skipped`, `closed`) carries the current ticket here.
 */
const EXPECTED: Record<Phase, Record<Input, Phase | '—'>> = {
  idle: { arm: 'armed', disarm: '—', trigger: 'opening', show: 'opening', shown: '—', skipped: '—', closed: '—', hide: '—' },
  armed: { arm: '—', disarm: 'idle', trigger: 'opening', show: 'opening', shown: '—', skipped: '—', closed: '—', hide: '—' },
  opening: { arm: '—', disarm: '—', trigger: '—', show: 'opening', shown: 'shown', skipped: 'idle', closed: 'closed', hide: 'closed' },
  reopening: { arm: '—', disarm: '—', trigger: '—', show: 'reopening', shown: 'shown', skipped: 'closed', closed: 'closed', hide: 'closed' },
  shown: { arm: '—', disarm: '—', trigger: '—', show: 'reopening', shown: '—', skipped: '—', closed: 'closed', hide: 'closed' },
  closed: { arm: '—', disarm: '—', trigger: '—', show: 'reopening', shown: '—', skipped: '—', closed: '—', hide: '—' },
};

const cases = Object.entries(EXPECTED).flatMap(([phase, row]) =>
  Object.entries(row).map(([input, to]) => [phase as Phase, input as Input, to] as const),
);

describe('next', () => {
  it.each(cases)('%s + %s → %s', (phase, input, to) => {
    // The survey opening or shown is 'a'; show() and triggers ask for 'b'.
    const state = at(phase, { survey: /opening|shown/.test(phase) ? 'a' : undefined, ticket: 7 });
    const after = next(state, input, 7, input === 'show' || input === 'trigger' ? 'b' : undefined);
    if (to === '—') expect(after).toBe(state);
    else expect(after.phase).toBe(to);
  });

  it.each<[Phase, Input]>([
    ['opening', 'shown'],
    ['opening', 'skipped'],
    ['opening', 'closed'],
    ['shown', 'closed'],
  ])('ignores a report about an older opening: %s + %s', (phase, input) => {
    const state = at(phase, { survey: 'a', ticket: 7 });
    expect(next(state, input, 6)).toBe(state);
  });

  it('keeps the survey already opening or shown when show() asks for it again', () => {
    for (const phase of ['opening', 'reopening', 'shown'] as const) {
      const state = at(phase, { survey: 'a', ticket: 3 });
      expect(next(state, 'show', undefined, 'a')).toBe(state);
    }
  });

  it('names each opening with a new ticket, and keeps it once the survey shows', () => {
    const opening = next(INITIAL, 'trigger', undefined, 'a');
    expect(opening).toMatchObject({ phase: 'opening', survey: 'a', ticket: 1 });
    const shown = next(opening, 'shown', 1);
    expect(shown).toMatchObject({ phase: 'shown', survey: 'a', ticket: 1 });
    // The survey on screen can still report that it closed.
    expect(next(shown, 'closed', 1)).toMatchObject({ phase: 'closed', survey: undefined, ticket: 2 });
  });

  it('replaces the survey on screen: the old one can no longer report', () => {
    const shown = next(next(INITIAL, 'trigger', undefined, 'a'), 'shown', 1);
    const replacing = next(shown, 'show', undefined, 'b');
    expect(replacing).toMatchObject({ phase: 'reopening', survey: 'b', ticket: 2 });
    // 'a' closing (the loader closes it) says nothing about 'b'.
    expect(next(replacing, 'closed', 1)).toBe(replacing);
    expect(next(replacing, 'shown', 2)).toMatchObject({ phase: 'shown', survey: 'b' });
  });

  it('hides a survey still loading: its UI, reporting later, is ignored', () => {
    const opening = next(INITIAL, 'trigger', undefined, 'a');
    const hidden = next(opening, 'hide');
    expect(hidden).toMatchObject({ phase: 'closed', ticket: 2 });
    expect(next(hidden, 'shown', 1)).toBe(hidden);
  });

  it('remembers a survey the collector held back, and lets another show by itself', () => {
    const opening = next(next(INITIAL, 'arm'), 'trigger', undefined, 'a');
    const skipped = next(opening, 'skipped', opening.ticket);
    expect(skipped).toMatchObject({ phase: 'idle', held: ['a'], survey: undefined });
    expect(next(skipped, 'trigger', undefined, 'b')).toMatchObject({ phase: 'opening', survey: 'b', held: ['a'] });
  });

  it('after a survey has shown, one held back leaves the page view closed', () => {
    const shown = next(next(INITIAL, 'trigger', undefined, 'a'), 'shown', 1);
    const skipped = next(next(shown, 'show', undefined, 'b'), 'skipped', 2);
    expect(skipped).toMatchObject({ phase: 'closed', held: ['b'] });
    expect(next(skipped, 'trigger', undefined, 'c')).toBe(skipped);
  });
});
