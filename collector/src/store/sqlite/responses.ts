// Responses on SQLite. The write path of one answer reads top to bottom in storeAnswer(): insert
// it (or merge it into the response it updates), add what it changes to the daily and segment
// counters, note when it reached an identified customer; the batch then commits (group-commit.ts)
// with the counters' upserts (counters.ts), and is acknowledged once fsynced.
import type { Attributes, StoredResponse, WebhookEvent } from '@plaudit/shared';
import { answerDelta } from '../answer-counts';
import { StoreError } from '../errors';
import { DEFAULT_CONSENT_LABEL, DELETE_QUOTE, UPSERT_QUOTE, quoteAction } from '../testimonial-record';
import { RESPONSE_COLUMNS, answerOf, assertSameVisitor, listQuery, mergeAnswer, toStored, type ResponseRow } from '../responses-shared';
import type { IngestItem, IngestOutcome, ResponseFilter, ResponsesStore } from '../types';
import { createContactWriter, customerKey } from './contacts';
import type { AddDaily } from './counters';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import { createSegmentWriter } from './segments';
import type { SqliteReader } from './thread';
import type { EventQueue } from './webhooks';

export function createResponsesRepository(db: Db, commits: GroupCommit, reader: SqliteReader, addDaily: AddDaily, queueEvents: EventQueue): ResponsesStore {
  const addSegments = createSegmentWriter(db, commits);
  const recordContact = createContactWriter(db);
  const byId = db.prepare<[string], ResponseRow & { seq: number }>('SELECT * FROM responses WHERE id = ?');
  // Positional parameters, in RESPONSE_COLUMNS order: binding by position skips a property lookup
  // per column, and a new answer (nearly every request) costs one statement, not a read then a write.
  const insertNew = db.prepare(
    `INSERT INTO responses (${RESPONSE_COLUMNS.join(', ')}) VALUES (${RESPONSE_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (id) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE responses SET nps = ?, csat = ?, comment = ?, consent = ?, locale = ?, page = ?, visitor = ?,
       customer_id = ?, customer_email = ?, attributes = ?, answers = ?, comment_keys = ?, updated_at = ?
     WHERE id = ?`,
  );
  const deleteRow = db.prepare('DELETE FROM responses WHERE seq = ?');
  const upsertQuote = db.prepare(UPSERT_QUOTE);
  const markCompleted = db.prepare('UPDATE responses SET completed_at = ? WHERE id = ? AND completed_at IS NULL');
  const deleteQuote = db.prepare(DELETE_QUOTE);
  const byCustomer = db.prepare<[string, string], ResponseRow & { seq: number }>('SELECT * FROM responses WHERE site_id = ? AND customer_id = ?');
  const forgetContacts = db.prepare('DELETE FROM customer_contacts WHERE site_id = ? AND customer_key = ?');

  const consentValue = (consent: boolean | undefined) => (consent === undefined ? null : consent ? 1 : 0);

  /**
   * Stores one answer; true when it is new. It refuses (throws a StoreError) only before its first
   * write, so a refused item needs no savepoint: the batch goes on with the next item.
   */
  function storeAnswer(item: IngestItem): { created: boolean; queued: number } {
    const created = writeAnswer(item);
    // Its events, queued in the same batch: `completed` once, the first time the visitor ends it.
    const events: WebhookEvent[] = [created ? 'response.created' : 'response.updated'];
    if (item.complete && markCompleted.run(item.now, item.id).changes === 1) events.push('response.completed');
    return { created, queued: queueEvents(item.siteId, item.id, events, item.now) };
  }

  function writeAnswer(item: IngestItem): boolean {
    const next = answerOf(item);
    const inserted = insertNew.run(
      item.id,
      item.siteId,
      item.surveyId,
      item.day,
      next.nps,
      next.csat,
      next.comment,
      consentValue(item.consent),
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
    );
    if (inserted.changes === 1) {
      const delta = answerDelta(null, next);
      addDaily(item.siteId, item.surveyId, item.day, delta);
      if (item.attributes) addSegments(item.siteId, item.surveyId, item.day, item.attributes, delta, true);
      if (item.customer?.id) recordContact(item.siteId, item.customer.id, item.surveyId, item.now);
      keepQuote(item, { consent: item.consent ?? null, comment: next.comment });
      return true;
    }

    // The id exists (nothing was written): a follow-up to an answer, e.g. its comment.
    const old = byId.get(item.id)!;
    if (old.site_id !== item.siteId || old.survey_id !== item.surveyId) {
      throw new StoreError('conflict', 'this response id already belongs to another survey');
    }
    assertSameVisitor(old, item);
    const oldAttributes = JSON.parse(old.attributes) as Attributes;
    const merged = mergeAnswer(old, item);
    update.run(
      merged.nps,
      merged.csat,
      merged.comment,
      item.consent === undefined ? old.consent : consentValue(item.consent),
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
    );
    // The answer keeps its day; it moves out of the segments it was counted in, into its new ones.
    addDaily(item.siteId, item.surveyId, old.day, answerDelta(old, merged));
    addSegments(old.site_id, old.survey_id, old.day, oldAttributes, answerDelta(old, null), false);
    addSegments(old.site_id, old.survey_id, old.day, merged.attributes, answerDelta(null, merged), true);
    const customerId = item.customer?.id ?? old.customer_id;
    if (customerId) recordContact(item.siteId, customerId, item.surveyId, item.now);
    keepQuote(item, { consent: item.consent ?? (old.consent === null ? null : old.consent === 1 || old.consent === true), comment: merged.comment }, item.locale ?? old.locale);
    return false;
  }

  /** The response's quote follows its consent and wording, in the same transaction. */
  function keepQuote(item: IngestItem, merged: { consent: boolean | null; comment: string | null }, locale = item.locale ?? null): void {
    const action = quoteAction(merged, item);
    if (action === 'delete') deleteQuote.run(item.id);
    else if (action === 'upsert') upsertQuote.run(item.id, item.siteId, item.surveyId, merged.comment, locale, item.consentLabel ?? DEFAULT_CONSENT_LABEL, item.now);
  }

  /** Removes a response and takes it out of the counters; inside the caller's batch. */
  function removeOne(row: ResponseRow & { seq: number }): void {
    deleteRow.run(row.seq);
    const delta = answerDelta(row, null);
    addDaily(row.site_id, row.survey_id, row.day, delta);
    addSegments(row.site_id, row.survey_id, row.day, JSON.parse(row.attributes) as Attributes, delta, false);
  }

  return {
    ingest(items: IngestItem[]): Promise<IngestOutcome[]> {
      return commits.write(() =>
        items.map((item): IngestOutcome => {
          try {
            return { ok: true, ...storeAnswer(item) };
          } catch (error) {
            if (error instanceof StoreError && error.code === 'conflict') return { ok: false, error };
            throw error;
          }
        }),
      );
    },

    delete(siteId: string, id: string): Promise<boolean> {
      return commits.write(() => {
        const row = byId.get(id);
        if (!row || row.site_id !== siteId) return false;
        removeOne(row);
        return true;
      });
    },

    deleteByCustomer(siteId: string, customerId: string): Promise<number> {
      return commits.write(() => {
        const rows = byCustomer.all(siteId, customerId);
        rows.forEach(removeOne);
        forgetContacts.run(siteId, customerKey(siteId, customerId));
        return rows.length;
      });
    },

    async get(siteId: string, id: string): Promise<StoredResponse | undefined> {
      const row = byId.get(id);
      return row && row.site_id === siteId ? toStored(row) : undefined;
    },

    async list(siteId: string, f: ResponseFilter) {
      // A sparse filter can scan many rows for a page: on the reader's thread, never this one.
      const { sql, params } = listQuery('sqlite', siteId, f);
      const rows = await reader.all<ResponseRow & { seq: number; created_at: number }>(sql, params);
      const page = rows.slice(0, f.limit);
      const lastRow = page.at(-1);
      return {
        items: page.map(toStored),
        ...(rows.length > f.limit && lastRow && { last: { createdAt: lastRow.created_at, seq: lastRow.seq } }),
      };
    },
  };
}
