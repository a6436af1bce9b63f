// Comments in bulk from the SQLite file, on a read-only connection of the calling thread's own.
// Rows come back as arrays (raw mode): a hundred thousand objects cost more than their reading.
import Database from 'better-sqlite3';
import { TEXTS_PER_QUERY, commentQuery, textsQuery } from '../comment-query';
import type { CommentReader, CommentRow, CommentText } from '../types';

export function createSqliteCommentReader(file: string): CommentReader {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    async read(q) {
      const { sql, params } = commentQuery('sqlite', q);
      const rows = db.prepare(sql).raw().all(...params) as [number, number | null, number, string | null][];
      return rows.map(([seq, nps, createdAt, keys]): CommentRow => ({ seq, nps, createdAt, keys }));
    },
    async texts(seqs) {
      const out = new Map<number, CommentText>();
      for (let i = 0; i < seqs.length; i += TEXTS_PER_QUERY) {
        const chunk = seqs.slice(i, i + TEXTS_PER_QUERY);
        for (const row of db.prepare(textsQuery(chunk.length)).all(...chunk) as { seq: number; id: string; comment: string; locale: string | null }[]) {
          out.set(row.seq, { id: row.id, text: row.comment, locale: row.locale });
        }
      }
      return out;
    },
    async close() {
      db.close();
    },
  };
}
