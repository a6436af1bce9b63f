// Surveys on SQLite. An edit reads and writes in one synchronous step, so no other request's edit
// can fall between the two.
import type { SurveyCreate, SurveyPatch } from '@plaudit/shared';
import { SURVEY_COLUMNS, newSurvey, patchedSurvey, surveyFromRow, surveyValues, type SurveyRow } from '../survey-record';
import type { SurveyRecord, SurveysStore } from '../types';
import type { Db } from './database';

export function createSurveysRepository(db: Db): SurveysStore {
  const insert = db.prepare(`INSERT INTO surveys (${SURVEY_COLUMNS.join(', ')}, created_at, updated_at) VALUES (${SURVEY_COLUMNS.map(() => '?').join(', ')}, ?, ?)`);
  const byId = db.prepare<[string, string], SurveyRow>('SELECT * FROM surveys WHERE id = ? AND site_id = ?');
  const bySite = db.prepare<[string], SurveyRow>('SELECT * FROM surveys WHERE site_id = ? ORDER BY created_at, id');
  const activeBySite = db.prepare<[string], SurveyRow>(`SELECT * FROM surveys WHERE site_id = ? AND status = 'active' ORDER BY created_at, id`);
  const siteOf = db.prepare<[string], { site_id: string }>('SELECT site_id FROM surveys WHERE id = ?');
  // Columns after id and site_id, then updated_at, then the key.
  const update = db.prepare(
    `UPDATE surveys SET ${SURVEY_COLUMNS.slice(2)
      .map((c) => `${c} = ?`)
      .join(', ')}, updated_at = ? WHERE id = ? AND site_id = ?`,
  );

  // A survey never changes site, so its owner can be remembered for good (bounded in size).
  const ownerCache = new Map<string, string>();

  return {
    async create(siteId: string, input: SurveyCreate): Promise<SurveyRecord> {
      const now = Date.now();
      const record = newSurvey(siteId, input, now);
      insert.run(...surveyValues(record), now, now);
      return record;
    },

    async get(siteId: string, id: string): Promise<SurveyRecord | undefined> {
      const row = byId.get(id, siteId);
      return row && surveyFromRow(row);
    },

    async list(siteId: string): Promise<SurveyRecord[]> {
      return bySite.all(siteId).map(surveyFromRow);
    },

    async listActive(siteId: string): Promise<SurveyRecord[]> {
      return activeBySite.all(siteId).map(surveyFromRow);
    },

    /** The site a survey belongs to, whatever its status. */
    async siteOf(surveyId: string): Promise<string | undefined> {
      const cached = ownerCache.get(surveyId);
      if (cached) return cached;
      const owner = siteOf.get(surveyId)?.site_id;
      if (owner) {
        if (ownerCache.size >= 100_000) ownerCache.clear();
        ownerCache.set(surveyId, owner);
      }
      return owner;
    },

    async update(siteId: string, id: string, patch: SurveyPatch): Promise<SurveyRecord | undefined> {
      const row = byId.get(id, siteId);
      if (!row) return undefined;
      const next = patchedSurvey(surveyFromRow(row), patch);
      update.run(...surveyValues(next).slice(2), Date.now(), id, siteId);
      return surveyFromRow(byId.get(id, siteId)!);
    },
  };
}
