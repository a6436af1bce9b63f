// Tidies the OpenAPI document that @fastify/swagger and fastify-type-provider-zod build. The
// type provider names every registered schema twice, `X` as answers carry it and `XInput` as
// requests send it (defaults and transforms can make them differ). Where both read the same, or
// where one of them is never used, a generated client should see one named type, not two.
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ERROR_EXAMPLES, type ErrorStatus } from './routes/openapi';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { paths?: Json; components?: { schemas?: Record<string, Json> } & Record<string, Json> } & Record<string, Json | undefined>;

const REF = '#/components/schemas/';

/** Replaces every `$ref` for which `rename` gives a new name. */
function renameRefs(value: Json, rename: (name: string) => string | undefined): Json {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, child] of Object.entries(value)) {
    const target = key === '$ref' && typeof child === 'string' && child.startsWith(REF) ? rename(child.slice(REF.length)) : undefined;
    out[key] = target ? `${REF}${target}` : renameRefs(child, rename);
  }
  return out;
}

/** Names of the schemas referenced from `value`, following references through `schemas`. */
function reachable(value: Json, schemas: Record<string, Json>, seen = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => reachable(v, schemas, seen));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF)) {
        const name = child.slice(REF.length);
        if (!seen.has(name) && schemas[name] !== undefined) {
          seen.add(name);
          reachable(schemas[name]!, schemas, seen);
        }
      } else reachable(child, schemas, seen);
    }
  }
  return seen;
}

/**
 * Folds each `XInput` into `X` where they read the same once folded, drops unused schemas, and
 * names a request-only schema without the suffix.
 */
export function tidyDocument<T extends Doc>(doc: T): T {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  // Folding one pair can make another pair equal (an Input that only differed by its refs), so
  // repeat until nothing changes.
  const folded = new Set<string>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const name of Object.keys(schemas)) {
      if (!name.endsWith('Input') || folded.has(name)) continue;
      const base = name.slice(0, -'Input'.length);
      if (schemas[base] === undefined) continue;
      const rename = (n: string) => (folded.has(n) ? n.slice(0, -'Input'.length) : n === name ? base : undefined);
      if (JSON.stringify(renameRefs(schemas[name]!, rename)) === JSON.stringify(renameRefs(schemas[base]!, rename))) {
        folded.add(name);
        changed = true;
      }
    }
  }
  const rename = (n: string) => (folded.has(n) ? n.slice(0, -'Input'.length) : undefined);
  const paths = renameRefs(doc.paths ?? {}, rename);
  const renamed: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(schemas)) if (!folded.has(name)) renamed[name] = renameRefs(schema, rename);
  const used = reachable(paths, renamed);
  // A request-only schema whose answer-side twin is unused takes the plain name.
  const plain = (n: string) => (n.endsWith('Input') && used.has(n) && !used.has(n.slice(0, -'Input'.length)) ? n.slice(0, -'Input'.length) : undefined);
  const kept: Record<string, Json> = {};
  for (const [name, schema] of Object.entries(renamed)) if (used.has(name)) kept[plain(name) ?? name] = renameRefs(schema, plain);
  const tidied = withoutNotModifiedBodies(renameRefs(paths, plain));
  optionalBodies(tidied, kept);
  errorExamples(tidied);
  return { ...doc, paths: tidied, components: { ...doc.components, schemas: kept } };
}

/**
 * A body whose schema has a default may be left out: the request body is then not required. zod
 * writes no default it cannot encode (one under a transform), so such a schema says it with
 * `x-body-optional` in its meta.
 */
function optionalBodies(paths: Json, schemas: Record<string, Json>): void {
  for (const item of Object.values(paths as Record<string, Record<string, { requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, Json> }> } }>>)) {
    for (const operation of Object.values(item)) {
      const body = operation.requestBody;
      const schema = Object.values(body?.content ?? {})[0]?.schema;
      const ref = typeof schema?.$ref === 'string' ? schemas[schema.$ref.slice(REF.length)] : schema;
      if (body && ref && typeof ref === 'object' && !Array.isArray(ref) && ('default' in ref || ref['x-body-optional'] === true)) body.required = false;
    }
  }
}

/** Each error answer gets the example of its status, not the envelope's one example for all. */
function errorExamples(paths: Json): void {
  for (const item of Object.values(paths as Record<string, Record<string, { responses?: Record<string, { content?: Record<string, Record<string, Json>> }> }>>)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const example = ERROR_EXAMPLES[Number(status) as ErrorStatus];
        const media = response.content?.['application/json'];
        if (example && media && JSON.stringify(media.schema).includes(`${REF}Error"`)) media.example = { error: example };
      }
    }
  }
}

/** A 304 has no body; the type provider needs a schema for every status, the document none. */
function withoutNotModifiedBodies(paths: Json): Json {
  for (const item of Object.values(paths as Record<string, Record<string, { responses?: Record<string, Record<string, Json>> }>>)) {
    for (const operation of Object.values(item)) {
      const notModified = operation.responses?.['304'];
      if (notModified) delete notModified.content;
    }
  }
  return paths;
}

/** The type provider's transformObject, then tidied; what app.ts gives @fastify/swagger. */
export const transformDocument: typeof jsonSchemaTransformObject = (input) => tidyDocument(jsonSchemaTransformObject(input) as Doc) as ReturnType<typeof jsonSchemaTransformObject>;
