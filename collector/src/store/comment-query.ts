// The bulk comment queries both engines run (with `?` placeholders): every comment of a range with
// its stored keys, then the texts of the few that need them.
import type { CommentQuery } from './types';

export function commentQuery(engine: 'sqlite' | 'postgres', q: CommentQuery): { sql: string; params: (string | number)[] } {
  const where = ['site_id = ?', 'comment IS NOT NULL'];
  const params: (string | number)[] = [q.siteId];
  if (q.surveyId) {
    where.push('survey_id = ?');
    params.push(q.surveyId);
  }
  if (q.fromMs !== undefined) {
    where.push('created_at >= ?');
    params.push(q.fromMs);
  }
  if (q.toMs !== undefined) {
    where.push('created_at < ?');
    params.push(q.toMs);
  }
  const index = engine === 'sqlite' ? ' INDEXED BY responses_comment_keys' : '';
  const limit = q.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(q.limit))}`;
  return { sql: `SELECT seq, nps, created_at, comment_keys FROM responses${index} WHERE ${where.join(' AND ')} ORDER BY created_at DESC${limit}`, params };
}

/** The texts of some comments, by seq; at most this many seqs per query. */
export const TEXTS_PER_QUERY = 500;
export const textsQuery = (count: number) => `SELECT seq, id, comment, locale FROM responses WHERE seq IN (${Array(count).fill('?').join(', ')})`;
