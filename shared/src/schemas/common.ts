// What every resource's schemas share: limits, the error envelope, and the building blocks of
// bodies. Schemas with an `id` in their meta become named components of the OpenAPI document
// (`#/components/schemas/<id>`), so a generated client gets named types; every field carries a
// description and an example, since the document is how most developers meet the API.
import { z } from 'zod';

export const LIMITS = {
  commentChars: 2000,
  pageUrlChars: 2048,
  attributes: 20,
  attributeKeyChars: 40,
  attributeValueChars: 200,
  batchItems: 100,
  listLimit: 500,
  origins: 50,
  seriesBuckets: 1000,
  customerIdChars: 128,
  /** Bytes of one answer as canonical JSON, whatever its escaping on the wire. */
  answerBytes: 16 * 1024,
  /** Bytes of a whole batch as canonical JSON. */
  batchBytes: 256 * 1024,
} as const;

// ---------- errors ----------

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'origin_not_allowed',
  'id_conflict',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'timeout',
  'gone',
  'uri_too_long',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.string().meta({
          description: `A stable, machine-readable code: ${ERROR_CODES.join(', ')}.`,
          examples: ['validation_failed'],
        }),
        message: z.string().meta({ description: 'What went wrong, for a developer to read.', examples: ['nps: Too big: expected number to be <=10'] }),
      })
      .meta({ description: 'The error.' }),
  })
  .meta({ id: 'Error', description: 'Every non-2xx answer of the API has this shape.' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---------- text ----------

/** Control characters other than tab and newline, and bidi overrides; stripped from free text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;
/** A UTF-16 surrogate without its other half: not a character, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it is stored: each half of a broken surrogate pair (a client that cut an emoji in two)
 * becomes U+FFFD, the replacement character, and NUL characters are dropped (PostgreSQL cannot
 * store them in text, SQLite can: both engines must keep the same), so what is stored is what is
 * read back and what an erasure request can name. Done on every text field that ingest accepts.
 */
export function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
}

export function normalizeText(value: string): string {
  return wellFormed(value).normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').trim();
}

// ---------- building blocks ----------

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' })
  .meta({ description: 'An IANA time zone: days, weeks and months of the metrics are the site’s.', examples: ['Europe/Paris'] });

/** A browser origin: scheme, host and optional port, nothing else. Normalised to URL.origin. */
export const OriginSchema = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${value} is not a URL origin` });
      return z.NEVER;
    }
    const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
      ctx.addIssue({ code: 'custom', message: `${value} must be an origin like https://shop.example` });
      return z.NEVER;
    }
    return url.origin;
  })
  .meta({
    description: 'A web origin (http or https scheme, host, optional port; no path), as browsers send it in `Origin`.',
    examples: ['https://shop.example'],
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$',
  });

export const NameSchema = z.string().trim().min(1).max(120);
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
export const LocaleSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as fr or en-GB')
  .meta({ description: 'A BCP 47 language tag.', examples: ['fr'] });
export const HexColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #4f46e5')
  .meta({ description: 'A colour as #rrggbb.', examples: ['#0f766e'] });

/** An ISO 8601 instant as the API writes it. */
export const TimestampSchema = z.iso.datetime().meta({ description: 'An ISO 8601 instant, UTC.', examples: ['2026-11-29T14:03:07.123Z'] });

/** Path parameters: each bounded to what the identifiers it names can be. */
export const SiteParamsSchema = z.object({
  siteId: z.string().max(64).meta({ description: 'The site’s id.', examples: ['st_k0dhBZGwqZ0f'] }),
});
