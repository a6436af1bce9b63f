// What the customer-event and ticket routes share: a body of one item or a batch checked item by
// item (as answers are), a CSV import checked line by line, and how each answers.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { IMPORT_LIMITS } from '@plaudit/shared';
import { checkBatch, readCsv, type Checked, type CsvSpec } from '../domain/imports';
import { HttpError } from '../lib/errors';

/** Route-level validator that lets a body through untouched: the handler checks items one by one. */
export const passThrough = () => (data: unknown) => ({ value: data });

/** CSV bodies as text, in the scope of the routes that import. */
export function acceptCsv(app: FastifyInstance): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMITS.importBytes }, (_request, body, done) => done(null, body));
}

/**
 * One item or a batch: the valid ones go to `store`, the others are listed by index. A lone
 * refused item answers 400 with its error; a batch with no valid item, 400 with the list.
 */
export async function storeBatch<I, T>(
  reply: FastifyReply,
  body: unknown,
  check: (candidate: unknown) => Checked<I>,
  prepare: (inputs: I[]) => Promise<T[]>,
  store: (items: T[]) => Promise<void>,
) {
  if (body === undefined || body === null) throw new HttpError(400, 'bad_request', 'send one item, or an array of items, as JSON');
  const batch = Array.isArray(body);
  const raw: unknown[] = batch ? body : [body];
  if (batch && (raw.length === 0 || raw.length > IMPORT_LIMITS.batchItems)) throw new HttpError(400, 'validation_failed', `a batch holds 1 to ${IMPORT_LIMITS.batchItems} items`);
  const { items, rejected } = checkBatch(raw, check);
  if (items.length === 0) {
    if (!batch) throw new HttpError(400, 'validation_failed', rejected[0]!.error.message);
    return reply.code(400).send({ error: { code: 'validation_failed', message: 'no valid item in the batch' }, rejected });
  }
  await store(await prepare(items));
  return reply.code(200).send({ accepted: items.length, rejected });
}

/**
 * A CSV file: every line checked; strict, one refused line refuses the file and nothing is
 * stored; with `partial`, the valid lines are stored and the refused ones listed.
 */
export async function storeCsv<I, T>(
  reply: FastifyReply,
  text: unknown,
  partial: boolean,
  spec: CsvSpec,
  check: (candidate: unknown) => Checked<I>,
  prepare: (inputs: I[]) => Promise<T[]>,
  store: (items: T[]) => Promise<void>,
) {
  if (typeof text !== 'string') throw new HttpError(400, 'bad_request', 'send the CSV file as the body, with Content-Type: text/csv');
  const outcome = await readCsv(text, spec, check);
  if (!outcome.ok) throw new HttpError(400, 'validation_failed', outcome.message);
  if (outcome.refused > 0 && !partial) {
    const message = `${outcome.refused.toLocaleString('en')} of ${outcome.lines.toLocaleString('en')} lines refused; nothing was imported (send partial=true to import the valid ones)`;
    return reply.code(400).send({ error: { code: 'validation_failed', message }, errors: outcome.errors, refused: outcome.refused });
  }
  if (outcome.items.length) await store(await prepare(outcome.items));
  return reply.code(200).send({ imported: outcome.items.length, skipped: outcome.refused, errors: outcome.errors });
}
