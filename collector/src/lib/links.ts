// Signed survey links: a token that carries who the answer is from (customer, attributes) and
// until when, signed with the site's link key, so a customer cannot edit a link into another's
// answer. The score is not signed: one link serves every button of an e-mail, each appending
// `&score=N`. Tokens are `<payload>.<signature>`, both base64url; the payload is JSON.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Attributes, Customer } from '@plaudit/shared';

export interface LinkClaims {
  /** The survey the link is for. */
  survey: string;
  customer?: Customer;
  attributes?: Attributes;
  /** Unix ms after which the link no longer records answers. */
  expiresAt?: number;
}

const PREFIX = 'plaudit-link-v1.';

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'hex')).update(PREFIX + payload).digest();
}

export function signLink(claims: LinkClaims, key: string): string {
  const body = {
    s: claims.survey,
    ...(claims.customer && { c: claims.customer }),
    ...(claims.attributes && { a: claims.attributes }),
    ...(claims.expiresAt !== undefined && { e: claims.expiresAt }),
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'survey' };

/** Verifies a token for `survey` at `now`; the claims only when it holds. */
export function verifyLink(token: string, key: string, survey: string, now = Date.now()): LinkCheck {
  const match = /^([A-Za-z0-9_-]{1,8000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
  let body: { s?: unknown; c?: Customer; a?: Attributes; e?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString()) as typeof body;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (body.s !== survey) return { ok: false, reason: 'survey' };
  if (typeof body.e === 'number' && now > body.e) return { ok: false, reason: 'expired' };
  return {
    ok: true,
    claims: {
      survey,
      ...(body.c && { customer: body.c }),
      ...(body.a && { attributes: body.a }),
      ...(typeof body.e === 'number' && { expiresAt: body.e }),
    },
  };
}
