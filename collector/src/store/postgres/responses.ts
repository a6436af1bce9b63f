// Responses on PostgreSQL. The write path of one answer reads top to bottom in storeAnswer(), as
// on SQLite: insert it (or merge it into the response it updates, locked FOR UPDATE), add what it
// changes to the daily and segment counters, note when it reached an identified customer; the
// batch then commits (batch.ts) with the counters' upserts (counters.ts), and is acknowledged.
import type { Attributes, StoredResponse, WebhookEvent } from '@plaudit/shared';
import { answerDelta } from '../answer-counts';
import { customerKey } from '../customer-key';
import { StoreError } from '../errors';
import { DEFAULT_CONSENT_LABEL, DELETE_QUOTE, UPSERT_QUOTE, quoteAction } from '../testimonial-record';
import { RESPONSE_COLUMNS, answerOf, assertSameVisitor, listQuery, mergeAnswer, toStored, type ResponseRow } from '../responses-shared';
import type { IngestItem, IngestOutcome, ResponseFilter, ResponsesStore } from '../types';
import type { Batcher } from './batch';
import { recordContact } from './contacts';
import type { AddDaily } from './counters';
import { holdsNul, numbered, read, type Client, type Pool } from './database';
import { createSegmentWriter } from './segments';
import type { EventQueue } from './webhooks';

const INSERT = `INSERT INTO responses (${RESPONSE_COLUMNS.join(', ')}) VALUES (${RESPONSE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO NOTHING`;

export function createResponsesRepository(pool: Pool, batcher: Batcher, addDaily: AddDaily, queueEvents: EventQueue): ResponsesStore {
  const addSegments = createSegmentWriter(batcher);

  /**
   * Stores one answer; true when it is new. It refuses (throws a StoreError) only after reads, so
   * the transaction stays usable and the batch goes on with the next item.
   */
  async function storeAnswer(client: Client, item: IngestItem): Promise<{ created: boolean; queued: number }> {
    const created = await writeAnswer(client, item);
    // Its events, queued in the same transaction: `completed` once, the first time the visitor ends it.
    const events: WebhookEvent[] = [created ? 'response.created' : 'response.updated'];
    if (item.complete && (await client.query('UPDATE responses SET completed_at = $1 WHERE id = $2 AND completed_at IS NULL', [item.now, item.id])).rowCount === 1) {
      events.push('response.completed');
    }
    return { created, queued: await queueEvents(client, item.siteId, item.id, events, item.now) };
  }

  async function writeAnswer(client: Client, item: IngestItem): Promise<boolean> {
    const next = answerOf(item);
    const inserted = await client.query(INSERT, [
      item.id,
      item.siteId,
      item.surveyId,
      item.day,
      next.nps,
      next.csat,
      next.comment,
      item.consent ?? null,
      item.locale ?? null,
      item.page ?? null,
      item.visitor ?? null,
      item.customer?.id ?? null,
      item.customer?.email ?? null,
      item.attributes ? JSON.stringify(item.attributes) : '{}',
      item.answers ? JSON.stringify(item.answers) : '{}',
      next.comment === null ? null : (item.commentKeys ?? null),
      item.now,
      item.now,
    ]);
    if (inserted.rowCount === 1) {
      const delta = answerDelta(null, next);
      addDaily(item.siteId, item.surveyId, item.day, delta);
      if (item.attributes) await addSegments(client, item.siteId, item.surveyId, item.day, item.attributes, delta, true);
      if (item.customer?.id) await recordContact(client, item.siteId, item.customer.id, item.surveyId, item.now);
      await keepQuote(client, item, { consent: item.consent ?? null, comment: next.comment });
      return true;
    }

    // The id exists: a follow-up to an answer, e.g. its comment. Locked, so another collector's
    // follow-up to the same answer waits for this one and merges into its result.
    const old = (await client.query<ResponseRow>('SELECT * FROM responses WHERE id = $1 FOR UPDATE', [item.id])).rows[0]!;
    if (old.site_id !== item.siteId || old.survey_id !== item.surveyId) {
      throw new StoreError('conflict', 'this response id already belongs to another survey');
    }
    assertSameVisitor(old, item);
    const oldAttributes = JSON.parse(old.attributes) as Attributes;
    const merged = mergeAnswer(old, item);
    await client.query(
      `UPDATE responses SET nps = $1, csat = $2, comment = $3, consent = $4, locale = $5, page = $6, visitor = $7,
         customer_id = $8, customer_email = $9, attributes = $10, answers = $11, comment_keys = $12, updated_at = $13 WHERE id = $14`,
      [
        merged.nps,
        merged.csat,
        merged.comment,
        item.consent ?? old.consent,
        item.locale ?? old.locale,
        item.page ?? old.page,
        item.visitor ?? old.visitor,
        item.customer?.id ?? old.customer_id,
        item.customer?.email ?? old.customer_email,
        JSON.stringify(merged.attributes),
        JSON.stringify(merged.answers),
        merged.commentKeys,
        item.now,
        item.id,
      ],
    );
    // The answer keeps its day; it moves out of the segments it was counted in, into its new ones.
    addDaily(item.siteId, item.surveyId, old.day, answerDelta(old, merged));
    await addSegments(client, old.site_id, old.survey_id, old.day, oldAttributes, answerDelta(old, null), false);
    await addSegments(client, old.site_id, old.survey_id, old.day, merged.attributes, answerDelta(null, merged), true);
    const customerId = item.customer?.id ?? old.customer_id;
    if (customerId) await recordContact(client, item.siteId, customerId, item.surveyId, item.now);
    await keepQuote(client, item, { consent: item.consent ?? (old.consent === null ? null : old.consent === true || old.consent === 1), comment: merged.comment }, item.locale ?? old.locale);
    return false;
  }

  /** The response's quote follows its consent and wording, in the same transaction. */
  async function keepQuote(client: Client, item: IngestItem, merged: { consent: boolean | null; comment: string | null }, locale = item.locale ?? null): Promise<void> {
    const action = quoteAction(merged, item);
    if (action === 'delete') await client.query(numbered(DELETE_QUOTE), [item.id]);
    else if (action === 'upsert') await client.query(numbered(UPSERT_QUOTE), [item.id, item.siteId, item.surveyId, merged.comment, locale, item.consentLabel ?? DEFAULT_CONSENT_LABEL, item.now]);
  }

  /** Removes a response and takes it out of the counters; inside the caller's batch. */
  async function removeOne(client: Client, row: ResponseRow): Promise<void> {
    await client.query('DELETE FROM responses WHERE seq = $1', [row.seq]);
    const delta = answerDelta(row, null);
    addDaily(row.site_id, row.survey_id, row.day, delta);
    await addSegments(client, row.site_id, row.survey_id, row.day, JSON.parse(row.attributes) as Attributes, delta, false);
  }

  return {
    ingest(items: IngestItem[]): Promise<IngestOutcome[]> {
      return batcher.write(async (client) => {
        const outcomes: IngestOutcome[] = [];
        for (const item of items) {
          try {
            outcomes.push({ ok: true, ...(await storeAnswer(client, item)) });
          } catch (error) {
            if (error instanceof StoreError && error.code === 'conflict') outcomes.push({ ok: false, error });
            else throw error;
          }
        }
        return outcomes;
      });
    },

    delete(siteId, id) {
      if (holdsNul([id])) return Promise.resolve(false);
      return batcher.write(async (client) => {
        const row = (await client.query<ResponseRow>('SELECT * FROM responses WHERE id = $1 AND site_id = $2 FOR UPDATE', [id, siteId])).rows[0];
        if (!row) return false;
        await removeOne(client, row);
        return true;
      });
    },

    deleteByCustomer(siteId, customerId) {
      return batcher.write(async (client) => {
        const rows = (await client.query<ResponseRow>('SELECT * FROM responses WHERE site_id = $1 AND customer_id = $2 ORDER BY seq FOR UPDATE', [siteId, customerId])).rows;
        for (const row of rows) await removeOne(client, row);
        await client.query('DELETE FROM customer_contacts WHERE site_id = $1 AND customer_key = $2', [siteId, customerKey(siteId, customerId)]);
        return rows.length;
      });
    },

    async get(siteId, id): Promise<StoredResponse | undefined> {
      if (holdsNul([id])) return undefined;
      const row = await read(async () => (await pool.query<ResponseRow>('SELECT * FROM responses WHERE id = $1 AND site_id = $2', [id, siteId])).rows[0]);
      return row && toStored(row);
    },

    async list(siteId, f: ResponseFilter) {
      // The database does the scanning: the event loop waits on the socket, it does not work.
      const { sql, params } = listQuery('postgres', siteId, f);
      const rows = await read(async () => (await pool.query<ResponseRow>(numbered(sql), params)).rows);
      const page = rows.slice(0, f.limit);
      const lastRow = page.at(-1);
      return {
        items: page.map(toStored),
        ...(rows.length > f.limit && lastRow && { last: { createdAt: Number(lastRow.created_at), seq: Number(lastRow.seq) } }),
      };
    },
  };
}
