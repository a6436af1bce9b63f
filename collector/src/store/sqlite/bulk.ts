// Bulk work for the seeding tool and the benchmark: many rows inserted at once, the rollups
// rebuilt from the responses table in one statement, and every id of a site read back.
//
// Unlike the other repositories, these methods are synchronous. This is a maintenance path that
// runs with the database to itself, a better-sqlite3 transaction cannot span an `await`, and a
// promise per row would cost more than the insert itself at a million rows. Another store would
// bring its own bulk path (COPY for PostgreSQL) rather than implement this one.
import { CSAT_SCALE, NPS_SCALE } from '@plaudit/shared';
import type { Db } from './database';
import { CSAT_COLUMNS, NPS_COLUMNS } from './counters';
import { rebuildSegmentRollups } from './segments';

/** One response row as stored; `attributes` is already JSON. */
export interface BulkResponseRow {
  id: string;
  siteId: string;
  surveyId: string;
  /** Local date of `createdAt` in the site's time zone. */
  day: string;
  nps: number | null;
  csat: number | null;
  comment: string | null;
  consent: boolean | null;
  locale: string | null;
  page: string | null;
  visitor: string | null;
  customerId: string | null;
  customerEmail: string | null;
  attributes: string;
  /** Follow-up answers, already JSON. */
  answers: string;
  /** The comment's theme keys, already JSON (or null). */
  commentKeys: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface BulkSettings {
  /** SQLite page cache for the bulk run, in MiB. */
  cacheMiB?: number;
}

export function createBulkRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO responses (id, site_id, survey_id, day, nps, csat, comment, consent, locale, page, visitor,
       customer_id, customer_email, attributes, answers, comment_keys, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMany = db.transaction((rows: Iterator<BulkResponseRow>, limit: number) => {
    let count = 0;
    while (count < limit) {
      const next = rows.next();
      if (next.done) break;
      const r = next.value;
      insert.run(
        r.id,
        r.siteId,
        r.surveyId,
        r.day,
        r.nps,
        r.csat,
        r.comment,
        r.consent === null ? null : r.consent ? 1 : 0,
        r.locale,
        r.page,
        r.visitor,
        r.customerId,
        r.customerEmail,
        r.attributes,
        r.answers,
        r.commentKeys,
        r.createdAt,
        r.updatedAt,
      );
      count++;
    }
    return count;
  });

  // Impressions are not kept per response, so a rebuild takes a response rate per survey (in
  // percent) and derives them; a seeded site has no real events to preserve, and a survey given
  // no rate gets no impressions (an unknown rate, not 100 %). `IS` never yields NULL, so every
  // counter is an integer even for a day without NPS or CSAT answers.
  const counters = [
    ...NPS_SCALE.map((s, i) => `SUM(r.nps IS ${s}) AS ${NPS_COLUMNS[i]}`),
    ...CSAT_SCALE.map((s, i) => `SUM(r.csat IS ${s}) AS ${CSAT_COLUMNS[i]}`),
  ];
  const deleteRollups = db.prepare('DELETE FROM daily_rollups WHERE site_id = ?');
  const rebuildRollups = db.prepare(
    `INSERT INTO daily_rollups (survey_id, day, site_id, responses, comments, impressions, dismissals, cta_shown, cta_clicks,
       ${[...NPS_COLUMNS, ...CSAT_COLUMNS].join(', ')})
     SELECT survey_id, day, site_id, responses, comments, impressions,
       CAST(round(max(0, impressions - responses) * @dismissShare) AS INTEGER),
       cta_shown, CAST(cta_shown * cta_percent / 100.0 + dither AS INTEGER),
       ${[...NPS_COLUMNS, ...CSAT_COLUMNS].join(', ')}
     FROM (
       SELECT r.survey_id, r.day, r.site_id, COUNT(*) AS responses, COUNT(r.comment) AS comments,
         CASE WHEN rates.value IS NULL THEN 0
           ELSE max(COUNT(*), CAST(round(COUNT(*) * 100.0 / rates.value) AS INTEGER)) END AS impressions,
         CASE WHEN cta.value IS NULL THEN 0 ELSE SUM(r.nps >= 9) END AS cta_shown,
         coalesce(cta.value, 0) AS cta_percent,
         -- A fraction spread evenly over [0, 1) by the day (golden-ratio steps): rounding a few
         -- promoters a day with it keeps the expected clicks, where round() would lose them.
         (julianday(r.day) * 0.6180339887) - CAST(julianday(r.day) * 0.6180339887 AS INTEGER) AS dither,
         ${counters.join(',\n         ')}
       FROM responses r LEFT JOIN json_each(@rates) AS rates ON rates.key = r.survey_id
         LEFT JOIN json_each(@cta) AS cta ON cta.key = r.survey_id
       WHERE r.site_id = @siteId
       GROUP BY r.survey_id, r.day
     )`,
  );
  const idsOfSite = db.prepare<[string], { id: string }>('SELECT id FROM responses WHERE site_id = ?');
  const rebuild = db.transaction((siteId: string, rates: string, dismissShare: number, cta: string) => {
    deleteRollups.run(siteId);
    rebuildSegmentRollups(db, siteId);
    return rebuildRollups.run({ siteId, rates, dismissShare, cta }).changes;
  });

  return {
    /**
     * Inserts up to `limit` rows drawn from `rows` in one transaction and returns how many it
     * took (fewer only when the iterator ran out). Rows can be produced as they are inserted.
     */
    insertResponses(rows: Iterator<BulkResponseRow> | Iterable<BulkResponseRow>, limit = Infinity): number {
      return insertMany(Symbol.iterator in rows ? rows[Symbol.iterator]() : rows, limit);
    },

    /**
     * Replaces the site's daily (and segment) rollups with counts computed from its responses. Impressions are
     * responses ÷ the survey's response rate; `dismissShare` of the shown-but-unanswered count as
     * dismissals. Every promoter of a survey in `ctaClickPercent` counts as shown its next step, and
     * that percent of them as clicking it. Returns the number of rollup rows written.
     */
    rebuildRollups(siteId: string, responseRatePercent: Record<string, number>, dismissShare = 0.4, ctaClickPercent: Record<string, number> = {}): number {
      for (const [surveyId, rate] of Object.entries(responseRatePercent)) {
        if (!(rate > 0 && rate <= 100)) throw new RangeError(`response rate of ${surveyId} must be in (0, 100], got ${rate}`);
      }
      return rebuild(siteId, JSON.stringify(responseRatePercent), dismissShare, JSON.stringify(ctaClickPercent));
    },

    /** Every response id of a site, streamed; the benchmark matches them with the answers it got acknowledged. */
    *responseIds(siteId: string): Generator<string> {
      for (const row of idsOfSite.iterate(siteId)) yield row.id;
    },

    /**
     * Runs `fn` with durability traded for speed (synchronous=OFF, a larger cache, temp data in
     * memory), then restores the previous settings and checkpoints the WAL into the main file.
     * A crash mid-way can lose the seeded rows, never corrupt the file (WAL stays on).
     */
    withBulkSettings<T>(fn: () => T, settings: BulkSettings = {}): T {
      const previous = {
        synchronous: db.pragma('synchronous', { simple: true }) as number,
        cacheSize: db.pragma('cache_size', { simple: true }) as number,
        tempStore: db.pragma('temp_store', { simple: true }) as number,
      };
      db.pragma('synchronous = OFF');
      db.pragma(`cache_size = ${-1024 * Math.max(2, Math.round(settings.cacheMiB ?? 256))}`);
      db.pragma('temp_store = MEMORY');
      try {
        return fn();
      } finally {
        db.pragma(`synchronous = ${previous.synchronous}`);
        db.pragma(`cache_size = ${previous.cacheSize}`);
        db.pragma(`temp_store = ${previous.tempStore}`);
        db.pragma('wal_checkpoint(TRUNCATE)');
      }
    },
  };
}

export type BulkRepository = ReturnType<typeof createBulkRepository>;
