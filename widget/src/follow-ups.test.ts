import {
  FOLLOW_UP_TEXT_CHARS,
  FollowUpAnswerSchema,
  FollowUpQuestionSchema,
  followUpProblem,
  npsCategory,
  type Cta,
  type FollowUpQuestion,
  type LocalizedText,
} from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { fnv1a } from './eligibility';
import {
  answerOf,
  asked,
  ctaFor,
  ctaHref,
  EMPTY_DRAFT,
  FOLLOW_UP_TEXT_MAX,
  localized,
  npsGroup,
  ordered,
  qualifies,
  toggle,
  toggleOther,
  type Draft,
} from './follow-ups';
import type { Answer } from './response';

/** A question as the config serves it: parsed by the collector's own schema (defaults filled in). */
const question = (fields: Record<string, unknown>): FollowUpQuestion =>
  FollowUpQuestionSchema.parse({ id: 'q', prompt: { en: 'Q?' }, ...fields });

const OPTIONS = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, label: { en: id.toUpperCase() } }));
const single = question({ id: 'found', type: 'single', options: OPTIONS, other: true });
const multiple = question({ id: 'improve', type: 'multiple', options: OPTIONS, other: true });
const text = question({ id: 'why', type: 'text' });
const rating = question({ id: 'ease', type: 'rating', scale: 7 });

describe('npsGroup', () => {
  it.each(Array.from({ length: 11 }, (_, score) => score))('%i is in the collector’s category', (score) => {
    expect(npsGroup(score)).toBe(npsCategory(score));
  });
});

describe('qualifies', () => {
  const shownTo = (s: unknown) => question({ type: 'text', shownTo: s });
  it.each<[string, FollowUpQuestion, Answer, boolean]>([
    ['everyone: an NPS → asked', text, { nps: 0 }, true],
    ['everyone: a CSAT', text, { csat: 5 }, true],
    ['everyone: a comment only', text, { comment: 'x' }, true],
    ['detractors: 6', shownTo({ npsGroups: ['detractor'] }), { nps: 6 }, true],
    ['detractors: 7', shownTo({ npsGroups: ['detractor'] }), { nps: 7 }, false],
    ['detractors: a promoter', shownTo({ npsGroups: ['detractor'] }), { nps: 10 }, false],
    ['detractors and passives: 8', shownTo({ npsGroups: ['detractor', 'passive'] }), { nps: 8 }, true],
    ['detractors and passives: 9', shownTo({ npsGroups: ['detractor', 'passive'] }), { nps: 9 }, false],
    ['promoters: 9', shownTo({ npsGroups: ['promoter'] }), { nps: 9 }, true],
    ['promoters: no NPS at all', shownTo({ npsGroups: ['promoter'] }), { csat: 5 }, false],
    ['CSAT 1–3: 3', shownTo({ csat: { min: 1, max: 3 } }), { csat: 3 }, true],
    ['CSAT 1–3: 4', shownTo({ csat: { min: 1, max: 3 } }), { csat: 4 }, false],
    ['CSAT 1–3: no CSAT at all', shownTo({ csat: { min: 1, max: 3 } }), { nps: 2 }, false],
    ['both: both hold', shownTo({ npsGroups: ['promoter'], csat: { min: 4, max: 5 } }), { nps: 10, csat: 4 }, true],
    ['both: only one holds', shownTo({ npsGroups: ['promoter'], csat: { min: 4, max: 5 } }), { nps: 10, csat: 2 }, false],
  ])('%s', (_, q, answer, expected) => {
    expect(qualifies(q, answer)).toBe(expected);
  });

  it('asks the qualifying questions in the survey’s order, and nothing without questions', () => {
    const forDetractors = question({ id: 'd', type: 'text', shownTo: { npsGroups: ['detractor'] } });
    const forPromoters = question({ id: 'p', type: 'text', shownTo: { npsGroups: ['promoter'] } });
    const questions = [forPromoters, text, forDetractors];
    expect(asked(questions, { nps: 2 }).map((q) => q.id)).toEqual(['why', 'd']);
    expect(asked(questions, { nps: 10 }).map((q) => q.id)).toEqual(['p', 'why']);
    expect(asked(undefined, { nps: 10 })).toEqual([]);
  });
});

describe('localized', () => {
  it.each<[LocalizedText | undefined, string, string]>([
    [{ en: 'Hi', fr: 'Salut' }, 'fr', 'Salut'],
    [{ en: 'Hi', fr: 'Salut' }, 'fr-CA', 'Salut'],
    [{ en: 'Hi', 'fr-CA': 'Allô', fr: 'Salut' }, 'fr-CA', 'Allô'],
    [{ en: 'Hi', 'pt-BR': 'Oi' }, 'pt', 'Oi'],
    [{ en: 'Hi', FR: 'Salut' }, 'fr', 'Salut'],
    [{ de: 'Hallo', en: 'Hi' }, 'ja', 'Hallo'],
    [undefined, 'en', ''],
  ])('%j in %s → %j', (value, locale, expected) => {
    expect(localized(value, locale)).toBe(expected);
  });
});

describe('ordered', () => {
  const shuffled = question({ id: 'found', type: 'single', options: OPTIONS, shuffle: true });
  const ids = (visitor: string, q = shuffled) => ordered(OPTIONS, q, visitor).map((o) => o.id);

  it('keeps the survey’s order without shuffle', () => {
    expect(ids('v1', single)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives a visitor the same order every time, whatever order the options come in', () => {
    expect(ids('v1')).toEqual(ids('v1'));
    expect(ordered([...OPTIONS].reverse(), shuffled, 'v1').map((o) => o.id)).toEqual(ids('v1'));
    expect([...ids('v1')].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('orders each question of its own: the same options under another id come in another order for someone', () => {
    const other = question({ id: 'other', type: 'single', options: OPTIONS, shuffle: true });
    const visitors = Array.from({ length: 20 }, (_, i) => `visitor-${i}`);
    expect(visitors.some((v) => ids(v).join() !== ids(v, other).join())).toBe(true);
  });

  it('does not move the others when an option is added', () => {
    const more = [...OPTIONS, { id: 'f', label: { en: 'F' } }];
    expect(ordered(more, shuffled, 'v1').map((o) => o.id).filter((id) => id !== 'f')).toEqual(ids('v1'));
  });

  it('puts each option first about as often as the others, over 5,000 visitors', () => {
    const firsts: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const first = ids(`v${fnv1a('seed' + i).toString(36)}${i}`)[0]!;
      firsts[first] = (firsts[first] ?? 0) + 1;
    }
    // Expected 1,000 each; the standard deviation is √(5000 × 0.2 × 0.8) ≈ 28, so ±150 is over 5σ.
    for (const id of ['a', 'b', 'c', 'd', 'e']) expect(Math.abs(firsts[id]! - 1000)).toBeLessThan(150);
  });
});

describe('answerOf', () => {
  const draft = (fields: Partial<Draft>): Draft => ({ ...EMPTY_DRAFT, ...fields });
  it.each<[string, FollowUpQuestion, Draft, unknown]>([
    ['single: nothing yet', single, EMPTY_DRAFT, undefined],
    ['single: an option', single, draft({ choices: ['b'] }), { choice: 'b' }],
    ['single: Other with text', single, draft({ other: '  A podcast ' }), { other: 'A podcast' }],
    ['single: Other with nothing said', single, draft({ other: '  ' }), undefined],
    ['multiple: nothing yet', multiple, EMPTY_DRAFT, undefined],
    ['multiple: options in the order picked', multiple, draft({ choices: ['c', 'a'] }), { choices: ['c', 'a'] }],
    ['multiple: options and Other', multiple, draft({ choices: ['a'], other: 'Packaging' }), { choices: ['a'], other: 'Packaging' }],
    ['multiple: Other alone', multiple, draft({ other: 'Packaging' }), { other: 'Packaging' }],
    ['multiple: Other picked, nothing said', multiple, draft({ choices: ['a'], other: '' }), undefined],
    ['text: typed', text, draft({ text: ' Handmade\n' }), { text: 'Handmade' }],
    ['text: blank', text, draft({ text: ' \n ' }), undefined],
    ['rating: chosen', rating, draft({ rating: 7 }), { rating: 7 }],
    ['rating: nothing yet', rating, EMPTY_DRAFT, undefined],
  ])('%s', (_, q, d, expected) => {
    const answer = answerOf(q, d);
    expect(answer).toEqual(expected);
    // What the widget sends, the collector takes.
    if (answer) {
      expect(FollowUpAnswerSchema.parse(answer)).toEqual(answer);
      expect(followUpProblem(q, answer)).toBeNull();
    }
  });

  it('allows the collector’s longest text', () => {
    expect(FOLLOW_UP_TEXT_MAX).toBe(FOLLOW_UP_TEXT_CHARS);
  });
});

describe('picking choices', () => {
  it.each<[string, FollowUpQuestion, Draft, (d: Draft, q: FollowUpQuestion) => Draft, Draft]>([
    ['single: another option replaces the first', single, { choices: ['a'] }, (d, q) => toggle(d, q, 'b', true), { choices: ['b'], other: undefined }],
    ['single: an option replaces Other', single, { choices: [], other: 'x' }, (d, q) => toggle(d, q, 'a', true), { choices: ['a'], other: undefined }],
    ['single: Other replaces an option', single, { choices: ['a'] }, (d, q) => toggleOther(d, q, true), { choices: [], other: '' }],
    ['multiple: options add up', multiple, { choices: ['a'] }, (d, q) => toggle(d, q, 'c', true), { choices: ['a', 'c'] }],
    ['multiple: unpicking removes', multiple, { choices: ['a', 'c'] }, (d, q) => toggle(d, q, 'a', false), { choices: ['c'] }],
    ['multiple: Other goes beside the options', multiple, { choices: ['a'] }, (d, q) => toggleOther(d, q, true), { choices: ['a'], other: '' }],
    ['multiple: Other keeps its text when picked again', multiple, { choices: [], other: 'x' }, (d, q) => toggleOther(d, q, true), { choices: [], other: 'x' }],
    ['multiple: unpicking Other forgets it', multiple, { choices: ['a'], other: 'x' }, (d, q) => toggleOther(d, q, false), { choices: ['a'], other: undefined }],
  ])('%s', (_, q, before, change, after) => {
    expect(change(before, q)).toEqual(after);
  });
});

describe('the promoters’ next step', () => {
  const review: Cta = { kind: 'review', url: 'https://shop.example/review', label: { en: 'Review us' } };
  it.each<[string, Cta | null | undefined, Answer, boolean]>([
    ['a promoter (10)', review, { nps: 10 }, true],
    ['a promoter (9)', review, { nps: 9 }, true],
    ['a passive', review, { nps: 8 }, false],
    ['a detractor', review, { nps: 0 }, false],
    ['a happy CSAT answer (promoters are an NPS group)', review, { csat: 5 }, false],
    ['a survey without one', null, { nps: 10 }, false],
    ['an older collector (no field)', undefined, { nps: 10 }, false],
    ['a link that is not http(s)', { ...review, url: 'javascript:alert(1)' }, { nps: 10 }, false],
  ])('%s: offered %s', (_, cta, answer, offered) => {
    expect(ctaFor(cta, answer)).toBe(offered ? cta : undefined);
  });

  it.each<[Cta['kind'], string, string]>([
    ['review', 'https://g.page/r/shop/review', 'https://g.page/r/shop/review'],
    ['referral', 'https://shop.example/refer', 'https://shop.example/refer?ref=0190-abc'],
    ['referral', 'https://shop.example/refer?campaign=spring#top', 'https://shop.example/refer?campaign=spring&ref=0190-abc#top'],
    ['referral', 'https://shop.example/refer?ref=old', 'https://shop.example/refer?ref=0190-abc'],
  ])('a %s link to %s goes to %s', (kind, url, expected) => {
    expect(ctaHref({ kind, url, label: { en: 'Go' } }, '0190-abc')).toBe(expected);
  });
});
