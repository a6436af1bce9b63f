// Customers at risk on PostgreSQL (see ../at-risk-query.ts).
import { atRiskQuery, customerTicketsQuery, lastCommentsQuery, toAtRiskFacts, toAtRiskTicket } from '../at-risk-query';
import type { AtRiskStore } from '../types';
import { numbered, read, type Pool } from './database';

type Row = Record<string, unknown>;

export function createAtRiskRepository(pool: Pool): AtRiskStore {
  const all = (query: { sql: string; params: unknown[] }) => read(async () => (await pool.query<Row>(numbered(query.sql), query.params)).rows);
  return {
    async rank(q) {
      const rows = await all(atRiskQuery('postgres', q));
      return { customers: rows.map(toAtRiskFacts), total: Number(rows[0]?.total ?? 0) };
    },
    async details(siteId, customerIds, recentSince) {
      if (customerIds.length === 0) return { comments: new Map(), tickets: [] };
      const [commentRows, ticketRows] = await Promise.all([all(lastCommentsQuery(siteId, customerIds)), all(customerTicketsQuery('postgres', siteId, customerIds, recentSince))]);
      return {
        comments: new Map(commentRows.map((r) => [String(r.c), { text: String(r.comment), at: Number(r.created_at) }])),
        tickets: ticketRows.map(toAtRiskTicket),
      };
    },
  };
}
