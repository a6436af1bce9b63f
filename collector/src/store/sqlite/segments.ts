// Segment counters on SQLite (see ../segment-caps.ts for what they count and their caps).
import type { Attributes } from '@plaudit/shared';
import type { Db } from './database';
import type { GroupCommit } from './group-commit';
import { SEGMENT_COUNTERS, type Delta } from '../answer-counts';
import { MAX_CACHED_SEGMENT_VALUES, MAX_SEGMENT_ATTRIBUTES, MAX_SEGMENT_VALUES, OTHER_SEGMENT, segmentValue } from '../segment-caps';
import { CSAT_COLUMNS, NPS_COLUMNS, createBatchedCounters } from './counters';

export { MAX_CACHED_SEGMENT_VALUES, MAX_SEGMENT_ATTRIBUTES, MAX_SEGMENT_VALUES, OTHER_SEGMENT, segmentValue } from '../segment-caps';

const COUNTERS = SEGMENT_COUNTERS;

/** segmentValue for a json_each() row: booleans arrive as 1/0 with their JSON type beside them. */
function segmentValueOfJson(type: unknown, value: unknown): string {
  if (type === 'true' || type === 'false') return type;
  return segmentValue(value as string | number);
}


export function createSegmentWriter(db: Db, commits: GroupCommit, maxCachedValues = MAX_CACHED_SEGMENT_VALUES) {
  const add = createBatchedCounters(db, commits, 'segment_rollups', ['site_id', 'attribute', 'day', 'value', 'survey_id'], COUNTERS);
  const hasValue = db.prepare<[string, string, string], number>('SELECT 1 FROM segment_values WHERE site_id = ? AND attribute = ? AND value = ?').pluck();
  const countValues = db.prepare<[string, string], number>('SELECT count(*) FROM segment_values WHERE site_id = ? AND attribute = ?').pluck();
  const hasAttribute = db.prepare<[string, string], number>('SELECT 1 FROM segment_values WHERE site_id = ? AND attribute = ? LIMIT 1').pluck();
  const countAttributes = db.prepare<[string], number>('SELECT count(DISTINCT attribute) FROM segment_values WHERE site_id = ?').pluck();
  const admit = db.prepare('INSERT OR IGNORE INTO segment_values (site_id, attribute, value) VALUES (?, ?, ?)');

  // The caches hold only what can never become false: a value or name once admitted stays
  // admitted, and a full attribute or site stays full. Anything else is asked of segment_values,
  // inside the batch's IMMEDIATE transaction, so that two processes writing one file agree on
  // which values are admitted and never admit more than the caps between them.
  /** Admitted values and names, keyed `site\0attribute\0value` and `site\0attribute`. */
  const admitted = new Set<string>();
  /** Attributes (`site\0attribute`) holding MAX_SEGMENT_VALUES values, and sites holding MAX_SEGMENT_ATTRIBUTES names. */
  const full = new Set<string>();
  /** Entries this batch added; forgotten again if it rolls back. */
  let addedThisBatch: [Set<string>, string][] = [];

  const remember = (set: Set<string>, key: string) => {
    set.add(key);
    addedThisBatch.push([set, key]);
  };

  /** Between batches only: an entry dropped mid-batch would miss this batch's rollback. */
  function boundCaches(): void {
    if (admitted.size + full.size <= maxCachedValues) return;
    admitted.clear();
    full.clear();
  }

  commits.onBatchEnd({
    onRollback: () => {
      for (const [set, key] of addedThisBatch) set.delete(key);
      addedThisBatch = [];
      boundCaches();
    },
    afterCommit: () => {
      addedThisBatch = [];
      boundCaches();
    },
  });

  /** Whether the attribute is segmented; a new name is admitted while the site has room. */
  function segmented(siteId: string, attribute: string, adding: boolean): boolean {
    const key = `${siteId}\u0000${attribute}`;
    if (admitted.has(key)) return true;
    if (hasAttribute.get(siteId, attribute) !== undefined) {
      remember(admitted, key);
      return true;
    }
    if (!adding || full.has(siteId)) return false;
    if (countAttributes.get(siteId)! >= MAX_SEGMENT_ATTRIBUTES) {
      remember(full, siteId);
      return false;
    }
    // Recorded in segment_values with its first value, in bucket().
    remember(admitted, key);
    return true;
  }

  function bucket(siteId: string, attribute: string, value: string, adding: boolean): string {
    const attributeKey = `${siteId}\u0000${attribute}`;
    const key = `${attributeKey}\u0000${value}`;
    if (admitted.has(key)) return value;
    if (hasValue.get(siteId, attribute, value) !== undefined) {
      remember(admitted, key);
      return value;
    }
    if (!adding || full.has(attributeKey)) return OTHER_SEGMENT;
    if (countValues.get(siteId, attribute)! >= MAX_SEGMENT_VALUES) {
      remember(full, attributeKey);
      return OTHER_SEGMENT;
    }
    admit.run(siteId, attribute, value);
    remember(admitted, key);
    return value;
  }

  /**
   * Adds a delta to the segment of each attribute; inside a GroupCommit job. `adding` is true when
   * an answer comes into these segments (new names and values may then be admitted), false when it
   * leaves them (it is taken out of the rows it was added to).
   */
  function applySegments(siteId: string, surveyId: string, day: string, attributes: Attributes, delta: Delta, adding: boolean): void {
    for (const [attribute, raw] of Object.entries(attributes)) {
      if (!segmented(siteId, attribute, adding)) continue;
      add([siteId, attribute, day, bucket(siteId, attribute, segmentValue(raw), adding), surveyId], delta);
    }
  }
  /** How many entries the caches hold now. */
  const cachedValues = () => admitted.size + full.size;
  return Object.assign(applySegments, { cachedValues });
}

/**
 * Recomputes the segment rollups of one site (or of every site) from the responses table: the
 * MAX_SEGMENT_ATTRIBUTES most frequent attribute names are segmented, and the MAX_SEGMENT_VALUES
 * most frequent values of each get a row, the rest go to OTHER.
 * For migrations and bulk loads; the caller owns the transaction.
 */
export function rebuildSegmentRollups(db: Db, siteId?: string): number {
  const params = siteId === undefined ? {} : { siteId };
  const sums = COUNTERS.map((c) => `SUM(${c}) AS ${c}`).join(', ');
  const ofSite = siteId === undefined ? '' : 'WHERE site_id = @siteId';
  db.function('plaudit_segment_value', { deterministic: true }, segmentValueOfJson);
  db.prepare(`DELETE FROM segment_rollups ${ofSite}`).run(params);
  db.prepare(`DELETE FROM segment_values ${ofSite}`).run(params);
  // One pass over the answers' attributes counts every value; the values that keep a row of their
  // own are then ranked from those counts, and the rest folded into OTHER.
  db.exec('DROP TABLE IF EXISTS temp.segment_counts; DROP TABLE IF EXISTS temp.segment_ranks');
  try {
    db.prepare(
      `CREATE TEMP TABLE segment_counts AS
       SELECT r.site_id, a.key AS attribute,
         plaudit_segment_value(a.type, a.value) AS value,
         r.day, r.survey_id, COUNT(*) AS responses, COUNT(r.comment) AS comments,
         ${NPS_COLUMNS.map((c, s) => `SUM(r.nps IS ${s}) AS ${c}`).join(', ')},
         ${CSAT_COLUMNS.map((c, i) => `SUM(r.csat IS ${i + 1}) AS ${c}`).join(', ')}
       FROM responses r, json_each(r.attributes) a
       WHERE a.type IN ('text', 'integer', 'real', 'true', 'false') ${siteId === undefined ? '' : 'AND r.site_id = @siteId'}
       GROUP BY 1, 2, 3, 4, 5`,
    ).run(params);
    db.exec(
      `DELETE FROM temp.segment_counts WHERE (site_id, attribute) NOT IN (
         SELECT site_id, attribute FROM (
           SELECT site_id, attribute,
             ROW_NUMBER() OVER (PARTITION BY site_id ORDER BY SUM(responses) DESC, attribute) AS rank
           FROM temp.segment_counts GROUP BY site_id, attribute
         ) WHERE rank <= ${MAX_SEGMENT_ATTRIBUTES}
       );
       CREATE TEMP TABLE segment_ranks (site_id TEXT, attribute TEXT, value TEXT, PRIMARY KEY (site_id, attribute, value)) WITHOUT ROWID;
       INSERT INTO temp.segment_ranks
       SELECT site_id, attribute, value FROM (
         SELECT site_id, attribute, value,
           ROW_NUMBER() OVER (PARTITION BY site_id, attribute ORDER BY SUM(responses) DESC, value) AS rank
         FROM temp.segment_counts GROUP BY site_id, attribute, value
       ) WHERE rank <= ${MAX_SEGMENT_VALUES};
       INSERT INTO segment_values SELECT site_id, attribute, value FROM temp.segment_ranks`,
    );
    return db
      .prepare(
        `INSERT INTO segment_rollups (site_id, attribute, day, value, survey_id, ${COUNTERS.join(', ')})
         SELECT c.site_id, c.attribute, c.day, CASE WHEN k.value IS NULL THEN '${OTHER_SEGMENT}' ELSE c.value END AS segment,
           c.survey_id, ${sums}
         FROM temp.segment_counts c
         LEFT JOIN temp.segment_ranks k ON k.site_id = c.site_id AND k.attribute = c.attribute AND k.value = c.value
         GROUP BY c.site_id, c.attribute, c.day, segment, c.survey_id`,
      )
      .run().changes;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.segment_counts; DROP TABLE IF EXISTS temp.segment_ranks');
  }
}
