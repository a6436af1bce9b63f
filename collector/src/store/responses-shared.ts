// What both engines share about responses: the row as stored, its JSON shape, and the listing
// query (newest first, keyset paging on created_at then seq).
import type { Attributes, FollowUpAnswers, FollowUpState, StoredResponse } from '@plaudit/shared';
import { StoreError } from './errors';
import type { IngestItem, ResponseFilter } from './types';

/** A responses row; PostgreSQL hands BIGINT columns back as strings and booleans as booleans. */
export interface ResponseRow {
  seq: number | string;
  id: string;
  site_id: string;
  survey_id: string;
  day: string;
  nps: number | null;
  csat: number | null;
  comment: string | null;
  consent: number | boolean | null;
  locale: string | null;
  page: string | null;
  visitor: string | null;
  customer_id: string | null;
  customer_email: string | null;
  attributes: string;
  answers: string;
  comment_keys: string | null;
  follow_up_state: FollowUpState;
  follow_up_assignee: string | null;
  first_contact_at: number | string | null;
  follow_up_changed_at: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

export const RESPONSE_COLUMNS = [
  'id',
  'site_id',
  'survey_id',
  'day',
  'nps',
  'csat',
  'comment',
  'consent',
  'locale',
  'page',
  'visitor',
  'customer_id',
  'customer_email',
  'attributes',
  'answers',
  'comment_keys',
  'created_at',
  'updated_at',
] as const;

export function toStored(row: ResponseRow): StoredResponse {
  const customer: StoredResponse['customer'] =
    row.customer_id === null && row.customer_email === null
      ? null
      : {
          ...(row.customer_id !== null && { id: row.customer_id }),
          ...(row.customer_email !== null && { email: row.customer_email }),
        };
  return {
    id: row.id,
    survey: row.survey_id,
    nps: row.nps,
    csat: row.csat,
    comment: row.comment,
    consent: row.consent === null ? null : row.consent === 1 || row.consent === true,
    locale: row.locale,
    page: row.page,
    attributes: JSON.parse(row.attributes) as Attributes,
    answers: JSON.parse(row.answers) as FollowUpAnswers,
    customer,
    followUp: {
      state: row.follow_up_state,
      assignee: row.follow_up_assignee,
      firstContactAt: row.first_contact_at === null ? null : new Date(Number(row.first_contact_at)).toISOString(),
      changedAt: row.follow_up_changed_at === null ? null : new Date(Number(row.follow_up_changed_at)).toISOString(),
    },
    createdAt: new Date(Number(row.created_at)).toISOString(),
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

/**
 * A response made by a visitor's widget is changed by that visitor only. Its id travels in a
 * referral link (`ref`) and may reach others: with the public key (public too) they could
 * otherwise rewrite the promoter's answer. A response stored without a visitor (sent by a server)
 * takes updates from anyone holding its id, as before.
 */
export function assertSameVisitor(old: ResponseRow, item: IngestItem): void {
  if (old.visitor !== null && item.visitor !== old.visitor) throw new StoreError('conflict', 'this response id belongs to another visitor');
}

/** The scores and texts of a new answer, as the counters see them. */
export function answerOf(item: IngestItem) {
  return { nps: item.nps ?? null, csat: item.csat ?? null, comment: item.comment ? item.comment : null };
}

/**
 * A stored response after another message about it (its comment, a follow-up answer): later values
 * win field by field, attributes key by key and follow-up answers question by question; what the
 * message leaves out keeps its stored value.
 */
export function mergeAnswer(old: ResponseRow, item: IngestItem) {
  const next = answerOf(item);
  return {
    nps: next.nps ?? old.nps,
    csat: next.csat ?? old.csat,
    comment: next.comment ?? old.comment,
    attributes: { ...(JSON.parse(old.attributes) as Attributes), ...item.attributes },
    answers: { ...(JSON.parse(old.answers) as FollowUpAnswers), ...item.answers },
    // Keys go with the comment they were taken from.
    commentKeys: next.comment === null ? old.comment_keys : (item.commentKeys ?? null),
  };
}

const NPS_RANGE = { promoter: [9, 10], passive: [7, 8], detractor: [0, 6] } as const;

/**
 * The page query of a listing, with `?` placeholders. SQLite is told which index walks the rows in
 * order (its planner would otherwise sort); PostgreSQL chooses well by itself.
 */
export function listQuery(engine: 'sqlite' | 'postgres', siteId: string, f: ResponseFilter): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (f.surveyId) {
    where.push('survey_id = ?', 'site_id = ?');
    params.push(f.surveyId, siteId);
  } else {
    where.push('site_id = ?');
    params.push(siteId);
  }
  if (f.fromMs !== undefined) {
    where.push('created_at >= ?');
    params.push(f.fromMs);
  }
  if (f.toMs !== undefined) {
    where.push('created_at < ?');
    params.push(f.toMs);
  }
  if (f.category) {
    const [lo, hi] = NPS_RANGE[f.category];
    where.push('nps BETWEEN ? AND ?');
    params.push(lo, hi);
  }
  if (f.hasComment !== undefined) where.push(f.hasComment ? 'comment IS NOT NULL' : 'comment IS NULL');
  if (f.followUp) {
    where.push('follow_up_state = ?');
    params.push(f.followUp);
  }
  if (f.assignee !== undefined) {
    where.push('follow_up_assignee = ?');
    params.push(f.assignee);
  }
  if (f.search) {
    // A substring, whatever % or _ it holds: LIKE's wildcards escaped. Both engines fold ASCII case.
    where.push(`comment ${engine === 'postgres' ? 'ILIKE' : 'LIKE'} ? ESCAPE '\\'`);
    params.push(`%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  if (f.after) {
    where.push('(created_at, seq) < (?, ?)');
    params.push(f.after.createdAt, f.after.seq);
  }
  const index = engine === 'sqlite' ? ` INDEXED BY ${f.surveyId ? 'responses_by_survey' : 'responses_by_site'}` : '';
  const sql = `SELECT * FROM responses${index} WHERE ${where.join(' AND ')} ORDER BY created_at DESC, seq DESC LIMIT ?`;
  return { sql, params: [...params, f.limit + 1] };
}
