// Requests for one operation, read off the document: valid ones from its parameter and body
// schemas with real ids and keys in the places that name them, and invalid ones that break exactly
// one documented rule (or leave out, or spoil, the credentials its security requires).
import fc from 'fast-check';
import { arbitraryFor } from './arbitraries';
import { invalidVariants, type MutationKind } from './mutations';
import { isJsonMediaType, mediaTypeMatches, resolvePointer, resolveSchema, securityScheme, type JsonSchema, type MediaType, type OpenApiDocument, type Operation, type Parameter } from './openapi';
import type { DocumentValidator } from './validator';

/** Real resources the valid requests point at, made fresh whenever a request may have changed them. */
export interface Fixture {
  siteId: string;
  surveyId: string;
  responseId: string;
  customerId: string;
  markerId: string;
  publicKey: string;
  secretKey: string;
  adminToken: string;
  /** A dashboard session of the instance owner: its cookie value and CSRF token. */
  sessionToken: string;
  csrfToken: string;
  /** The instance owner's sign-in. */
  email: string;
  password: string;
  webhookId: string;
  deliveryId: string;
  /** A member of the site's team (not the instance owner). */
  userId: string;
  /** An unused invitation to the site: its token and its id. */
  inviteToken: string;
  inviteId: string;
  /** A signed link to the survey, and answers to its follow-up question. */
  linkToken: string;
  answers: Record<string, unknown>;
}

/**
 * Parameters and body properties that name a real resource or key, by name. This is the one place
 * the contract tests know the API's vocabulary; a name missing here is generated from its schema.
 */
export const FIXTURE_NAMES: Record<string, keyof Fixture> = {
  siteId: 'siteId',
  surveyId: 'surveyId',
  survey: 'surveyId',
  responseId: 'responseId',
  customerId: 'customerId',
  markerId: 'markerId',
  key: 'publicKey',
  webhookId: 'webhookId',
  deliveryId: 'deliveryId',
  userId: 'userId',
  email: 'email',
  password: 'password',
  token: 'inviteToken',
  inviteId: 'inviteId',
  link: 'linkToken',
  answers: 'answers',
};

/** Which credential a security scheme takes, by its name (then its kind). */
export function credentialFor(name: string, type: string, fixture: Fixture): string {
  if (/session/i.test(name)) return fixture.sessionToken;
  if (/admin/i.test(name)) return fixture.adminToken;
  if (/public/i.test(name)) return fixture.publicKey;
  if (/secret|site|bearer/i.test(name)) return fixture.secretKey;
  return type === 'apiKey' ? fixture.publicKey : fixture.secretKey;
}

type Values = Record<string, unknown>;
export interface RequestParts {
  path: Values;
  query: Values;
  header: Values;
  /** `raw` is sent as is (malformed JSON); otherwise `value` is serialized as JSON. */
  body?: { media: string; value?: unknown; raw?: string };
}

export type AuthMode = 'valid' | 'none' | 'wrong';
export type Intent = 'valid' | 'invalid';

export interface PlannedRequest {
  intent: Intent;
  kind: MutationKind | 'auth' | 'media' | 'valid';
  /** What the request breaks, for invalid ones. */
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const SENDABLE_MEDIA = (m: MediaType) => isJsonMediaType(m.name) || /^text\/plain$/i.test(m.name) || TEXT_FILE(m.name);
/** A file sent as text (a CSV import): its valid bodies are its documented examples, sent as they are. */
const TEXT_FILE = (media: string) => /^text\/csv$/i.test(media);

function parameterArbitrary(doc: OpenApiDocument, p: Parameter): fc.Arbitrary<unknown> {
  const arb = arbitraryFor(doc, p.schema);
  return p.required ? arb : fc.option(arb, { nil: undefined, freq: 2 });
}

/** Schema-valid parts of a request, with no fixture applied yet. */
export function partsArbitrary(doc: OpenApiDocument, op: Operation): fc.Arbitrary<RequestParts> {
  const group = (where: Parameter['in']) => {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const p of op.parameters.filter((q) => q.in === where)) model[p.name] = parameterArbitrary(doc, p);
    return fc.record(model);
  };
  let body: fc.Arbitrary<RequestParts['body']> = fc.constant(undefined);
  if (op.body) {
    const sendable = op.body.content.filter(SENDABLE_MEDIA);
    if (sendable.length === 0) throw new Error(`${op.id}: no request media type the contract test can send (${op.body.content.map((m) => m.name).join(', ')})`);
    const one = fc.oneof(
      ...sendable.map((m) =>
        (TEXT_FILE(m.name) && m.located ? fileExamples(doc, m.located) : m.located ? arbitraryFor(doc, m.located.schema) : fc.jsonValue({ maxDepth: 2 })).map((value) => ({ media: m.name, value })),
      ),
    );
    body = op.body.required ? one : fc.option(one, { nil: undefined, freq: 4 });
  }
  return fc.record({ path: group('path'), query: group('query'), header: group('header'), body }).map(({ body: b, ...rest }) => (b ? { ...rest, body: b } : rest));
}

/**
 * A text file's schema says little of its content (a CSV's columns): its documented examples (of
 * the media type, or of its schema) are what a client would send.
 */
function fileExamples(doc: OpenApiDocument, located: { schema: JsonSchema; pointer: string }): fc.Arbitrary<unknown> {
  const media = resolvePointer(doc, located.pointer.replace(/\/schema$/, '')) as { example?: unknown; examples?: Record<string, { value?: unknown }> };
  const schema = resolveSchema(doc, located.schema) as { examples?: unknown[] };
  const examples = [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value), ...(schema.examples ?? [])].filter((e) => e !== undefined);
  if (examples.length === 0) throw new Error('a text file body needs documented examples to send');
  return fc.constantFrom(...examples);
}

function substitute(value: unknown, fixture: Fixture): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, fixture));
  if (typeof value !== 'object' || value === null) return value;
  const out: Values = { ...(value as Values) };
  for (const name of Object.keys(out)) {
    const field = FIXTURE_NAMES[name];
    if (field) out[name] = fixture[field];
  }
  return out;
}

/** Real ids and keys wherever a parameter or a (top-level or batch item) body property names one. */
export function withFixture(parts: RequestParts, fixture: Fixture): RequestParts {
  const swap = (values: Values) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v !== undefined && FIXTURE_NAMES[k] ? fixture[FIXTURE_NAMES[k]!] : v]));
  return {
    path: swap(parts.path),
    query: swap(parts.query),
    header: swap(parts.header),
    ...(parts.body ? { body: { ...parts.body, value: substitute(parts.body.value, fixture) } } : {}),
  };
}

/** True when the operation cannot be called without some credential. */
export function requiresCredentials(op: Operation): boolean {
  return op.security.length > 0 && op.security.every((alt) => Object.keys(alt).length > 0);
}

/**
 * Headers and query parameters that carry the credentials of one alternative of `security` (valid
 * requests take each alternative in turn): the real ones, none (each such place present but
 * undefined), or well-formed unknown ones.
 */
export function credentials(
  doc: OpenApiDocument,
  op: Operation,
  fixture: Fixture,
  mode: AuthMode,
  alternative = 0,
): { header: Values; query: Values } {
  const out = { header: {} as Values, query: {} as Values };
  if (!requiresCredentials(op)) return out;
  for (const name of Object.keys(op.security[alternative % op.security.length]!)) {
    const scheme = securityScheme(doc, name);
    const real = credentialFor(name, scheme.type, fixture);
    const token = mode === 'none' ? undefined : mode === 'wrong' ? `${real.slice(0, 3)}${'A'.repeat(Math.max(20, real.length - 3))}` : real;
    if (scheme.type === 'http' && /^bearer$/i.test(scheme.scheme ?? '')) out.header.authorization = token && `Bearer ${token}`;
    else if (scheme.type === 'http' && /^basic$/i.test(scheme.scheme ?? '')) out.header.authorization = token && `Basic ${Buffer.from(`${token}:`).toString('base64')}`;
    else if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) out.header[scheme.name.toLowerCase()] = token;
    else if (scheme.type === 'apiKey' && scheme.in === 'query' && scheme.name) out.query[scheme.name] = token;
    else if (scheme.type === 'apiKey' && scheme.in === 'cookie' && scheme.name) {
      out.header.cookie = token && `${scheme.name}=${encodeURIComponent(token)}`;
      // A session's changes carry its CSRF token, as the scheme's description says.
      if (mode === 'valid' && /session/i.test(name)) out.header['x-csrf-token'] = fixture.csrfToken;
    }
    else throw new Error(`${op.id}: security scheme ${name} (${JSON.stringify(scheme)}) is not one the contract test can send`);
  }
  return out;
}

export function serializeParameter(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : JSON.stringify(v);
}

/**
 * The request as inject() takes it. Where a credential and a parameter share a name (a public key
 * in the query), the parameter wins, so a mutated parameter is sent as mutated, unless the request
 * is about the credentials themselves.
 */
export function materialize(
  op: Operation,
  parts: RequestParts,
  auth: { header: Values; query: Values },
  meta: Pick<PlannedRequest, 'intent' | 'kind' | 'label'>,
): PlannedRequest {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(serializeParameter(parts.path[name] ?? '')));
  const query = new URLSearchParams();
  const authFirst = meta.kind === 'auth';
  const queryValues: Values = authFirst ? { ...parts.query, ...auth.query } : { ...auth.query, ...parts.query };
  for (const [name, v] of Object.entries(queryValues)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) query.append(name, serializeParameter(item));
    else query.append(name, serializeParameter(v));
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(authFirst ? { ...parts.header, ...auth.header } : { ...auth.header, ...parts.header })) if (v !== undefined) headers[name.toLowerCase()] = serializeParameter(v);
  let payload: string | undefined;
  if (parts.body) {
    headers['content-type'] = parts.body.media;
    const asText = TEXT_FILE(parts.body.media) && typeof parts.body.value === 'string';
    payload = parts.body.raw ?? (asText ? (parts.body.value as string) : JSON.stringify(parts.body.value));
  }
  const qs = query.toString();
  return { ...meta, method: op.method, url: qs ? `${path}?${qs}` : path, headers, ...(payload !== undefined ? { payload } : {}) };
}

/** Does a parameter's text satisfy its schema, read the way a server coerces query and path strings? */
function parameterAccepts(validator: DocumentValidator, p: Parameter, raw: string): boolean {
  if (validator.isValid(p.pointer, raw)) return true;
  if (/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw) && validator.isValid(p.pointer, Number(raw))) return true;
  if ((raw === 'true' || raw === 'false') && validator.isValid(p.pointer, raw === 'true')) return true;
  return validator.isValid(p.pointer, [raw]);
}

export interface InvalidCandidate {
  kind: MutationKind | 'auth' | 'media';
  label: string;
  parts: RequestParts;
  auth: AuthMode;
}

/** Every one-rule-broken variant of valid parts, each checked against the document with Ajv. */
export function invalidCandidates(doc: OpenApiDocument, validator: DocumentValidator, op: Operation, parts: RequestParts): InvalidCandidate[] {
  const out: InvalidCandidate[] = [];
  const withValue = (where: 'path' | 'query' | 'header', name: string, v: unknown): RequestParts => ({ ...parts, [where]: { ...parts[where], [name]: v } });
  for (const p of op.parameters) {
    if (p.in === 'cookie') continue;
    const value = parts[p.in][p.name];
    if (p.required && p.in !== 'path') out.push({ kind: 'required', label: `${p.in}.${p.name}: missing, but required`, parts: withValue(p.in, p.name, undefined), auth: 'valid' });
    if (value === undefined) continue;
    const variants = invalidVariants(doc, p.schema, value, `${p.in}.${p.name}`);
    variants.push({ kind: 'type', label: `${p.in}.${p.name}: "not_a_value!", not what the schema describes`, value: 'not_a_value!' });
    for (const v of variants) {
      const raw = serializeParameter(v.value);
      if (v.value === undefined || (p.in === 'path' && raw === '') || parameterAccepts(validator, p, raw)) continue;
      out.push({ kind: v.kind, label: v.label, parts: withValue(p.in, p.name, raw), auth: 'valid' });
    }
  }
  if (op.body && parts.body) {
    const media = op.body.content.find((m) => m.name === parts.body!.media);
    if (op.body.required) out.push({ kind: 'required', label: 'body: missing, but required', parts: { ...parts, body: undefined as never }, auth: 'valid' });
    if (isJsonMediaType(parts.body.media) || /^text\/plain$/i.test(parts.body.media)) {
      out.push({ kind: 'type', label: 'body: malformed JSON', parts: { ...parts, body: { media: parts.body.media, raw: '{"unterminated":' } }, auth: 'valid' });
    }
    // The same body under a media type the operation does not list: a client reading the document
    // would not send it, and a server that takes it accepts more than it documents.
    for (const other of ['application/xml', 'text/plain']) {
      if (op.body.content.some((m) => mediaTypeMatches(m.name, other))) continue;
      out.push({
        kind: 'media',
        label: `body: sent as ${other}, a media type the operation does not document (${op.body.content.map((m) => m.name).join(', ')})`,
        parts: { ...parts, body: { media: other, value: parts.body.value } },
        auth: 'valid',
      });
    }
    if (media?.located) {
      for (const v of invalidVariants(doc, media.located.schema, parts.body.value, 'body')) {
        if (validator.isValid(media.located.pointer, v.value)) continue;
        out.push({ kind: v.kind, label: v.label, parts: { ...parts, body: { media: parts.body.media, value: v.value } }, auth: 'valid' });
      }
    }
  }
  if (requiresCredentials(op)) {
    out.push({ kind: 'auth', label: 'credentials: none sent', parts, auth: 'none' });
    out.push({ kind: 'auth', label: 'credentials: well-formed but unknown', parts, auth: 'wrong' });
  }
  return out.map((c) => (c.parts.body === undefined ? { ...c, parts: dropBody(c.parts) } : c));
}

function dropBody(parts: RequestParts): RequestParts {
  const { body: _, ...rest } = parts;
  return rest;
}

/** One candidate, cycling through the kinds of breakage so that each kind is sent. */
export function pickCandidate(candidates: InvalidCandidate[], index: number, random: number): InvalidCandidate | undefined {
  const kinds = [...new Set(candidates.map((c) => c.kind))];
  if (kinds.length === 0) return undefined;
  const kind = kinds[index % kinds.length]!;
  const ofKind = candidates.filter((c) => c.kind === kind);
  return ofKind[random % ofKind.length];
}
