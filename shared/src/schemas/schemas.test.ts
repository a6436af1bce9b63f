import { describe, expect, it } from 'vitest';
import { OriginSchema, ResponseInputSchema, SiteCreateSchema, SurveyCreateSchema, normalizeText } from './index';

const base = { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', key: 'pk_abc', survey: 'sv_1' };

describe('ResponseInputSchema', () => {
  it.each([
    ['an NPS answer', { nps: 9 }],
    ['a CSAT answer', { csat: 4 }],
    ['a comment alone', { comment: 'Great' }],
    ['every field', { nps: 0, csat: 5, comment: 'x', consent: true, locale: 'fr-FR', page: 'https://a.example/p?q=1', visitor: 'v_1', customer: { id: 'c1' }, attributes: { plan: 'pro', seats: 3, trial: false } }],
  ])('accepts %s', (_, extra) => {
    expect(ResponseInputSchema.safeParse({ ...base, ...extra }).success).toBe(true);
  });

  it.each([
    ['no answer', {}],
    ['an empty comment only', { comment: '   ' }],
    ['a string score', { nps: '9' }],
    ['a fractional score', { nps: 9.5 }],
    ['a boolean score', { nps: true }],
    ['NPS 11', { nps: 11 }],
    ['NPS -1', { nps: -1 }],
    ['CSAT 0', { csat: 0 }],
    ['CSAT 6', { csat: 6 }],
    ['a long comment', { nps: 5, comment: 'x'.repeat(2001) }],
    ['a javascript: page', { nps: 5, page: 'javascript:alert(1)' }],
    ['a long page URL', { nps: 5, page: `https://a.example/${'x'.repeat(2048)}` }],
    ['21 attributes', { nps: 5, attributes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }],
    ['an object attribute', { nps: 5, attributes: { a: { b: 1 } } }],
    ['an unknown key', { nps: 5, extra: 1 }],
    ['a bad uuid', { nps: 5, id: 'not-a-uuid' }],
  ])('refuses %s', (_, extra) => {
    expect(ResponseInputSchema.safeParse({ ...base, ...extra }).success).toBe(false);
  });

  it('normalises comments to NFC and strips control characters', () => {
    const parsed = ResponseInputSchema.parse({ ...base, comment: ' Cafe\u0301\u0000 ok\u202E \r\n' });
    expect(parsed.comment).toBe('Caf\u00e9 ok');
  });
});

describe('normalizeText', () => {
  it('keeps newlines and tabs', () => {
    expect(normalizeText('a\r\nb\tc')).toBe('a\nb\tc');
  });
});

describe('OriginSchema', () => {
  it.each([
    ['https://shop.example', 'https://shop.example'],
    ['https://shop.example/', 'https://shop.example'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['HTTPS://Shop.Example:443', 'https://shop.example'],
  ])('normalises %s', (input, out) => {
    expect(OriginSchema.parse(input)).toBe(out);
  });

  it.each(['shop.example', 'ftp://shop.example', 'https://shop.example/path', 'https://u:p@shop.example', '*'])(
    'refuses %s',
    (input) => {
      expect(OriginSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('SiteCreateSchema and SurveyCreateSchema', () => {
  it('refuses an unknown time zone', () => {
    expect(SiteCreateSchema.safeParse({ name: 'a', origins: [], timezone: 'Mars/Base' }).success).toBe(false);
  });

  it('fills display defaults', () => {
    const s = SurveyCreateSchema.parse({ name: 'NPS', questions: ['nps', 'comment'] });
    expect(s.display).toMatchObject({ trigger: 'load', position: 'bottom-right', samplePercent: 100, resurveyDays: 90 });
    expect(s.status).toBe('active');
  });

  it('refuses repeated questions', () => {
    expect(SurveyCreateSchema.safeParse({ name: 'x', questions: ['nps', 'nps'] }).success).toBe(false);
  });
});

describe('SurveyPatchSchema', () => {
  it('leaves display fields it does not name undefined', async () => {
    const { SurveyPatchSchema } = await import('./index');
    const p = SurveyPatchSchema.parse({ display: { trigger: 'scroll' } });
    expect(p.display).toEqual({ trigger: 'scroll' });
  });
});
