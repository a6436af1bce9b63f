// Builds the body of POST /v1/responses. The collector validates strictly and rejects a whole
// response for one bad field, so anything the host page handed us that would not pass is left
// out here rather than cost the visitor's answer.
import type { Attributes, Customer, ResponseInputBody } from '@plaudit/shared';
import type { Identity } from './types';

/** The collector's LIMITS, repeated because the widget imports no values from @plaudit/shared. */
const PAGE_URL_MAX = 2048;
const CUSTOMER_ID_MAX = 128;
const EMAIL_MAX = 254;
const ATTRIBUTES_MAX = 20;
const ATTRIBUTE_VALUE_MAX = 200;
export const COMMENT_MAX = 2000;

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const ATTRIBUTE_KEY = /^[A-Za-z0-9_.:-]{1,40}$/;
/** zod's z.email() pattern, so an address we send is one the collector accepts. */
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export interface Answer {
  nps?: number;
  csat?: number;
  comment?: string;
  consent?: boolean;
}

export interface ResponseContext {
  id: string;
  key: string;
  survey: string;
  locale: string;
  visitor: string;
  href: string;
}

/** The page address if it is http(s); the fragment, then the query, go first when it is too long. */
export function pageUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.href.length > PAGE_URL_MAX) url.hash = '';
  if (url.href.length > PAGE_URL_MAX) url.search = '';
  return url.href.length <= PAGE_URL_MAX ? url.href : undefined;
}

export function customerOf(identity: Identity | undefined): Customer | undefined {
  const rawId = typeof identity?.id === 'number' ? String(identity.id) : identity?.id;
  const id = typeof rawId === 'string' ? rawId.trim() : '';
  const email = typeof identity?.email === 'string' ? identity.email.trim() : '';
  const customer: Customer = {};
  if (id && id.length <= CUSTOMER_ID_MAX) customer.id = id;
  if (email.length <= EMAIL_MAX && EMAIL.test(email)) customer.email = email;
  return customer.id || customer.email ? customer : undefined;
}

export function attributesOf(identity: Identity | undefined): Attributes | undefined {
  const raw = identity?.attributes;
  if (!raw || typeof raw !== 'object') return undefined;
  const attributes: Attributes = {};
  let count = 0;
  for (const [key, value] of Object.entries(raw)) {
    if (count >= ATTRIBUTES_MAX || !ATTRIBUTE_KEY.test(key)) continue;
    if (typeof value === 'string') attributes[key] = value.slice(0, ATTRIBUTE_VALUE_MAX);
    else if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
      attributes[key] = value;
    } else continue;
    count++;
  }
  return count ? attributes : undefined;
}

/** A strict body: no unknown keys, no nulls, optional fields omitted when empty. */
export function buildResponse(ctx: ResponseContext, answer: Answer, identity: Identity | undefined): ResponseInputBody {
  const body: ResponseInputBody = { id: ctx.id, key: ctx.key, survey: ctx.survey };
  if (answer.nps !== undefined) body.nps = answer.nps;
  if (answer.csat !== undefined) body.csat = answer.csat;
  const comment = answer.comment?.trim().slice(0, COMMENT_MAX);
  if (comment) body.comment = comment;
  if (answer.consent !== undefined) body.consent = answer.consent;
  if (ctx.locale.length <= 35 && LOCALE.test(ctx.locale)) body.locale = ctx.locale;
  const page = pageUrl(ctx.href);
  if (page) body.page = page;
  if (ctx.visitor) body.visitor = ctx.visitor;
  const customer = customerOf(identity);
  if (customer) body.customer = customer;
  const attributes = attributesOf(identity);
  if (attributes) body.attributes = attributes;
  return body;
}
