// Follow-up answers counted for a survey's results: one query both engines run, written once here
// with their JSON functions side by side. It groups by question, what was answered and the score,
// so its result stays small (questions × options × 12 scores) however many answers it reads.
import type { AnswerTally, TallyQuery } from './types';

const JSON_SQL = {
  sqlite: {
    each: 'json_each(r.answers) a',
    has: (field: string) => `json_type(a.value, '$.${field}') IS NOT NULL`,
    text: (field: string) => `json_extract(a.value, '$.${field}')`,
    choices: `json_each(a.value, '$.choices') c`,
    // A segment value as the segment counters name it: booleans as true/false, numbers as text.
    attribute: `EXISTS (SELECT 1 FROM json_each(r.attributes) x WHERE x.key = ? AND (CASE x.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(x.value AS TEXT) END) = ?)`,
    from: 'responses r INDEXED BY responses_by_survey',
    falseValue: '0',
  },
  postgres: {
    each: 'LATERAL jsonb_each(r.answers::jsonb) a',
    has: (field: string) => `a.value -> '${field}' IS NOT NULL`,
    text: (field: string) => `(a.value ->> '${field}')`,
    choices: `LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(a.value -> 'choices') = 'array' THEN a.value -> 'choices' ELSE '[]'::jsonb END) c`,
    attribute: `(r.attributes::jsonb ->> ?) = ?`,
    from: 'responses r',
    falseValue: 'false',
  },
} as const;

/**
 * The tally query with `?` placeholders. Rows of kind `answer` count each response's answer to a
 * question once; rows of kind `option` count each option ticked in a multiple choice.
 */
export function tallyQuery(engine: 'sqlite' | 'postgres', q: TallyQuery): { sql: string; params: string[] } {
  const j = JSON_SQL[engine];
  const where = ['r.survey_id = ?', 'r.site_id = ?', "r.answers <> '{}'"];
  const params: string[] = [q.surveyId, q.siteId];
  if (q.fromDay) {
    where.push('r.day >= ?');
    params.push(q.fromDay);
  }
  if (q.toDay) {
    where.push('r.day <= ?');
    params.push(q.toDay);
  }
  if (q.segment) {
    where.push(j.attribute);
    params.push(q.segment.attribute, q.segment.value);
  }
  const filter = where.join(' AND ');
  const token = `CASE
      WHEN ${j.has('choice')} THEN 'choice:' || ${j.text('choice')}
      WHEN ${j.has('rating')} THEN 'rating:' || ${j.text('rating')}
      WHEN ${j.has('text')} THEN 'text'
      WHEN ${j.has('choices')} THEN 'choices'
      ELSE 'other' END`;
  const sql = `SELECT a.key AS question, ${token} AS token, ${j.has('other')} AS other, r.nps AS nps, r.csat AS csat, 'answer' AS kind, count(*) AS count
    FROM ${j.from} CROSS JOIN ${j.each} WHERE ${filter} GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT a.key, 'choice:' || c.value, ${j.falseValue}, r.nps, r.csat, 'option', count(*)
    FROM ${j.from} CROSS JOIN ${j.each} CROSS JOIN ${j.choices} WHERE ${filter} GROUP BY 1, 2, 3, 4, 5`;
  return { sql, params: [...params, ...params] };
}

/** A tally row as either engine returns it (counts may be strings, flags 0/1 or booleans). */
export function toTally(row: Record<string, unknown>): AnswerTally {
  return {
    question: String(row.question),
    kind: row.kind === 'option' ? 'option' : 'answer',
    token: String(row.token),
    other: row.other === 1 || row.other === true,
    nps: row.nps === null ? null : Number(row.nps),
    csat: row.csat === null ? null : Number(row.csat),
    count: Number(row.count),
  };
}
