// Surveys on PostgreSQL.
import type { SurveyCreate, SurveyPatch } from '@plaudit/shared';
import { SURVEY_COLUMNS, newSurvey, patchedSurvey, surveyFromRow, surveyValues, type SurveyRow } from '../survey-record';
import { StoreError } from '../errors';
import type { SurveysStore } from '../types';
import { holdsNul, read, type Pool } from './database';

export function createSurveysRepository(pool: Pool): SurveysStore {
  const rows = async (sql: string, params: unknown[]) => (holdsNul(params) ? [] : read(async () => (await pool.query<SurveyRow>(sql, params)).rows));
  // A survey never changes site, so its owner can be remembered for good (bounded in size).
  const ownerCache = new Map<string, string>();

  async function get(siteId: string, id: string) {
    const [row] = await rows('SELECT * FROM surveys WHERE id = $1 AND site_id = $2', [id, siteId]);
    return row && surveyFromRow(row);
  }

  return {
    async create(siteId: string, input: SurveyCreate) {
      const now = Date.now();
      const record = newSurvey(siteId, input, now);
      const n = SURVEY_COLUMNS.length;
      await read(() =>
        pool.query(
          `INSERT INTO surveys (${SURVEY_COLUMNS.join(', ')}, created_at, updated_at) VALUES (${SURVEY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, $${n + 1}, $${n + 1})`,
          [...surveyValues(record), now],
        ),
      );
      return record;
    },
    get,
    async list(siteId) {
      return (await rows('SELECT * FROM surveys WHERE site_id = $1 ORDER BY created_at, id', [siteId])).map(surveyFromRow);
    },
    async listActive(siteId) {
      return (await rows("SELECT * FROM surveys WHERE site_id = $1 AND status = 'active' ORDER BY created_at, id", [siteId])).map(surveyFromRow);
    },
    async siteOf(surveyId) {
      const cached = ownerCache.get(surveyId);
      if (cached) return cached;
      if (holdsNul([surveyId])) return undefined;
      const owner = (await read(async () => (await pool.query<{ site_id: string }>('SELECT site_id FROM surveys WHERE id = $1', [surveyId])).rows[0]))?.site_id;
      if (owner) {
        if (ownerCache.size >= 100_000) ownerCache.clear();
        ownerCache.set(surveyId, owner);
      }
      return owner;
    },
    async update(siteId, id, patch: SurveyPatch) {
      // Optimistic: the edit applies only if the survey is still as read, else it is read again, so
      // two edits at once never lose each other's retired questions.
      for (let attempt = 0; attempt < 50; attempt++) {
        const [row] = await rows('SELECT * FROM surveys WHERE id = $1 AND site_id = $2', [id, siteId]);
        if (!row) return undefined;
        const next = patchedSurvey(surveyFromRow(row), patch);
        const set = SURVEY_COLUMNS.slice(2).map((c, i) => `${c} = $${i + 3}`);
        const n = SURVEY_COLUMNS.length;
        const [updated] = await rows(
          `UPDATE surveys SET ${set.join(', ')}, updated_at = $${n + 1} WHERE id = $1 AND site_id = $2 AND updated_at = $${n + 2} AND follow_ups = $${n + 3} RETURNING *`,
          [...surveyValues(next), Date.now(), row.updated_at, row.follow_ups],
        );
        if (updated) return surveyFromRow(updated);
      }
      throw new StoreError('unavailable', 'the survey kept changing under this edit');
    },
  };
}
