// Invalid variants of a valid value, read off its schema: a wrong type, a missing required
// property, an extra property where additionalProperties is false, a number out of range, a string
// too long or too short, a value outside its enum, a pattern or format broken, too many or too few
// items. Each variant changes one place. Callers keep only the variants Ajv finds invalid, so a
// variant that happens to satisfy the schema (another anyOf branch, say) is never sent as invalid.
import { formatHolds, patternRegExp } from './arbitraries';
import { resolveSchema, type JsonSchema, type OpenApiDocument } from './openapi';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type MutationKind = 'type' | 'required' | 'extra' | 'range' | 'length' | 'enum' | 'pattern' | 'format' | 'items';

export interface Variant {
  kind: MutationKind;
  /** What was changed, e.g. `body.customer.email: 255 characters, above maxLength 254`. */
  label: string;
  /** The whole value with the one change applied. */
  value: unknown;
}

type Path = (string | number)[];
interface Edit {
  kind: MutationKind;
  path: Path;
  what: string;
  remove?: true;
  value?: unknown;
}

const jsonType = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

function typeAllows(types: string[] | undefined, value: unknown): boolean {
  if (!types) return true;
  const t = jsonType(value);
  return types.includes(t) || (t === 'integer' && types.includes('number'));
}

const WRONG_TYPES: unknown[] = ['1', 7, true, null, [], {}];

export function pathLabel(root: string, path: Path): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${acc}.${p}` : `${acc}[${JSON.stringify(p)}]`), root);
}

function typesOf(s: Obj): string[] | undefined {
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type as string[];
  return undefined;
}

function collect(doc: OpenApiDocument, schema: JsonSchema, value: unknown, path: Path, out: Edit[], depth: number): void {
  if (depth > 8) return;
  const s = resolveSchema(doc, schema);
  if (!isObject(s)) return;
  if (Array.isArray(s.allOf)) for (const part of s.allOf) collect(doc, part as JsonSchema, value, path, out, depth + 1);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (!Array.isArray(branches)) continue;
    // Follow the branch the value was generated from: the first whose type admits it.
    const branch = branches.find((b) => {
      const rb = resolveSchema(doc, b as JsonSchema);
      return isObject(rb) && typeAllows(typesOf(rb), value) && (!Array.isArray(rb.enum) || rb.enum.some((e) => e === value));
    });
    if (branch !== undefined) collect(doc, branch as JsonSchema, value, path, out, depth + 1);
  }
  const types = typesOf(s);
  for (const wrong of WRONG_TYPES) {
    if (types && !typeAllows(types, wrong)) out.push({ kind: 'type', path, what: `${JSON.stringify(wrong)} where the type is ${types.join(' | ')}`, value: wrong });
  }
  if (Array.isArray(s.enum) || 'const' in s) {
    const bad = typeof value === 'number' ? 987654321 : 'not_a_documented_value';
    out.push({ kind: 'enum', path, what: `${JSON.stringify(bad)}, outside ${Array.isArray(s.enum) ? `enum ${JSON.stringify(s.enum)}` : 'const'}`, value: bad });
  }
  if (typeof value === 'string') strings(s, value, path, out);
  if (typeof value === 'number') numbers(s, value, path, out);
  if (Array.isArray(value)) arrays(doc, s, value, path, out, depth);
  if (isObject(value)) objects(doc, s, value, path, out, depth);
}

function strings(s: Obj, value: string, path: Path, out: Edit[]) {
  if (typeof s.maxLength === 'number') {
    out.push({ kind: 'length', path, what: `${s.maxLength + 1} characters, above maxLength ${s.maxLength}`, value: 'x'.repeat(s.maxLength + 1) });
  }
  if (typeof s.minLength === 'number' && s.minLength > 0) {
    out.push({ kind: 'length', path, what: `${s.minLength - 1} characters, below minLength ${s.minLength}`, value: [...value].slice(0, s.minLength - 1).join('') });
  }
  if (typeof s.pattern === 'string') {
    const re = patternRegExp(s.pattern);
    const bad = ['!', ' !', `${value} !`, '\u00e9\u00e9'].find((c) => !re.test(c));
    if (bad !== undefined) out.push({ kind: 'pattern', path, what: `${JSON.stringify(bad)}, not matching ${s.pattern}`, value: bad });
  }
  if (typeof s.format === 'string' && !formatHolds(s.format, `not-a-${s.format}`)) {
    out.push({ kind: 'format', path, what: `not a ${s.format}`, value: `not-a-${s.format}` });
  }
}

function numbers(s: Obj, value: number, path: Path, out: Edit[]) {
  const integer = typesOf(s)?.includes('integer') && !typesOf(s)?.includes('number');
  if (typeof s.maximum === 'number') out.push({ kind: 'range', path, what: `${s.maximum + 1}, above maximum ${s.maximum}`, value: s.maximum + 1 });
  if (typeof s.minimum === 'number') out.push({ kind: 'range', path, what: `${s.minimum - 1}, below minimum ${s.minimum}`, value: s.minimum - 1 });
  if (typeof s.exclusiveMaximum === 'number') out.push({ kind: 'range', path, what: `${s.exclusiveMaximum}, not below exclusiveMaximum`, value: s.exclusiveMaximum });
  if (typeof s.exclusiveMinimum === 'number') out.push({ kind: 'range', path, what: `${s.exclusiveMinimum}, not above exclusiveMinimum`, value: s.exclusiveMinimum });
  if (integer) out.push({ kind: 'type', path, what: `${value + 0.5}, not an integer`, value: value + 0.5 });
  if (typeof s.multipleOf === 'number') out.push({ kind: 'range', path, what: `not a multiple of ${s.multipleOf}`, value: value + s.multipleOf / 2 });
}

function arrays(doc: OpenApiDocument, s: Obj, value: unknown[], path: Path, out: Edit[], depth: number) {
  if (typeof s.maxItems === 'number' && value.length > 0) {
    const longer = Array.from({ length: s.maxItems + 1 }, (_, i) => value[i % value.length]);
    out.push({ kind: 'items', path, what: `${s.maxItems + 1} items, above maxItems ${s.maxItems}`, value: longer });
  }
  if (typeof s.minItems === 'number' && s.minItems > 0) {
    out.push({ kind: 'items', path, what: `${s.minItems - 1} items, below minItems ${s.minItems}`, value: value.slice(0, s.minItems - 1) });
  }
  if (s.uniqueItems === true && value.length > 0) out.push({ kind: 'items', path, what: 'a repeated item, items must be unique', value: [value[0], value[0], ...value.slice(1)] });
  const itemSchema = Array.isArray(s.prefixItems) && s.prefixItems.length > 0 ? s.prefixItems[0] : s.items;
  if (value.length > 0 && itemSchema !== undefined && typeof itemSchema !== 'boolean') collect(doc, itemSchema as JsonSchema, value[0], [...path, 0], out, depth + 1);
}

function objects(doc: OpenApiDocument, s: Obj, value: Obj, path: Path, out: Edit[], depth: number) {
  const properties = isObject(s.properties) ? s.properties : {};
  for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
    if (name in value) out.push({ kind: 'required', path: [...path, name], what: `missing, but required`, remove: true });
  }
  if (s.additionalProperties === false) {
    out.push({ kind: 'extra', path: [...path, 'unexpectedField'], what: 'an undocumented property where additionalProperties is false', value: true });
  } else if (isObject(s.additionalProperties)) {
    out.push({ kind: 'type', path: [...path, 'extraKey'], what: 'an extra property of a type additionalProperties refuses', value: { nested: [{ deep: true }] } });
  }
  if (typeof s.maxProperties === 'number') {
    const extra = Object.fromEntries(Array.from({ length: s.maxProperties + 1 }, (_, i) => [`k${i}`, value[Object.keys(value)[0] ?? ''] ?? 'v']));
    out.push({ kind: 'items', path, what: `more than maxProperties ${s.maxProperties} properties`, value: { ...extra, ...value } });
  }
  for (const [name, sub] of Object.entries(value)) {
    const subSchema = properties[name] ?? (isObject(s.additionalProperties) ? s.additionalProperties : undefined);
    if (subSchema !== undefined) collect(doc, subSchema as JsonSchema, sub, [...path, name], out, depth + 1);
  }
}

function applyEdit(root: unknown, edit: Edit): unknown {
  if (edit.path.length === 0) return edit.value;
  const copy = structuredClone(root) as Obj;
  let node: unknown = copy;
  for (const step of edit.path.slice(0, -1)) node = (node as Obj)[step as string];
  const last = edit.path[edit.path.length - 1]!;
  if (edit.remove) delete (node as Obj)[last as string];
  else (node as Obj)[last as string] = edit.value;
  return copy;
}

/** Every single-place invalid variant of `value` (which should satisfy `schema`); not yet checked with Ajv. */
export function invalidVariants(doc: OpenApiDocument, schema: JsonSchema, value: unknown, root: string): Variant[] {
  const edits: Edit[] = [];
  collect(doc, schema, value, [], edits, 0);
  return edits.map((e) => ({ kind: e.kind, label: `${pathLabel(root, e.path)}: ${e.what}`, value: applyEdit(value, e) }));
}
