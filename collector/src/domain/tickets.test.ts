import { describe, expect, it } from 'vitest';
import { TopicMatcher, previousStart, risingTopics } from './tickets';

describe('TopicMatcher', () => {
  const matcher = new TopicMatcher(['delivery', 'refund', 'customer support']);
  it.each([
    // The subject shares a theme key with a topic the help desk uses: that topic, as the help desk writes it.
    ['Where is my delivery?', 'delivery'],
    ['Parcel delivered to the wrong address', 'delivery'],
    ['I want a refund for order 1234', 'refund'],
    ['Customer support never answers', 'customer support'],
    // No known topic: the subject's first named phrase, else its first word that names something.
    ['Password reset link expired', 'password reset'],
    ['Invoice missing', 'invoice'],
    // Nothing to name.
    ['???', null],
  ])('%s → %s', (subject, topic) => {
    expect(matcher.topicOf(subject)).toBe(topic);
  });

  it('learns the topics of a batch, first come first kept', () => {
    const m = new TopicMatcher([]);
    expect(m.topicOf('Late delivery')).not.toBe('shipping');
    m.learn('delivery');
    expect(m.topicOf('Late delivery')).toBe('delivery');
  });
});

describe('previousStart', () => {
  it.each([
    ['2026-03-01', 'month', '2026-02-01'],
    ['2026-01-01', 'month', '2025-12-01'],
    ['2026-03-30', 'week', '2026-03-23'],
    ['2026-03-01', 'day', '2026-02-28'],
  ] as const)('before %s by %s: %s', (start, interval, expected) => expect(previousStart(start, interval)).toBe(expected));
});

describe('risingTopics', () => {
  const counts = [
    { start: '2026-10-01', topic: 'delivery', count: 10 },
    { start: '2026-11-01', topic: 'delivery', count: 10 },
  ];
  it('weighs an ongoing month by its days so far', () => {
    // November up to the 10th: 10 tickets in 10 days against 10 in October's 31 days.
    // P(X ≥ 10 | n = 20, p = 10/41) = 0.0116064 (hand-computed with exact fractions): rising,
    // q = p with one topic.
    expect(risingTopics(counts, '2026-11-01', '2026-10-01', 'month', '2026-11-10')).toEqual([{ topic: 'delivery', count: 10, previous: 10, pValue: 0.011606, qValue: 0.011606 }]);
    // Over the whole of November, the same counts are no growth at all.
    expect(risingTopics(counts, '2026-11-01', '2026-10-01', 'month', '2026-11-30')).toEqual([]);
  });
});
