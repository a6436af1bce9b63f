import type { QuestionType } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { presetScore } from './hosted';

describe('presetScore', () => {
  it.each<[QuestionType | undefined, string | undefined, number | undefined]>([
    ['nps', '0', 0],
    ['nps', '9', 9],
    ['nps', '10', 10],
    ['nps', '11', undefined],
    ['nps', '-1', undefined],
    ['nps', '9.5', undefined],
    ['nps', ' 9', undefined],
    ['nps', '', undefined],
    ['nps', undefined, undefined],
    ['csat', '1', 1],
    ['csat', '5', 5],
    ['csat', '0', undefined],
    ['csat', '6', undefined],
    ['comment', '9', undefined],
    [undefined, '9', undefined],
  ])('%s survey, data-score %j → %s', (first, raw, expected) => {
    expect(presetScore(first, raw)).toBe(expected);
  });
});
