// When each survey last reached an identified customer (see ../sqlite/contacts.ts).
import { customerKey } from '../customer-key';
import type { ContactsStore } from '../types';
import { read, type Client, type Pool } from './database';

/** Records a contact inside a batch job, so it commits with the answer or event. */
export async function recordContact(client: Client, siteId: string, customerId: string, surveyId: string, at: number): Promise<void> {
  await client.query(
    `INSERT INTO customer_contacts (site_id, customer_key, survey_id, last_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site_id, customer_key, survey_id) DO UPDATE SET last_at = greatest(customer_contacts.last_at, excluded.last_at)`,
    [siteId, customerKey(siteId, customerId), surveyId, at],
  );
}

export function createContactsRepository(pool: Pool): ContactsStore {
  return {
    async lastContacts(siteId, customerId) {
      const rows = await read(
        async () =>
          (await pool.query<{ survey_id: string; last_at: number }>('SELECT survey_id, last_at FROM customer_contacts WHERE site_id = $1 AND customer_key = $2', [siteId, customerKey(siteId, customerId)]))
            .rows,
      );
      return new Map(rows.map((r) => [r.survey_id, Number(r.last_at)]));
    },
  };
}
