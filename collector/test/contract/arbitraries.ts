// JSON Schema → fast-check arbitrary, for the subset zod's toJSONSchema emits (after
// normalizeDocument): type (or a list of types), properties/required/additionalProperties, enum,
// const, anyOf/oneOf/allOf, items/prefixItems, min/maxItems, uniqueItems, min/maxLength, pattern,
// format, minimum/maximum/exclusive bounds, multipleOf and local $ref. Values it generates are
// meant to validate against the schema; the callers check that with Ajv all the same.
import fc from 'fast-check';
import { fullFormats } from 'ajv-formats/dist/formats';
import { resolveSchema, type JsonSchema, type OpenApiDocument } from './openapi';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Strings past this many characters are not generated for valid values (the bound is still honoured). */
const STRING_SPAN = 48;
const ARRAY_SPAN = 4;
const DICTIONARY_KEYS = 4;
const MAX_DEPTH = 8;

const lowerAlnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[a-z0-9]{${min},${max}}$`));

/** Plain values for the formats zod emits: plain enough to pass the patterns zod adds beside them. */
const FORMAT_ARBITRARIES: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  date: () => fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  'date-time': () => fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  time: () => fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2000-01-01T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(11)),
  email: () => fc.tuple(lowerAlnum(1, 12), lowerAlnum(1, 10), fc.constantFrom('com', 'org', 'example')).map(([l, d, t]) => `${l}@${d}.${t}`),
  uri: () => fc.tuple(lowerAlnum(1, 10), fc.constantFrom('http', 'https'), lowerAlnum(0, 10)).map(([h, s, p]) => `${s}://${h}.example/${p}`),
  url: () => FORMAT_ARBITRARIES.uri!(),
  hostname: () => lowerAlnum(1, 10).map((h) => `${h}.example`),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
};

/** Does a string satisfy an ajv-formats format? Unknown formats pass, as they do for Ajv. */
export function formatHolds(format: string, value: string): boolean {
  const f = (fullFormats as Record<string, unknown>)[format];
  if (f === undefined || f === true) return true;
  if (f instanceof RegExp) return f.test(value);
  if (typeof f === 'function') return (f as (s: string) => boolean)(value);
  if (isObject(f)) {
    if (f.type !== undefined && f.type !== 'string') return true;
    const v = f.validate;
    if (v instanceof RegExp) return v.test(value);
    if (typeof v === 'function') return (v as (s: string) => boolean)(value);
  }
  return true;
}

const codePoints = (s: string) => [...s].length;

/** As Ajv reads `pattern`: with the `u` flag when the pattern allows it. */
export function patternRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function stringArbitrary(s: Obj): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const format = typeof s.format === 'string' ? s.format : undefined;
  const pattern = typeof s.pattern === 'string' ? patternRegExp(s.pattern) : undefined;
  let base: fc.Arbitrary<string>;
  const byFormat = format ? FORMAT_ARBITRARIES[format] : undefined;
  if (byFormat) base = byFormat();
  else if (pattern) base = fc.stringMatching(pattern);
  else {
    const maxLength = Math.min(max, min + STRING_SPAN);
    base = fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength }) },
    );
  }
  // JSON Schema counts code points and zod UTF-16 units: honour both, so a value is valid for either.
  return base.filter(
    (v) => codePoints(v) >= min && v.length <= max && (!pattern || pattern.test(v)) && (!format || formatHolds(format, v)),
  );
}

function numberArbitrary(s: Obj, integer: boolean): fc.Arbitrary<number> {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const minimum = num(s.minimum);
  const maximum = num(s.maximum);
  const exclusiveMinimum = num(s.exclusiveMinimum);
  const exclusiveMaximum = num(s.exclusiveMaximum);
  const multipleOf = num(s.multipleOf);
  if (integer || (multipleOf !== undefined && Number.isInteger(multipleOf))) {
    const step = multipleOf !== undefined && Number.isInteger(multipleOf) && multipleOf > 0 ? multipleOf : 1;
    let lo = Math.max(minimum ?? Number.MIN_SAFE_INTEGER, exclusiveMinimum !== undefined ? Math.floor(exclusiveMinimum) + 1 : -Infinity);
    let hi = Math.min(maximum ?? Number.MAX_SAFE_INTEGER, exclusiveMaximum !== undefined ? Math.ceil(exclusiveMaximum) - 1 : Infinity);
    lo = Math.ceil(lo / step);
    hi = Math.floor(hi / step);
    if (lo > hi) throw new Error(`no integer satisfies ${JSON.stringify(s)}`);
    return fc.integer({ min: Math.max(lo, Number.MIN_SAFE_INTEGER), max: Math.min(hi, Number.MAX_SAFE_INTEGER) }).map((n) => n * step);
  }
  const lo = minimum ?? exclusiveMinimum;
  const hi = maximum ?? exclusiveMaximum;
  const double = fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    ...(lo !== undefined ? { min: lo, minExcluded: minimum === undefined } : {}),
    ...(hi !== undefined ? { max: hi, maxExcluded: maximum === undefined } : {}),
  });
  // Whole numbers too: they are what clients send most, and doubles rarely land on them.
  const intLo = lo === undefined ? -1e6 : Math.ceil(lo + (minimum === undefined ? 1e-9 : 0));
  const intHi = hi === undefined ? 1e6 : Math.floor(hi - (maximum === undefined ? 1e-9 : 0));
  return (intLo <= intHi ? fc.oneof(double, fc.integer({ min: Math.max(intLo, -1e9), max: Math.min(intHi, 1e9) })) : double).map((n) =>
    Object.is(n, -0) ? 0 : n,
  );
}

function mergeAllOf(doc: OpenApiDocument, s: Obj): Obj {
  const parts = (s.allOf as JsonSchema[]).map((p) => resolveSchema(doc, p));
  const merged: Obj = { ...s };
  delete merged.allOf;
  for (const p of parts) {
    if (!isObject(p)) continue;
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isObject(merged.properties) && isObject(v)) merged.properties = { ...merged.properties, ...v };
      else if (k === 'required' && Array.isArray(merged.required) && Array.isArray(v)) merged.required = [...merged.required, ...v];
      else if (!(k in merged)) merged[k] = v;
    }
  }
  return merged;
}

function typesOf(s: Obj): string[] | undefined {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type as string[];
  return undefined;
}

/** An arbitrary of values that satisfy `schema`, whose `$ref`s point into `doc`. */
export function arbitraryFor(doc: OpenApiDocument, schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) throw new Error('schema nests too deep to generate (recursive $ref?)');
  if (schema === true) return fc.jsonValue({ maxDepth: 1 });
  if (schema === false) throw new Error('schema `false` admits no value');
  let s = resolveSchema(doc, schema) as Obj | boolean;
  if (typeof s === 'boolean') return arbitraryFor(doc, s, depth + 1);
  if (Array.isArray(s.allOf)) s = mergeAllOf(doc, s);
  const next = (sub: unknown) => arbitraryFor(doc, sub as JsonSchema, depth + 1);

  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) {
    if (s.enum.length === 0) throw new Error('empty enum admits no value');
    return fc.constantFrom(...(s.enum as unknown[]));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches)) {
      // Keywords beside the branches (besides annotations) constrain every branch.
      const { [key]: _, default: _d, description: _e, examples: _x, example: _y, title: _t, ...rest } = s;
      return fc.oneof(...branches.map((b) => next(Object.keys(rest).length ? { allOf: [rest, b] } : b)));
    }
  }
  const types = typesOf(s) ?? inferTypes(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => next({ ...s, type: t })));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'string':
      return stringArbitrary(s);
    case 'array':
      return arrayArbitrary(s, next);
    case 'object':
      return objectArbitrary(s, next);
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function inferTypes(s: Obj): string[] {
  if (isObject(s.properties) || s.required !== undefined || s.additionalProperties !== undefined) return ['object'];
  if (s.items !== undefined || s.prefixItems !== undefined) return ['array'];
  if (s.minLength !== undefined || s.maxLength !== undefined || s.pattern !== undefined || s.format !== undefined) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined) return ['number'];
  return ['any'];
}

function arrayArbitrary(s: Obj, next: (sub: unknown) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
  const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : Infinity, minLength + ARRAY_SPAN);
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems.map(next) : [];
  const items = s.items === undefined || s.items === true ? fc.jsonValue({ maxDepth: 1 }) : s.items === false ? undefined : next(s.items);
  const rest = Math.max(0, minLength - prefix.length);
  const restMax = Math.max(rest, maxLength - prefix.length);
  const tail = items
    ? s.uniqueItems === true
      ? fc.uniqueArray(items, { minLength: rest, maxLength: restMax, selector: (v) => JSON.stringify(v) })
      : fc.array(items, { minLength: rest, maxLength: restMax })
    : fc.constant([]);
  return fc.tuple(fc.tuple(...prefix), tail).map(([p, t]) => [...p, ...t]);
}

function objectArbitrary(s: Obj, next: (sub: unknown) => fc.Arbitrary<unknown>): fc.Arbitrary<Obj> {
  const properties = isObject(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? (s.required as string[]) : [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) model[name] = next(sub);
  for (const name of required) model[name] ??= fc.jsonValue({ maxDepth: 1 });
  const record = fc.record(model, { requiredKeys: required });
  const extra = s.additionalProperties;
  if (!isObject(extra) && extra !== true) return record;
  if (Object.keys(properties).length > 0 && extra === true) return record;
  const minKeys = typeof s.minProperties === 'number' ? Math.max(0, s.minProperties - required.length) : 0;
  const maxKeys = Math.max(minKeys, Math.min(typeof s.maxProperties === 'number' ? s.maxProperties - required.length : DICTIONARY_KEYS, DICTIONARY_KEYS));
  const key = isObject(s.propertyNames) ? (next(s.propertyNames) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 20 });
  const values = extra === true ? fc.jsonValue({ maxDepth: 1 }) : next(extra);
  const dictionary = fc.dictionary(
    key.filter((k) => !(k in properties)),
    values,
    { minKeys, maxKeys, noNullPrototype: true },
  );
  return fc.tuple(record, dictionary).map(([r, d]) => ({ ...d, ...r }));
}
