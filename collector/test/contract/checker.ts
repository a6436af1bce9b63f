// Does an answer keep the operation's documented promises? Its status is one the operation lists
// (2xx for a valid request, 4xx for an invalid one, never 5xx), its media type is a documented one,
// its body validates against the documented schema, required documented headers are present, and
// every JSON error answer is the envelope {"error": {"code", "message"}}.
import { documentedResponse, isJsonMediaType, mediaTypeMatches, type Operation } from './openapi';
import type { Intent } from './requests';
import { SchemaCompileError, type DocumentValidator } from './validator';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * accepted: a documented 2xx. refused: a documented 4xx. refused-valid: a documented 4xx with the
 * error envelope to a request generated as valid (the document states a rule its schemas cannot,
 * such as "at least one of nps, csat or comment"): allowed, and counted.
 */
export type Outcome = 'accepted' | 'refused' | 'refused-valid' | 'broken';

export interface Verdict {
  outcome: Outcome;
  /** Empty when the answer keeps every promise. */
  problems: string[];
  /** The error code of a refusal, for the summary. */
  code?: string;
}

/** Statuses HTTP sends without a body, whatever the document says of their content. */
const BODILESS = new Set([204, 205, 304]);

function header(answer: Answer, name: string): string | undefined {
  const v = answer.headers[name.toLowerCase()];
  return v === undefined ? undefined : Array.isArray(v) ? v.join(', ') : String(v);
}

function envelopeProblem(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (typeof error !== 'object' || error === null) return 'is not the error envelope {"error": {"code", "message"}}';
  if (typeof error.code !== 'string' || error.code === '') return 'has an error envelope without a string `code`';
  if (typeof error.message !== 'string' || error.message === '') return 'has an error envelope without a non-empty `message`';
  return undefined;
}

/**
 * A batch operation answers 2xx and lists the items it refused in `rejected` (each with its
 * error envelope), as its document says: an invalid item listed there was refused, not accepted.
 */
function reportsRejections(body: unknown): boolean {
  const rejected = (body as { rejected?: unknown } | undefined)?.rejected;
  return Array.isArray(rejected) && rejected.length > 0 && rejected.every((r) => envelopeProblem(r) === undefined);
}

export function checkAnswer(validator: DocumentValidator, op: Operation, answer: Answer, intent: Intent): Verdict {
  const problems: string[] = [];
  const { status } = answer;
  const contentType = header(answer, 'content-type');
  const media = contentType?.split(';')[0]!.trim().toLowerCase();
  const json = media !== undefined && isJsonMediaType(media);
  let parsed: unknown;
  let parseFailed = false;
  if (json && answer.body !== '') {
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parseFailed = true;
      problems.push(`the body is not JSON although its content-type is ${contentType}`);
    }
  }
  const code = typeof (parsed as { error?: { code?: unknown } } | undefined)?.error?.code === 'string' ? (parsed as { error: { code: string } }).error.code : undefined;

  if (status >= 500) problems.push(`${status}: a server error (the API promises no 5xx for any request)`);
  const documented = documentedResponse(op, status);
  if (!documented) problems.push(`status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ') || 'none'})`);

  const success = status >= 200 && status < 300;
  const clientError = status >= 400 && status < 500;
  let outcome: Outcome = 'broken';
  if (intent === 'valid') {
    if (success) outcome = 'accepted';
    else if (clientError) outcome = 'refused-valid';
    else problems.push(`a valid request got ${status}, neither 2xx nor 4xx`);
  } else if (clientError || (success && reportsRejections(parsed))) outcome = 'refused';
  else problems.push(success ? `an invalid request was accepted with ${status}` : `an invalid request got ${status}, not a 4xx`);

  if (status >= 400 && !parseFailed) {
    if (!json) problems.push(`the error answer is ${contentType ?? 'without a content-type'}, not JSON`);
    else {
      const envelope = envelopeProblem(parsed);
      if (envelope) problems.push(`the error answer ${envelope}`);
    }
  }

  if (documented && !BODILESS.has(status)) {
    const hasBody = answer.body !== '';
    // An empty text body under a documented text media type (an export with no line) is an
    // empty string, checked against the schema like any other.
    const emptyText = !hasBody && media !== undefined && !json && documented.content.some((m) => mediaTypeMatches(m.name, media));
    if (documented.content.length === 0) {
      if (hasBody) problems.push(`the answer has a body (${contentType ?? 'no content-type'}) but the document describes none for ${documented.key}`);
    } else if (!hasBody && !emptyText) {
      problems.push(`the answer has no body but the document describes ${documented.content.map((m) => m.name).join(', ')} for ${documented.key}`);
    } else if (!media) {
      problems.push('the answer has a body but no content-type');
    } else {
      const match = documented.content.find((m) => mediaTypeMatches(m.name, media));
      if (!match) problems.push(`content-type ${media} is not documented for ${documented.key} (documented: ${documented.content.map((m) => m.name).join(', ')})`);
      else if (match.located && !parseFailed) {
        const value = json ? parsed : answer.body;
        try {
          const errors = validator.errors(match.located.pointer, value);
          if (errors.length) problems.push(`the body does not match the documented schema for ${documented.key}: ${errors.join('; ')}`);
        } catch (err) {
          if (!(err instanceof SchemaCompileError)) throw err;
          problems.push(err.message);
        }
      }
    }
    for (const [name, h] of Object.entries(documented.headers)) {
      const value = header(answer, name);
      if (value === undefined) {
        if (h.required) problems.push(`required header ${name} is missing`);
      } else if (h.located) {
        try {
          const ok = validator.isValid(h.located.pointer, value) || (/^-?\d+(\.\d+)?$/.test(value) && validator.isValid(h.located.pointer, Number(value)));
          if (!ok) problems.push(`header ${name}: ${value} does not match its documented schema`);
        } catch (err) {
          if (!(err instanceof SchemaCompileError)) throw err;
          problems.push(err.message);
        }
      }
    }
  }
  return { outcome: problems.length ? 'broken' : outcome, problems, ...(code ? { code } : {}) };
}
