// Quotes on PostgreSQL.
import { quoteListQuery, toQuote, type QuoteRow } from '../testimonial-record';
import type { TestimonialsStore } from '../types';
import type { Batcher } from './batch';
import { holdsNul, numbered, read, type Pool } from './database';

const ONE = 'SELECT t.*, r.nps, r.csat FROM testimonials t JOIN responses r ON r.id = t.response_id WHERE t.response_id = $1 AND t.site_id = $2';

export function createTestimonialsRepository(pool: Pool, batcher: Batcher): TestimonialsStore {
  return {
    async list(siteId, q) {
      const { sql, params } = quoteListQuery(siteId, q);
      if (holdsNul(params)) return [];
      return (await read(async () => (await pool.query<QuoteRow>(numbered(sql), params)).rows)).map(toQuote);
    },
    async review(siteId, responseId, decision, actor, now) {
      if (holdsNul([responseId])) return undefined;
      return batcher.write(async (client) => {
        const current = (await client.query<QuoteRow>(`${ONE} FOR UPDATE OF t`, [responseId, siteId])).rows[0];
        if (!current) return undefined;
        const displayName = decision.displayName === undefined ? current.display_name : decision.displayName;
        await client.query('UPDATE testimonials SET status = $1, display_name = $2, reviewed_at = $3, reviewed_by = $4 WHERE response_id = $5 AND site_id = $6', [decision.status, displayName, now, actor, responseId, siteId]);
        return toQuote((await client.query<QuoteRow>(ONE, [responseId, siteId])).rows[0]!);
      });
    },
  };
}
