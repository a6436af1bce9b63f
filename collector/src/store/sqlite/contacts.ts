// When each survey last reached an identified customer (answered or dismissed), so that the
// resurvey window and the site's cooldown hold across the customer's devices.
import { customerKey } from '../customer-key';
import type { ContactsStore } from '../types';
import type { Db } from './database';

export { customerKey } from '../customer-key';

export function createContactWriter(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO customer_contacts (site_id, customer_key, survey_id, last_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (site_id, customer_key, survey_id) DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
  );
  /** Records a contact; inside a GroupCommit job, so it commits with the answer or event. */
  return (siteId: string, customerId: string, surveyId: string, at: number) => upsert.run(siteId, customerKey(siteId, customerId), surveyId, at);
}

export function createContactsRepository(db: Db): ContactsStore {
  const bySite = db.prepare<[string, string], { survey_id: string; last_at: number }>(
    'SELECT survey_id, last_at FROM customer_contacts WHERE site_id = ? AND customer_key = ?',
  );
  return {
    async lastContacts(siteId: string, customerId: string): Promise<Map<string, number>> {
      return new Map(bySite.all(siteId, customerKey(siteId, customerId)).map((r) => [r.survey_id, r.last_at]));
    },
  };
}
