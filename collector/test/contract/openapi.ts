// The OpenAPI document as the contract tests read it: its operations with their parameters, bodies,
// answers and security, every `$ref` followed. OpenAPI 3.0 schemas are rewritten into plain JSON
// Schema first (`nullable` becomes a `null` type, boolean exclusive bounds become numbers), so one
// generator and one validator serve a 3.0 and a 3.1 document alike.

export type JsonSchema = { [keyword: string]: unknown } | boolean;
export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

export interface SecurityScheme {
  type: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

/** A schema together with its JSON pointer in the document, which the validator compiles. */
export interface Located {
  schema: JsonSchema;
  pointer: string;
}

export interface Parameter extends Located {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
}

export interface MediaType {
  name: string;
  /** Absent when the document names the media type without a schema. */
  located?: Located;
}

export interface DocumentedHeader {
  required: boolean;
  located?: Located;
}

export interface DocumentedResponse {
  /** The key in `responses`: `200`, `4XX` or `default`. */
  key: string;
  content: MediaType[];
  headers: Record<string, DocumentedHeader>;
}

export interface Operation {
  /** `METHOD /path`, how reports name the operation. */
  id: string;
  operationId?: string;
  method: string;
  path: string;
  pointer: string;
  parameters: Parameter[];
  body?: { required: boolean; content: MediaType[] };
  responses: Record<string, DocumentedResponse>;
  /** Alternatives, any one of which suffices; an empty list (or an empty alternative) means none. */
  security: SecurityRequirement[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (segment: string) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');

export function resolvePointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return doc;
  let node: unknown = doc;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = unescapePointer(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follows a chain of local `$ref`s; returns the node it ends on and that node's pointer. */
export function deref(doc: OpenApiDocument, node: unknown, pointer: string): { node: unknown; pointer: string } {
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (!ref.startsWith('#')) throw new Error(`${pointer}: only local $ref are supported, got ${ref}`);
    if (seen.has(ref)) throw new Error(`${pointer}: $ref cycle through ${ref}`);
    seen.add(ref);
    pointer = ref.slice(1);
    node = resolvePointer(doc, pointer);
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return { node, pointer };
}

/** A schema with its own `$ref` followed (not its subschemas'). */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  return deref(doc, schema, '').node as JsonSchema;
}

// ---------------------------------------------------------------------------------------------
// Normalization: OpenAPI 3.0 schema dialect → JSON Schema

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];
const SCHEMA_SINGLES = ['items', 'additionalProperties', 'not', 'propertyNames', 'contains', 'if', 'then', 'else', 'additionalItems', 'unevaluatedProperties', 'unevaluatedItems'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

/** Calls `visit` on a schema and each subschema, children first. */
export function walkSchema(schema: unknown, visit: (schema: Obj) => void): void {
  if (!isObject(schema)) return;
  for (const key of SCHEMA_MAPS) {
    const map = schema[key];
    if (isObject(map)) for (const sub of Object.values(map)) walkSchema(sub, visit);
  }
  for (const key of SCHEMA_SINGLES) {
    const sub = schema[key];
    if (Array.isArray(sub)) sub.forEach((s) => walkSchema(s, visit));
    else walkSchema(sub, visit);
  }
  for (const key of SCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((s) => walkSchema(s, visit));
  }
  visit(schema);
}

function rewrite30(schema: Obj): void {
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    if (schema[exclusive] === true && typeof schema[bound] === 'number') {
      schema[exclusive] = schema[bound];
      delete schema[bound];
    } else if (schema[exclusive] === false) {
      delete schema[exclusive];
    }
  }
  if (!('nullable' in schema)) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return;
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type) && !schema.type.includes('null')) schema.type.push('null');
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum.push(null);
  if (schema.type === undefined && schema.enum === undefined && !('const' in schema)) {
    const rest = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
  }
}

/** Every place a schema can hang in a document, with its pointer. */
function forEachSchemaRoot(doc: OpenApiDocument, visit: (schema: unknown, pointer: string) => void): void {
  const inContent = (content: unknown, at: string) => {
    if (!isObject(content)) return;
    for (const [media, m] of Object.entries(content)) if (isObject(m)) visit(m.schema, `${at}/${escapePointer(media)}/schema`);
  };
  const inParameter = (p: unknown, at: string) => {
    if (!isObject(p)) return;
    visit(p.schema, `${at}/schema`);
    inContent(p.content, `${at}/content`);
  };
  const inHeaders = (headers: unknown, at: string) => {
    if (isObject(headers)) for (const [name, h] of Object.entries(headers)) inParameter(h, `${at}/${escapePointer(name)}`);
  };
  const inResponse = (r: unknown, at: string) => {
    if (!isObject(r)) return;
    inContent(r.content, `${at}/content`);
    inHeaders(r.headers, `${at}/headers`);
  };
  const c = doc.components ?? {};
  for (const [name, s] of Object.entries(c.schemas ?? {})) visit(s, `/components/schemas/${escapePointer(name)}`);
  for (const [name, p] of Object.entries(c.parameters ?? {})) inParameter(p, `/components/parameters/${escapePointer(name)}`);
  inHeaders(c.headers, '/components/headers');
  for (const [name, b] of Object.entries(c.requestBodies ?? {})) if (isObject(b)) inContent(b.content, `/components/requestBodies/${escapePointer(name)}/content`);
  for (const [name, r] of Object.entries(c.responses ?? {})) inResponse(r, `/components/responses/${escapePointer(name)}`);
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const at = `/paths/${escapePointer(path)}`;
    if (Array.isArray(item.parameters)) item.parameters.forEach((p, i) => inParameter(p, `${at}/parameters/${i}`));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      if (Array.isArray(op.parameters)) op.parameters.forEach((p, i) => inParameter(p, `${at}/${method}/parameters/${i}`));
      if (isObject(op.requestBody)) inContent(op.requestBody.content, `${at}/${method}/requestBody/content`);
      if (isObject(op.responses)) for (const [status, r] of Object.entries(op.responses)) inResponse(r, `${at}/${method}/responses/${escapePointer(status)}`);
    }
  }
}

export const isOpenApi31 = (doc: OpenApiDocument) => /^3\.1\./.test(doc.openapi);

/** A deep copy whose schemas are plain JSON Schema (draft-07 for 3.0, 2020-12 for 3.1). */
export function normalizeDocument(source: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(source);
  if (!/^3\.[01]\./.test(doc.openapi)) throw new Error(`unsupported OpenAPI version ${doc.openapi}`);
  if (!isOpenApi31(doc)) forEachSchemaRoot(doc, (schema) => walkSchema(schema, rewrite30));
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Operations

function mediaTypes(doc: OpenApiDocument, content: unknown, at: string): MediaType[] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([name, m]) => {
    const schema = isObject(m) ? m.schema : undefined;
    const pointer = `${at}/${escapePointer(name)}/schema`;
    return schema === undefined ? { name } : { name, located: { schema: schema as JsonSchema, pointer } };
  });
}

function parameters(doc: OpenApiDocument, list: unknown, at: string): Parameter[] {
  if (!Array.isArray(list)) return [];
  return list.map((raw, i) => {
    const { node, pointer } = deref(doc, raw, `${at}/${i}`);
    if (!isObject(node) || typeof node.name !== 'string' || typeof node.in !== 'string') throw new Error(`${pointer}: not a parameter`);
    let located: Located;
    if (node.schema !== undefined) located = { schema: node.schema as JsonSchema, pointer: `${pointer}/schema` };
    else {
      const first = mediaTypes(doc, node.content, `${pointer}/content`)[0]?.located;
      if (!first) throw new Error(`${pointer}: parameter ${node.name} has neither schema nor content`);
      located = first;
    }
    return { name: node.name, in: node.in as Parameter['in'], required: node.required === true || node.in === 'path', ...located };
  });
}

function responses(doc: OpenApiDocument, list: unknown, at: string): Record<string, DocumentedResponse> {
  const out: Record<string, DocumentedResponse> = {};
  if (!isObject(list)) return out;
  for (const [key, raw] of Object.entries(list)) {
    const { node, pointer } = deref(doc, raw, `${at}/${escapePointer(key)}`);
    if (!isObject(node)) throw new Error(`${pointer}: not a response`);
    const headers: Record<string, DocumentedHeader> = {};
    if (isObject(node.headers)) {
      for (const [name, h] of Object.entries(node.headers)) {
        const header = deref(doc, h, `${pointer}/headers/${escapePointer(name)}`);
        const hn = isObject(header.node) ? header.node : {};
        headers[name.toLowerCase()] = {
          required: hn.required === true,
          ...(hn.schema !== undefined ? { located: { schema: hn.schema as JsonSchema, pointer: `${header.pointer}/schema` } } : {}),
        };
      }
    }
    out[key] = { key, content: mediaTypes(doc, node.content, `${pointer}/content`), headers };
  }
  return out;
}

export function listOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const itemAt = `/paths/${escapePointer(path)}`;
    const { node: item, pointer: itemPointer } = deref(doc, rawItem, itemAt);
    if (!isObject(item)) continue;
    const shared = parameters(doc, item.parameters, `${itemPointer}/parameters`);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const at = `${itemPointer}/${method}`;
      const own = parameters(doc, op.parameters, `${at}/parameters`);
      // Operation-level parameters override path-level ones with the same name and location.
      const merged = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      let body: Operation['body'];
      if (op.requestBody !== undefined) {
        const { node: rb, pointer: rbPointer } = deref(doc, op.requestBody, `${at}/requestBody`);
        if (isObject(rb)) body = { required: rb.required === true, content: mediaTypes(doc, rb.content, `${rbPointer}/content`) };
      }
      ops.push({
        id: `${method.toUpperCase()} ${path}`,
        ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
        method: method.toUpperCase(),
        path,
        pointer: at,
        parameters: merged,
        ...(body ? { body } : {}),
        responses: responses(doc, op.responses, `${at}/responses`),
        security: (Array.isArray(op.security) ? op.security : doc.security ?? []) as SecurityRequirement[],
      });
    }
  }
  return ops;
}

export function securityScheme(doc: OpenApiDocument, name: string): SecurityScheme {
  const raw = doc.components?.securitySchemes?.[name];
  if (raw === undefined) throw new Error(`security scheme ${name} is used but not defined in components.securitySchemes`);
  const { node } = deref(doc, raw, `/components/securitySchemes/${escapePointer(name)}`);
  if (!isObject(node) || typeof node.type !== 'string') throw new Error(`security scheme ${name} has no type`);
  return node as unknown as SecurityScheme;
}

/** The documented answer a status falls under: exact code, then `4XX`-style range, then `default`. */
export function documentedResponse(op: Operation, status: number): DocumentedResponse | undefined {
  return op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses[`${String(status)[0]}xx`] ?? op.responses.default;
}

/** Does a documented media-type key (which may be `text/*` or `*\/*`) cover the answer's type? */
export function mediaTypeMatches(documented: string, actual: string): boolean {
  const [dt, ds] = documented.toLowerCase().split(';')[0]!.trim().split('/');
  const [at, as] = actual.toLowerCase().split(';')[0]!.trim().split('/');
  return (dt === '*' || dt === at) && (ds === '*' || ds === as);
}

export const isJsonMediaType = (media: string) => /^application\/(?:[\w.+-]+\+)?json$/i.test(media.split(';')[0]!.trim());
