import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from './links';

const key = randomBytes(32).toString('hex');
const other = randomBytes(32).toString('hex');
const now = Date.parse('2026-11-29T12:00:00Z');

describe('signed links', () => {
  it('carries customer, attributes and expiry, and verifies for its survey only', () => {
    const token = signLink({ survey: 'sv_1', customer: { id: 'cus_1' }, attributes: { ticket: '42' }, expiresAt: now + 1000 }, key);
    expect(verifyLink(token, key, 'sv_1', now)).toEqual({
      ok: true,
      claims: { survey: 'sv_1', customer: { id: 'cus_1' }, attributes: { ticket: '42' }, expiresAt: now + 1000 },
    });
    expect(verifyLink(token, key, 'sv_2', now)).toEqual({ ok: false, reason: 'survey' });
  });

  const token = signLink({ survey: 'sv_1', customer: { id: 'cus_1' }, expiresAt: now + 1000 }, key);
  const [payload, signature] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ s: 'sv_1', c: { id: 'cus_2' } })).toString('base64url');
  it.each([
    ['another site’s key', token, other, now, 'signature'],
    ['a payload edited to another customer', `${forged}.${signature}`, key, now, 'signature'],
    ['a signature cut short', `${payload}.${signature.slice(1)}`, key, now, 'malformed'],
    ['no signature', payload, key, now, 'malformed'],
    ['an expired link', token, key, now + 1001, 'expired'],
    ['garbage', 'not a token', key, now, 'malformed'],
  ])('refuses %s', (_, t, k, at, reason) => {
    expect(verifyLink(t, k, 'sv_1', at)).toEqual({ ok: false, reason });
  });

  it('keeps working without an expiry', () => {
    const forever = signLink({ survey: 'sv_1' }, key);
    expect(verifyLink(forever, key, 'sv_1', now + 10 * 365 * 86_400_000).ok).toBe(true);
  });
});
