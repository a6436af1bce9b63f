import { ResponseInputSchema } from '@plaudit/shared';
import { describe, expect, it } from 'vitest';
import { attributesOf, buildResponse, customerOf, pageUrl, type ResponseContext } from './response';

const ctx: ResponseContext = {
  id: '9b2f6a52-3f7e-4c1a-9d2b-6f0e8a7c1d23',
  key: 'pk_live_abc',
  survey: 'srv_1',
  locale: 'fr',
  visitor: 'k2j3h4g5',
  href: 'https://shop.example/checkout?step=3#done',
};

describe('buildResponse', () => {
  it('sends what was answered and nothing empty', () => {
    expect(buildResponse(ctx, { nps: 9 }, undefined)).toEqual({
      id: ctx.id,
      key: ctx.key,
      survey: ctx.survey,
      nps: 9,
      locale: 'fr',
      page: ctx.href,
      visitor: ctx.visitor,
    });
  });

  it('leaves out undefined keys entirely, so a merge cannot erase a field', () => {
    const body = buildResponse({ ...ctx, visitor: '' }, { nps: 3, comment: '   ' }, undefined);
    expect(Object.keys(body).sort()).toEqual(['id', 'key', 'locale', 'nps', 'page', 'survey']);
  });

  it.each<[string, Parameters<typeof buildResponse>[1], Parameters<typeof buildResponse>[2]]>([
    ['a score', { nps: 0 }, undefined],
    ['a CSAT', { csat: 5 }, undefined],
    ['a comment with consent', { nps: 10, comment: '  Great  ', consent: true }, undefined],
    ['an identified customer', { nps: 8 }, { id: 42, email: 'ana@example.com', attributes: { plan: 'pro' } }],
    ['a messy identity', { csat: 2 }, { id: {}, email: 'not-an-email', attributes: { 'bad key': 1, ok: NaN } }],
    ['follow-up answers of every shape', { nps: 4, answers: { a: { choice: 'x' }, b: { choices: ['x', 'y'], other: 'z' }, c: { other: 'z' }, d: { text: 't' }, e: { rating: 7 } } }, undefined],
    ['a follow-up answer alone', { answers: { a: { choice: 'x' } } }, undefined],
    ['the end of an answer', { nps: 9, comment: 'Great', consent: true, complete: true }, undefined],
  ])('passes the collector schema with %s', (_, answer, identity) => {
    const result = ResponseInputSchema.safeParse(buildResponse(ctx, answer, identity));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('sends the follow-up answers as they are, under `answers`', () => {
    const answers = { found_us: { choice: 'friend' }, ease: { rating: 3 } };
    expect(buildResponse(ctx, { nps: 4, answers }, undefined).answers).toEqual(answers);
    expect(buildResponse(ctx, { nps: 4 }, undefined)).not.toHaveProperty('answers');
  });

  it('trims the comment', () => {
    expect(buildResponse(ctx, { comment: '\n Merci ! \n' }, undefined).comment).toBe('Merci !');
  });

  it('omits a locale the collector would reject', () => {
    expect(buildResponse({ ...ctx, locale: 'x' }, { nps: 1 }, undefined)).not.toHaveProperty('locale');
  });
});

describe('pageUrl', () => {
  it.each<[string, string | undefined]>([
    ['https://a.example/x?y=1#z', 'https://a.example/x?y=1#z'],
    ['http://a.example/', 'http://a.example/'],
    ['file:///home/me/page.html', undefined],
    ['about:blank', undefined],
  ])('%s → %s', (href, expected) => {
    expect(pageUrl(href)).toBe(expected);
  });

  it('drops the fragment, then the query, to stay within 2048 characters', () => {
    const long = 'x'.repeat(2100);
    expect(pageUrl(`https://a.example/p?q=1#${long}`)).toBe('https://a.example/p?q=1');
    expect(pageUrl(`https://a.example/p?q=${long}#h`)).toBe('https://a.example/p');
    expect(pageUrl(`https://a.example/${long}`)).toBeUndefined();
  });
});

describe('customerOf', () => {
  it.each<[string, unknown, unknown]>([
    ['nothing', undefined, undefined],
    ['an empty identity', {}, undefined],
    ['a string id', { id: ' u_1 ' }, { id: 'u_1' }],
    ['a numeric id', { id: 1234 }, { id: '1234' }],
    ['an object id', { id: { nope: 1 } }, undefined],
    ['an id too long', { id: 'x'.repeat(129) }, undefined],
    ['an email', { email: 'a.b+c@example.co.uk' }, { email: 'a.b+c@example.co.uk' }],
    ['an invalid email', { email: 'a@b' }, undefined],
    ['both', { id: 'u', email: 'u@example.com' }, { id: 'u', email: 'u@example.com' }],
  ])('%s', (_, identity, expected) => {
    expect(customerOf(identity as never)).toEqual(expected);
  });
});

describe('attributesOf', () => {
  it('keeps valid keys with string, finite number and boolean values', () => {
    expect(attributesOf({ plan: 'pro', seats: 12, trial: false, 'a.b:c-d_e': 'ok' })).toEqual({
      plan: 'pro',
      seats: 12,
      trial: false,
      'a.b:c-d_e': 'ok',
    });
  });

  it('drops what the collector would reject', () => {
    expect(
      attributesOf({ 'has space': 1, nested: { a: 1 }, list: [1], nan: NaN, inf: Infinity, nil: null }),
    ).toBeUndefined();
  });

  it('cuts long strings and keeps at most 20', () => {
    const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, 'v'.repeat(300)]));
    const attributes = attributesOf(many)!;
    expect(Object.keys(attributes)).toHaveLength(20);
    expect(attributes.k0).toHaveLength(200);
  });

  it.each<[string, unknown[], unknown]>([
    ['later sources winning', [{ ticket: '1', plan: 'a' }, { plan: 'b' }], { ticket: '1', plan: 'b' }],
    ['nothing from a string, whose characters would look like keys', ['abc', { plan: 'b' }], { plan: 'b' }],
    ['nothing from null, numbers or undefined', [null, 3, undefined, true], undefined],
  ])('merges several sources: %s', (_, sources, expected) => {
    expect(attributesOf(...sources)).toEqual(expected);
  });
});

describe('a survey link', () => {
  it('sends its token and the tag’s attributes, under the page’s own', () => {
    const body = buildResponse({ ...ctx, link: 'tok.sig', attributes: { ticket: '123', plan: 'tag' } }, { nps: 9 }, { attributes: { plan: 'page' } });
    expect(body).toMatchObject({ link: 'tok.sig', attributes: { ticket: '123', plan: 'page' } });
    expect(ResponseInputSchema.safeParse(body).error?.issues ?? []).toEqual([]);
  });

  it('sends no link field without one', () => {
    expect(buildResponse({ ...ctx, link: '' }, { nps: 9 }, undefined)).not.toHaveProperty('link');
  });
});
