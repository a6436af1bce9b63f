// Customers at risk on SQLite: ranked on the reader's thread (store/at-risk-query.ts).
import { atRiskQuery, customerTicketsQuery, lastCommentsQuery, toAtRiskFacts, toAtRiskTicket } from '../at-risk-query';
import type { AtRiskStore } from '../types';
import type { ImportJobs } from './imports';
import type { SqliteReader } from './thread';

type Row = Record<string, unknown>;

export function createAtRiskRepository(reader: SqliteReader, imports: ImportJobs): AtRiskStore {
  return {
    async rank(q) {
      await imports.settled(q.siteId);
      const { sql, params } = atRiskQuery('sqlite', q);
      const rows = await reader.all<Row>(sql, params);
      return { customers: rows.map(toAtRiskFacts), total: Number(rows[0]?.total ?? 0) };
    },
    async details(siteId, customerIds, recentSince) {
      if (customerIds.length === 0) return { comments: new Map(), tickets: [] };
      const comments = lastCommentsQuery(siteId, customerIds);
      const tickets = customerTicketsQuery('sqlite', siteId, customerIds, recentSince);
      const [commentRows, ticketRows] = await Promise.all([reader.all<Row>(comments.sql, comments.params), reader.all<Row>(tickets.sql, tickets.params)]);
      return {
        comments: new Map(commentRows.map((r) => [String(r.c), { text: String(r.comment), at: Number(r.created_at) }])),
        tickets: ticketRows.map(toAtRiskTicket),
      };
    },
  };
}
