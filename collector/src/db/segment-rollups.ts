// Per-day counters by attribute value (plan=pro, country=FR…), behind metrics segmented by an
// attribute. Like the daily rollups, writers pass contributions that are summed per batch and
// written with one upsert per row when the batch commits.
//
// Each attribute of a site keeps its own row for at most MAX_SEGMENT_VALUES values; later new
// values are counted under OTHER_SEGMENT, so an id-like attribute (an order number) cannot make
// this table grow by a row per answer. A value keeps its bucket for good: the set of values with
// rows only grows, so removing an answer takes it out of the row it was added to.
import type { Attributes } from '@plaudit/shared';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import { CSAT_COLUMNS, NPS_COLUMNS } from './rollups';

export const MAX_SEGMENT_VALUES = 100;
export const OTHER_SEGMENT = '(other)';

const COUNTERS = ['responses', 'comments', ...NPS_COLUMNS, ...CSAT_COLUMNS];
const NPS_OFFSET = 2;
const CSAT_OFFSET = NPS_OFFSET + NPS_COLUMNS.length - 1; // csat1 sits at CSAT_OFFSET + 1

/** What one answer adds to (sign 1) or takes from (sign −1) each segment it belongs to. */
export interface Contribution {
  sign: 1 | -1;
  comment: string | null;
  nps: number | null;
  csat: number | null;
}

/** An attribute value as its segment's name: numbers and booleans as JSON writes them. */
export const segmentValue = (v: string | number | boolean): string => (typeof v === 'string' ? v : String(v));

export function createSegmentWriter(db: Db, commits: GroupCommit) {
  const upsert = db.prepare(
    `INSERT INTO segment_rollups (site_id, attribute, day, value, survey_id, ${COUNTERS.join(', ')})
     VALUES (?, ?, ?, ?, ?, ${COUNTERS.map(() => '?').join(', ')})
     ON CONFLICT (site_id, attribute, day, value, survey_id) DO UPDATE SET
       ${COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(',\n       ')}`,
  );
  const valuesOf = db.prepare<[string, string], string>(
    'SELECT DISTINCT value FROM segment_rollups WHERE site_id = ? AND attribute = ?',
  ).pluck();

  /** Values with a row of their own, per site and attribute; read from the table once. */
  const known = new Map<string, Set<string>>();
  /** Values this batch gave a row; forgotten again if it rolls back. */
  let addedThisBatch: [Set<string>, string][] = [];
  const pending = new Map<string, { key: string[]; values: number[] }>();

  commits.onBatchEnd(
    () => {
      for (const p of pending.values()) {
        if (p.values.some((v) => v !== 0)) upsert.run(...p.key, ...p.values);
      }
      pending.clear();
      addedThisBatch = [];
    },
    () => {
      pending.clear();
      for (const [set, value] of addedThisBatch) set.delete(value);
      addedThisBatch = [];
    },
  );

  function bucket(siteId: string, attribute: string, value: string, adding: boolean): string {
    const setKey = `${siteId}\u0000${attribute}`;
    let values = known.get(setKey);
    if (!values) {
      values = new Set(valuesOf.all(siteId, attribute));
      known.set(setKey, values);
    }
    if (values.has(value)) return value;
    if (!adding || values.size >= MAX_SEGMENT_VALUES) return OTHER_SEGMENT;
    values.add(value);
    addedThisBatch.push([values, value]);
    return value;
  }

  /** Adds an answer's contribution to the segment of each of its attributes; inside a GroupCommit job. */
  return function applySegments(siteId: string, surveyId: string, day: string, attributes: Attributes, c: Contribution): void {
    for (const [attribute, raw] of Object.entries(attributes)) {
      const value = bucket(siteId, attribute, segmentValue(raw), c.sign > 0);
      const id = `${attribute}\u0000${day}\u0000${value}\u0000${surveyId}\u0000${siteId}`;
      let p = pending.get(id);
      if (!p) {
        p = { key: [siteId, attribute, day, value, surveyId], values: new Array<number>(COUNTERS.length).fill(0) };
        pending.set(id, p);
      }
      const v = p.values;
      v[0]! += c.sign;
      if (c.comment !== null) v[1]! += c.sign;
      if (c.nps !== null) v[NPS_OFFSET + c.nps]! += c.sign;
      if (c.csat !== null) v[CSAT_OFFSET + c.csat]! += c.sign;
    }
  };
}

/**
 * Recomputes the segment rollups of one site (or of every site) from the responses table: the
 * MAX_SEGMENT_VALUES most frequent values of each attribute get a row, the rest go to OTHER.
 * For migrations and bulk loads; the caller owns the transaction.
 */
export function rebuildSegmentRollups(db: Db, siteId?: string): number {
  const counters = [
    'COUNT(*)',
    'COUNT(p.comment)',
    ...NPS_COLUMNS.map((_, s) => `SUM(p.nps IS ${s})`),
    ...CSAT_COLUMNS.map((_, i) => `SUM(p.csat IS ${i + 1})`),
  ];
  const site = siteId === undefined ? '' : 'AND r.site_id = @siteId';
  db.prepare(`DELETE FROM segment_rollups ${siteId === undefined ? '' : 'WHERE site_id = @siteId'}`).run(siteId === undefined ? {} : { siteId });
  return db
    .prepare(
      `WITH pairs AS (
         SELECT r.site_id, r.survey_id, r.day, r.nps, r.csat, r.comment, a.key AS attribute,
           CASE a.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(a.value AS TEXT) END AS value
         FROM responses r, json_each(r.attributes) a
         WHERE a.type IN ('text', 'integer', 'real', 'true', 'false') ${site}
       ),
       ranked AS (
         SELECT site_id, attribute, value,
           ROW_NUMBER() OVER (PARTITION BY site_id, attribute ORDER BY COUNT(*) DESC, value) AS rank
         FROM pairs GROUP BY site_id, attribute, value
       )
       INSERT INTO segment_rollups (site_id, attribute, day, value, survey_id, ${COUNTERS.join(', ')})
       SELECT p.site_id, p.attribute, p.day,
         CASE WHEN k.rank <= ${MAX_SEGMENT_VALUES} THEN p.value ELSE '${OTHER_SEGMENT}' END AS segment,
         p.survey_id, ${counters.join(', ')}
       FROM pairs p JOIN ranked k USING (site_id, attribute, value)
       GROUP BY p.site_id, p.attribute, p.day, segment, p.survey_id`,
    )
    .run(siteId === undefined ? {} : { siteId }).changes;
}
