// Change markers on PostgreSQL.
import { randomId } from '../../lib/keys';
import { toMarker } from '../markers-row';
import type { MarkersStore } from '../types';
import { holdsNul, read, type Pool } from './database';

export function createMarkersRepository(pool: Pool): MarkersStore {
  return {
    async create(siteId, input) {
      const row = { id: randomId('mk_'), site_id: siteId, survey_id: input.surveyId ?? null, day: input.day, label: input.label, created_at: Date.now() };
      await read(() => pool.query('INSERT INTO markers (id, site_id, survey_id, day, label, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [row.id, row.site_id, row.survey_id, row.day, row.label, row.created_at]));
      return toMarker(row);
    },
    async list(siteId, q) {
      const where = ['site_id = $1'];
      const params: string[] = [siteId];
      const add = (sql: string, value: string) => (params.push(value), where.push(sql.replace('?', `$${params.length}`)));
      if (q.fromDay) add('day >= ?', q.fromDay);
      if (q.toDay) add('day <= ?', q.toDay);
      if (q.surveyId) add('(survey_id IS NULL OR survey_id = ?)', q.surveyId);
      const rows = await read(async () => (await pool.query(`SELECT * FROM markers WHERE ${where.join(' AND ')} ORDER BY day, created_at LIMIT 1000`, params)).rows);
      return rows.map(toMarker);
    },
    async get(siteId, id) {
      if (holdsNul([id])) return undefined;
      const row = (await read(async () => (await pool.query('SELECT * FROM markers WHERE id = $1 AND site_id = $2', [id, siteId])).rows))[0];
      return row && toMarker(row);
    },
    async delete(siteId, id) {
      if (holdsNul([id])) return false;
      return read(async () => ((await pool.query('DELETE FROM markers WHERE id = $1 AND site_id = $2', [id, siteId])).rowCount ?? 0) === 1);
    },
  };
}
