// Per-day counters by attribute value on PostgreSQL, with the same caps as on SQLite (the first
// MAX_SEGMENT_VALUES values of an attribute, the first MAX_SEGMENT_ATTRIBUTES names of a site; the
// rest counted as OTHER_SEGMENT). Collectors share the database, so admitting a value takes a
// transaction-scoped advisory lock on its site: two collectors never admit past a cap together.
import type { Attributes } from '@plaudit/shared';
import { SEGMENT_COUNTERS, type Delta } from '../answer-counts';
import { MAX_SEGMENT_ATTRIBUTES, MAX_SEGMENT_VALUES, OTHER_SEGMENT, segmentValue } from '../segment-caps';
import type { Batcher } from './batch';
import { createBatchedCounters } from './counters';
import type { Client } from './database';

export function createSegmentWriter(batcher: Batcher, maxCached = 50_000) {
  const add = createBatchedCounters(batcher, 'segment_rollups', ['site_id', 'attribute', 'day', 'value', 'survey_id'], SEGMENT_COUNTERS);
  // Only what can never become false is cached: an admitted value or name stays admitted, a full
  // attribute or site stays full. Entries of a batch that rolls back are forgotten with it.
  const admitted = new Set<string>();
  const full = new Set<string>();
  let addedThisBatch: [Set<string>, string][] = [];
  const remember = (set: Set<string>, key: string) => {
    set.add(key);
    addedThisBatch.push([set, key]);
  };
  const bound = () => {
    if (admitted.size + full.size <= maxCached) return;
    admitted.clear();
    full.clear();
  };
  batcher.onBatchEnd({
    onRollback: () => {
      for (const [set, key] of addedThisBatch) set.delete(key);
      addedThisBatch = [];
      bound();
    },
    afterCommit: () => {
      addedThisBatch = [];
      bound();
    },
  });

  /** The site's admission lock, held to the end of the transaction (taking it again is harmless). */
  async function lockSite(client: Client, siteId: string): Promise<void> {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('plaudit-segments:' || $1))", [siteId]);
  }

  async function segmented(client: Client, siteId: string, attribute: string, adding: boolean): Promise<boolean> {
    const key = `${siteId}\u0000${attribute}`;
    if (admitted.has(key)) return true;
    const has = await client.query('SELECT 1 FROM segment_values WHERE site_id = $1 AND attribute = $2 LIMIT 1', [siteId, attribute]);
    if (has.rowCount) {
      remember(admitted, key);
      return true;
    }
    if (!adding || full.has(siteId)) return false;
    await lockSite(client, siteId);
    const count = await client.query('SELECT count(DISTINCT attribute) AS n FROM segment_values WHERE site_id = $1', [siteId]);
    if (Number(count.rows[0].n) >= MAX_SEGMENT_ATTRIBUTES) {
      remember(full, siteId);
      return false;
    }
    // Recorded in segment_values with its first value, in bucket().
    remember(admitted, key);
    return true;
  }

  async function bucket(client: Client, siteId: string, attribute: string, value: string, adding: boolean): Promise<string> {
    const attributeKey = `${siteId}\u0000${attribute}`;
    const key = `${attributeKey}\u0000${value}`;
    if (admitted.has(key)) return value;
    const has = await client.query('SELECT 1 FROM segment_values WHERE site_id = $1 AND attribute = $2 AND value = $3', [siteId, attribute, value]);
    if (has.rowCount) {
      remember(admitted, key);
      return value;
    }
    if (!adding || full.has(attributeKey)) return OTHER_SEGMENT;
    await lockSite(client, siteId);
    const count = await client.query('SELECT count(*) AS n FROM segment_values WHERE site_id = $1 AND attribute = $2', [siteId, attribute]);
    if (Number(count.rows[0].n) >= MAX_SEGMENT_VALUES) {
      remember(full, attributeKey);
      return OTHER_SEGMENT;
    }
    await client.query('INSERT INTO segment_values (site_id, attribute, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [siteId, attribute, value]);
    remember(admitted, key);
    return value;
  }

  /** Adds a delta to the segment of each attribute (see the SQLite writer); inside a batch job. */
  return async function addSegments(client: Client, siteId: string, surveyId: string, day: string, attributes: Attributes, delta: Delta, adding: boolean): Promise<void> {
    for (const [attribute, raw] of Object.entries(attributes)) {
      if (!(await segmented(client, siteId, attribute, adding))) continue;
      add([siteId, attribute, day, await bucket(client, siteId, attribute, segmentValue(raw), adding), surveyId], delta);
    }
  };
}
