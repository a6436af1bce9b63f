// Builds the body of POST /v1/responses. The collector validates strictly and rejects a whole
// response for one bad field, so anything the host page handed us that would not pass is left
// out here rather than cost the visitor's answer.
import type { Attributes, Customer, FollowUpAnswers, ResponseInputBody } from '@plaudit/shared';
import { LOCALE } from './i18n';
import type { Identity } from './types';

/** The collector's LIMITS, repeated because the widget imports no values from @plaudit/shared. */
const PAGE_URL_MAX = 2048;
export const COMMENT_MAX = 2000;

const ATTRIBUTE_KEY = /^[\w.:-]{1,40}$/;
/** zod's z.email() pattern, so an address we send is one the collector accepts. */
const EMAIL = /^(?:[\w'+-]+\.)*[\w'+-]*[\w+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export interface Answer {
  nps?: number;
  csat?: number;
  comment?: string;
  consent?: boolean;
  /** The follow-up questions answered so far, by question id. */
  answers?: FollowUpAnswers;
  /** The visitor reached the thanks: the collector then fires `response.completed`, once. */
  complete?: true;
}

export interface ResponseContext {
  id: string;
  key: string;
  survey: string;
  locale: string;
  visitor: string;
  href: string;
  /** `data-link`: a survey link's signed token; the collector takes the customer and attributes from it. */
  link?: string | undefined;
  /** `data-attributes`, parsed; the page's own (`identify`) win over them. */
  attributes?: unknown;
}

/** The page address if it is http(s); the fragment, then the query, go first when it is too long. */
export function pageUrl(href: string): string | undefined {
  if (!/^https?:/.test(href)) return undefined;
  return [href, href.split('#')[0]!, href.split(/[?#]/)[0]!].find((url) => url.length <= PAGE_URL_MAX);
}

export function customerOf(identity: Identity | undefined): Customer | undefined {
  const id = String(identity?.id ?? '').trim();
  const email = String(identity?.email ?? '').trim();
  const customer: Customer = {};
  if (id && id.length <= 128 && /^(string|number)$/.test(typeof identity?.id)) customer.id = id;
  if (email.length <= 254 && EMAIL.test(email)) customer.email = email;
  return customer.id || customer.email ? customer : undefined;
}

/**
 * Up to 20 attributes with valid keys and string (cut to 200 chars), finite number or boolean
 * values, from the objects given (later ones win); anything but an object adds nothing.
 */
export function attributesOf(...sources: unknown[]): Attributes | undefined {
  // Object.assign would copy a string's characters; it skips null and the other primitives.
  const entries = Object.entries(Object.assign({}, ...sources.filter((s) => typeof s == 'object')))
    .filter(([k, v]) => ATTRIBUTE_KEY.test(k) && (typeof v == 'string' || typeof v == 'boolean' || Number.isFinite(v)))
    .slice(0, 20)
    .map(([k, v]) => [k, typeof v == 'string' ? v.slice(0, 200) : v]);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * Drops keys whose value is undefined: absent, not undefined, because outbox merges spread bodies
 * and an undefined would erase a field.
 */
export function compact<T extends object>(value: T): T {
  for (const k in value) if (value[k] === undefined) delete value[k];
  return value;
}

/** A strict body: no unknown keys, no nulls, optional fields omitted when empty. */
export function buildResponse(ctx: ResponseContext, answer: Answer, identity: Identity | undefined): ResponseInputBody {
  return compact({
    id: ctx.id,
    key: ctx.key,
    survey: ctx.survey,
    nps: answer.nps,
    csat: answer.csat,
    comment: answer.comment?.trim().slice(0, COMMENT_MAX) || undefined,
    consent: answer.consent,
    answers: answer.answers,
    complete: answer.complete,
    locale: LOCALE.test(ctx.locale) ? ctx.locale : undefined,
    page: pageUrl(ctx.href),
    visitor: ctx.visitor || undefined,
    customer: customerOf(identity),
    attributes: attributesOf(ctx.attributes, identity?.attributes),
    link: ctx.link || undefined,
  });
}
