import { PublicTestimonialListSchema, PublicTestimonialsQuerySchema } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_LOCALES } from './i18n';
import { LIMIT_MAX, labelFor, monthOf, pickTag, QUOTES_LABEL, quotesOf, quotesUrl, type QuotesPlace } from './testimonials';

const BASE = 'https://c.example/plaudit/';
const query = (place: QuotesPlace) => Object.fromEntries(new URL(quotesUrl(BASE, 'pk_1', place)).searchParams);

describe('quotesUrl', () => {
  it('asks next to the script, with the public key', () => {
    expect(quotesUrl(BASE, 'pk_1', {})).toBe('https://c.example/plaudit/v1/testimonials?key=pk_1');
  });

  it.each<[string, QuotesPlace, Record<string, string>]>([
    ['a limit', { limit: '3' }, { limit: '3' }],
    ['a limit past the collector’s, brought down to it', { limit: '50' }, { limit: String(LIMIT_MAX) }],
    ['a limit of 0, left to the collector', { limit: '0' }, {}],
    ['a negative limit, left to the collector', { limit: '-2' }, {}],
    ['a limit that is no number, left to the collector', { limit: 'three' }, {}],
    ['an empty limit (data-limit with no value)', { limit: '' }, {}],
    ['a survey', { survey: 'sv_q3Zr8nL2xTbA' }, { survey: 'sv_q3Zr8nL2xTbA' }],
    ['a language', { locale: 'fr-CA' }, { locale: 'fr-CA' }],
    ['all three', { limit: '2', survey: 'sv_1', locale: 'en' }, { limit: '2', survey: 'sv_1', locale: 'en' }],
  ])('sends %s', (_, place, expected) => {
    expect(query(place)).toEqual({ key: 'pk_1', ...expected });
  });

  it('encodes what it is given', () => {
    expect(query({ survey: 'a&b=c' })).toEqual({ key: 'pk_1', survey: 'a&b=c' });
  });

  // The contract between the two places: what the widget asks, the collector takes.
  it.each<QuotesPlace>([{}, { limit: '1' }, { limit: '20' }, { limit: '999' }, { limit: 'x' }, { survey: 'sv_1', locale: 'de-AT' }])(
    'asks what the collector’s schema accepts: %j',
    (place) => {
      expect(PublicTestimonialsQuerySchema.safeParse(query(place)).error?.issues ?? []).toEqual([]);
    },
  );

  it('knows the collector’s largest limit', () => {
    expect(PublicTestimonialsQuerySchema.safeParse({ key: 'pk_1', limit: String(LIMIT_MAX) }).success).toBe(true);
    expect(PublicTestimonialsQuerySchema.safeParse({ key: 'pk_1', limit: String(LIMIT_MAX + 1) }).success).toBe(false);
  });
});

describe('quotesOf', () => {
  const quote = { id: 't_1', text: 'Beautiful lamps.', displayName: 'Léa M.', locale: 'fr', nps: 10, csat: null, date: '2026-11' };

  it('takes the collector’s answer as it is', () => {
    const body = PublicTestimonialListSchema.parse({ items: [quote, { ...quote, id: 't_2', displayName: null, locale: null }] });
    expect(quotesOf(body)).toEqual([
      { text: 'Beautiful lamps.', displayName: 'Léa M.', locale: 'fr', date: '2026-11' },
      { text: 'Beautiful lamps.', displayName: null, locale: null, date: '2026-11' },
    ]);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'oops'],
    ['an error', { error: { code: 'unauthorized' } }],
    ['items that are not a list', { items: { 0: quote } }],
    ['no items', { items: [] }],
    ['items without text', { items: [null, 5, {}, { ...quote, text: 7 }, { ...quote, text: '   ' }] }],
  ])('finds nothing in %s', (_, body) => {
    expect(quotesOf(body)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Partial<ReturnType<typeof quotesOf>[number]>]>([
    ['a name that is not a string', { displayName: { first: 'Léa' } }, { displayName: null }],
    ['a blank name', { displayName: '  ' }, { displayName: null }],
    ['a malformed language', { locale: 'fr_FR<' }, { locale: null }],
    ['a date that is not a month', { date: '2026-13' }, { date: null }],
    ['a full date', { date: '2026-11-29T10:00:00Z' }, { date: null }],
  ])('leaves out %s, and keeps the quote', (_, fields, expected) => {
    expect(quotesOf({ items: [{ ...quote, ...fields }] })).toEqual([{ text: quote.text, displayName: 'Léa M.', locale: 'fr', date: '2026-11', ...expected }]);
  });
});

describe('the language around the quotes', () => {
  it.each<[(string | null | undefined)[], string]>([
    [['fr', 'en'], 'fr'],
    [[undefined, '', 'de-AT'], 'de-AT'],
    [['fr_FR!', 'es'], 'es'],
    [[], 'en'],
  ])('%j → %s', (candidates, expected) => {
    expect(pickTag(candidates)).toBe(expected);
  });

  it.each([
    ['en-GB', 'What customers say'],
    ['fr-CA', 'Ce que disent nos clients'],
    ['es', 'Lo que dicen nuestros clientes'],
    ['de', 'Was unsere Kunden sagen'],
    ['ja', 'What customers say'],
  ])('names the region in %s: %s', (tag, label) => {
    expect(labelFor(tag)).toBe(label);
  });

  it('has a name in every language the survey speaks by itself', () => {
    expect(Object.keys(QUOTES_LABEL).sort()).toEqual([...BUILT_IN_LOCALES].sort());
  });

  it.each([
    ['2026-11', 'en', 'November 2026'],
    ['2026-11', 'fr', 'novembre 2026'],
    ['2026-01', 'de', 'Januar 2026'],
    // The first of the month in UTC, whatever the visitor's time zone.
    ['2026-12', 'en-US', 'December 2026'],
  ])('writes %s in %s as %s', (date, tag, expected) => {
    expect(monthOf(date, tag)).toBe(expected);
  });

  it('writes the month as given when the browser cannot format the tag', () => {
    expect(monthOf('2026-11', 'en-x')).toBe('2026-11');
  });
});
