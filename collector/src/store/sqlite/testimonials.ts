// Quotes on SQLite: listed on the reader's thread, reviewed through the group commit.
import { quoteListQuery, toQuote, type QuoteRow } from '../testimonial-record';
import type { TestimonialsStore } from '../types';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import type { SqliteReader } from './thread';

export function createTestimonialsRepository(db: Db, commits: GroupCommit, reader: SqliteReader): TestimonialsStore {
  const one = db.prepare<[string, string], QuoteRow>('SELECT t.*, r.nps, r.csat FROM testimonials t JOIN responses r ON r.id = t.response_id WHERE t.response_id = ? AND t.site_id = ?');
  const review = db.prepare('UPDATE testimonials SET status = ?, display_name = ?, reviewed_at = ?, reviewed_by = ? WHERE response_id = ? AND site_id = ?');
  return {
    async list(siteId, q) {
      const { sql, params } = quoteListQuery(siteId, q);
      return (await reader.all<QuoteRow>(sql, params)).map(toQuote);
    },
    review(siteId, responseId, decision, actor, now) {
      return commits.write(() => {
        const current = one.get(responseId, siteId);
        if (!current) return undefined;
        const displayName = decision.displayName === undefined ? current.display_name : decision.displayName;
        review.run(decision.status, displayName, now, actor, responseId, siteId);
        return toQuote(one.get(responseId, siteId)!);
      });
    },
  };
}
