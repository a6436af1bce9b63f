// How routes describe their answers to the OpenAPI document: each status with its meaning and
// media type, and the security each operation takes. One place, so the same status means the same
// thing on every route.
import type { ZodType } from 'zod';
import { ErrorBodySchema } from '@plaudit/shared';

/** A JSON answer with its description. */
export const json = (description: string, schema: ZodType) => ({ description, content: { 'application/json': { schema } } });

const ERROR_DESCRIPTIONS = {
  400: 'The request is malformed or a field is invalid; `message` names the field. Nothing was stored.',
  401: 'No key was sent, or the key is not valid.',
  403: 'The browser’s `Origin` is not one of the site’s origins, a survey link is invalid, or a dashboard session lacks the role (or the `x-csrf-token`) this needs. Nothing was stored.',
  404: 'No such resource for this key (another site’s resources answer 404 too).',
  409: 'The request conflicts with what is stored (an answer id that belongs to another survey).',
  410: 'It existed but is no longer usable (an invitation used or expired).',
  413: 'The body is over its size limit.',
  414: 'A path segment is longer than any identifier of this API.',
  415: 'The body’s content type is not one this operation takes.',
  429: 'Too many requests: wait the number of seconds in `Retry-After`.',
  503: 'The collector cannot take writes now (disk full or stalled, or shutting down): retry after `Retry-After` seconds. Nothing was acknowledged.',
} as const;
export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** What each error answer typically says, for the document's examples. */
export const ERROR_EXAMPLES: Record<ErrorStatus, { code: string; message: string }> = {
  400: { code: 'validation_failed', message: 'body.origins.0: notaurl is not a URL origin' },
  401: { code: 'unauthorized', message: 'send Authorization: Bearer <key>' },
  403: { code: 'origin_not_allowed', message: 'origin https://elsewhere.example is not allowed for this key' },
  404: { code: 'not_found', message: 'survey not found' },
  409: { code: 'id_conflict', message: 'this response id already belongs to another survey' },
  410: { code: 'gone', message: 'this invitation has been used or has expired: ask for a new one' },
  413: { code: 'payload_too_large', message: 'an answer is at most 16384 bytes as JSON' },
  414: { code: 'uri_too_long', message: 'a path segment is longer than any identifier of this API' },
  415: { code: 'unsupported_media_type', message: 'Unsupported Media Type: text/html' },
  429: { code: 'rate_limited', message: 'too many requests; retry in 12 s' },
  503: { code: 'unavailable', message: 'the database cannot take writes now (disk full); retry later' },
};

/** The documented error answers of an operation. */
export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, json(ERROR_DESCRIPTIONS[status], ErrorBodySchema)]));
}

/** What every route behind a site's secret key can answer besides its own errors. */
export const SITE_ERRORS: ErrorStatus[] = [400, 401, 403, 404, 414];

/** Security requirements, as the document's securitySchemes name them. */
type Security = { [scheme: string]: string[] }[];
export const SECURITY: Record<'site' | 'admin' | 'session' | 'publicKeyQuery' | 'none', Security> = {
  /** `Authorization: Bearer sk_…` (the site's secret key), the admin token, or a dashboard session. */
  site: [{ secretKey: [] }, { adminToken: [] }, { session: [] }],
  admin: [{ adminToken: [] }, { session: [] }],
  /** A dashboard session. */
  session: [{ session: [] }],
  /** The site's public key in the `key` query parameter. */
  publicKeyQuery: [{ publicKey: [] }],
  /** No credential in a header or the query: the public key travels in the body. */
  none: [],
};
