// Ajv over the whole (normalized) document: any schema in it is compiled by its JSON pointer, so
// `$ref`s to components resolve as they do for a client. Draft-07 for OpenAPI 3.0, 2020-12 for 3.1.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isOpenApi31, type OpenApiDocument } from './openapi';

const DOC_ID = 'urn:plaudit:openapi';

/** The document's schema at a pointer cannot be used (an unresolvable `$ref`, a malformed keyword). */
export class SchemaCompileError extends Error {
  constructor(
    readonly pointer: string,
    cause: unknown,
  ) {
    super(`the schema at ${pointer} cannot be compiled: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export class DocumentValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `doc` must already be normalized (see normalizeDocument). */
  constructor(doc: OpenApiDocument) {
    const options = { strict: false, allErrors: true, validateSchema: false, validateFormats: true } as const;
    this.ajv = isOpenApi31(doc) ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    this.ajv.addSchema(doc as object, DOC_ID);
  }

  private compile(pointer: string): ValidateFunction {
    let fn = this.compiled.get(pointer);
    if (!fn) {
      try {
        fn = this.ajv.compile({ $ref: `${DOC_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` });
      } catch (err) {
        throw new SchemaCompileError(pointer, err);
      }
      this.compiled.set(pointer, fn);
    }
    return fn;
  }

  /** Readable errors of `value` against the schema at `pointer`, or [] when it is valid. */
  errors(pointer: string, value: unknown): string[] {
    const fn = this.compile(pointer);
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 8).map(describe);
  }

  isValid(pointer: string, value: unknown): boolean {
    return this.compile(pointer)(value) === true;
  }
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const extra = e.keyword === 'additionalProperties' ? ` "${String((e.params as { additionalProperty?: string }).additionalProperty)}"` : '';
  return `${where} ${e.message ?? e.keyword}${extra}`;
}
