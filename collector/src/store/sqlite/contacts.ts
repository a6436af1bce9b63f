// When each survey last reached an identified customer (answered or dismissed), so that the
// resurvey window and the site's cooldown hold across the customer's devices. The customer is
// stored as a hash of site and id: enough to look them up again, and nothing to read back.
import { createHash } from 'node:crypto';
import type { Db } from './database';

export const customerKey = (siteId: string, customerId: string) => createHash('sha256').update(`${siteId}\u0000${customerId}`).digest('hex');

export function createContactWriter(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO customer_contacts (site_id, customer_key, survey_id, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_id, customer_key, survey_id) DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
  );
  /** Records a contact; inside a GroupCommit job, so it commits with the answer or event. */
  return (siteId: string, customerId: string, surveyId: string, at: number) => upsert.run(siteId, customerKey(siteId, customerId), surveyId, at);
}

export function createContactsRepository(db: Db) {
  const bySite = db.prepare<[string, string], { survey_id: string; last_at: number }>(
    'SELECT survey_id, last_at FROM customer_contacts WHERE site_id = ? AND customer_key = ?',
  );
  const forget = db.prepare('DELETE FROM customer_contacts WHERE site_id = ? AND customer_key = ?');
  const prune = db.prepare('DELETE FROM customer_contacts WHERE last_at < ?');
  return {
    /** Survey id → when it last reached this customer. */
    async lastContacts(siteId: string, customerId: string): Promise<Map<string, number>> {
      return new Map(bySite.all(siteId, customerKey(siteId, customerId)).map((r) => [r.survey_id, r.last_at]));
    },
    /** Erasure: the customer's contacts go with their answers. */
    async forget(siteId: string, customerId: string): Promise<void> {
      forget.run(siteId, customerKey(siteId, customerId));
    },
    /** Drops contacts older than any window can look back (resurvey ≤ 3,650 days). */
    async prune(before: number): Promise<number> {
      return prune.run(before).changes;
    },
  };
}
