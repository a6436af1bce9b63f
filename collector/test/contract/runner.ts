// Sends each operation of the document its generated requests through inject() and checks every
// answer. Bounded: a fixed number of valid and invalid requests per operation, from a fixed seed.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { checkAnswer, type Outcome } from './checker';
import { listOperations, normalizeDocument, type OpenApiDocument, type Operation } from './openapi';
import {
  credentials,
  invalidCandidates,
  materialize,
  partsArbitrary,
  pickCandidate,
  withFixture,
  type Fixture,
  type PlannedRequest,
  type RequestParts,
} from './requests';
import { DocumentValidator } from './validator';

export interface RunOptions {
  seed: number;
  validRuns: number;
  invalidRuns: number;
  /** Makes fresh real resources; called again after any request that may have changed them. */
  makeFixture: () => Promise<Fixture>;
  /**
   * Operations that succeed once in a collector's life (making its first account): their answers
   * are checked against the document, but none of them need be accepted.
   */
  onceOnly?: string[];
}

export interface Failure {
  operation: string;
  request: PlannedRequest;
  status?: number;
  body?: string;
  problems: string[];
}

export interface OperationReport {
  operation: string;
  sent: { valid: number; invalid: number };
  outcomes: Record<Outcome, number>;
  /** Why valid requests were refused: `status code` → count. */
  validRefusals: Record<string, number>;
  /** The first message of each reason above, to show which rule the schemas leave unsaid. */
  validRefusalMessages: Record<string, string>;
  /** Kinds of breakage sent as invalid: kind → count. */
  invalidKinds: Record<string, number>;
  failures: Failure[];
}

/** A seed per operation, so adding an operation does not change the requests of the others. */
function seedFor(base: number, id: string): number {
  let h = base | 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return h;
}

const truncate = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

export class ContractRunner {
  readonly doc: OpenApiDocument;
  readonly validator: DocumentValidator;
  readonly operations: Operation[];
  private fixture: Fixture | undefined;
  /** How many times fresh resources were made (each costs a few setup requests, not counted as sent). */
  fixturesMade = 0;

  constructor(
    private readonly app: FastifyInstance,
    served: OpenApiDocument,
    private readonly options: RunOptions,
  ) {
    this.doc = normalizeDocument(served);
    this.validator = new DocumentValidator(this.doc);
    this.operations = listOperations(this.doc);
  }

  private async currentFixture(): Promise<Fixture> {
    if (!this.fixture) {
      this.fixture = await this.options.makeFixture();
      this.fixturesMade++;
    }
    return this.fixture;
  }

  /** Sends one request and checks its answer; true when it was accepted. */
  async send(op: Operation, request: PlannedRequest, report: OperationReport): Promise<boolean> {
    const res = await this.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    const answer = { status: res.statusCode, headers: res.headers, body: res.body };
    const verdict = checkAnswer(this.validator, op, answer, request.intent);
    report.outcomes[verdict.outcome]++;
    const reason = `${res.statusCode}${verdict.code ? ` ${verdict.code}` : ''}`;
    if (verdict.outcome === 'refused-valid') {
      bump(report.validRefusals, reason);
      report.validRefusalMessages[reason] ??= truncate(res.body, 240);
    }
    if (verdict.problems.length) {
      report.failures.push({ operation: op.id, request, status: res.statusCode, body: truncate(res.body), problems: verdict.problems });
    }
    // A write that went through may have spent the fixture (a rotated key, an archived survey, an
    // erased response): the next request gets fresh resources.
    if (res.statusCode < 300 && request.method !== 'GET' && request.method !== 'HEAD') this.fixture = undefined;
    return verdict.outcome === 'accepted';
  }

  async runOperation(op: Operation): Promise<OperationReport> {
    const report: OperationReport = {
      operation: op.id,
      sent: { valid: 0, invalid: 0 },
      outcomes: { accepted: 0, refused: 0, 'refused-valid': 0, broken: 0 },
      validRefusals: {},
      validRefusalMessages: {},
      invalidKinds: {},
      failures: [],
    };
    const fail = (label: string, problems: string[]) =>
      report.failures.push({ operation: op.id, request: { intent: 'valid', kind: 'valid', label, method: op.method, url: op.path, headers: {} }, problems });

    let valid: RequestParts[];
    let invalid: [RequestParts, number][];
    try {
      const parts = partsArbitrary(this.doc, op);
      const seed = seedFor(this.options.seed, op.id);
      valid = fc.sample(parts, { seed, numRuns: this.options.validRuns });
      invalid = fc.sample(fc.tuple(parts, fc.nat()), { seed: seed + 1, numRuns: this.options.invalidRuns });
    } catch (err) {
      fail('generating requests from the document', [`cannot generate requests: ${(err as Error).message}`]);
      return report;
    }

    const accepted: RequestParts[] = [];
    for (const [i, parts] of valid.entries()) {
      const fixture = await this.currentFixture();
      const concrete = withFixture(parts, fixture);
      const request = materialize(op, concrete, credentials(this.doc, op, fixture, 'valid', i), { intent: 'valid', kind: 'valid', label: 'valid' });
      report.sent.valid++;
      if (await this.send(op, request, report)) accepted.push(parts);
    }
    if (report.sent.valid > 0 && report.outcomes.accepted === 0 && !this.options.onceOnly?.includes(op.id)) {
      const why = Object.entries(report.validRefusals).map(([k, n]) => `${k} ×${n}`).join(', ');
      fail('every valid request', [`none of the ${report.sent.valid} valid requests was accepted (${why || 'see the failures above'}): the document does not say how to call this operation`]);
    }

    // An invalid request breaks one rule of a request the server took, when one can be sent again:
    // any method but POST is idempotent, so replaying it on fresh resources means the same. A POST
    // (which may create under a client-chosen id) breaks a rule of a freshly generated request.
    const replayable = op.method !== 'POST' && accepted.length > 0;
    for (const [i, [sampled, random]] of invalid.entries()) {
      const parts = replayable ? accepted[random % accepted.length]! : sampled;
      const fixture = await this.currentFixture();
      const concrete = withFixture(parts, fixture);
      let candidate;
      try {
        candidate = pickCandidate(invalidCandidates(this.doc, this.validator, op, concrete), i, random);
      } catch (err) {
        fail('generating invalid requests', [(err as Error).message]);
        break;
      }
      if (!candidate) break;
      bump(report.invalidKinds, candidate.kind);
      const request = materialize(op, candidate.parts, credentials(this.doc, op, fixture, candidate.auth), {
        intent: 'invalid',
        kind: candidate.kind,
        label: candidate.label,
      });
      report.sent.invalid++;
      await this.send(op, request, report);
    }
    return report;
  }
}

/** A failure as the test output shows it: what was sent, what came back, what is wrong. */
export function formatFailure(f: Failure): string {
  const sent = `${f.request.method} ${truncate(f.request.url, 200)}${f.request.payload !== undefined ? ` body=${truncate(f.request.payload, Number(process.env.CONTRACT_BODY_CHARS ?? 300))}` : ''}`;
  const got = f.status !== undefined ? ` → ${f.status} ${f.body ?? ''}` : '';
  const what = f.request.intent === 'invalid' ? `invalid (${f.request.label})` : f.request.label;
  return `${f.operation} [${what}] ${sent}${got}\n    ${f.problems.join('\n    ')}`;
}

/** Failures grouped by operation and problem, with one example each, so a drift reads once. */
export function groupFailures(failures: Failure[]): string[] {
  const groups = new Map<string, { count: number; example: Failure }>();
  for (const f of failures) {
    for (const problem of f.problems) {
      const key = `${f.operation} | ${f.request.kind} | ${problem.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { count: 1, example: { ...f, problems: [problem] } });
    }
  }
  return [...groups.values()].map(({ count, example }) => `${count}× ${formatFailure(example)}`);
}

export function formatSummary(reports: OperationReport[]): string {
  const rows = reports.map((r) => {
    const counts = (c: Record<string, number>) =>
      Object.entries(c)
        .map(([k, n]) => `${k}×${n}`)
        .join(' ');
    const kinds = counts(r.invalidKinds);
    const refusals = counts(r.validRefusals);
    return [
      r.operation.padEnd(58),
      String(r.sent.valid).padStart(5),
      String(r.outcomes.accepted).padStart(8),
      String(r.outcomes['refused-valid']).padStart(13),
      String(r.sent.invalid).padStart(7),
      String(r.outcomes.refused).padStart(7),
      String(r.failures.length).padStart(8),
      kinds ? `  invalid: ${kinds}` : '',
      refusals ? `  valid refused: ${refusals}` : '',
    ].join(' ');
  });
  const total = (f: (r: OperationReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return [
    `${'operation'.padEnd(58)} ${'valid'.padStart(5)} ${'accepted'.padStart(8)} ${'refused-valid'.padStart(13)} ${'invalid'.padStart(7)} ${'refused'.padStart(7)} ${'failures'.padStart(8)}`,
    ...rows,
    `${'total'.padEnd(58)} ${String(total((r) => r.sent.valid)).padStart(5)} ${String(total((r) => r.outcomes.accepted)).padStart(8)} ${String(total((r) => r.outcomes['refused-valid'])).padStart(13)} ${String(total((r) => r.sent.invalid)).padStart(7)} ${String(total((r) => r.outcomes.refused)).padStart(7)} ${String(total((r) => r.failures.length)).padStart(8)}`,
    `requests sent: ${total((r) => r.sent.valid + r.sent.invalid)}`,
    '',
    'valid requests refused with a documented 4xx (a rule the schemas do not state), first answer of each:',
    ...reports.flatMap((r) => Object.entries(r.validRefusalMessages).map(([reason, body]) => `  ${r.operation} ${reason}: ${body}`)),
  ].join('\n');
}
