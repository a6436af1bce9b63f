// Comments in bulk from PostgreSQL, on a connection of the calling thread's own.
import { TEXTS_PER_QUERY, commentQuery, textsQuery } from '../comment-query';
import type { CommentReader, CommentText } from '../types';
import { createPool, holdsNul, numbered } from './database';

export function createPostgresCommentReader(url: string): CommentReader {
  const pool = createPool(url, 1);
  return {
    async read(q) {
      const { sql, params } = commentQuery('postgres', q);
      if (holdsNul(params)) return [];
      const { rows } = await pool.query<{ seq: string; nps: number | null; created_at: string; comment_keys: string | null }>(numbered(sql), params);
      return rows.map((r) => ({ seq: Number(r.seq), nps: r.nps, createdAt: Number(r.created_at), keys: r.comment_keys }));
    },
    async texts(seqs) {
      const out = new Map<number, CommentText>();
      for (let i = 0; i < seqs.length; i += TEXTS_PER_QUERY) {
        const chunk = seqs.slice(i, i + TEXTS_PER_QUERY);
        const { rows } = await pool.query<{ seq: string; id: string; comment: string; locale: string | null }>(numbered(textsQuery(chunk.length)), chunk);
        for (const row of rows) out.set(Number(row.seq), { id: row.id, text: row.comment, locale: row.locale });
      }
      return out;
    },
    async close() {
      await pool.end();
    },
  };
}
