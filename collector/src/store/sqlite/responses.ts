import type { Attributes, Customer, StoredResponse } from '@plaudit/shared';
import { createContactWriter, customerKey } from './customer-contacts';
import type { Db } from './database';
import { StoreError } from './errors';
import type { GroupCommit } from './group-commit';
import type { SqliteThread } from './sqlite-thread';
import { createRollupWriter, scoreChange } from './rollups';
import { createSegmentWriter } from './segment-rollups';

/** A validated answer whose key has been resolved to its site. */
export interface IngestItem {
  id: string;
  siteId: string;
  surveyId: string;
  /** Local date of `now` in the site's time zone; used only when the response is new. */
  day: string;
  now: number;
  nps?: number;
  csat?: number;
  comment?: string;
  consent?: boolean;
  locale?: string;
  page?: string;
  visitor?: string;
  customer?: Customer;
  attributes?: Attributes;
}

export type IngestOutcome = { ok: true; created: boolean } | { ok: false; error: StoreError };

interface ResponseRow {
  seq: number;
  id: string;
  site_id: string;
  survey_id: string;
  day: string;
  nps: number | null;
  csat: number | null;
  comment: string | null;
  consent: number | null;
  locale: string | null;
  page: string | null;
  visitor: string | null;
  customer_id: string | null;
  customer_email: string | null;
  attributes: string;
  created_at: number;
  updated_at: number;
}

export interface ResponseFilter {
  surveyId?: string;
  /** Inclusive lower bound, Unix ms. */
  fromMs?: number;
  /** Exclusive upper bound, Unix ms. */
  toMs?: number;
  category?: 'promoter' | 'passive' | 'detractor';
  hasComment?: boolean;
  limit: number;
  /** Resume strictly after this (createdAt, seq) position in newest-first order. */
  after?: { createdAt: number; seq: number };
}

const NPS_RANGE = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] } as const;

function toStored(row: ResponseRow): StoredResponse {
  const customer: StoredResponse['customer'] =
    row.customer_id === null && row.customer_email === null
      ? null
      : {
          ...(row.customer_id !== null && { id: row.customer_id }),
          ...(row.customer_email !== null && { email: row.customer_email }),
        };
  return {
    id: row.id,
    survey: row.survey_id,
    nps: row.nps,
    csat: row.csat,
    comment: row.comment,
    consent: row.consent === null ? null : row.consent === 1,
    locale: row.locale,
    page: row.page,
    attributes: JSON.parse(row.attributes) as Attributes,
    customer,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function createResponsesRepository(db: Db, commits: GroupCommit, reader: SqliteThread) {
  const applyDelta = createRollupWriter(db, commits);
  const applySegments = createSegmentWriter(db, commits);
  const recordContact = createContactWriter(db);
  const byId = db.prepare<[string], ResponseRow>('SELECT * FROM responses WHERE id = ?');
  // Positional parameters, in COLUMNS order: binding by position skips a property lookup per
  // column, and a new answer (nearly every request) costs one statement, not a read then a write.
  const COLUMNS = `id, site_id, survey_id, day, nps, csat, comment, consent, locale, page, visitor,
    customer_id, customer_email, attributes, created_at, updated_at`;
  const insertNew = db.prepare(
    `INSERT INTO responses (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const update = db.prepare(
    `UPDATE responses SET nps = ?, csat = ?, comment = ?, consent = ?, locale = ?, page = ?, visitor = ?,
       customer_id = ?, customer_email = ?, attributes = ?, updated_at = ?
     WHERE id = ?`,
  );

  const consentValue = (consent: boolean | undefined) => (consent === undefined ? null : consent ? 1 : 0);

  /**
   * Stores one answer. It refuses (throws a StoreError) only before its first write, so a refused
   * item needs no savepoint of its own: the batch goes on with the next item.
   */
  function applyOne(item: IngestItem): boolean {
    const comment = item.comment ? item.comment : null;
    const nps = item.nps ?? null;
    const csat = item.csat ?? null;
    const inserted = insertNew.run(
      item.id,
      item.siteId,
      item.surveyId,
      item.day,
      nps,
      csat,
      comment,
      consentValue(item.consent),
      item.locale ?? null,
      item.page ?? null,
      item.visitor ?? null,
      item.customer?.id ?? null,
      item.customer?.email ?? null,
      item.attributes ? JSON.stringify(item.attributes) : '{}',
      item.now,
      item.now,
    );
    if (inserted.changes === 1) {
      applyDelta(item.siteId, item.surveyId, item.day, {
        responses: 1,
        comments: comment !== null ? 1 : 0,
        nps: scoreChange(null, nps),
        csat: scoreChange(null, csat),
      });
      if (item.attributes) applySegments(item.siteId, item.surveyId, item.day, item.attributes, { sign: 1, comment, nps, csat });
      if (item.customer?.id) recordContact(item.siteId, item.customer.id, item.surveyId, item.now);
      return true;
    }

    // The id exists (nothing was written): a follow-up to an answer, e.g. its comment.
    const old = byId.get(item.id)!;
    if (old.site_id !== item.siteId || old.survey_id !== item.surveyId) {
      throw new StoreError('conflict', 'this response id already belongs to another survey');
    }
    // Later values win field by field; fields the client leaves out keep their stored value.
    const oldAttributes = JSON.parse(old.attributes) as Attributes;
    const next = {
      nps: nps ?? old.nps,
      csat: csat ?? old.csat,
      comment: comment ?? old.comment,
      attributes: { ...oldAttributes, ...item.attributes },
    };
    update.run(
      next.nps,
      next.csat,
      next.comment,
      item.consent === undefined ? old.consent : consentValue(item.consent),
      item.locale ?? old.locale,
      item.page ?? old.page,
      item.visitor ?? old.visitor,
      item.customer?.id ?? old.customer_id,
      item.customer?.email ?? old.customer_email,
      JSON.stringify(next.attributes),
      item.now,
      item.id,
    );
    applyDelta(item.siteId, item.surveyId, old.day, {
      comments: (next.comment !== null ? 1 : 0) - (old.comment !== null ? 1 : 0),
      nps: scoreChange(old.nps, next.nps),
      csat: scoreChange(old.csat, next.csat),
    });
    // The answer moves out of the segments it was counted in, and into those it is in now.
    applySegments(old.site_id, old.survey_id, old.day, oldAttributes, { sign: -1, comment: old.comment, nps: old.nps, csat: old.csat });
    applySegments(old.site_id, old.survey_id, old.day, next.attributes, { sign: 1, comment: next.comment, nps: next.nps, csat: next.csat });
    const customerId = item.customer?.id ?? old.customer_id;
    if (customerId) recordContact(item.siteId, customerId, item.surveyId, item.now);
    return false;
  }

  const deleteRow = db.prepare('DELETE FROM responses WHERE seq = ?');
  const forgetContacts = db.prepare('DELETE FROM customer_contacts WHERE site_id = ? AND customer_key = ?');
  const byCustomer = db.prepare<[string, string], ResponseRow>(
    'SELECT * FROM responses WHERE site_id = ? AND customer_id = ?',
  );

  /** Removes a response and takes it out of the rollups; inside the caller's transaction. */
  function removeOne(row: ResponseRow): void {
    deleteRow.run(row.seq);
    applyDelta(row.site_id, row.survey_id, row.day, {
      responses: -1,
      comments: row.comment !== null ? -1 : 0,
      nps: scoreChange(row.nps, null),
      csat: scoreChange(row.csat, null),
    });
    applySegments(row.site_id, row.survey_id, row.day, JSON.parse(row.attributes) as Attributes, {
      sign: -1,
      comment: row.comment,
      nps: row.nps,
      csat: row.csat,
    });
  }

  return {
    /** Stores each item in its own savepoint; resolves once the batch holding them has committed. */
    ingest(items: IngestItem[]): Promise<IngestOutcome[]> {
      return commits.write(() =>
        items.map((item): IngestOutcome => {
          try {
            return { ok: true, created: applyOne(item) };
          } catch (error) {
            if (error instanceof StoreError && error.code === 'conflict') return { ok: false, error };
            throw error;
          }
        }),
      );
    },

    /** Erases one response of a site; resolves with whether it existed. */
    delete(siteId: string, id: string): Promise<boolean> {
      return commits.write(() => {
        const row = byId.get(id);
        if (!row || row.site_id !== siteId) return false;
        removeOne(row);
        return true;
      });
    },

    /** Erases every response a site holds for one customer id; resolves with how many. */
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

    async list(siteId: string, f: ResponseFilter): Promise<{ items: StoredResponse[]; last?: { createdAt: number; seq: number } }> {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (f.surveyId) {
        where.push('survey_id = ?', 'site_id = ?');
        params.push(f.surveyId, siteId);
      } else {
        where.push('site_id = ?');
        params.push(siteId);
      }
      if (f.fromMs !== undefined) {
        where.push('created_at >= ?');
        params.push(f.fromMs);
      }
      if (f.toMs !== undefined) {
        where.push('created_at < ?');
        params.push(f.toMs);
      }
      if (f.category) {
        const [lo, hi] = NPS_RANGE[f.category];
        where.push('nps BETWEEN ? AND ?');
        params.push(lo, hi);
      }
      if (f.hasComment !== undefined) where.push(f.hasComment ? 'comment IS NOT NULL' : 'comment IS NULL');
      if (f.after) {
        where.push('(created_at, seq) < (?, ?)');
        params.push(f.after.createdAt, f.after.seq);
      }
      const index = f.surveyId ? 'responses_by_survey' : 'responses_by_site';
      const sql = `SELECT * FROM responses INDEXED BY ${index} WHERE ${where.join(' AND ')}
           ORDER BY created_at DESC, seq DESC LIMIT ?`;
      // A sparse filter can scan many rows for a page: on the reader's thread, never this one.
      const rows = await reader.all<ResponseRow>(sql, [...params, f.limit + 1]);
      const page = rows.slice(0, f.limit);
      const lastRow = page.at(-1);
      return {
        items: page.map(toStored),
        ...(rows.length > f.limit && lastRow && { last: { createdAt: lastRow.created_at, seq: lastRow.seq } }),
      };
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;
