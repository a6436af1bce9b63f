// Change markers on SQLite.
import { randomId } from '../../lib/keys';
import { toMarker, type MarkerRow } from '../markers-row';
import type { MarkersStore } from '../types';
import type { Db } from './database';

export function createMarkersRepository(db: Db): MarkersStore {
  const insert = db.prepare('INSERT INTO markers (id, site_id, survey_id, day, label, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const byId = db.prepare<[string, string], MarkerRow>('SELECT * FROM markers WHERE id = ? AND site_id = ?');
  const remove = db.prepare('DELETE FROM markers WHERE id = ? AND site_id = ?');
  return {
    async create(siteId, input) {
      const marker = { id: randomId('mk_'), site_id: siteId, survey_id: input.surveyId ?? null, day: input.day, label: input.label, created_at: Date.now() };
      insert.run(marker.id, marker.site_id, marker.survey_id, marker.day, marker.label, marker.created_at);
      return toMarker(marker);
    },
    async list(siteId, q) {
      const where = ['site_id = ?'];
      const params: string[] = [siteId];
      if (q.fromDay) (where.push('day >= ?'), params.push(q.fromDay));
      if (q.toDay) (where.push('day <= ?'), params.push(q.toDay));
      if (q.surveyId) (where.push('(survey_id IS NULL OR survey_id = ?)'), params.push(q.surveyId));
      return (db.prepare<string[], MarkerRow>(`SELECT * FROM markers WHERE ${where.join(' AND ')} ORDER BY day, created_at LIMIT 1000`).all(...params)).map(toMarker);
    },
    async get(siteId, id) {
      const row = byId.get(id, siteId);
      return row && toMarker(row);
    },
    async delete(siteId, id) {
      return remove.run(id, siteId).changes === 1;
    },
  };
}
