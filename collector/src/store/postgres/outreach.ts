// Following up responses on PostgreSQL: each change in a batch transaction, the row locked so
// that two collectors' changes to one response apply one after the other.
import { applyChange, followUpEvent, newEntry, toFollowUp, type LogRow, type OutreachRow } from '../outreach-record';
import type { OutreachStore } from '../types';
import type { Batcher } from './batch';
import type { EventQueue } from './webhooks';
import { holdsNul, read, type Client, type Pool } from './database';

const ROW = 'SELECT follow_up_state, follow_up_assignee, first_contact_at, follow_up_changed_at FROM responses WHERE id = $1 AND site_id = $2';
const LOG = 'SELECT id, kind, body, actor, created_at FROM follow_up_log WHERE response_id = $1 ORDER BY seq';
const INSERT_LOG = 'INSERT INTO follow_up_log (id, site_id, response_id, kind, body, actor, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';

export function createOutreachRepository(pool: Pool, batcher: Batcher, queueEvents: EventQueue): OutreachStore {
  const log = async (client: Client | Pool, responseId: string) => (await client.query<LogRow>(LOG, [responseId])).rows;
  return {
    async get(siteId, responseId) {
      if (holdsNul([responseId])) return undefined;
      return read(async () => {
        const current = (await pool.query<OutreachRow>(ROW, [responseId, siteId])).rows[0];
        return current && toFollowUp(current, await log(pool, responseId));
      });
    },
    async update(siteId, responseId, change, actor, now) {
      if (holdsNul([responseId])) return undefined;
      return batcher.write(async (client) => {
        const current = (await client.query<OutreachRow>(`${ROW} FOR UPDATE`, [responseId, siteId])).rows[0];
        if (!current) return undefined;
        const { next, entries } = applyChange(current, change, actor, now);
        if (entries.length) {
          await client.query('UPDATE responses SET follow_up_state = $1, follow_up_assignee = $2, first_contact_at = $3, follow_up_changed_at = $4 WHERE id = $5 AND site_id = $6', [
            next.follow_up_state,
            next.follow_up_assignee,
            next.first_contact_at,
            next.follow_up_changed_at,
            responseId,
            siteId,
          ]);
          for (const e of entries) await client.query(INSERT_LOG, [e.id, siteId, responseId, e.kind, e.body, e.actor, e.createdAt]);
          await queueEvents(client, siteId, responseId, ['followup.changed'], now, { followUp: followUpEvent(next, entries) });
        }
        return toFollowUp(next, await log(client, responseId));
      });
    },
    async addNote(siteId, responseId, body, actor, now) {
      if (holdsNul([responseId])) return undefined;
      return batcher.write(async (client) => {
        if (!(await client.query(ROW, [responseId, siteId])).rows[0]) return undefined;
        const entry = newEntry('note', body, actor, now);
        await client.query(INSERT_LOG, [entry.id, siteId, responseId, entry.kind, entry.body, entry.actor, entry.createdAt]);
        return entry;
      });
    },
    async contactDelays(q) {
      const where = ['site_id = $1', 'first_contact_at IS NOT NULL', 'nps <= 6'];
      const params: string[] = [q.siteId];
      const add = (sql: string, value: string) => (params.push(value), where.push(`${sql} $${params.length}`));
      if (q.fromDay) add('day >=', q.fromDay);
      if (q.toDay) add('day <=', q.toDay);
      if (q.surveyId) add('survey_id =', q.surveyId);
      const rows = await read(async () => (await pool.query<{ delay: string }>(`SELECT first_contact_at - created_at AS delay FROM responses WHERE ${where.join(' AND ')} ORDER BY delay`, params)).rows);
      return rows.map((r) => Number(r.delay));
    },
  };
}
